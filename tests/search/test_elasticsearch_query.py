"""search.backends.es_query: search and autocomplete bodies, and results read from responses."""

import html
import json

import pytest

from search import analysis
from search.backends.base import FACET_TARGET_GROUP, FACET_TOPIC, FacetValue, SearchQuery
from search.backends.es_query import (
    MAX_QUERY_WORDS,
    MAX_RESULT_WINDOW,
    SNIPPET_LENGTH,
    autocomplete_body,
    autocomplete_titles,
    query_body,
    results_from_response,
    searchable,
)


def _query(text="velkaneuvonta", **kwargs):
    return SearchQuery(text=text, locale=kwargs.pop("locale", "fi"), **kwargs)


def _multi_matches(node):
    """Every multi_match clause anywhere in a query."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "multi_match":
                yield value
            yield from _multi_matches(value)
    elif isinstance(node, list):
        for item in node:
            yield from _multi_matches(item)


def _matched(body):
    """The clause that decides which documents match (the rest only scores or filters)."""
    return body["query"]["bool"]["must"][0]["bool"]


def _by_word(body):
    """The per-word clauses' bool: with one word it is the matching clause itself; with more,
    it is the first alternative, beside the phrase."""
    matched = _matched(body)
    first = matched["should"][0]
    return first.get("bool", matched)


def _word_clauses(body):
    return [clause["multi_match"] for clause in _by_word(body)["should"]]


def _boosts(fields):
    return {name: float(boost) for name, _, boost in (f.partition("^") for f in fields)}


def test_each_word_matches_by_any_of_its_analysed_terms():
    body = query_body(_query("Velkaneuvontaan hakeminen"))

    clauses = _word_clauses(body)
    expected = analysis.analyze_words("Velkaneuvontaan hakeminen", "fi", stopwords=True)
    assert [clause["query"] for clause in clauses] == [" ".join(terms) for terms in expected]
    assert all(clause["operator"] == "or" for clause in clauses)


def test_most_words_must_match():
    # One of two, two of three, three of four: residents type questions, and a page need not
    # repeat every word of them.
    assert _by_word(query_body(_query("velka laina ulosotto")))["minimum_should_match"] == "75%"


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert [c["query"] for c in _word_clauses(query_body(_query("mitä on velka")))] == ["velka"]
    assert len(_word_clauses(query_body(_query("mitä on")))) == 2


def test_long_queries_are_cut():
    body = query_body(_query(" ".join(f"sana{n}" for n in range(40))))

    assert len(_word_clauses(body)) == MAX_QUERY_WORDS


def test_term_fields_are_weighted_title_above_summary_above_body():
    clause = _word_clauses(query_body(_query()))[0]

    boosts = _boosts(clause["fields"])
    assert boosts["title_terms"] > boosts["summary_terms"] > boosts["body_terms"]
    assert boosts["lay_terms"] < boosts["body_terms"]


def test_typos_are_forgiven_on_the_term_fields():
    clause = _word_clauses(query_body(_query("velkaneuvota")))[0]

    assert clause["fuzziness"] == "AUTO"
    assert clause["prefix_length"] == 1
    assert all(field.split("^")[0].endswith("_terms") for field in clause["fields"])


def test_several_words_are_also_tried_as_one_phrase_for_multi_word_synonyms():
    body = query_body(_query("sossun raha"))

    matched = _matched(body)
    assert matched["minimum_should_match"] == 1
    phrase = matched["should"][1]["multi_match"]
    assert phrase["query"] == " ".join(
        terms[0] for terms in analysis.analyze_words("sossun raha", "fi", stopwords=True)
    )
    assert phrase["operator"] == "and"
    assert phrase["auto_generate_synonyms_phrase_query"] is False


def test_raw_text_fields_only_add_to_the_score():
    body = query_body(_query("velkaneuvonta"))

    raw = body["query"]["bool"]["should"][0]["multi_match"]
    boosts = _boosts(raw["fields"])
    assert boosts["title"] > boosts["summary"] > boosts["body"]
    assert raw["boost"] < 1
    # In `should` next to a `must`: it cannot make a document match on its own.
    assert "must" in body["query"]["bool"]


@pytest.mark.parametrize(
    "text",
    [
        '"velka" AND title:laina* OR (x:y) -z ~2 \\ /re.*gex/ {!lucene} _exists_:body',
        "velka^100 OR * OR ?",
        "<script>alert(1)</script>",
    ],
)
def test_query_syntax_is_never_passed_through(text):
    body = query_body(_query(text))
    serialized = json.dumps(body)

    assert "query_string" not in serialized
    assert "simple_query_string" not in serialized
    for clause in _multi_matches(body["query"]):
        assert set(clause["query"]) <= set("abcdefghijklmnopqrstuvwxyzåäö0123456789 -'")


@pytest.mark.parametrize("text", ["", "   ", "?!", "***", "\x00\u200b"])
def test_text_without_words_matches_nothing(text):
    query = _query(text)

    assert not searchable(query)
    body = query_body(query)
    assert body["query"] == {"match_none": {}}
    assert body["size"] == 0


def test_pagination_uses_from_and_size():
    body = query_body(_query(page=3, per_page=20))

    assert body["from"] == 40
    assert body["size"] == 20
    assert body["track_total_hits"] is True


def test_pages_beyond_the_result_window_ask_for_no_hits():
    body = query_body(_query(page=MAX_RESULT_WINDOW, per_page=10))

    assert body["size"] == 0
    assert "from" not in body


def test_filters_restrict_the_hits_in_filter_context():
    body = query_body(_query(topic="money", target_group="adults"))

    assert body["query"]["bool"]["filter"] == [
        {"term": {"topics": "money"}},
        {"term": {"target_groups": "adults"}},
    ]


def test_without_filters_there_is_no_filter_clause():
    assert "filter" not in query_body(_query())["query"]["bool"]


def test_facets_are_terms_aggregations_with_a_document_for_the_label():
    aggs = query_body(_query(topic="money"))["aggs"]

    # The facets count the hits, filters included, as in the database backend.
    assert aggs[FACET_TOPIC]["terms"]["field"] == "topics"
    assert aggs[FACET_TARGET_GROUP]["terms"]["field"] == "target_groups"
    label = aggs[FACET_TOPIC]["aggs"]["label"]["top_hits"]
    assert label == {"size": 1, "_source": {"includes": ["topics", "topic_labels"]}}


def test_highlight_marks_with_mark_tags_on_escaped_text():
    highlight = query_body(_query())["highlight"]

    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert set(highlight["fields"]) == {"summary", "body"}
    # The raw fields are language-analysed, so the highlight query targets them directly.
    assert highlight["highlight_query"]["multi_match"]["fields"] == ["summary", "body"]


def test_did_you_mean_uses_a_phrase_suggester_that_only_offers_corrections_with_hits():
    suggest = query_body(_query("Velkaneuvota"))["suggest"]["did_you_mean"]

    assert suggest["text"] == "velkaneuvota"
    assert suggest["phrase"]["field"] == "suggest_words"
    assert suggest["phrase"]["direct_generator"][0]["suggest_mode"] == "missing"
    assert "collate" in suggest["phrase"]


def test_autocomplete_body_is_a_bool_prefix_query_on_the_title():
    body = autocomplete_body("Velkaneu", "fi", limit=5)

    clause = body["query"]["multi_match"]
    assert clause["type"] == "bool_prefix"
    assert clause["query"] == "velkaneu"
    assert clause["fields"] == ["title_suggest", "title_suggest._2gram", "title_suggest._3gram"]
    assert body["_source"] == ["title"]


@pytest.mark.parametrize("prefix", [" *? ", "v", ""])
def test_autocomplete_needs_two_letters(prefix):
    assert autocomplete_body(prefix, "fi") is None


def test_autocomplete_titles_are_distinct_and_limited():
    response = {"hits": {"hits": [{"_source": {"title": t}} for t in ["A", "B", "A", "C"]]}}

    assert autocomplete_titles(response, limit=2) == ["A", "B"]


def _hit(key="page:1", **source):
    return {
        "_id": key,
        "_score": 3.5,
        "_source": {
            "key": key,
            "kind": "service",
            "title": "Velkaneuvonta",
            "url": "/fi/velkaneuvonta/",
            "summary": "Apua <velkoihin> & talouteen.",
            "body": "",
            "reference": "",
            "page_id": "12",
            "topics": ["money"],
        }
        | source,
    }


def _response(hits, *, total=None, aggregations=None, suggest=None):
    return {
        "hits": {"total": {"value": len(hits) if total is None else total}, "hits": hits},
        "aggregations": aggregations or {},
        "suggest": suggest or {},
    }


def test_results_read_hits_total_and_scores():
    query = _query()
    results = results_from_response(query, _response([_hit()], total=31), backend="elasticsearch")

    assert results.total == 31
    assert results.backend == "elasticsearch"
    assert results.fell_back is False
    [hit] = results.hits
    assert (hit.key, hit.kind, hit.title, hit.url) == (
        "page:1",
        "service",
        "Velkaneuvonta",
        "/fi/velkaneuvonta/",
    )
    assert hit.score == 3.5
    assert hit.page_id == 12
    assert hit.topics == ("money",)


def test_snippet_prefers_the_highlighted_summary_then_the_body():
    hit = _hit() | {"highlight": {"body": ["b <mark>x</mark>"], "summary": ["s <mark>x</mark>"]}}
    body_only = _hit() | {"highlight": {"body": ["b <mark>x</mark>"]}}

    results = results_from_response(_query(), _response([hit, body_only]), backend="es")

    assert [h.snippet for h in results.hits] == ["s <mark>x</mark>", "b <mark>x</mark>"]


def test_unhighlighted_snippet_is_marked_by_analysed_terms_and_escaped():
    # Elasticsearch marked nothing: its stemmer does not see "velka" in "velkaneuvontaan".
    summary = "Ohjaamme <b>velkaneuvontaan</b> & muualle. " * 20
    results = results_from_response(
        _query("velka"), _response([_hit(summary=summary)]), backend="es"
    )

    [hit] = results.hits
    assert hit.snippet.startswith("Ohjaamme &lt;b&gt;<mark>velkaneuvontaan</mark>&lt;/b&gt;")
    assert "<b>" not in hit.snippet
    plain = html.unescape(hit.snippet.replace("<mark>", "").replace("</mark>", ""))
    assert len(plain) <= SNIPPET_LENGTH + 1


def test_facets_read_counts_and_labels_from_the_aggregations():
    def bucket(key, count, keys, labels):
        source = {"topics": keys, "topic_labels": labels}
        return {"key": key, "doc_count": count, "label": {"hits": {"hits": [{"_source": source}]}}}

    aggregations = {
        FACET_TOPIC: {
            "buckets": [
                bucket("money", 5, ["housing", "money"], ["Asuminen", "Raha"]),
                bucket("work", 2, ["work"], []),  # no label: the key is shown
                bucket("housing", 2, ["housing"], ["Asuminen"]),
            ]
        },
        FACET_TARGET_GROUP: {"buckets": []},
    }

    results = results_from_response(_query(), _response([], aggregations=aggregations), backend="e")

    # Most hits first, then by label, as in the database backend.
    assert results.facets[FACET_TOPIC] == [
        FacetValue(value="money", label="Raha", count=5),
        FacetValue(value="housing", label="Asuminen", count=2),
        FacetValue(value="work", label="work", count=2),
    ]
    assert results.facets[FACET_TARGET_GROUP] == []


def test_suggestion_is_offered_for_a_different_word():
    suggest = {"did_you_mean": [{"text": "velkaneuvota", "options": [{"text": "velkaneuvonta"}]}]}

    results = results_from_response(
        _query("velkaneuvota"), _response([], suggest=suggest), backend="e"
    )

    assert results.suggestion == "velkaneuvonta"


def test_no_suggestion_for_another_form_of_the_same_word():
    # The suggester compares words as written; analysis knows "benefit" and "benefits" (or
    # "toimeentulotuen" and "toimeentulotukea") are one word, so this is no correction.
    suggest = {"did_you_mean": [{"options": [{"text": "housing benefit"}]}]}

    results = results_from_response(
        _query("housing benefits", locale="en"), _response([], suggest=suggest), backend="e"
    )

    assert results.suggestion is None


def test_no_suggestion_without_options():
    suggest = {"did_you_mean": [{"text": "velka", "options": []}]}

    results = results_from_response(_query("velka"), _response([], suggest=suggest), backend="e")

    assert results.suggestion is None
