"""search.suggestions: the search box offers titles and known terms, never raw index words."""

import pytest

from portal.ptv.topics import TAXONOMY
from search.backends.database import DatabaseBackend
from search.models import IndexWord, Synonym
from search.services import autocomplete_run
from tests.search.test_contract import DOCUMENTS, service

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = DatabaseBackend()
    backend.clear()
    backend.index_documents(DOCUMENTS)
    return backend


def test_a_raw_index_word_is_never_suggested(backend):
    # "velkojien" is in a page's text, but it is neither a title nor a known term.
    assert IndexWord.objects.filter(locale="fi", word="velkojien").exists()
    assert backend.autocomplete("velkoj", "fi") == []
    titles = {document.title for document in DOCUMENTS if document.locale == "fi"}
    topics = {topic.titles["fi"] for topic in TAXONOMY}
    assert set(backend.autocomplete("ve", "fi", limit=50)) <= titles | topics


def test_a_thesaurus_term_is_suggested_as_written(backend):
    Synonym.objects.create(
        language="fi", terms="Pikavippi, kulutusluotto", expands_to="velkaneuvonta"
    )
    assert backend.autocomplete("pikav", "fi") == ["Pikavippi"]
    assert backend.autocomplete("kulutus", "fi") == ["kulutusluotto"]


def test_lay_terms_and_topic_names_are_known_terms(backend):
    Synonym.objects.create(language="fi", topic_key="substance-use", terms="krapula, viina")
    assert backend.autocomplete("krap", "fi") == ["krapula"]
    assert "Asuminen" in backend.autocomplete("asum", "fi")


def test_an_entry_switched_off_is_no_longer_suggested(backend):
    entry = Synonym.objects.create(language="fi", terms="pikavippi")
    assert backend.autocomplete("pikav", "fi") == ["pikavippi"]
    entry.active = False
    entry.save()
    assert backend.autocomplete("pikav", "fi") == []


def test_titles_come_first_then_terms(backend):
    Synonym.objects.create(language="fi", terms="velkakierre, velka", expands_to="ulosotto")
    completions = backend.autocomplete("velk", "fi")
    assert completions[0] == "Talous- ja velkaneuvonta"
    assert completions[1:3] == ["velka", "velkakierre"]
    assert backend.autocomplete("velk", "fi", limit=1) == ["Talous- ja velkaneuvonta"]


def test_a_term_that_is_also_a_title_is_offered_once(backend):
    backend.index_documents([service("shelter2", "Turvakoti")])
    Synonym.objects.create(language="fi", terms="turvakoti, turvapaikka")
    assert backend.autocomplete("turvak", "fi") == ["Turvakoti"]


def test_a_swedish_page_gets_swedish_terms(backend):
    Synonym.objects.create(language="fi", terms="skuldfälla")  # a Finnish editor's slip
    Synonym.objects.create(language="sv", terms="skuldsanering, snabblån")
    assert backend.autocomplete("snabb", "sv") == ["snabblån"]
    assert "skuldfälla" not in backend.autocomplete("skuld", "sv")
    assert backend.autocomplete("snabb", "fi") == []
    assert backend.autocomplete("snabb", "sv-fi") == ["snabblån"]


def test_a_term_completes_from_any_of_its_words(backend):
    Synonym.objects.create(language="fi", terms="lopettaa juominen")
    assert backend.autocomplete("juom", "fi") == ["lopettaa juominen"]
    assert backend.autocomplete("lopettaa ju", "fi") == ["lopettaa juominen"]


@pytest.mark.parametrize("prefix", ["", "v", " ", "%", "__"])
def test_too_little_typed_suggests_nothing(backend, prefix):
    Synonym.objects.create(language="fi", terms="velka")
    assert backend.autocomplete(prefix, "fi") == []


def test_suggestions_cost_at_most_two_queries(backend, django_assert_max_num_queries, settings):
    settings.SEARCH_BACKEND = "database"
    Synonym.objects.create(language="fi", terms="velkakierre")
    autocomplete_run("velk", "fi")  # reads the known terms once per content version
    with django_assert_max_num_queries(2):
        assert "velkakierre" in autocomplete_run("velk", "fi")
