"""ElasticsearchBackend against a live cluster: ranking, highlight, facets, typos, synonyms.

Runs only where ELASTICSEARCH_URL names a cluster (CI starts one); elsewhere the module is
skipped, with the reason in the test summary. Each run uses its own index prefix and deletes
its indices afterwards, so it can share a cluster.
"""

import os
import secrets
from dataclasses import replace

import pytest

from search.backends.base import FACET_TARGET_GROUP, FACET_TOPIC, IndexDocument, SearchQuery
from search.backends.elasticsearch import ElasticsearchBackend

pytestmark = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL not set: Elasticsearch contract tests need a live cluster",
)

SYNONYMS = {
    "fi": ["laina, velka", "sossun raha, toimeentulotuki", "juominen => päihteet"],
    "sv": [],
    "en": [],
}


class ClusterMustAnswer:
    """The fallback: writes are accepted, but a search reaching it fails the test."""

    name = "database"

    def search(self, query):
        raise AssertionError("Elasticsearch did not answer; the fallback was asked")

    def autocomplete(self, prefix, locale, *, limit=8):
        raise AssertionError("Elasticsearch did not answer; the fallback was asked")

    def index_documents(self, documents):
        pass

    def delete_documents(self, keys):
        pass

    def rebuild(self, documents, *, progress=None):
        return 0


DOCUMENTS = [
    IndexDocument(
        key="page:1",
        locale="fi",
        kind="service",
        title="Velkaneuvonta",
        url="/fi/velkaneuvonta/",
        summary="Maksutonta apua velkojen ja raha-asioiden kanssa.",
        body="Talous- ja velkaneuvonta auttaa, kun laskut kasaantuvat. <script>alert(1)</script>",
        keywords=("ulosotto",),
        topics=("money",),
        topic_labels=("Raha",),
        target_groups=("adults",),
        target_group_labels=("Aikuiset",),
        page_id=1,
    ),
    IndexDocument(
        key="page:2",
        locale="fi",
        kind="service",
        title="Toimeentulotuki",
        url="/fi/toimeentulotuki/",
        summary="Viimesijainen taloudellinen tuki Kelasta.",
        body="Jos rahat eivät riitä välttämättömiin menoihin, voit hakea toimeentulotukea. "
        "Velkojen maksuun tukea ei yleensä saa.",
        topics=("money",),
        topic_labels=("Raha",),
        target_groups=("adults", "families"),
        target_group_labels=("Aikuiset", "Lapsiperheet"),
        page_id=2,
    ),
    IndexDocument(
        key="page:3",
        locale="fi",
        kind="service",
        title="Päihdepalvelut",
        url="/fi/paihdepalvelut/",
        summary="Tukea, kun alkoholi tai huumeet aiheuttavat ongelmia.",
        body="Päihdepalveluihin voi hakeutua ilman lähetettä.",
        lay_terms=("ryyppääminen",),
        topics=("substance",),
        topic_labels=("Päihteet",),
        target_groups=("adults",),
        target_group_labels=("Aikuiset",),
        page_id=3,
    ),
    IndexDocument(
        key="page:10",
        locale="en",
        kind="service",
        title="Debt advice",
        url="/en/debt-advice/",
        summary="Free help with debts and money matters.",
        topics=("money",),
        topic_labels=("Money",),
        page_id=10,
    ),
]


@pytest.fixture(scope="module")
def backend():
    backend = ElasticsearchBackend(
        url=os.environ["ELASTICSEARCH_URL"],
        fallback=ClusterMustAnswer(),
        index_prefix=f"test-{secrets.token_hex(4)}",
        # A cold CI cluster may take longer than production's 0.3 s on the first queries;
        # the timeout itself is tested with sockets in test_elasticsearch.py.
        timeout=5.0,
        synonym_rules=SYNONYMS.get,
    )
    assert backend.rebuild(DOCUMENTS) == len(DOCUMENTS)
    yield backend
    backend.delete_indices()


def _search(backend, text, locale="fi", **kwargs):
    results = backend.search(SearchQuery(text=text, locale=locale, **kwargs))
    assert results.fell_back is False
    assert results.backend == "elasticsearch"
    return results


def _keys(results):
    return [hit.key for hit in results.hits]


def test_a_title_match_ranks_above_a_body_match(backend):
    assert _keys(_search(backend, "velka")) == ["page:1", "page:2"]


def test_compound_parts_match(backend):
    assert _keys(_search(backend, "neuvonta")) == ["page:1"]


def test_inflected_words_match_their_base_form(backend):
    assert _keys(_search(backend, "toimeentulotuen"))[0] == "page:2"


def test_typos_are_forgiven_and_corrected(backend):
    results = _search(backend, "velkaneuvota")

    assert _keys(results)[0] == "page:1"
    assert results.suggestion == "velkaneuvonta"


def test_correct_words_get_no_suggestion(backend):
    assert _search(backend, "velkaneuvonta").suggestion is None


def test_editors_synonyms_apply(backend):
    assert "page:1" in _keys(_search(backend, "lainat"))  # laina, velka
    assert "page:3" in _keys(_search(backend, "juomisesta"))  # juominen => päihteet


def test_multi_word_synonyms_apply(backend):
    # "sossun raha, toimeentulotuki": the phrase finds the page titled Toimeentulotuki.
    assert _keys(_search(backend, "sossun rahaa"))[0] == "page:2"


def test_lay_terms_find_the_page(backend):
    # Only among page 3's lay terms, and in no synonym rule.
    assert _keys(_search(backend, "ryyppäämisestä")) == ["page:3"]


def test_locales_are_searched_separately(backend):
    assert _keys(_search(backend, "debt", locale="en")) == ["page:10"]
    assert _keys(_search(backend, "debt")) == []


def test_snippets_mark_matches_and_escape_the_page_text(backend):
    [hit] = _search(backend, "laskut").hits

    assert "<mark>laskut</mark>" in hit.snippet.lower()
    assert "&lt;script&gt;" in hit.snippet
    assert "<script>" not in hit.snippet


def test_facets_count_topics_and_target_groups(backend):
    results = _search(backend, "velka")

    assert [(f.value, f.label, f.count) for f in results.facets[FACET_TOPIC]] == [
        ("money", "Raha", 2)
    ]
    assert [(f.value, f.label, f.count) for f in results.facets[FACET_TARGET_GROUP]] == [
        ("adults", "Aikuiset", 2),
        ("families", "Lapsiperheet", 1),
    ]


def test_filters_restrict_hits_and_facets(backend):
    results = _search(backend, "velka", target_group="families")

    assert _keys(results) == ["page:2"]
    assert results.total == 1
    # Facets count the filtered hits, as in the database backend.
    assert [(f.value, f.count) for f in results.facets[FACET_TOPIC]] == [("money", 1)]
    assert [(f.value, f.count) for f in results.facets[FACET_TARGET_GROUP]] == [
        ("adults", 1),
        ("families", 1),
    ]
    assert _keys(_search(backend, "velka", topic="substance")) == []


def test_pagination(backend):
    first = _search(backend, "velka", per_page=1)
    second = _search(backend, "velka", per_page=1, page=2)
    far = _search(backend, "velka", per_page=50, page=10_000)

    assert (_keys(first), _keys(second), first.total) == (["page:1"], ["page:2"], 2)
    assert (far.hits, far.total) == ([], 2)


@pytest.mark.parametrize(
    "text", ['"velka" AND (laina OR x)*', "velka^100 title:*", "{!lucene}velka", "\\/*?"]
)
def test_query_syntax_is_plain_text(backend, text):
    _search(backend, text)  # answers (no hits or some), never an error or a fallback


def test_autocomplete_completes_titles(backend):
    assert backend.autocomplete("velkan", "fi") == ["Velkaneuvonta"]
    assert backend.autocomplete("toimeentulo", "fi") == ["Toimeentulotuki"]
    assert backend.autocomplete("päihdep", "fi") == ["Päihdepalvelut"]


def test_updates_replace_and_delete_by_key(backend):
    extra = IndexDocument(
        key="page:20", locale="fi", kind="topic", title="Kuntoutus", url="/fi/kuntoutus/"
    )
    backend.index_documents([extra])
    backend.refresh()
    assert _keys(_search(backend, "kuntoutus")) == ["page:20"]

    backend.index_documents([replace(extra, title="Sovittelu")])
    backend.refresh()
    assert _keys(_search(backend, "kuntoutus")) == []
    assert _keys(_search(backend, "sovittelu")) == ["page:20"]

    backend.delete_documents(["page:20", "page:unknown"])
    backend.refresh()
    assert _keys(_search(backend, "sovittelu")) == []


def test_rebuild_switches_each_alias_to_one_new_index(backend):
    client = backend.client
    before = set(client.indices.get_alias(name=backend.alias("fi")).body)

    backend.rebuild(DOCUMENTS)

    after = set(client.indices.get_alias(name=backend.alias("fi")).body)
    assert len(after) == 1
    assert after != before
    assert not client.indices.exists(index=",".join(before))
    assert _keys(_search(backend, "velka")) == ["page:1", "page:2"]
