"""What only the database backend does: its vocabulary and statistics, the structures of
each database, the thesaurus at query time, and odd input against the real FTS5 / tsquery
parsers. The behaviour all backends share is in test_contract.py."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.backends import database, db_engines
from search.backends.base import IndexDocument, SearchQuery
from search.backends.database import DatabaseBackend
from search.backends.db_engines import tsvector_literal
from search.models import IndexStats, IndexTerm, IndexWord, SearchDocument, Synonym
from tests.search.test_contract import DOCUMENTS, service

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = DatabaseBackend()
    backend.clear()
    return backend


def doc_freq(term, locale="fi"):
    row = IndexTerm.objects.filter(locale=locale, term=term).first()
    return row.doc_freq if row else 0


def word_freq(word, locale="fi"):
    row = IndexWord.objects.filter(locale=locale, word=word).first()
    return row.doc_freq if row else 0


def test_vocabulary_and_statistics_follow_every_change(backend):
    backend.index_documents([service("a", "Velkaneuvonta"), service("b", "Velat ja laskut")])
    assert doc_freq("velka") == 2 and doc_freq("velkaneuvonta") == 1
    assert word_freq("velat") == 1 and word_freq("velkaneuvonta") == 1
    stats = IndexStats.objects.get(locale="fi")
    assert stats.documents == 2
    assert stats.title_length == len(SearchDocument.objects.get(key="a").title_terms.split()) + len(
        SearchDocument.objects.get(key="b").title_terms.split()
    )

    backend.index_documents([service("a", "Asumisneuvonta")])  # replaces, not adds
    assert doc_freq("velka") == 1 and doc_freq("velkaneuvonta") == 0
    assert not IndexTerm.objects.filter(term="velkaneuvonta").exists()
    assert word_freq("asumisneuvonta") == 1 and word_freq("velkaneuvonta") == 0
    assert IndexStats.objects.get(locale="fi").documents == 2

    backend.delete_documents(["a", "b", "never-indexed"])
    assert not IndexTerm.objects.exists() and not IndexWord.objects.exists()
    stats = IndexStats.objects.get(locale="fi")
    assert stats.documents == 0 and stats.title_length == 0 and stats.body_length == 0


def test_rebuild_gives_the_same_statistics_as_indexing_one_by_one(backend):
    for document in DOCUMENTS:
        backend.index_documents([document])
    incremental = sorted(IndexTerm.objects.values_list("locale", "term", "doc_freq"))
    words = sorted(IndexWord.objects.values_list("locale", "word", "doc_freq"))
    stats = sorted(IndexStats.objects.values_list("locale", "documents", "body_length"))
    assert backend.rebuild(DOCUMENTS) == len(DOCUMENTS)
    assert sorted(IndexTerm.objects.values_list("locale", "term", "doc_freq")) == incremental
    assert sorted(IndexWord.objects.values_list("locale", "word", "doc_freq")) == words
    assert sorted(IndexStats.objects.values_list("locale", "documents", "body_length")) == stats


def test_the_same_key_twice_in_one_batch_is_indexed_once(backend):
    backend.index_documents([service("a", "Velka"), service("a", "Laina")])
    assert SearchDocument.objects.count() == 1
    assert SearchDocument.objects.get().title == "Laina"
    assert doc_freq("velka") == 0 and doc_freq("laina") == 1


def test_terms_and_folded_title_are_stored_per_field(backend):
    backend.index_documents(
        [service("a", "Päihde-\u00a0ja mielenterveyspalvelut", "Apua.", lay_terms=("krapula",))]
    )
    row = SearchDocument.objects.get(key="a")
    assert "mielenterveyspalvelu" in row.title_terms.split()
    assert row.lay_terms.split() == ["krapula"]
    assert row.title_folded == "päihde ja mielenterveyspalvelut"
    assert row.topics == "|money-and-debt|"


def test_lay_terms_are_indexed_without_their_compound_parts(backend):
    backend.index_documents([service("a", "Neuvonta", lay_terms=("rahaongelmat", "velat"))])
    assert SearchDocument.objects.get(key="a").lay_terms.split() == ["rahaongelma", "velka"]


def test_tsvector_literal_quotes_and_weights():
    literal = tsvector_literal({"title": ["vaa'an", "a\\b"], "body": ["vaa'an"]})
    assert literal == "'vaa''an':1A,3D 'a\\\\b':2A"


def test_tsvector_literal_is_accepted_by_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    literal = tsvector_literal(
        {"title": ["vaa'an", "a\\b", "vuokra-asunto", "x" * 100], "body": ["3:n"] * 300}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector @@ %s::tsquery", [literal, "'vaa''an' & 'a\\\\b'"])
        assert cursor.fetchone()[0] is True


def test_common_terms_rank_but_do_not_find(backend, monkeypatch):
    monkeypatch.setattr(database, "COMMON_MIN_DOCS", 1)
    monkeypatch.setattr(database, "COMMON_SHARE", 0.3)
    documents = [service(f"p{i}", f"Palvelu {i}", body="palvelu") for i in range(6)]
    documents.append(service("debt", "Velkaneuvonnan palvelu"))
    backend.index_documents(documents)
    results = backend.search(SearchQuery(text="velkaneuvonta palvelu", locale="fi"))
    assert [hit.key for hit in results.hits] == ["debt"]
    # Only common words: they find after all.
    assert backend.search(SearchQuery(text="palvelu", locale="fi")).total == 7


def test_many_matches_on_postgresql_take_the_bounded_path(backend, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    # A bound of five: a query estimated at a million matches takes the bounded path, and
    # the five prominent (title) matches are ranked before any top-up.
    monkeypatch.setattr(db_engines, "PG_RANKED_MATCHES", 5)
    backend.index_documents(DOCUMENTS)
    results = backend.search(SearchQuery(text="velkaneuvonta", locale="fi"))
    assert results.hits[0].key == "debt"
    assert backend.search(SearchQuery(text="pikavipit", locale="fi")).hits[0].key == "debt"


def test_weak_matches_far_below_the_best_are_left_out(backend):
    backend.index_documents(
        [
            service("strong", "Velkaneuvonta", "Velkaneuvonta auttaa velkaneuvonnassa."),
            service("weak", "Muut asiat", body="x " * 200 + "neuvonta"),
        ]
    )
    results = backend.search(SearchQuery(text="velkaneuvonta", locale="fi"))
    assert [hit.key for hit in results.hits] == ["strong"]
    assert results.total == 1


def test_a_suggestion_keeps_the_rest_of_the_query(backend):
    backend.index_documents(DOCUMENTS)
    results = backend.search(SearchQuery(text="Velkaneuvota Järvilinnassa!", locale="fi"))
    assert results.suggestion == "velkaneuvonta Järvilinnassa!"


def test_unknown_words_without_a_close_word_get_no_suggestion(backend):
    backend.index_documents(DOCUMENTS)
    results = backend.search(SearchQuery(text="xylofoni", locale="fi"))
    assert results.hits == [] and results.suggestion is None


def test_an_index_without_the_locale_answers_with_nothing(backend):
    backend.index_documents(DOCUMENTS[:1])
    assert backend.search(SearchQuery(text="velka", locale="en")).hits == []
    assert backend.autocomplete("ve", "en") == []


class TestThesaurusAtQueryTime:
    def test_words_to_search_for_as_well(self, backend):
        backend.index_documents(DOCUMENTS)
        assert backend.search(SearchQuery(text="luottokortti", locale="fi")).hits == []
        Synonym.objects.create(
            language="fi", terms="luottokortti, kulutusluotto", expands_to="velka"
        )
        query = SearchQuery(text="luottokortit", locale="fi")
        assert [hit.key for hit in backend.search(query).hits][0] == "debt"

    def test_equivalent_words_find_each_other(self, backend):
        backend.index_documents([service("a", "Asunnottomuus"), service("b", "Kodittomuus")])
        Synonym.objects.create(language="fi", terms="asunnottomuus, kodittomuus")
        keys = {
            hit.key for hit in backend.search(SearchQuery(text="kodittomuus", locale="fi")).hits
        }
        assert keys == {"a", "b"}

    def test_rules_fire_on_whole_words_not_on_compound_parts_of_the_rule(self, backend):
        backend.index_documents(DOCUMENTS)
        Synonym.objects.create(language="fi", terms="rahaongelmat", expands_to="velkaneuvonta")
        Synonym.objects.create(language="fi", terms="alkoholi", expands_to="päihdekuntoutus")
        # "alkoholiongelma" shares "ongelma" with the first rule: it must not fire...
        hits = backend.search(SearchQuery(text="alkoholiongelma", locale="fi")).hits
        assert "debt" not in [hit.key for hit in hits]
        # ... while the second fires through the query word's part "alkoholi".
        assert hits[0].key == "detox"

    def test_a_phrase_the_thesaurus_adds_finds_the_page_it_names(self, monkeypatch):
        """Expanded to "home services", "home help for elderly" finds the page of that title
        although its words are common alone and it never says "elderly"."""
        backend = DatabaseBackend()
        backend.index_documents(
            [
                service(
                    "older",
                    "Counselling for older persons",
                    locale="en",
                    body="Advice for elderly people.",
                ),
                service("home", "Home services", "Cleaning and shopping.", locale="en"),
                *[
                    service(f"s{i}", f"Service {i}", locale="en", body="home services at home")
                    for i in range(12)
                ],
            ]
        )
        Synonym.objects.create(language="en", terms="home help", expands_to="home services")
        query = SearchQuery(text="home help for elderly", locale="en")
        assert [hit.key for hit in backend.search(query).hits][:2] == ["home", "older"]

    def test_a_mistyped_thesaurus_word_that_no_page_uses_still_leads_to_its_pages(self):
        backend = DatabaseBackend()
        backend.index_documents(
            [
                service("birth", "Birth control counselling", locale="en"),
                service("debt", "Debt counselling", locale="en"),
            ]
        )
        Synonym.objects.create(language="en", terms="contraception", expands_to="birth control")
        results = backend.search(SearchQuery(text="contraseption", locale="en"))
        assert [hit.key for hit in results.hits] == ["birth"]
        assert results.suggestion == "contraception"
        # A word that merely shares letters with a thesaurus word is left alone.
        Synonym.objects.create(language="en", terms="handrails", expands_to="home alterations")
        assert backend.search(SearchQuery(text="rails", locale="en")).suggestion is None

    def test_a_word_of_an_added_phrase_alone_says_less_than_the_phrase(self, monkeypatch):
        """ "contraception" → "birth control": a page about coercive control is no answer."""
        backend = DatabaseBackend()
        backend.index_documents(
            [
                service("birth", "Birth control counselling", locale="en"),
                service("control", "Coercive control", locale="en"),
                *[service(f"s{i}", f"Service {i}", locale="en") for i in range(10)],
            ]
        )
        Synonym.objects.create(language="en", terms="contraception", expands_to="birth control")

        def scores():
            hits = backend.search(SearchQuery(text="contraception", locale="en")).hits
            return {hit.key: hit.score for hit in hits}

        alone = scores()
        assert list(alone) == ["birth", "control"]
        monkeypatch.setattr(database, "PHRASE_WORD_WEIGHT", 1.0)
        backend = DatabaseBackend()  # no kept plans
        as_much = scores()
        assert alone["control"] / alone["birth"] < as_much["control"] / as_much["birth"]

    def test_multi_word_rules_need_the_words_in_a_row(self, backend):
        backend.index_documents(DOCUMENTS)
        Synonym.objects.create(language="fi", terms="rahat loppu", expands_to="toimeentulotuki")
        first = backend.search(SearchQuery(text="rahat melkein loppu", locale="fi")).hits
        assert "assistance" not in [hit.key for hit in first]
        assert backend.search(SearchQuery(text="rahat loppu", locale="fi")).hits[0].key == (
            "assistance"
        )

    def test_switched_off_entries_do_nothing(self, backend):
        backend.index_documents(DOCUMENTS)
        Synonym.objects.create(
            language="fi", terms="luottokortti", expands_to="velka", active=False
        )
        assert backend.search(SearchQuery(text="luottokortti", locale="fi")).hits == []

    def test_lay_terms_find_the_topics_pages(self, backend):
        backend.index_documents(
            [service("detox", "Päihdekuntoutus", lay_terms=("krapula", "viina"))]
        )
        assert backend.search(SearchQuery(text="krapulassa", locale="fi")).hits[0].key == "detox"


# Hostile text against the real FTS5 and tsquery parsers: whatever a resident types, the
# match expression is built from quoted analysed terms only.
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(
        alphabet=st.one_of(
            st.characters(),
            st.sampled_from(list("\"'*()^:-+~|&!\\%_ ANDORNOTNEARvelkaä")),
        ),
        max_size=300,
    )
)
def test_arbitrary_text_never_raises(backend, text):
    if not SearchDocument.objects.exists():
        backend.index_documents(DOCUMENTS)
    for locale in ("fi", "sv", "xx"):
        results = backend.search(SearchQuery(text=text, locale=locale))
        assert results.total >= len(results.hits)
        backend.autocomplete(text, locale)


def test_indexing_odd_documents_never_raises(backend):
    odd = IndexDocument(
        key="odd",
        locale="fi",
        kind="service",
        title="\"'*()^ AND OR NOT \\ % _ vaa'an " + "x" * 5000,
        url="/odd/",
        summary="\x00\x01 " + "sana " * 10_000,
        body="🤦🏼‍♂️ 3:n EU:n " * 1000,
    )
    backend.index_documents([odd])
    assert backend.search(SearchQuery(text="vaa'an", locale="fi")).hits[0].key == "odd"


def test_the_bounded_path_tops_up_only_when_the_ranked_matches_are_too_few(backend, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    # A bound of five: a query estimated at a million matches takes the bounded path, and
    # the five prominent (title) matches are ranked before any top-up.
    monkeypatch.setattr(db_engines, "PG_RANKED_MATCHES", 5)
    backend.index_documents(
        [service(f"title{i}", f"Velkaneuvonta {i}") for i in range(5)]
        + [service(f"body{i}", f"Palvelu {i}", body="velkaneuvonta") for i in range(5)]
    )
    engine = backend.engine
    terms = ["velkaneuvonta"]
    few = engine.candidates("fi", terms, None, None, 3, estimated_matches=10**6)
    assert len(few) == 3  # the ranked title matches fill the limit: no top-up
    assert all(row[0] in _ids("title") for row in few)
    many = engine.candidates("fi", terms, None, None, 8, estimated_matches=10**6)
    assert len(many) == 8 and len({row[0] for row in many}) == 8  # topped up, no repeats


def _ids(prefix):
    from search.models import SearchDocument

    return set(SearchDocument.objects.filter(key__startswith=prefix).values_list("id", flat=True))


def _keys(backend, text):
    return [hit.key for hit in backend.search(SearchQuery(text=text, locale="fi")).hits]


def test_a_kept_query_plan_never_hides_what_was_just_indexed(backend):
    """Query plans are kept per process; a write here, or a publish anywhere (the content
    version), retires them, so a page is found at once, also by a query asked before."""
    backend.index_documents([service("a", "Kotihoito")])
    assert _keys(backend, "velkaneuvonta") == []
    backend.index_documents([service("b", "Velkaneuvonta")])
    assert _keys(backend, "velkaneuvonta") == ["b"]

    assert _keys(backend, "laskut") == []
    other_process = DatabaseBackend()  # another worker writes; its publish bumps the version
    other_process.index_documents([service("c", "Laskut ja maksut")])
    from portal.page_cache import content_version_bump

    content_version_bump()
    assert _keys(backend, "laskut") == ["c"]
