"""How the weekly search-query report shows what it reports: a long query is kept whole in
a title while the cell wraps; the week's days are dates of the admin language, and the
report opens on the week in progress."""

import datetime

import pytest
from wagtail.users.models import UserProfile

from portal import roles
from portal.factories import StaffUserFactory
from tests.search.test_query_report import REPORT, searched, sign_in, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_query_shown(settings):
    settings.SEARCH_REPORT_MIN_SEARCHES = 1


def test_a_200_character_query_is_shown_whole_in_a_title_of_a_wrapping_cell(client):
    query = ("velkaneuvonta" * 16)[:200]
    searched(query, 2, results=0)
    response = staff_client(client, roles.EDITOR).get(REPORT, {"week": "2026-W45"})
    html = response.content.decode()
    assert response.status_code == 200
    cell = f'<span class="search-report-query" title="{query}">{query}</span>'
    assert html.count(cell) == 2  # top queries and queries without results
    assert "css/search_reports.css" in html


def test_a_long_query_title_is_escaped(client):
    query = '"><script>alert(1)</script>' + "a" * 170
    searched(query, results=0, on=datetime.date(2026, 11, 2))
    html = staff_client(client, roles.EDITOR).get(REPORT, {"week": "2026-W45"}).content.decode()
    assert "<script>alert(1)" not in html
    assert 'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in html


def editor_in(client, language):
    user = StaffUserFactory(role=roles.EDITOR)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return sign_in(client, user)


@pytest.mark.parametrize(
    ("language", "week_line"),
    [
        # The Finnish way: d.m.yyyy without leading zeros, a spaced dash between the days.
        ("fi", "Viikko 49/2026 (30.11.2026 – 6.12.2026): 3 hakua."),
        ("sv", "Vecka 49/2026 (2026-11-30 – 2026-12-06): 3 sökningar."),
        ("en", "Week 49/2026 (11/30/2026 – 12/06/2026): 3 searches."),
    ],
)
def test_the_week_is_shown_in_the_dates_of_the_admin_language(client, language, week_line):
    searched("velka", 3, on=datetime.date(2026, 12, 1))
    html = editor_in(client, language).get(REPORT, {"week": "2026-W49"}).content.decode()
    assert week_line in " ".join(html.split())


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("fi", "Viikko on kesken: mukana ovat haut tähän päivään, 3.12.2026, asti."),
        ("sv", "Veckan pågår: sökningarna till och med i dag, 2026-12-03, räknas."),
        ("en", "The week is in progress: searches up to today, 12/03/2026, are counted."),
    ],
)
def test_the_report_opens_on_the_week_in_progress(client, time_machine, language, note):
    time_machine.move_to("2026-12-03 23:30:00+02:00", tick=False)  # Thursday, Helsinki time
    searched("velka", 2, on=datetime.date(2026, 11, 30))
    searched("viime viikko", 2, on=datetime.date(2026, 11, 29))
    html = " ".join(editor_in(client, language).get(REPORT).content.decode().split())
    assert 'value="2026-W49"' in html
    assert ">velka<" in html and "viime viikko" not in html
    assert note in html


def test_a_week_that_has_ended_is_not_said_to_be_in_progress(client, time_machine):
    time_machine.move_to("2026-12-03 12:00:00+02:00", tick=False)
    html = editor_in(client, "fi").get(REPORT, {"week": "2026-W48"}).content.decode()
    assert "Viikko 48/2026 (23.11.2026 – 29.11.2026)" in " ".join(html.split())
    assert "kesken" not in html
