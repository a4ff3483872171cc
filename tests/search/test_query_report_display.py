"""How the weekly search-query report shows what it reports: a long query is kept whole in
a title while the cell wraps."""

import datetime

import pytest

from portal import roles
from tests.search.test_query_report import REPORT, searched, staff_client

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
