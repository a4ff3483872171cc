"""Words written apart that the pages write as one, and compounds no page uses whole: both
backends search for the compound (`search.situation.joined_compounds`), and the database
backend weighs the parts of an unknown compound as the word."""

import pytest

from search import situation
from search.backends import database
from search.backends.base import SearchQuery
from search.backends.es_query import query_body
from tests.search.conftest import settle
from tests.search.test_contract import service


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "mielenterveys palvelut",
            "fi",
            [("mielenterveys", "palvelut", ("mielenterveyspalvelu",))],
        ),
        ("ajan varaus", "fi", [("ajan", "varaus", ("ajanvaraus",))]),
        ("social jour", "sv", [("social", "jour", ("socialjour",))]),
        # Not next to each other, a function word, a word Finnish does not know as one.
        ("mielenterveys, palvelut", "fi", []),
        ("apua ja neuvoja", "fi", []),
        ("velat kasvaa", "fi", []),
        # English does not write compounds as one word.
        ("health care", "en", []),
    ],
)
def test_words_written_apart_are_also_read_as_one(voikko, text, language, expected):
    assert situation.joined_compounds(text, language) == expected


def test_the_elasticsearch_query_also_asks_for_the_joined_compound(voikko):
    body = query_body(SearchQuery(text="mielenterveys palvelut", locale="fi"))
    alternatives = body["query"]["bool"]["must"][0]["bool"]["should"]
    queries = [clause["multi_match"]["query"] for clause in alternatives if "multi_match" in clause]
    assert "mielenterveyspalvelu" in queries


def test_parts_of_a_compound_no_page_uses_weigh_as_the_word(voikko):
    tokens = [
        database._Token(
            "päihdekuntoutukseen", "päihdekuntoutukseen", ("päihdekuntoutus", "päihde", "kuntoutus")
        ),
        database._Token("velkaneuvonta", "velkaneuvonta", ("velkaneuvonta", "velka", "neuvonta")),
    ]
    weights = {
        "päihdekuntoutus": 1.0,
        "päihde": 0.6,
        "kuntoutus": 0.6,
        "velkaneuvonta": 1.0,
        "velka": 0.6,
        "neuvonta": 0.6,
    }
    doc_freqs = {"päihde": 4, "kuntoutus": 9, "velkaneuvonta": 2, "velka": 3, "neuvonta": 8}
    database._weigh_parts_of_unknown_compounds(tokens, doc_freqs, weights)
    assert weights["päihde"] == weights["kuntoutus"] == database.UNKNOWN_COMPOUND_PART_WEIGHT
    # A compound the pages use keeps its parts weaker than itself.
    assert weights["velka"] == weights["neuvonta"] == 0.6


@pytest.mark.django_db
def test_two_words_find_the_page_that_writes_them_as_one(voikko, backend):
    backend.index_documents(
        [
            service(
                "lowthreshold",
                "Matalan kynnyksen mielenterveyspalvelut",
                "Keskusteluapua ilman lähetettä.",
                topic="mental-health",
            ),
            service(
                "rehab",
                "Mielenterveyskuntoutujien asuminen",
                "Tukea asumiseen mielenterveyden ongelmissa. Palvelut kotiin.",
                topic="mental-health",
            ),
        ]
    )
    settle(backend)
    results = backend.search(SearchQuery(text="mielenterveys palvelut", locale="fi"))
    assert [hit.key for hit in results.hits][:1] == ["lowthreshold"]


def test_lay_terms_find_pages_when_only_the_thesaurus_added_rare_terms():
    # "äidille kotiapua": the rare term is an expansion, so the typed lay term finds too.
    assert database._match_terms(["ikääntynyt"], {"kotiapu", "äiti"}, {"kotiapu"}) == [
        "ikääntynyt",
        "kotiapu",
    ]
    # A rare word the resident typed is enough on its own.
    assert database._match_terms(["velkaneuvonta"], {"velkaneuvonta"}, {"velka"}) == [
        "velkaneuvonta"
    ]


def test_a_longer_thesaurus_phrase_overrides_the_rules_of_its_words():
    fired = [(0, 2, "substance abuse"), (1, 1, "abuse"), (2, 1, "rehabilitation")]
    assert database._longest_matches(fired) == [(0, 2, "substance abuse"), (2, 1, "rehabilitation")]
