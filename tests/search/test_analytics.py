"""search.analytics: the anonymous query log, the click-through of results and the purge."""

import datetime
import re
from io import StringIO

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import models
from django.utils import translation

from search import analytics
from search.models import QueryLogEntry

pytestmark = pytest.mark.django_db

HETU = "131052-308T"
PHONE = "040 123 4567"
EMAIL = "matti.meikalainen@example.com"


def stored() -> QueryLogEntry:
    return QueryLogEntry.objects.get()


# --- What is stored ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (f"toimeentulotuki {HETU}", ["131052", "308t"]),
        (f"toimeentulotuki {HETU.lower()}", ["131052", "308t"]),
        ("toimeentulotuki 131052\u200b-308T", ["131052", "308t"]),  # a zero-width space
        (f"soita minulle {PHONE}", ["123 4567", "4567"]),
        ("soita minulle +358401234567", ["358", "4567"]),
        (f"velkaneuvonta {EMAIL}", ["matti", "meikalainen", "example"]),
        ("asiakasnumero 131052 308T", ["131052"]),  # not code-shaped, but a date of birth
        ("soita minulle (09) 310 1234", ["310", "1234"]),
        ("soita minulle 358 40 123 45 67", ["358", "123", "45 67"]),
        ("soita minulle 13.10.1952 syntynyt", ["1952", "13.10"]),
        ("soita minulle FI21 1234 5600 0007 85", ["1234", "5600"]),
        ("velkaneuvonta matti.virtanen\uff20example.fi", ["matti", "virtanen", "example"]),
    ],
)
def test_identity_codes_phones_and_emails_are_never_stored(text, secrets):
    entry_id = analytics.query_logged(text, "fi", 3)
    entry = QueryLogEntry.objects.get(pk=entry_id)
    for secret in secrets:
        for field in (entry.query, entry.locale, str(entry)):
            assert secret not in field.lower()
    assert entry.query.split()[0] in ("toimeentulotuki", "soita", "velkaneuvonta", "asiakasnumero")


def test_an_identity_code_cut_by_the_length_limit_leaves_no_digits():
    for length in [*range(180, 215), *range(985, 1015)]:
        text = ("apua " * 250)[:length] + HETU
        analytics.query_logged(text, "fi", 0)
    for query in QueryLogEntry.objects.values_list("query", flat=True):
        assert len(query) <= 200
        assert not re.search(r"\d{4}", query), query


def test_queries_are_lower_cased_with_whitespace_collapsed():
    analytics.query_logged("  Velka\tNEUVONTA \n  Järvilaakso ", "fi", 2)
    assert stored().query == "velka neuvonta järvilaakso"


def test_a_long_query_is_cut_between_words():
    analytics.query_logged("velkaneuvonta " * 40, "fi", 1)
    query = stored().query
    assert len(query) <= 200
    assert set(query.split()) == {"velkaneuvonta"}


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "\x00\x07", None])
def test_nothing_is_stored_for_an_empty_query(text):
    assert analytics.query_logged(text, "fi", 0) is None
    assert not QueryLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("text", "locale", "result_count"),
    [
        ("velka", None, 1),
        ("velka", "sv-FI", "12"),
        ("velka", "fi", None),
        ("velka", "fi", -5),
        ("velka", "fi", 10**30),
        ("a" * 1_000_000, "fi", 1),
        ("ä" * 500 + " velka", "fi", 1),
        (12345, "fi", 1),
    ],
)
def test_odd_input_never_raises(text, locale, result_count):
    entry_id = analytics.query_logged(text, locale, result_count)
    if entry_id is not None:
        entry = QueryLogEntry.objects.get(pk=entry_id)
        assert entry.result_count >= 0
        assert len(entry.query) <= 200


def test_a_database_failure_is_not_the_searchers_problem(monkeypatch):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(QueryLogEntry, "save", broken)
    assert analytics.query_logged("velka", "fi", 1) is None


def test_an_entry_holds_the_language_count_and_date_only(time_machine):
    time_machine.move_to("2026-11-20 23:30:00+02:00", tick=False)
    analytics.query_logged("Skuld", "sv-FI", 4)
    entry = stored()
    assert (entry.query, entry.locale, entry.result_count, entry.clicked_rank) == (
        "skuld",
        "sv",
        4,
        None,
    )
    assert entry.created_on == datetime.date(2026, 11, 20)  # the local date, not UTC's


def test_the_log_has_no_place_for_addresses_times_or_sessions():
    fields = {field.name: field for field in QueryLogEntry._meta.get_fields()}
    assert set(fields) == {"id", "query", "locale", "result_count", "clicked_rank", "created_on"}
    for field in fields.values():
        assert not isinstance(field, models.GenericIPAddressField | models.DateTimeField)
        assert not field.is_relation


# --- Clicks --------------------------------------------------------------------------------


def logged_search(text="velka", result_count=5) -> int:
    return analytics.query_logged(text, "fi", result_count)


def link(entry_id, rank, target="/fi/raha/velkaneuvonta/", language="fi") -> str:
    with translation.override(language):
        return analytics.click_url(entry_id, rank, target)


def test_a_result_of_an_unlogged_search_links_straight_to_the_page():
    assert link(None, 1) == "/fi/raha/velkaneuvonta/"


def test_a_link_off_the_site_is_never_wrapped():
    entry_id = logged_search()
    assert link(entry_id, 1, "https://www.suomi.fi/palvelut") == "https://www.suomi.fi/palvelut"


def test_the_first_click_is_recorded_and_redirects(client):
    entry_id = logged_search()
    url = link(entry_id, 2)
    assert url.startswith("/fi/search/go/?t=")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/fi/raha/velkaneuvonta/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert stored().clicked_rank == 2


def test_only_the_first_click_counts(client):
    entry_id = logged_search()
    client.get(link(entry_id, 3))
    second = client.get(link(entry_id, 1, "/fi/raha/"))
    assert second.status_code == 302 and second["Location"] == "/fi/raha/"
    assert stored().clicked_rank == 3


def test_a_link_preview_is_not_a_click(client):
    entry_id = logged_search()
    assert client.head(link(entry_id, 1)).status_code == 302
    assert stored().clicked_rank is None


def test_a_click_on_a_purged_search_still_leads_to_the_page(client):
    entry_id = logged_search()
    QueryLogEntry.objects.all().delete()
    response = client.get(link(entry_id, 1))
    assert response.status_code == 302 and response["Location"] == "/fi/raha/velkaneuvonta/"


def token_of(url: str) -> str:
    return url.split("?t=", 1)[1]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(".", "", 1),
        lambda token: "",
        lambda token: "not-a-token",
        lambda token: signing.dumps([1, 1, "/fi/"], salt="another.salt"),
    ],
)
def test_a_damaged_or_tampered_link_gets_a_friendly_400(client, tamper):
    entry_id = logged_search()
    token = tamper(token_of(link(entry_id, 1)))
    response = client.get("/fi/search/go/", {"t": token})
    assert response.status_code == 400
    assert "search/click_error.html" in [template.name for template in response.templates]
    assert stored().clicked_rank is None


def test_the_error_page_is_in_the_visitors_language(client):
    response = client.get("/sv/search/go/", {"t": "broken"})
    assert response.status_code == 400
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv"' in response.content.decode()


def test_a_missing_token_is_a_400_not_a_500(client):
    assert client.get("/fi/search/go/").status_code == 400


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "javascript:alert(1)",
        "http:/evil.example/",
        "/fi/\r\nLocation: https://evil.example/",
        "fi/relative/",
    ],
)
def test_no_open_redirect_even_with_a_validly_signed_token(client, target):
    # As if the salt leaked or a future caller signed a foreign URL: still refused.
    entry_id = logged_search()
    token = signing.dumps([entry_id, 1, target], salt=analytics.CLICK_SALT, compress=True)
    response = client.get("/fi/search/go/", {"t": token})
    assert response.status_code == 400
    assert "Location" not in response
    assert stored().clicked_rank is None
    assert link(entry_id, 1, target) == target  # and such a target is never wrapped


@pytest.mark.parametrize("rank", [-1, 40000])
def test_a_rank_out_of_range_is_not_tracked(rank):
    assert link(logged_search(), rank) == "/fi/raha/velkaneuvonta/"


def test_a_promoted_result_is_tracked_as_rank_zero(client):
    entry_id = logged_search()
    client.get(link(entry_id, 0))
    assert QueryLogEntry.objects.get(pk=entry_id).clicked_rank == 0


def test_only_get_and_head_are_answered(client):
    assert client.post(link(logged_search(), 1)).status_code == 405


# --- Purge ---------------------------------------------------------------------------------


def _entry_days_ago(days: int, today: datetime.date) -> QueryLogEntry:
    return QueryLogEntry.objects.create(
        query=f"{days} days",
        locale="fi",
        result_count=1,
        created_on=today - datetime.timedelta(days),
    )


def test_purge_keeps_the_configured_number_of_days(time_machine, settings):
    time_machine.move_to("2026-11-20 12:00:00+02:00", tick=False)
    today = datetime.date(2026, 11, 20)
    for days in (0, 399, 400, 401, 800):
        _entry_days_ago(days, today)
    assert analytics.query_log_purge() == 2
    assert sorted(QueryLogEntry.objects.values_list("query", flat=True)) == [
        "0 days",
        "399 days",
        "400 days",
    ]
    settings.SEARCH_QUERY_LOG_DAYS = 30
    assert analytics.query_log_purge() == 2
    assert list(QueryLogEntry.objects.values_list("query", flat=True)) == ["0 days"]


def test_purge_command(time_machine):
    time_machine.move_to("2026-11-20 12:00:00+02:00", tick=False)
    today = datetime.date(2026, 11, 20)
    for days in (0, 5, 11):
        _entry_days_ago(days, today)
    out = StringIO()
    call_command("search_log_purge", "--days", "10", stdout=out)
    assert "1" in out.getvalue()
    assert QueryLogEntry.objects.count() == 2
