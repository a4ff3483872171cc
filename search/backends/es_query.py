"""Elasticsearch request bodies for a resident's search, and the results read back from them.

Pure (no Django, no network). Only `match`/`multi_match` queries are built, never
`query_string`: the resident's text reaches Elasticsearch as `search.analysis` terms, so
quotes, operators, wildcards and field names are just characters that analysis drops.
"""

import dataclasses
from collections.abc import Mapping
from typing import Any

from elasticsearch.dsl import A, Q, Search

from search import analysis, highlight, ranking, situation
from search.backends.base import (
    FACET_TARGET_GROUP,
    FACET_TOPIC,
    MAX_QUERY_LENGTH,
    FacetValue,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from search.backends.es_mapping import (
    AUTOCOMPLETE_FIELD,
    RAW_FIELD_BOOSTS,
    SUGGEST_FIELD,
    TERM_FIELD_BOOSTS,
    primary_terms,
)
from search.query import clean_query_text

# Elasticsearch refuses from + size beyond index.max_result_window (10,000 by default).
MAX_RESULT_WINDOW = 10_000
FACET_SIZE = 50
SNIPPET_LENGTH = highlight.SNIPPET_LENGTH
# As in the database backend: longer queries are cut, not refused.
MAX_QUERY_WORDS = 16
# How many of a query's words a page must match: one of two, two of three, three of four…
# Residents type questions ("miten haen toimeentulotukea"), and a page need not repeat every
# word of them; the ranking puts pages matching more words first.
MINIMUM_WORDS_MATCHED = "75%"
MIN_AUTOCOMPLETE_LENGTH = 2
# The raw-text (language analyzer) clause only reorders what the term fields matched.
RAW_TEXT_WEIGHT = 0.3
TIE_BREAKER = 0.3
SUGGESTER = "did_you_mean"
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}

# facet name → (key field, label field)
FACET_FIELDS = {
    FACET_TOPIC: ("topics", "topic_labels"),
    FACET_TARGET_GROUP: ("target_groups", "target_group_labels"),
}
SOURCE_FIELDS = ["key", "kind", "title", "url", "summary", "body", "reference", "page_id", "topics"]


def _boosted(boosts: Mapping[str, float]) -> list[str]:
    return [f"{field}^{boost:g}" for field, boost in boosts.items()]


def query_words(text: str, locale: str) -> list[tuple[str, ...]]:
    """The analysed words of a resident's query: per word, its alternative terms.

    Stop words are dropped unless nothing else is left ("mitä on" is still searched for);
    at most MAX_QUERY_WORDS words. The same rule as the database backend's.
    """
    text = clean_query_text(text, max_length=MAX_QUERY_LENGTH)
    words = analysis.analyze_words(text, locale, stopwords=True) or analysis.analyze_words(
        text, locale
    )
    return words[:MAX_QUERY_WORDS]


def weighted_query_words(text: str, locale: str) -> list[tuple[tuple[str, ...], float]]:
    """The query's words as `query_words` gives them, each with its salience
    (`search.situation.word_salience`): what the database backend weighs them by. Function
    words are left out when the query has other words."""
    text = clean_query_text(text, max_length=MAX_QUERY_LENGTH)
    words = []
    for written in analysis.tokenize(text):
        analysed = analysis.analyze_words(written, locale)
        if not analysed:
            continue
        salience = situation.word_salience(written, analysis.base_forms(written, locale), locale)
        if written in analysis.STOPWORDS.get(analysis.primary_language(locale), ()):
            salience = min(salience, situation.FUNCTION_WEIGHT)
        words.append((analysed[0], salience))
    content = [word for word in words if word[1] > situation.FUNCTION_WEIGHT]
    return (content or words)[:MAX_QUERY_WORDS]


def query_evidence(text: str, locale: str, patterns) -> dict[str, float]:
    """Topic key → the share of the query pointing to it, from the thesaurus' lay terms
    (`patterns`, `search.thesaurus.topic_patterns`), as the database backend reckons it."""
    words = []
    for terms, salience in weighted_query_words(text, locale):
        bases, parts = ranking.split_word_terms(terms)
        words.append((frozenset(bases), frozenset(parts) - frozenset(bases), salience))
    return situation.topic_evidence(words, patterns)


def text_query(text: str, locale: str, *, filters=()):
    """The scoring query for `text`, or None when it has no searchable words.

    Each word matches in any term field by any of its terms (base forms, compound parts),
    with typos forgiven (fuzziness AUTO); most words must match (MINIMUM_WORDS_MATCHED). With
    two or more words, the phrase of their main terms is also tried as a whole, so that
    multi-word synonyms ("sossun raha" ⇄ "toimeentulotuki") can fire: the synonym filter
    only sees consecutive tokens.
    """
    text = clean_query_text(text, max_length=MAX_QUERY_LENGTH)
    weighted = weighted_query_words(text, locale)
    words = [terms for terms, _salience in weighted]
    if not words:
        return None
    term_fields = _boosted(TERM_FIELD_BOOSTS)
    common = {
        "fields": term_fields,
        "type": "best_fields",
        "tie_breaker": TIE_BREAKER,
        # Multi-word synonyms become "all of these terms", not phrases: compound parts sit
        # between a document's words, so exact phrases would rarely match.
        "auto_generate_synonyms_phrase_query": False,
    }
    by_word = Q(
        "bool",
        minimum_should_match=MINIMUM_WORDS_MATCHED,
        should=[
            Q(
                "multi_match",
                query=" ".join(terms),
                operator="or",
                # Elasticsearch does not fuzz a term that has synonyms; the others get one
                # edit from 3 characters and two from 6, never on the first letter.
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=20,
                # Words that say little about the situation weigh little (search.situation).
                **({"boost": round(salience, 3)} if salience < 1 else {}),
                **common,
            )
            for terms, salience in weighted
        ],
    )
    if len(words) == 1:
        matched = by_word
    else:
        phrase = Q(
            "multi_match", query=" ".join(terms[0] for terms in words), operator="and", **common
        )
        # Two words the pages may write as one ("mielenterveys palvelut"): the compound
        # stands for both, as in the database backend (`situation.joined_compounds`).
        joined = [
            Q("multi_match", query=" ".join(bases), operator="or", **common)
            for _first, _second, bases in situation.joined_compounds(text, locale)
        ]
        matched = Q("bool", should=[by_word, phrase, *joined], minimum_should_match=1)
    raw_text = Q(
        "multi_match",
        query=" ".join(analysis.tokenize(text)),
        fields=_boosted(RAW_FIELD_BOOSTS),
        type="best_fields",
        tie_breaker=TIE_BREAKER,
        boost=RAW_TEXT_WEIGHT,
    )
    clauses = {"must": [matched], "should": [raw_text]}
    if filters:
        # Filter context: no effect on scores, and cached by Elasticsearch.
        clauses["filter"] = list(filters)
    return Q("bool", **clauses)


def _filters(query: SearchQuery) -> list:
    filters = []
    if query.topic:
        filters.append(Q("term", topics=query.topic))
    if query.target_group:
        filters.append(Q("term", target_groups=query.target_group))
    return filters


def _highlight_query(text: str, locale: str) -> dict:
    """What to mark in the raw texts: the words as typed and their analysed terms, through
    Elasticsearch's language analyzer (it cannot know voikko's compound parts, so "velka"
    marks "velan" but not "velkaneuvonta"; the ranking does not depend on this)."""
    terms = [term for word in query_words(text, locale) for term in word]
    words = analysis.tokenize(text) + terms
    return Q(
        "multi_match",
        query=" ".join(dict.fromkeys(words)),
        fields=["summary", "body"],
        fuzziness="AUTO",
        prefix_length=1,
    ).to_dict()


def searchable(query: SearchQuery) -> bool:
    """Whether `query` has words to search for (not only punctuation)."""
    return bool(query_words(query.text, analysis.primary_language(query.locale)))


def topic_scoring(scoring, evidence: Mapping[str, float] | None):
    """`scoring` with the documents of the topics the query points to multiplied by
    `search.situation.topic_factor`, as the database backend does; unchanged without any."""
    functions = [
        {"filter": Q("term", topics=topic).to_dict(), "weight": factor}
        for topic, value in sorted((evidence or {}).items())
        if (factor := situation.topic_factor({topic: value}, [topic])) > 1
    ]
    if not functions:
        return scoring
    return Q(
        "function_score",
        query=scoring,
        functions=functions,
        score_mode="max",
        boost_mode="multiply",
    )


def build_search(query: SearchQuery, *, evidence: Mapping[str, float] | None = None) -> Search:
    """The `elasticsearch.dsl` Search for `query` (see `query_body`)."""
    locale = analysis.primary_language(query.locale)
    scoring = text_query(query.text, locale, filters=_filters(query))
    if scoring is None:
        return Search().query(Q("match_none")).extra(size=0, track_total_hits=True)
    scoring = topic_scoring(scoring, evidence)

    search = Search().query(scoring).source(SOURCE_FIELDS).extra(track_total_hits=True)
    if query.offset + query.per_page <= MAX_RESULT_WINDOW:
        search = search[query.offset : query.offset + query.per_page]
    else:
        search = search.extra(size=0)

    # Facets count the hits, filters included (as the database backend does).
    for facet, (field, labels_field) in FACET_FIELDS.items():
        values = A("terms", field=field, size=FACET_SIZE)
        # Labels come from one document carrying the value: the keys are stable, the labels
        # are this locale's texts.
        values.metric("label", "top_hits", size=1, _source={"includes": [field, labels_field]})
        search.aggs.bucket(facet, values)

    search = search.highlight_options(
        **HIGHLIGHT_TAGS,
        # Escape the document text, then insert the tags: the snippet is safe HTML.
        encoder="html",
        highlight_query=_highlight_query(query.text, locale),
    )
    # One passage of about the database backend's snippet length, from each field.
    search = search.highlight(
        "summary", "body", fragment_size=SNIPPET_LENGTH, number_of_fragments=1
    )

    cleaned = clean_query_text(query.text, max_length=MAX_QUERY_LENGTH)
    typed = " ".join(analysis.tokenize(cleaned)[:MAX_QUERY_WORDS])
    search = search.suggest(
        SUGGESTER,
        typed,
        phrase={
            "field": SUGGEST_FIELD,
            "size": 1,
            "max_errors": 2,
            "direct_generator": [
                {
                    "field": SUGGEST_FIELD,
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                    "prefix_length": 1,
                }
            ],
            # Only offer a correction that finds pages.
            "collate": {
                "query": {
                    "source": {
                        "match": {SUGGEST_FIELD: {"query": "{{suggestion}}", "operator": "and"}}
                    }
                }
            },
        },
    )
    return search


def query_body(query: SearchQuery, *, evidence: Mapping[str, float] | None = None) -> dict:
    """The body of the search request for `query`; `evidence` (`query_evidence`) boosts the
    topics the query points to."""
    return build_search(query, evidence=evidence).to_dict()


def fallback_body(query: SearchQuery, topic: str) -> dict:
    """The request for the topic fallback (`search.situation.fallback_topic`): the topic's
    documents, its topic page first, as many as a page of results."""
    filters = [Q("term", topics=topic)]
    if query.target_group:
        filters.append(Q("term", target_groups=query.target_group))
    search = (
        Search()
        .query(Q("bool", filter=filters, should=[Q("term", kind="topic")]))
        .source(SOURCE_FIELDS)
        .sort({"_score": {"order": "desc"}}, {"key": {"order": "asc"}})
        .extra(track_total_hits=True)
    )
    return search[: query.per_page].to_dict()


def with_fallback(
    results: SearchResults, response: Mapping[str, Any], topic: str, label: str
) -> SearchResults:
    """`results` followed by the fallback response's documents it lacks (on the first page;
    later pages only count them), with `topic_fallback` set."""
    locale = analysis.primary_language(results.query.locale)
    seen = {hit.key for hit in results.hits}
    extra = [
        _hit(hit, set(), locale)
        for hit in response["hits"]["hits"]
        if hit.get("_source", {}).get("key") not in seen
    ]
    total = response["hits"]["total"]
    count = total["value"] if isinstance(total, Mapping) else int(total)
    hits = list(results.hits)
    if results.query.offset <= results.total:
        hits = (hits + extra)[: results.query.per_page]
    return dataclasses.replace(
        results,
        hits=hits,
        total=results.total + len(extra),
        topic_fallback=FacetValue(value=topic, label=label, count=count),
    )


def autocomplete_body(prefix: str, locale: str, *, limit: int = 8) -> dict | None:
    """The body of an autocomplete request, or None when `prefix` is shorter than two
    letters (as in the database backend)."""
    words = analysis.tokenize(clean_query_text(prefix, max_length=MAX_QUERY_LENGTH))
    if len(" ".join(words)) < MIN_AUTOCOMPLETE_LENGTH:
        return None
    field = AUTOCOMPLETE_FIELD
    search = Search().query(
        Q(
            "multi_match",
            query=" ".join(words),
            type="bool_prefix",
            operator="and",
            fields=[field, f"{field}._2gram", f"{field}._3gram"],
        )
    )
    # A few extra hits, since pages in several places may share a title.
    return search.source(["title"])[: min(limit * 2, 50)].to_dict()


def autocomplete_titles(response: Mapping[str, Any], *, limit: int = 8) -> list[str]:
    titles = (hit.get("_source", {}).get("title") for hit in response["hits"]["hits"])
    return list(dict.fromkeys(title for title in titles if title))[:limit]


def results_from_response(
    query: SearchQuery, response: Mapping[str, Any], *, backend: str
) -> SearchResults:
    """The `SearchResults` of an Elasticsearch response to `query_body(query)`."""
    hits_section = response["hits"]
    locale = analysis.primary_language(query.locale)
    terms = {term for word in query_words(query.text, locale) for term in word}
    hits = [_hit(hit, terms, locale) for hit in hits_section["hits"]]
    total = hits_section["total"]
    return SearchResults(
        query=query,
        hits=hits,
        total=total["value"] if isinstance(total, Mapping) else int(total),
        backend=backend,
        facets=_facets(response.get("aggregations", {})),
        suggestion=_suggestion(query, response.get("suggest", {})),
    )


def _hit(hit: Mapping[str, Any], terms: set[str], locale: str) -> SearchHit:
    source = hit["_source"]
    page_id = source.get("page_id")
    return SearchHit(
        key=source["key"],
        kind=source["kind"],
        title=source["title"],
        url=source["url"],
        snippet=_snippet(source, hit.get("highlight", {}), terms, locale),
        score=float(hit.get("_score") or 0.0),
        reference=source.get("reference") or "",
        page_id=int(page_id) if page_id not in (None, "") else None,
        topics=tuple(source.get("topics") or ()),
    )


def _snippet(
    source: Mapping[str, Any], highlighted: Mapping[str, list[str]], terms: set[str], locale: str
) -> str:
    """The summary with the matched words marked, else the best passage of the body; both
    arrive HTML-escaped (encoder "html"). Where Elasticsearch marked nothing (its stemmer
    does not see that "velka" is in "velkaneuvonta", or the page matched by a synonym or a
    lay term), the database backend's snippet: marked by analysed terms, escaped."""
    for field in ("summary", "body"):
        fragments = highlighted.get(field)
        if fragments:
            return fragments[0]
    return highlight.snippet([source.get("summary") or "", source.get("body") or ""], terms, locale)


def _facets(aggregations: Mapping[str, Any]) -> dict[str, list[FacetValue]]:
    facets = {}
    for facet, (field, labels_field) in FACET_FIELDS.items():
        if facet not in aggregations:
            continue
        values = [
            FacetValue(
                value=bucket["key"],
                label=_bucket_label(bucket, field, labels_field),
                count=bucket["doc_count"],
            )
            for bucket in aggregations[facet]["buckets"]
        ]
        # Most hits first, then alphabetically by label, as in the database backend.
        facets[facet] = sorted(values, key=lambda value: (-value.count, value.label))
    return facets


def _bucket_label(bucket: Mapping[str, Any], field: str, labels_field: str) -> str:
    """The label at the key's position in the parallel key/label lists of a document."""
    key = bucket["key"]
    top = bucket.get("label", {}).get("hits", {}).get("hits", [])
    if top:
        source = top[0].get("_source", {})
        keys, labels = source.get(field) or [], source.get(labels_field) or []
        if key in keys and keys.index(key) < len(labels) and labels[keys.index(key)]:
            return labels[keys.index(key)]
    return key


def _suggestion(query: SearchQuery, suggest: Mapping[str, Any]) -> str | None:
    """The phrase suggester's correction, unless it only inflects the same words differently.

    The suggester compares words as written, so for a correctly spelled Finnish word that no
    page happens to use in that form ("toimeentulotukea") it may offer another form of the
    same word ("toimeentulotuen"); analysis says they are the same word, so no suggestion.
    """
    entries = suggest.get(SUGGESTER) or []
    options = entries[0].get("options", []) if entries else []
    if not options:
        return None
    suggestion = options[0].get("text", "").strip()
    locale = analysis.primary_language(query.locale)
    if not suggestion or primary_terms(suggestion, locale) == primary_terms(query.text, locale):
        return None
    return suggestion
