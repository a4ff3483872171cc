"""search.backends.es_mapping: index settings, analyzers, synonyms, mapping, document bodies."""

import pytest

from search import analysis
from search.backends.base import IndexDocument
from search.backends.es_mapping import (
    LANGUAGE_ANALYZERS,
    SYNONYM_FILTER,
    TERM_FIELD_BOOSTS,
    TERMS_INDEX_ANALYZER,
    TERMS_SEARCH_ANALYZER,
    analysed_synonym_rules,
    document_body,
    index_body,
    index_settings,
    mapping,
)


@pytest.mark.parametrize(
    ("locale", "language"), [("fi", "finnish"), ("sv", "swedish"), ("en", "english")]
)
def test_raw_text_fields_use_the_locales_language_analyzer(locale, language):
    properties = mapping(locale)["properties"]

    for field in ("title", "summary", "body"):
        assert properties[field] == {"type": "text", "analyzer": language}


def test_locale_codes_are_reduced_to_their_language():
    assert mapping("fi-FI")["properties"]["title"]["analyzer"] == "finnish"
    assert set(LANGUAGE_ANALYZERS) == {"fi", "sv", "en"}


def test_term_fields_are_whitespace_split_at_index_time_and_get_synonyms_at_search_time():
    body = index_body("fi", ["velka, laina"])
    properties = body["mappings"]["properties"]
    analyzers = body["settings"]["analysis"]["analyzer"]

    for field in ("title_terms", "summary_terms", "body_terms", "keywords_terms", "lay_terms"):
        assert properties[field]["analyzer"] == TERMS_INDEX_ANALYZER
        assert properties[field]["search_analyzer"] == TERMS_SEARCH_ANALYZER
    # Documents arrive already analysed by search.analysis: no stemming or lower-casing here.
    assert analyzers[TERMS_INDEX_ANALYZER] == {"type": "custom", "tokenizer": "whitespace"}
    assert analyzers[TERMS_SEARCH_ANALYZER] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": [SYNONYM_FILTER],
    }
    assert body["settings"]["analysis"]["filter"][SYNONYM_FILTER]["type"] == "synonym_graph"


def test_facet_and_identifier_fields_are_keywords_and_the_mapping_is_strict():
    result = mapping("sv")

    assert result["dynamic"] == "strict"
    for field in ("key", "kind", "url", "reference", "page_id", "topics", "target_groups"):
        assert result["properties"][field] == {"type": "keyword"}
    # Labels are only read back for the facets.
    assert result["properties"]["topic_labels"]["index"] is False
    assert result["properties"]["title_suggest"]["type"] == "search_as_you_type"


def test_settings_use_one_shard_and_a_replica_only_when_there_is_a_second_node():
    settings = index_settings("en", [])

    assert settings["number_of_shards"] == 1
    assert settings["auto_expand_replicas"] == "0-1"


def test_without_synonyms_the_search_analyzer_has_no_synonym_filter():
    # An empty synonym_graph filter is not worth the risk of a cluster refusing it.
    settings = index_settings("fi", [])

    assert "filter" not in settings["analysis"]
    assert "filter" not in settings["analysis"]["analyzer"][TERMS_SEARCH_ANALYZER]


def test_synonym_rules_are_analysed_like_queries(voikko):
    # The filter sees base forms ("juomisesta" arrives as "juoda"), so the rules must be in
    # base forms too, or "juominen => päihteet" would never fire.
    rules = analysed_synonym_rules(
        ["juominen => päihteet", "velka, lainat", "sossun raha, toimeentulotuki"], "fi"
    )

    assert rules == ["juoda => päihde", "velka, laina", "sossu raha, toimeentulotuki"]


def test_the_synonym_filter_carries_the_analysed_rules(voikko):
    settings = index_settings("fi", ["juominen => päihteet"])

    synonym_filter = settings["analysis"]["filter"][SYNONYM_FILTER]
    assert synonym_filter["synonyms"] == ["juoda => päihde"]
    assert synonym_filter["lenient"] is True


@pytest.mark.parametrize(
    "rule",
    [
        "velka, velkaa",  # both sides are the same word
        "=> laina",  # nothing on the left
        "??? , !!!",  # nothing at all
        "",
    ],
)
def test_rules_that_analyse_to_nothing_useful_are_dropped(rule):
    assert analysed_synonym_rules([rule], "fi") == []


def test_rules_cannot_inject_solr_syntax():
    rules = analysed_synonym_rules(["a\\, b => c # d", "x; y, z => w\n q => r"], "en")

    for rule in rules:
        left, _, right = rule.partition(" => ")
        assert "#" not in rule and "\\" not in rule and "\n" not in rule
        assert "=>" not in left and "=>" not in right


def test_stop_words_are_dropped_from_rules_as_from_queries():
    # The query "housing for families" reaches the filter without "for".
    assert analysed_synonym_rules(["help for families, family support"], "en") == [
        f"{' '.join(analysis.analyze('help families', 'en'))}, "
        f"{' '.join(analysis.analyze('family support', 'en'))}"
    ]


def test_field_weights_order_title_above_summary_above_body():
    assert (
        TERM_FIELD_BOOSTS["title_terms"]
        > TERM_FIELD_BOOSTS["summary_terms"]
        > TERM_FIELD_BOOSTS["body_terms"]
        > TERM_FIELD_BOOSTS["lay_terms"]
    )


def _document(**overrides):
    values = {
        "key": "page:7",
        "locale": "fi",
        "kind": "service",
        "title": "Velkaneuvonta",
        "url": "/fi/palvelut/velkaneuvonta/",
        "summary": "Apua velkojen kanssa.",
        "body": "Talous- ja velkaneuvonta auttaa <maksutta>.",
        "keywords": ("ulosotto", "maksuhäiriö"),
        "lay_terms": ("velat",),
        "topics": ("money", "housing"),
        "topic_labels": ("Raha", "Asuminen"),
        "target_groups": ("adults",),
        "target_group_labels": ("Aikuiset",),
        "reference": "ptv-123",
        "page_id": 7,
    }
    return IndexDocument(**(values | overrides))


def test_document_body_holds_raw_texts_and_facet_keys():
    body = document_body(_document())

    assert body["key"] == "page:7"
    assert body["locale"] == "fi"
    assert body["title"] == "Velkaneuvonta"
    assert body["body"] == "Talous- ja velkaneuvonta auttaa <maksutta>."
    assert body["topics"] == ["money", "housing"]
    assert body["topic_labels"] == ["Raha", "Asuminen"]
    assert body["target_groups"] == ["adults"]
    assert body["page_id"] == 7
    assert body["reference"] == "ptv-123"


def test_document_body_terms_come_from_search_analysis():
    doc = _document()
    body = document_body(doc)

    assert body["title_terms"] == " ".join(analysis.analyze(doc.title, "fi"))
    assert body["summary_terms"] == " ".join(analysis.analyze(doc.summary, "fi"))
    assert body["body_terms"] == " ".join(analysis.analyze(doc.body, "fi"))
    # One value per keyword / lay term, so that no phrase spans two of them.
    assert body["keywords_terms"] == [" ".join(analysis.analyze(k, "fi")) for k in doc.keywords]
    assert body["lay_terms"] == [" ".join(analysis.analyze(t, "fi")) for t in doc.lay_terms]
    assert body["title_suggest"] == "velkaneuvonta"


def test_document_body_has_compound_parts_for_finnish(voikko):
    body = document_body(_document(summary="Velkaneuvontaan voi hakeutua."))

    assert {"velkaneuvonta", "velka", "neuvonta"} <= set(body["summary_terms"].split())


def test_document_body_has_exactly_the_mapped_fields():
    # The mapping is strict: a field the mapping lacks would fail every update.
    assert set(document_body(_document())) == set(mapping("fi")["properties"])
