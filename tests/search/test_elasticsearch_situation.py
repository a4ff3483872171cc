"""The Elasticsearch bodies follow the database backend's situation rules (search.situation):
word salience, the topic boost and the topic fallback. Pure: no cluster needed."""

import pytest

from search import situation
from search.backends.base import SearchHit, SearchQuery, SearchResults
from search.backends.es_query import (
    fallback_body,
    query_body,
    query_evidence,
    weighted_query_words,
    with_fallback,
)
from search.situation import TopicPattern


def _query(text, locale="fi", **kwargs):
    return SearchQuery(text=text, locale=locale, **kwargs)


def _word_clauses(body):
    matched = body["query"]["bool"]["must"][0]["bool"]
    first = matched["should"][0]
    by_word = first.get("bool", matched)
    return [clause["multi_match"] for clause in by_word["should"]]


def test_generic_words_weigh_less_and_function_words_are_left_out(voikko):
    words = weighted_query_words("tarvitsen apua velkojen kanssa", "fi")
    assert [(terms[0], salience) for terms, salience in words] == [
        ("tarvita", situation.GENERIC_WEIGHT),
        ("apu", situation.GENERIC_WEIGHT),
        ("velka", 1.0),
    ]
    clauses = _word_clauses(query_body(_query("tarvitsen apua velkojen kanssa")))
    assert [clause.get("boost") for clause in clauses] == [0.3, 0.3, None]


def test_a_query_of_function_words_only_is_still_searched(voikko):
    assert len(weighted_query_words("mitä on", "fi")) == 2


PATTERNS = (
    TopicPattern("money-and-debt", (frozenset({"velka"}),)),
    TopicPattern("money-and-debt", (frozenset({"pikavippi"}),)),
    TopicPattern("substance-use", (frozenset({"juoda"}),)),
)


def test_the_evidence_is_reckoned_as_the_database_backend_does(voikko):
    evidence = query_evidence("pikavipit ja velat kasvaa", "fi", PATTERNS)
    assert evidence == pytest.approx({"money-and-debt": 2 / 3})


def test_documents_of_the_topic_the_query_points_to_are_multiplied(voikko):
    evidence = {"money-and-debt": 0.5, "substance-use": 0.1}
    body = query_body(_query("pikavipit ja velat"), evidence=evidence)
    scoring = body["query"]["function_score"]
    assert scoring["boost_mode"] == "multiply"
    assert scoring["score_mode"] == "max"
    assert scoring["functions"] == [
        {
            "filter": {"term": {"topics": "money-and-debt"}},
            "weight": situation.topic_factor(evidence, ["money-and-debt"]),
        }
    ]
    assert "bool" in scoring["query"]  # the text query itself, unchanged
    # Without evidence the body is the plain text query.
    assert "bool" in query_body(_query("pikavipit ja velat"))["query"]


def test_the_fallback_asks_for_the_topics_documents_topic_page_first():
    body = fallback_body(_query("vräkt", "sv", target_group="adults"), "housing")
    query = body["query"]["bool"]
    assert {"term": {"topics": "housing"}} in query["filter"]
    assert {"term": {"target_groups": "adults"}} in query["filter"]
    assert query["should"] == [{"term": {"kind": "topic"}}]
    assert body["size"] == 10


def _source(key, kind="service", title="x"):
    return {"_source": {"key": key, "kind": kind, "title": title, "url": f"/{key}/"}}


def test_the_fallback_documents_follow_the_results_without_repeating_them():
    query = _query("vräkt", "sv")
    hit = SearchHit(key="a", kind="service", title="A", url="/a/", snippet="", score=1.0)
    results = SearchResults(query=query, hits=[hit], total=1, backend="elasticsearch")
    response = {
        "hits": {
            "total": {"value": 3},
            "hits": [_source("t", "topic", "Boende"), _source("a"), _source("b")],
        }
    }
    merged = with_fallback(results, response, "housing", "Boende")
    assert [h.key for h in merged.hits] == ["a", "t", "b"]
    assert merged.total == 3
    assert merged.topic_fallback.value == "housing"
    assert merged.topic_fallback.label == "Boende"
