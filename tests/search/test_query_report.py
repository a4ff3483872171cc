"""The weekly report of search queries: what it counts, by ISO week, and who may see it
(anonymous → sign-in, no permission → refused, editor and manager → the report)."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal import roles
from portal.factories import StaffUserFactory, TOTPDeviceFactory
from search.analytics import current_week, week_report
from search.models import QueryLogEntry
from tests.conftest import STAFF_PASSWORD, totp_code

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/search-queries/"
# ISO week 45 of 2026 runs from Monday 2 to Sunday 8 November.
MONDAY = datetime.date(2026, 11, 2)
SUNDAY = datetime.date(2026, 11, 8)


def searched(query, times=1, *, results=3, clicked=None, on=MONDAY, locale="fi"):
    QueryLogEntry.objects.bulk_create(
        QueryLogEntry(
            query=query, locale=locale, result_count=results, clicked_rank=clicked, created_on=on
        )
        for _ in range(times)
    )


@pytest.fixture(autouse=True)
def _every_query_shown(settings):
    # Most tests count single searches; the threshold has a test of its own.
    settings.SEARCH_REPORT_MIN_SEARCHES = 1


def test_queries_searched_once_are_left_out_by_default(settings):
    settings.SEARCH_REPORT_MIN_SEARCHES = 2
    searched("velka", 2, results=0)
    searched("matti virtanen kotikatu 5", 1, results=0)
    report = week_report(2026, 45, None)
    assert report.searches == 3
    for table in (report.top_queries, report.zero_result_queries, report.unclicked_queries):
        assert "matti virtanen kotikatu 5" not in [row.query for row in table]
    assert [row.query for row in report.zero_result_queries] == ["velka"]


def rows(table) -> list[tuple]:
    return [(row.query, row.locale, row.searches) for row in table]


# --- What is counted -----------------------------------------------------------------------


def test_top_queries_with_results_and_clicks():
    searched("velka", 3, results=10, clicked=1)
    searched("velka", 1, results=6)
    searched("asunto", 2, results=0)
    searched("krapula", 1, results=4, on=SUNDAY)
    report = week_report(2026, 45, None)
    assert report.searches == 7
    assert (report.starts_on, report.ends_on) == (MONDAY, SUNDAY)
    assert [(r.query, r.searches) for r in report.top_queries] == [
        ("velka", 4),
        ("asunto", 2),
        ("krapula", 1),
    ]
    velka = report.top_queries[0]
    assert velka.average_results == pytest.approx(9.0)  # (3 × 10 + 6) / 4
    assert velka.click_share == pytest.approx(0.75)
    assert report.top_queries[1].click_share == 0


def test_zero_result_and_unclicked_queries():
    searched("asunto", 2, results=0)
    searched("velka", 2, results=10, clicked=2)
    searched("velka", 1, results=10)  # clicked at other times: not "nobody clicked"
    searched("krapula", 3, results=4)
    searched("kämppä", 1, results=0)
    report = week_report(2026, 45, None)
    assert rows(report.zero_result_queries) == [("asunto", "fi", 2), ("kämppä", "fi", 1)]
    assert rows(report.unclicked_queries) == [("krapula", "fi", 3)]


def test_weeks_are_iso_weeks_from_monday_to_sunday():
    searched("sunday before", on=MONDAY - datetime.timedelta(days=1))
    searched("monday", on=MONDAY)
    searched("sunday", on=SUNDAY)
    searched("monday after", on=SUNDAY + datetime.timedelta(days=1))
    assert {r.query for r in week_report(2026, 45, None).top_queries} == {"monday", "sunday"}
    assert {r.query for r in week_report(2026, 44, None).top_queries} == {"sunday before"}
    assert {r.query for r in week_report(2026, 46, None).top_queries} == {"monday after"}


def test_the_days_around_new_year_belong_to_their_iso_year():
    # 2026 has 53 ISO weeks; its last one ends on Sunday 3 January 2027.
    searched("new year's eve", on=datetime.date(2026, 12, 31))
    searched("second of january", on=datetime.date(2027, 1, 2))
    searched("fourth of january", on=datetime.date(2027, 1, 4))
    assert {r.query for r in week_report(2026, 53, None).top_queries} == {
        "new year's eve",
        "second of january",
    }
    assert {r.query for r in week_report(2027, 1, None).top_queries} == {"fourth of january"}


def test_a_week_the_year_does_not_have_is_refused():
    with pytest.raises(ValueError):
        week_report(2025, 53, None)


def test_one_language_or_all():
    searched("velka", 2)
    searched("skuld", 1, locale="sv")
    assert rows(week_report(2026, 45, "sv").top_queries) == [("skuld", "sv", 1)]
    assert rows(week_report(2026, 45, None).top_queries) == [
        ("velka", "fi", 2),
        ("skuld", "sv", 1),
    ]


def test_each_table_has_at_most_fifty_rows():
    for number in range(60):
        searched(f"haku {number:02d}", 1 + number % 3, results=0)
    report = week_report(2026, 45, None)
    assert len(report.top_queries) == len(report.zero_result_queries) == 50
    counts = [row.searches for row in report.zero_result_queries]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 9), (2026, 46)),  # Monday: the week has just begun
        (datetime.date(2026, 11, 15), (2026, 46)),  # Sunday: still the same week
        (datetime.date(2027, 1, 2), (2026, 53)),  # Saturday of 2026's last ISO week
        (datetime.date(2027, 1, 4), (2027, 1)),
    ],
)
def test_the_default_week_is_the_one_in_progress(today, expected):
    assert current_week(today) == expected


@pytest.mark.parametrize(
    ("today", "counted_until"),
    [
        (datetime.date(2026, 11, 4), datetime.date(2026, 11, 4)),
        (MONDAY, MONDAY),
        (SUNDAY, SUNDAY),
        (SUNDAY + datetime.timedelta(days=1), None),  # the week has ended
        (MONDAY - datetime.timedelta(days=1), None),  # nor has it begun
    ],
)
def test_a_week_in_progress_is_counted_until_today(today, counted_until):
    searched("velka", on=MONDAY)
    report = week_report(2026, 45, None, today=today)
    assert report.counted_until == counted_until
    assert (report.starts_on, report.ends_on) == (MONDAY, SUNDAY)
    assert report.searches == 1


# --- Who may see it ------------------------------------------------------------------------


def sign_in(client, user):
    device = TOTPDeviceFactory(user=user)
    client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": STAFF_PASSWORD, "otp_token": totp_code(device)},
    )
    return client


def staff_client(client, role):
    return sign_in(client, StaffUserFactory(role=role))


def test_the_report_needs_sign_in(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_report_is_refused_without_the_permission(client):
    # Someone who may use the admin (here: only that) but not read the query log.
    group = Group.objects.create(name="Translators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = StaffUserFactory(role="Translators")
    searched("velka", 2, on=datetime.date.today() - datetime.timedelta(days=7))
    response = sign_in(client, user).get(REPORT)
    # Wagtail answers a permission refusal in the admin with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert sign_in(client, user).get(REPORT, {"export": "csv"}).status_code == 302
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_report_is_refused_to_staff_without_admin_access(client):
    response = staff_client(client, roles.ADVISER).get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("role", [roles.MANAGER, roles.EDITOR, roles.ADMIN])
def test_managers_and_editors_see_this_weeks_queries(client, role, time_machine):
    time_machine.move_to("2026-11-11 12:00:00+02:00", tick=False)  # Wednesday of week 46
    today = datetime.date(2026, 11, 11)
    searched("velka", 4, results=10, clicked=1, on=today)
    searched("asunto", 2, results=0, on=datetime.date(2026, 11, 9))
    searched("viime viikko", on=SUNDAY)
    manager = staff_client(client, role)
    response = manager.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2026-W46"' in html
    assert ">velka<" in html and ">asunto<" in html
    assert "viime viikko" not in html
    assert REPORT in manager.get(reverse("wagtailadmin_home")).content.decode()  # the menu


def test_the_report_filters_by_week_and_language(client):
    searched("velka", 2)
    searched("skuld", 1, locale="sv")
    searched("toinen viikko", on=datetime.date(2026, 11, 9))
    manager = staff_client(client, roles.MANAGER)
    html = manager.get(REPORT, {"week": "2026-W45", "locale": "sv"}).content.decode()
    assert ">skuld<" in html and ">velka<" not in html
    html = manager.get(REPORT, {"week": "2026-W46"}).content.decode()
    assert ">toinen viikko<" in html and ">velka<" not in html


def test_the_report_links_to_the_weeks_around_it_and_its_csv(client):
    html = (
        staff_client(client, roles.MANAGER)
        .get(REPORT, {"week": "2027-W01", "locale": "sv"})
        .content.decode()
    )
    assert f'href="{REPORT}?week=2026-W53&amp;locale=sv"' in html
    assert f'href="{REPORT}?week=2027-W02&amp;locale=sv"' in html
    assert f'href="{REPORT}?week=2027-W01&amp;locale=sv&amp;export=csv"' in html


@pytest.mark.parametrize("week", ["2025-W53", "viikko 45", "2026-W99", "9999999999-W1"])
def test_a_bad_week_is_explained_not_a_500(client, week):
    response = staff_client(client, roles.MANAGER).get(REPORT, {"week": week})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"week"}
    assert response.context["report"] is None


def test_queries_are_shown_as_text(client):
    searched("<script>alert(1)</script>")
    html = staff_client(client, roles.MANAGER).get(REPORT, {"week": "2026-W45"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- CSV -----------------------------------------------------------------------------------


def test_csv_download(client):
    searched("velka", 4, results=10, clicked=1)
    searched("velka", 1, results=5)
    searched("asunto", 2, results=0)
    searched("krapula", 1, results=4)
    searched('=HYPERLINK("http://evil.example")', 1, results=0)
    searched("skuld", 1, locale="sv")
    response = staff_client(client, roles.MANAGER).get(
        REPORT, {"week": "2026-W45", "locale": "fi", "export": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="search-queries-2026-W45-fi.csv"'
    )
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = table[0], table[1:]
    assert len(header) == 6
    by_table = {}
    for row in body:
        by_table.setdefault(row[0], []).append(row[1:])
    top, zero, unclicked = by_table.values()
    assert top[0] == ["velka", "fi", "5", "9.0", "0.80"]
    assert ["asunto", "fi", "2", "", ""] in zero
    assert unclicked == [["krapula", "fi", "1", "", ""]]
    assert all(row[2] == "fi" for row in body)  # no Swedish searches in a Finnish report
    # A spreadsheet must not run what someone typed into the search box.
    assert not any(cell.startswith("=") for row in body for cell in row)
    assert '\'=HYPERLINK("http://evil.example")' in [row[0] for row in zero]
