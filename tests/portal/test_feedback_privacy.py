"""Feedback comments and the search query log are scrubbed by the same `redact`: what one
keeps out, the other does too."""

import pytest

from portal.models import PageFeedback
from search import analytics
from search.models import QueryLogEntry

pytestmark = pytest.mark.django_db

# (typed, the personal data in it, the placeholder it becomes)
PERSONAL_DATA = [
    ("hetu 131052 - 308T", ["131052", "308"], "[henkilötunnus]"),
    ("hetu 1310523 08T", ["131052", "3 08"], "[henkilötunnus]"),
    ("hetu 131052\u2013308T", ["131052", "308"], "[henkilötunnus]"),
    ("hetu 010594 Y 9032", ["010594", "9032"], "[henkilötunnus]"),
    ("kirjoita matti [at] example.com", ["matti", "example"], "[email]"),
    ("kirjoita matti(at)example.com", ["matti", "example"], "[email]"),
    ("kirjoita matti at example dot com", ["matti", "example"], "[email]"),
    ("kirjoita matti [ät] example [dot] fi", ["matti", "example"], "[email]"),
    ("kirjoita matti @ example . com", ["matti", "example"], "[email]"),
    ("kirjoita matti ät gmail piste com", ["matti", "gmail"], "[email]"),
]


def test_stored_feedback_carries_placeholders_not_the_data(client, service_page):
    # One page for all the cases: building it is the slow part.
    for typed, secrets, placeholder in PERSONAL_DATA:
        response = client.post(
            "/fi/feedback/", {"page": service_page.pk, "useful": "0", "comment": f"{typed} kiitos"}
        )
        assert response.status_code == 302
        comment = PageFeedback.objects.latest("pk").comment
        assert comment == f"{typed.split()[0]} {placeholder} kiitos", typed
        for secret in secrets:
            assert secret not in comment, typed
    assert PageFeedback.objects.count() == len(PERSONAL_DATA)


@pytest.mark.parametrize(("typed", "secrets", "placeholder"), PERSONAL_DATA)
def test_stored_search_log_entry_carries_placeholders_not_the_data(typed, secrets, placeholder):
    analytics.query_logged(typed, "fi", 0)
    query = QueryLogEntry.objects.get().query
    assert query == f"{typed.split()[0]} {placeholder}"
    for secret in secrets:
        assert secret not in query


def test_feedback_keeps_the_dates_and_amounts_it_is_about(client, service_page):
    comment = "Aukioloajat 24.12.2026 olivat väärin, maksu 3580 euroa"
    client.post("/fi/feedback/", {"page": service_page.pk, "useful": "0", "comment": comment})
    assert PageFeedback.objects.get().comment == comment
