"""The Elasticsearch index of one locale: settings, analyzers, mapping and document bodies.

Pure (no Django, no network): built with `elasticsearch.dsl` and tested by their shape.

Matching happens on *pre-analysed* term fields: `search.analysis` (Voikko base forms and
compound parts for Finnish, Snowball stems for Swedish and English) turns each text into terms
in Python, for documents and queries alike, and Elasticsearch only splits them on whitespace.
That is the Finnish compound-word handling (velkaneuvontaan → velkaneuvonta, velka, neuvonta),
and it keeps this backend's matching identical to the database backend's. The raw texts are
also indexed with Elasticsearch's own language analyzer, for highlighting and as a secondary
ranking signal.
"""

from collections.abc import Iterable, Sequence

from elasticsearch.dsl import Index, Keyword, Mapping, SearchAsYouType, Text, analyzer, token_filter

from search import analysis
from search.backends.base import IndexDocument

# Elasticsearch's built-in language analyzers for the raw text fields.
LANGUAGE_ANALYZERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
LOCALES = tuple(LANGUAGE_ANALYZERS)

TERMS_INDEX_ANALYZER = "portal_terms"
TERMS_SEARCH_ANALYZER = "portal_terms_search"
SYNONYM_FILTER = "portal_synonyms"
WORDS_ANALYZER = "portal_words"

RAW_TEXT_FIELDS = ("title", "summary", "body")
# The pre-analysed fields a query matches, with their weights. Keywords are editors' own
# search words for the page; lay terms are the residents' everyday words from the thesaurus,
# kept low so that they find a page without outranking pages that use the words themselves.
TERM_FIELD_BOOSTS = {
    "title_terms": 4.0,
    "keywords_terms": 3.0,
    "summary_terms": 2.0,
    "body_terms": 1.0,
    "lay_terms": 0.5,
}
RAW_FIELD_BOOSTS = {"title": 3.0, "summary": 2.0, "body": 1.0}
AUTOCOMPLETE_FIELD = "title_suggest"
SUGGEST_FIELD = "suggest_words"


def primary_terms(text: str, locale: str) -> list[str]:
    """One term per word of `text`: the first (main) term `search.analysis` gives for it.

    That is the base form for a word voikko knows and the stem otherwise, and never a
    compound part, so a phrase keeps one term per word, in order.
    """
    return [terms[0] for terms in analysis.analyze_words(text, locale, stopwords=True)]


def analysed_synonym_rules(rules: Iterable[str], locale: str) -> list[str]:
    """The editors' Solr-format rules rewritten into the vocabulary of the term fields.

    The synonym filter runs on query tokens that are already `search.analysis` terms
    ("velkojen" arrives as "velka", "juomisesta" as "juoda"), so a rule written as the editor
    typed it ("juominen => päihteet") would never fire. Each phrase of a rule becomes its
    `primary_terms` ("juoda => päihde"), analysed exactly as queries are (query stop words
    dropped). The terms are letters, digits, hyphens and apostrophes only, so no editor's
    typing can inject Solr syntax or break index creation. Rules whose sides analyse to
    nothing or to a single phrase are dropped.
    """
    analysed: list[str] = []
    for rule in rules:
        if "=>" in rule:
            left_text, _, right_text = rule.partition("=>")
            left = _analysed_phrases(left_text, locale)
            right = _analysed_phrases(right_text, locale)
            if left and right and left != right:
                analysed.append(f"{', '.join(left)} => {', '.join(right)}")
        else:
            phrases = _analysed_phrases(rule, locale)
            if len(phrases) > 1:
                analysed.append(", ".join(phrases))
    return list(dict.fromkeys(analysed))


def _analysed_phrases(side: str, locale: str) -> list[str]:
    phrases = (" ".join(primary_terms(phrase, locale)) for phrase in side.split(","))
    return list(dict.fromkeys(phrase for phrase in phrases if phrase))


def _analyzers(locale: str, synonym_rules: Sequence[str]):
    """(index analyzer, search analyzer) of the term fields, and the words analyzer."""
    terms_index = analyzer(TERMS_INDEX_ANALYZER, tokenizer="whitespace")
    search_filters = []
    if synonym_rules:
        search_filters.append(
            token_filter(
                SYNONYM_FILTER,
                "synonym_graph",
                synonyms=list(synonym_rules),
                # A rule Lucene still cannot parse is skipped instead of failing the index.
                lenient=True,
            )
        )
    terms_search = analyzer(TERMS_SEARCH_ANALYZER, tokenizer="whitespace", filter=search_filters)
    words = analyzer(WORDS_ANALYZER, tokenizer="whitespace")
    return terms_index, terms_search, words


def _mapping(locale: str, synonym_rules: Sequence[str]) -> Mapping:
    language = LANGUAGE_ANALYZERS[analysis.primary_language(locale)]
    terms_index, terms_search, words = _analyzers(locale, synonym_rules)
    m = Mapping()
    m.meta("dynamic", "strict")
    for name in ("key", "locale", "kind", "url", "reference", "topics", "target_groups"):
        m.field(name, Keyword())
    # Numeric identifiers that are only ever matched exactly are keywords (faster term
    # lookups than numeric fields, which are optimised for ranges).
    m.field("page_id", Keyword())
    # Labels are only read back from _source for the facets; nothing searches them.
    m.field("topic_labels", Keyword(index=False, doc_values=False))
    m.field("target_group_labels", Keyword(index=False, doc_values=False))
    for name in RAW_TEXT_FIELDS:
        m.field(name, Text(analyzer=language))
    for name in TERM_FIELD_BOOSTS:
        m.field(name, Text(analyzer=terms_index, search_analyzer=terms_search))
    # Autocomplete: the title's folded words, with the edge n-gram and shingle sub-fields
    # search_as_you_type adds.
    m.field(AUTOCOMPLETE_FIELD, SearchAsYouType(analyzer=words))
    # "Did you mean": the folded words as written in the page, for the phrase suggester.
    m.field(SUGGEST_FIELD, Text(analyzer=words))
    return m


def index_definition(name: str, locale: str, synonym_rules: Iterable[str]) -> Index:
    """The `elasticsearch.dsl` Index for `locale`, named `name`; `synonym_rules` as editors
    wrote them (analysed here, see `analysed_synonym_rules`)."""
    rules = analysed_synonym_rules(synonym_rules, locale)
    index = Index(name)
    index.settings(
        # One shard: a portal's few thousand pages fit easily, and BM25 statistics are then
        # the same for every document.
        number_of_shards=1,
        # No replica on a one-node cluster (so it turns green), one as soon as there is a
        # second node.
        auto_expand_replicas="0-1",
    )
    index.mapping(_mapping(locale, rules))
    return index


def index_body(locale: str, synonym_rules: Iterable[str]) -> dict:
    """The body of a create-index request: {"settings": …, "mappings": …}."""
    return index_definition("unnamed", locale, synonym_rules).to_dict()


def index_settings(locale: str, synonym_rules: Iterable[str]) -> dict:
    """Index settings for `locale`, including the analysis section (analyzers, synonyms)."""
    return index_body(locale, synonym_rules)["settings"]


def mapping(locale: str) -> dict:
    """The mapping of a `locale` index. Analyzers are referred to by name; their definitions,
    synonyms included, are in `index_settings`."""
    return _mapping(locale, []).to_dict()


def document_body(doc: IndexDocument) -> dict:
    """The indexed form of `doc`: raw texts, pre-analysed terms and facet keys."""
    locale = analysis.primary_language(doc.locale)

    def terms(text: str) -> str:
        return " ".join(analysis.analyze(text, locale))

    return {
        "key": doc.key,
        "locale": locale,
        "kind": doc.kind,
        "title": doc.title,
        "url": doc.url,
        "summary": doc.summary,
        "body": doc.body,
        "reference": doc.reference,
        "page_id": doc.page_id,
        "topics": list(doc.topics),
        "topic_labels": list(doc.topic_labels),
        "target_groups": list(doc.target_groups),
        "target_group_labels": list(doc.target_group_labels),
        "title_terms": terms(doc.title),
        "summary_terms": terms(doc.summary),
        "body_terms": terms(doc.body),
        # Lists, not one string: Elasticsearch leaves a position gap between array values,
        # so a multi-word synonym cannot match across two keywords.
        "keywords_terms": [terms(keyword) for keyword in doc.keywords],
        "lay_terms": [terms(term) for term in doc.lay_terms],
        AUTOCOMPLETE_FIELD: " ".join(analysis.tokenize(doc.title)),
        SUGGEST_FIELD: " ".join(
            analysis.tokenize(" ".join([doc.title, doc.summary, doc.body, *doc.keywords]))
        ),
    }
