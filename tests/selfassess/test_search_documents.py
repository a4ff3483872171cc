"""Self-assessments are found by site search, in their own language and by everyday words."""

import pytest

from search.backends import get_backend
from search.backends.base import KIND_SELF_ASSESSMENT, SearchQuery
from tests.selfassess.conftest import everyday_page, instrument_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_search")]


def _search(text, language="fi"):
    return get_backend().search(SearchQuery(text=text, locale=language)).hits


def test_published_self_assessments_are_found_by_name(assessments):
    hits = _search("AUDIT-C")
    assert hits and hits[0].kind == KIND_SELF_ASSESSMENT
    assert hits[0].page_id == instrument_page("auditc").pk
    swedish = _search("AUDIT-C", "sv")
    assert swedish[0].page_id == instrument_page("auditc", "sv").pk


def test_a_self_assessment_shows_under_its_topic(assessments):
    hits = _search("WHO-5")
    assert hits[0].page_id == instrument_page("who5").pk
    assert "mental-health" in hits[0].topics


def test_an_unpublished_self_assessment_leaves_search(assessments):
    page = instrument_page("gad7")
    assert any(hit.page_id == page.pk for hit in _search("GAD-7"))
    page.unpublish()
    assert not any(hit.page_id == page.pk for hit in _search("GAD-7"))


def test_an_editor_built_self_assessment_is_found_by_its_title(assessments):
    page = everyday_page()
    hits = _search(page.title)
    assert hits[0].page_id == page.pk
    assert hits[0].kind == KIND_SELF_ASSESSMENT


@pytest.mark.parametrize(
    ("language", "query", "instrument"),
    [
        ("fi", "alkoholitesti", "auditc"),
        ("sv", "test för ångest", "gad7"),
        ("en", "depression self-test", "phq9"),
        ("en", "alcohol test", "audit"),
    ],
)
def test_residents_find_a_self_assessment_by_its_subject(assessments, language, query, instrument):
    top_three = [hit.page_id for hit in _search(query, language)[:3]]
    expected = {instrument_page(instrument, language).pk}
    if instrument in ("audit", "auditc"):  # both ask about alcohol
        expected |= {instrument_page(other, language).pk for other in ("audit", "auditc")}
    assert expected & set(top_three)
