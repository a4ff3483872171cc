"""The embedded search backend: the portal's own database, SQLite or PostgreSQL.

Both databases get the same input and give the same ranking:

1. Text is analysed in Python (`search.analysis`) at indexing and at query time; the terms
   of each field are stored on the document row (`search.models.SearchDocument`).
2. Finding candidates is the database's job (`search.backends.db_engines`). PostgreSQL keeps
   the terms in a weighted tsvector (built from the terms themselves, no text-search parser
   or dictionary involved) with a GIN index; SQLite keeps them in an FTS5 table. The match
   expression is built only from analysed terms, each quoted, so nothing a resident types
   is ever query syntax.
   Terms found in a large share of the documents only rank, they do not find: the
   candidates stay few however common the words of a query are.
3. The candidates (at most `CANDIDATE_LIMIT`, the database's own rank decides which when
   there are more) are ranked in Python with BM25F (`search.ranking`) from their stored terms
   and the per-locale term statistics, identical on both databases.

Typos: a query word that is not in the index as written, and that has no indexed term or is
unknown to the Finnish dictionary, is compared with the index's words that share trigrams
with it (pg_trgm's GIN index on PostgreSQL, an FTS5
trigram table on SQLite; `search.typos` decides with the same arithmetic), searched for as
well and offered as "did you mean". The editors' thesaurus adds lay terms to documents
(indexing) and expansion rules to queries.
"""

import json
import logging
import math
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cachetools import TTLCache
from django.db import transaction
from django.db.models import F

from portal.page_cache import content_version
from search import analysis, highlight, ranking, situation, thesaurus, typos
from search.backends.base import (
    FACET_TARGET_GROUP,
    FACET_TOPIC,
    MAX_QUERY_LENGTH,
    FacetValue,
    IndexDocument,
    ProgressCallback,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from search.backends.db_engines import CANDIDATE_COLUMNS, FIELD_COLUMNS, Engine, engine_for
from search.models import IndexStats, IndexTerm, IndexWord, SearchDocument
from search.query import clean_query_text

logger = logging.getLogger(__name__)

CANDIDATE_LIMIT = 100
# A term in more than this share of a locale's documents (and at least COMMON_MIN_DOCS)
# does not find candidates when the query has rarer terms; it still counts in the ranking.
COMMON_SHARE = 0.15
# How a query is read (its terms, their document frequencies, typo corrections, topics) and
# the collection's statistics are kept per process, keyed by the content version and this
# backend's own writes, for at most this long: which documents match is always read afresh,
# and a write from a process that bumps no content version (`search_rebuild`) reaches the
# others within this time. Residents' queries repeat: the most common are asked every minute.
PLAN_CACHE_SECONDS = 60
PLAN_CACHE_SIZE = 2048
COMMON_MIN_DOCS = 30
MAX_QUERY_WORDS = 16
MAX_QUERY_TERMS = 64
MAX_TERM_LENGTH = 100
# How much a term found through the thesaurus, a typo's correction or a compound part of a
# query word counts against a whole word the resident typed.
EXPANSION_WEIGHT = 0.5
CORRECTION_WEIGHT = 0.9
# Two words written apart that the pages write as one ("mielenterveys palvelut").
JOINED_WEIGHT = 1.0
# The parts of a compound that no page uses as a whole (ranking.PART_WEIGHT otherwise).
UNKNOWN_COMPOUND_PART_WEIGHT = 0.9
# Results scoring under this share of the best one are left out (and not counted).
RELATIVE_SCORE_CUTOFF = 0.1
# A word of a phrase the thesaurus adds counts this much of its weight alone.
PHRASE_WORD_WEIGHT = 0.5
# A word nobody has indexed is taken for a slip of a thesaurus word only this close in length.
THESAURUS_TYPO_LENGTH_DIFFERENCE = 2
_TITLE_COLUMN = CANDIDATE_COLUMNS.index("title_terms")
_KEYWORDS_COLUMN = CANDIDATE_COLUMNS.index("keywords_terms")
WRITE_BATCH = 500
_IN_CHUNK = 500

_STATS_COLUMNS = {name: f"{name}_length" for name in ranking.FIELDS}


@dataclass
class _Analysed:
    document: IndexDocument
    fields: dict[str, list[str]]
    words: list[str]

    def row(self) -> SearchDocument:
        document = self.document
        return SearchDocument(
            key=document.key,
            locale=analysis.primary_language(document.locale),
            kind=document.kind,
            page_id=document.page_id,
            reference=_storable(document.reference),
            url=_storable(document.url),
            title=_storable(document.title),
            title_folded=" ".join(analysis.tokenize(document.title)),
            summary=_storable(document.summary),
            body=_storable(document.body),
            topics=_delimited(document.topics),
            topic_labels=[_storable(label) for label in document.topic_labels],
            target_groups=_delimited(document.target_groups),
            target_group_labels=[_storable(label) for label in document.target_group_labels],
            words=" ".join(self.words),
            **{f"{name}_terms": " ".join(terms) for name, terms in self.fields.items()},
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _storable(text: str) -> str:
    """Text without control characters (PostgreSQL refuses NUL in text columns)."""
    return _CONTROL.sub("", text or "")


def _delimited(keys: Iterable[str]) -> str:
    keys = [_storable(key).replace("|", " ") for key in keys if key]
    return f"|{'|'.join(keys)}|" if keys else ""


def _undelimited(value: str) -> list[str]:
    return [key for key in (value or "").split("|") if key]


def _facet_value(facets, facet: str, value: str | None) -> FacetValue | None:
    if value is None:
        return None
    return next((item for item in facets.get(facet, ()) if item.value == value), None)


def _json_list(value) -> list:
    """A JSON list column as raw SQL returns it: decoded on PostgreSQL, text on SQLite."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def _index_terms(text: str, language: str) -> list[str]:
    return [term for term in analysis.analyze(text, language) if len(term) <= MAX_TERM_LENGTH]


def _lay_terms(phrases: Iterable[str], language: str) -> list[str]:
    """Lay terms are indexed by their base forms only: the parts of "rahaongelma" (raha,
    ongelma) would make every query with "ongelma" look like a question about money."""
    terms = []
    for phrase in phrases:
        for word in analysis.analyze_words(phrase, language):
            base_forms, _parts = ranking.split_word_terms(word)
            terms.extend(term for term in base_forms if len(term) <= MAX_TERM_LENGTH)
    return terms


def analyse_document(document: IndexDocument) -> _Analysed:
    language = analysis.primary_language(document.locale)
    fields = {
        "title": _index_terms(document.title, language),
        "summary": _index_terms(document.summary, language),
        "keywords": _index_terms(" \n".join(document.keywords), language),
        "lay": _lay_terms(document.lay_terms, language),
        "body": _index_terms(document.body, language),
    }
    texts = (document.title, document.summary, *document.keywords, document.body)
    words = sorted(
        {
            word
            for text in texts
            for word in analysis.tokenize(text)
            if len(word) <= MAX_TERM_LENGTH and not word.isdigit()
        }
    )
    return _Analysed(document, fields, words)


# --- Vocabulary and statistics --------------------------------------------------------------


@dataclass
class _Delta:
    """Changes to document frequencies and statistics from adding and removing documents."""

    terms: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)
    documents: Counter = field(default_factory=Counter)
    lengths: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, locale: str, fields: dict[str, list[str]], words: Iterable[str], sign: int):
        self.documents[locale] += sign
        for name, terms in fields.items():
            self.lengths[locale][name] += sign * len(terms)
        for term in {term for terms in fields.values() for term in terms}:
            self.terms[(locale, term)] += sign
        for word in set(words):
            self.words[(locale, word)] += sign

    def apply(self, using: str) -> None:
        self._apply_counts(IndexTerm, "term", self.terms, using)
        self._apply_counts(IndexWord, "word", self.words, using)
        for locale, count in self.documents.items():
            IndexStats.objects.using(using).get_or_create(locale=locale)
            updates = {"documents": F("documents") + count}
            for name, column in _STATS_COLUMNS.items():
                updates[column] = F(column) + self.lengths[locale][name]
            IndexStats.objects.using(using).filter(locale=locale).update(**updates)

    @staticmethod
    def _apply_counts(model, column: str, counts: Counter, using: str) -> None:
        by_change: dict[tuple[str, int], list[str]] = defaultdict(list)
        for (locale, value), change in counts.items():
            if change:
                by_change[(locale, change)].append(value)
        manager = model.objects.using(using)
        for (locale, change), values in sorted(by_change.items()):
            # In one order everywhere, so that concurrent updates lock rows in the same order.
            values.sort()
            for start in range(0, len(values), _IN_CHUNK):
                chunk = values[start : start + _IN_CHUNK]
                if change > 0:
                    manager.bulk_create(
                        [model(locale=locale, **{column: value}) for value in chunk],
                        ignore_conflicts=True,
                    )
                manager.filter(locale=locale, **{f"{column}__in": chunk}).update(
                    doc_freq=F("doc_freq") + change
                )
        if any(change < 0 for change in counts.values()):
            manager.filter(doc_freq__lte=0).delete()


# --- Queries ------------------------------------------------------------------------------------


@dataclass
class _QueryPlan:
    weights: dict[str, float]  # term → weight in the ranking
    doc_freqs: dict[str, int]
    match_terms: list[str]  # terms that find candidates
    highlight_terms: set[str]
    suggestion: str | None = None
    # Topic key → share of the query's weight pointing to it (`search.situation`).
    evidence: dict[str, float] = field(default_factory=dict)
    # Coordination: the query words (by index) each term stands for, and their weights.
    term_words: dict[str, set[int]] = field(default_factory=dict)
    word_weights: list[float] = field(default_factory=list)
    # The thesaurus' phrases (each word as its terms), with the weight of the words that
    # fired them: a page whose title or keywords hold a whole phrase means it.
    phrases: list[tuple[tuple[frozenset[str], ...], float]] = field(default_factory=list)


@dataclass
class _Token:
    text: str  # as written
    folded: str
    terms: tuple[str, ...]
    correction: typos.Correction | None = None
    # Offered as "did you mean" only when the word looks misspelt, not merely absent from
    # the index: "velat kasvaa" searches for "kasvatus" too, but suggesting it would be odd.
    suggest: bool = False
    # How much the word says about the situation (`search.situation.word_salience`).
    salience: float = 1.0
    language: str = "fi"

    def split_terms(self) -> tuple[frozenset[str], frozenset[str]]:
        """(base forms, compound parts) of the word and of its correction."""
        bases, parts = ranking.split_word_terms(self.terms)
        bases, parts = set(bases), set(parts)
        if self.correction is not None:
            for word in analysis.analyze_words(self.correction.replacement, self.language):
                more_bases, more_parts = ranking.split_word_terms(word)
                bases.update(more_bases)
                parts.update(more_parts)
        return frozenset(bases), frozenset(parts - bases)


def _joined_words(text: str, locale: str, tokens: list[_Token]) -> list[tuple[int, tuple]]:
    """(index of the first token, terms) for each pair of tokens next to each other that the
    language could write as one word (`search.situation.joined_compounds`)."""
    joins = {
        (first, second): terms for first, second, terms in situation.joined_compounds(text, locale)
    }
    if not joins:
        return []
    return [
        (index, joins[(tokens[index].folded, tokens[index + 1].folded)])
        for index in range(len(tokens) - 1)
        if (tokens[index].folded, tokens[index + 1].folded) in joins
    ]


def _match_terms(rare_finding: list[str], typed: set[str], lay_terms: set[str]) -> list[str]:
    """The terms that find candidates: the rare terms of the words that say what the query
    is about, and the lay terms typed when no rare typed term is among them (only the
    thesaurus' additions)."""
    if any(term in typed for term in rare_finding):
        return rare_finding
    return list(dict.fromkeys([*rare_finding, *sorted(lay_terms)]))


def _phrase_match_terms(phrases, doc_freqs: dict[str, int]) -> list[str]:
    """The rarest term of each phrase the thesaurus added, so that the pages named by the
    phrase are among the candidates even when its words are common."""
    terms = []
    for phrase, _weight in phrases:
        known = [term for word in phrase for term in word if doc_freqs.get(term)]
        if len(known) >= len(phrase):
            terms.append(min(known, key=lambda term: doc_freqs[term]))
    return terms


def _phrase_scores(rows, phrases, documents: int) -> list[float]:
    """What each candidate gains from the phrases the thesaurus added that its title or
    keywords hold whole: scored like a title word of the phrase's weight, as rare as the
    candidates holding the phrase are (its words alone may be in most pages)."""
    if not phrases:
        return [0.0] * len(rows)
    holding = []
    for row in rows:
        prominent = set(f"{row[_TITLE_COLUMN]} {row[_KEYWORDS_COLUMN]}".split())
        holding.append([all(word & prominent for word in phrase) for phrase, _weight in phrases])
    title = ranking.FIELD_PARAMETERS["title"].weight
    saturation = title / (ranking.K1 + title)
    gains = []
    for index, (_phrase, weight) in enumerate(phrases):
        doc_freq = sum(1 for held in holding if held[index])
        gains.append(EXPANSION_WEIGHT * weight * ranking.idf(doc_freq, documents) * saturation)
    return [
        max((gain for gain, held in zip(gains, row_holds, strict=True) if held), default=0.0)
        for row_holds in holding
    ]


def _longest_matches(fired: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """The rules that fired (start, size, rule) without those whose words a longer rule
    also covers: "substance abuse" is about substances, not about abuse. Elasticsearch's
    synonym filter also takes the longest match."""
    return [
        (start, size, rule)
        for start, size, rule in fired
        if not any(
            other_size > size and other_start <= start and start + size <= other_start + other_size
            for other_start, other_size, _other in fired
        )
    ]


def _weigh_parts_of_unknown_compounds(tokens: list[_Token], doc_freqs, weights) -> None:
    """A compound no page uses as a whole ("päihdekuntoutukseen", "hälsokontroll") can only
    be found by its parts, so they weigh as much as the word would."""
    for token in tokens:
        bases, parts = ranking.split_word_terms(token.terms)
        if not parts or any(doc_freqs.get(term) for term in bases):
            continue
        for term in parts:
            weights[term] = max(
                weights.get(term, 0.0), UNKNOWN_COMPOUND_PART_WEIGHT * token.salience
            )


class DatabaseBackend:
    """Search in the portal's own database (see the module docstring)."""

    name = "database"

    def __init__(self, *, using: str = "default", candidate_limit: int = CANDIDATE_LIMIT):
        self.using = using
        self.candidate_limit = candidate_limit
        self._plans: TTLCache = TTLCache(maxsize=PLAN_CACHE_SIZE, ttl=PLAN_CACHE_SECONDS)
        self._plans_lock = threading.Lock()
        self._writes = 0  # this backend's index writes: each retires what it has kept

    def _kept(self, key: tuple, compute):
        """`compute()`, kept in this process until the content changes (see
        PLAN_CACHE_SECONDS). The key stays a tuple: the query text never leaves memory."""
        key = (content_version(), self._writes, *key)
        with self._plans_lock:
            if key in self._plans:
                return self._plans[key]
        value = compute()
        if value is not None:  # an empty index is asked again: it may be filled any moment
            with self._plans_lock:
                self._plans[key] = value
        return value

    def _written(self) -> None:
        self._writes += 1
        with self._plans_lock:
            self._plans.clear()

    @property
    def engine(self) -> Engine:
        return engine_for(self.using)

    # --- Writing --------------------------------------------------------------------------

    def index_documents(self, documents: Iterable[IndexDocument]) -> None:
        documents = list({document.key: document for document in documents}.values())
        if not documents:
            return
        with transaction.atomic(using=self.using):
            delta = _Delta()
            self._delete([document.key for document in documents], delta, lock=True)
            self._insert([analyse_document(document) for document in documents], delta)
            delta.apply(self.using)
        self._written()

    def delete_documents(self, keys: Sequence[str]) -> None:
        keys = list(dict.fromkeys(keys))
        if not keys:
            return
        with transaction.atomic(using=self.using):
            delta = _Delta()
            self._delete(keys, delta, lock=True)
            delta.apply(self.using)
        self._written()

    def rebuild(
        self, documents: Iterable[IndexDocument], *, progress: ProgressCallback | None = None
    ) -> int:
        count = 0
        with transaction.atomic(using=self.using):
            self.clear()
            delta = _Delta()
            batch: list[IndexDocument] = []
            for document in documents:
                batch.append(document)
                if len(batch) >= WRITE_BATCH:
                    count += self._rebuild_batch(batch, delta, progress)
                    batch = []
            if batch:
                count += self._rebuild_batch(batch, delta, progress)
            delta.apply(self.using)
            self.engine.optimise()
        self._written()
        return count

    def _rebuild_batch(self, batch, delta, progress) -> int:
        unique = list({document.key: document for document in batch}.values())
        self._delete([document.key for document in unique], delta, lock=False)
        self._insert([analyse_document(document) for document in unique], delta)
        if progress is not None:
            progress(len(batch))
        return len(unique)

    def clear(self) -> None:
        """Empty the index (documents, vocabulary and statistics)."""
        with transaction.atomic(using=self.using):
            for model in (SearchDocument, IndexTerm, IndexWord, IndexStats):
                model.objects.using(self.using).all().delete()
        self._written()

    def _delete(self, keys: list[str], delta: _Delta, *, lock: bool) -> None:
        manager = SearchDocument.objects.using(self.using)
        for start in range(0, len(keys), _IN_CHUNK):
            rows = manager.filter(key__in=keys[start : start + _IN_CHUNK])
            if lock:
                rows = rows.select_for_update()
            old = list(rows.values_list("pk", "locale", "words", *FIELD_COLUMNS))
            for _pk, locale, words, *columns in old:
                fields = {
                    name: value.split() for name, value in zip(ranking.FIELDS, columns, strict=True)
                }
                delta.add(locale, fields, words.split(), -1)
            manager.filter(pk__in=[row[0] for row in old]).delete()

    def _insert(self, analysed: list[_Analysed], delta: _Delta) -> None:
        rows = SearchDocument.objects.using(self.using).bulk_create(
            [item.row() for item in analysed], batch_size=WRITE_BATCH
        )
        for item in analysed:
            delta.add(analysis.primary_language(item.document.locale), item.fields, item.words, +1)
        self.engine.after_insert(
            [(row, item.fields) for row, item in zip(rows, analysed, strict=True)]
        )

    # --- Reading --------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        started = time.perf_counter()
        locale = analysis.primary_language(query.locale or "fi")
        text = clean_query_text(query.text, max_length=MAX_QUERY_LENGTH)
        empty = SearchResults(query=query, hits=[], total=0, backend=self.name)
        if not text:
            return empty
        stats = self._kept(("stats", locale), lambda: self._stats(locale))
        if stats is None or stats.documents == 0:
            return empty
        plan = self._kept(("plan", locale, text), lambda: self._plan(text, locale, stats))
        rows = []
        if plan.match_terms:
            rows = self.engine.candidates(
                locale,
                plan.match_terms,
                query.topic,
                query.target_group,
                self.candidate_limit,
                sum(plan.doc_freqs.get(term, 0) for term in plan.match_terms),
            )
        ranked = self._rank(rows, plan, stats)
        fallback = situation.fallback_topic(plan.evidence, len(ranked))
        if fallback is not None and query.topic in (None, fallback):
            ranked = self._with_topic(ranked, fallback, locale, query)
        facets = self._facets([row for row, _score in ranked])
        ranked = [(row[0], score) for row, score in ranked]
        page = ranked[query.offset : query.offset + query.per_page]
        hits = self._hits(page, plan, locale)
        # Never the query text: residents type names and numbers into search boxes.
        logger.debug(
            "search: %d terms, %d candidates, %.1f ms",
            len(plan.weights),
            len(rows),
            (time.perf_counter() - started) * 1000,
        )
        return SearchResults(
            query=query,
            hits=hits,
            total=len(ranked),
            backend=self.name,
            facets=facets,
            suggestion=plan.suggestion,
            topic_fallback=_facet_value(facets, FACET_TOPIC, fallback),
        )

    def _with_topic(self, ranked, topic: str, locale: str, query: SearchQuery):
        """`ranked` followed by the documents of `topic` it lacks, below every real result."""
        seen = {row[0] for row, _score in ranked}
        lowest = min((score for _row, score in ranked), default=1.0)
        rows = self.engine.topic_rows(locale, topic, query.target_group, self.candidate_limit)
        extra = [row for row in rows if row[0] not in seen]
        return ranked + [
            (row, lowest * situation.FALLBACK_SCORE * (1 - position / (len(extra) + 1)))
            for position, row in enumerate(extra)
        ]

    def autocomplete(self, prefix: str, locale: str, *, limit: int = 8) -> list[str]:
        """Titles, then the thesaurus' terms and topic names (`search.suggestions`)."""
        from search import suggestions

        return suggestions.suggestions_for(self.engine, prefix, locale, limit=limit)

    # --- Query planning ---------------------------------------------------------------------

    def _stats(self, locale: str) -> ranking.CollectionStats | None:
        columns = ", ".join(_STATS_COLUMNS.values())
        with self.engine.cursor() as cursor:
            cursor.execute(
                f"SELECT documents, {columns} FROM search_indexstats WHERE locale = %s",  # noqa: S608 (constant SQL; values are parameters)
                [locale],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        documents, *lengths = row
        return ranking.CollectionStats(
            documents=documents,
            average_lengths={
                name: length / max(documents, 1)
                for name, length in zip(_STATS_COLUMNS, lengths, strict=True)
            },
        )

    def _doc_freqs(self, locale: str, terms: Iterable[str]) -> dict[str, int]:
        terms = list(dict.fromkeys(terms))
        found: dict[str, int] = {}
        with self.engine.cursor() as cursor:
            for start in range(0, len(terms), _IN_CHUNK):
                chunk = terms[start : start + _IN_CHUNK]
                cursor.execute(
                    "SELECT term, doc_freq FROM search_indexterm WHERE locale = %s "  # noqa: S608 (constant SQL; values are parameters)
                    f"AND term IN ({', '.join(['%s'] * len(chunk))})",
                    [locale, *chunk],
                )
                found.update(cursor.fetchall())
        return found

    def _tokens(self, text: str, locale: str) -> list[_Token]:
        """The query's words with their terms and salience; function words are left out
        when the query has other words."""
        stopwords = analysis.STOPWORDS.get(locale, frozenset())
        tokens = []
        for match in highlight.WORD.finditer(text):
            written = match.group()
            folded = analysis.fold(written)
            words = analysis.analyze_words(written, locale)
            terms = tuple(term for word in words for term in word if len(term) <= MAX_TERM_LENGTH)
            if terms:
                salience = situation.word_salience(
                    folded, analysis.base_forms(written, locale), locale
                )
                if folded in stopwords:
                    salience = min(salience, situation.FUNCTION_WEIGHT)
                tokens.append(_Token(written, folded, terms, salience=salience, language=locale))
        content = [token for token in tokens if token.salience > situation.FUNCTION_WEIGHT]
        return (content or tokens)[:MAX_QUERY_WORDS]

    def _plan(self, text: str, locale: str, stats: ranking.CollectionStats) -> _QueryPlan:
        tokens = self._tokens(text, locale)
        weights: dict[str, float] = {}
        finding: set[str] = set()  # terms of the words that say what the query is about
        term_words: dict[str, set[int]] = defaultdict(set)
        for index, token in enumerate(tokens):
            term_weights = ranking.word_term_weights(
                [token.terms], token.salience, written=token.folded
            )
            for term, weight in term_weights.items():
                weights[term] = max(weights.get(term, 0.0), weight)
                term_words[term].add(index)
                if token.salience >= 1.0:
                    finding.add(term)
        for index, terms in _joined_words(text, locale, tokens):
            salience = max(tokens[index].salience, tokens[index + 1].salience)
            for term in terms:
                weights[term] = max(weights.get(term, 0.0), JOINED_WEIGHT * salience)
                term_words[term] |= {index, index + 1}
                if salience >= 1.0:
                    finding.add(term)
        doc_freqs = self._doc_freqs(locale, weights)
        if locale == "fi":
            _weigh_parts_of_unknown_compounds(tokens, doc_freqs, weights)
        self._correct_typos(tokens, doc_freqs, locale, weights, finding)
        for index, token in enumerate(tokens):
            if token.correction is not None:
                for term in _index_terms(token.correction.replacement, locale):
                    term_words[term].add(index)
        typed = set(weights)
        expanded, phrases = self._expansions(tokens, locale)
        for term, (weight, words) in expanded.items():
            weights[term] = max(weights.get(term, 0.0), weight)
            term_words[term] |= words
            finding.add(term)
        weights = dict(list(weights.items())[:MAX_QUERY_TERMS])
        doc_freqs.update(self._doc_freqs(locale, [t for t in weights if t not in doc_freqs]))
        known = {term: doc_freqs[term] for term in weights if doc_freqs.get(term)}
        common = max(COMMON_MIN_DOCS, COMMON_SHARE * stats.documents)
        rare = [term for term, freq in known.items() if freq <= common]
        # Generic words ("apua", "tarvitsen") only rank what the other words found.
        rare_finding = [term for term in rare if term in finding]
        suggestion = None
        if any(token.suggest for token in tokens):
            suggestion = self._suggestion(text, tokens)
        patterns = thesaurus.topic_patterns(locale)
        evidence = situation.topic_evidence(
            [self._evidence_word(token, doc_freqs, patterns) for token in tokens], patterns
        )
        # Lay terms are in every page of their topic, so their document frequency tells
        # the topic's size, not how telling the word is: they keep their weight, and find
        # the topic's pages when no rarer word the resident typed does ("my mother has
        # dementia", "äidille kotiapua").
        lay = situation.lay_words(patterns)
        lay_terms = {
            term
            for token in tokens
            if token.salience >= 1.0
            for term in ranking.split_word_terms(token.terms)[0]
            if term in lay and term in known
        }
        return _QueryPlan(
            weights={
                term: weights[term]
                * (
                    1.0
                    if term in lay_terms
                    else situation.share_factor(known[term], stats.documents)
                )
                for term in known
            },
            doc_freqs=known,
            match_terms=list(
                dict.fromkeys(
                    (_match_terms(rare_finding, typed, lay_terms) or rare or list(known))
                    + _phrase_match_terms(phrases, known)
                )
            ),
            phrases=[
                (tuple(word & known.keys() for word in phrase), weight)
                for phrase, weight in phrases
                if all(word & known.keys() for word in phrase)
            ],
            highlight_terms=set(known),
            suggestion=suggestion,
            evidence=evidence,
            term_words=dict(term_words),
            word_weights=[token.salience for token in tokens],
        )

    @staticmethod
    def _evidence_word(token: _Token, doc_freqs, patterns):
        """(base forms, compound parts, weight) of a query word for `topic_evidence`; a word
        the index does not know also counts as the lay terms it is close to."""
        bases, parts = token.split_terms()
        if token.correction is None and not any(doc_freqs.get(term) for term in token.terms):
            bases = bases | situation.close_lay_terms(token.folded, patterns)
        return bases, parts, token.salience

    def _correct_typos(self, tokens, doc_freqs, locale, weights, finding) -> None:
        """Look for the intended word of each query word that looks mistyped: not in the
        index as written, and either unknown to the Finnish dictionary or without any term
        the index has."""
        unknown = [
            token
            for token in tokens
            if len(token.folded) >= typos.MIN_WORD_LENGTH
            and not token.folded.isdigit()
            and (
                not any(doc_freqs.get(term) for term in token.terms)
                or (locale == "fi" and analysis.is_unknown_finnish_word(token.folded))
            )
        ]
        if not unknown:
            return
        known_words = set(
            IndexWord.objects.using(self.using)
            .filter(locale=locale, word__in=[token.folded for token in unknown])
            .values_list("word", flat=True)
        )
        for token in unknown:
            if token.folded in known_words:
                continue
            correction = self._correction(token.folded, locale)
            if correction is None:
                continue
            token.correction = correction
            token.suggest = not self._dictionary_knows(token.folded, locale)
            words = analysis.analyze_words(correction.replacement, locale)
            weight = CORRECTION_WEIGHT * correction.similarity * token.salience
            for term, term_weight in ranking.word_term_weights(words, weight).items():
                if len(term) <= MAX_TERM_LENGTH:
                    weights[term] = max(weights.get(term, 0.0), term_weight)
                    if token.salience >= 1.0:
                        finding.add(term)

    def _correction(self, word: str, locale: str) -> typos.Correction | None:
        """The indexed word `word` most likely stands for: the closest to the whole word, or
        else to the word without its ending ("psykolgille" → "psykolgi" → "psykologi"),
        put back on the correction where the dictionary knows the result ("psykologille")."""
        correction = typos.best_correction(word, self.engine.similar_words(locale, word, 40))
        if correction is not None:
            return correction
        for stem, ending in typos.ending_variants(word, locale):
            found = typos.best_correction(stem, self.engine.similar_words(locale, stem, 40))
            if found is None:
                continue
            inflected = found.replacement + ending
            if self._dictionary_knows(inflected, locale):
                return typos.Correction(word, inflected, found.similarity)
            return typos.Correction(word, found.replacement, found.similarity)
        return self._compound_correction(word, locale) or self._thesaurus_correction(word, locale)

    @staticmethod
    def _thesaurus_correction(word: str, locale: str) -> typos.Correction | None:
        """A thesaurus word that `word` is a slip of, of about its length: a word nobody has
        indexed is often simply a word, and only Finnish has a dictionary to tell; one that
        looks like part of a longer thesaurus word is one ("stänger", not "ledstänger")."""
        candidates = (
            (known, 1)
            for known in thesaurus.known_words(locale)
            if abs(len(known) - len(word)) <= THESAURUS_TYPO_LENGTH_DIFFERENCE
        )
        return typos.best_correction(word, candidates)

    def _compound_correction(self, word: str, locale: str) -> typos.Correction | None:
        """A compound whose last part is mistyped ("päihdekuntotus"): the first part is a
        word the language knows (Voikko; the Swedish compound words), the rest is corrected
        on its own and the two are put together again."""
        for head, rest in typos.compound_heads(word, self._known_compound_head(locale)):
            found = self._correction_of_part(rest, locale)
            if found is not None:
                return typos.Correction(word, head + found.replacement, found.similarity)
        return None

    def _correction_of_part(self, rest: str, locale: str) -> typos.Correction | None:
        found = typos.best_correction(rest, self.engine.similar_words(locale, rest, 40))
        if found is not None:
            return found
        for stem, ending in typos.ending_variants(rest, locale, limit=1):
            found = typos.best_correction(stem, self.engine.similar_words(locale, stem, 40))
            if found is not None:
                return typos.Correction(rest, found.replacement + ending, found.similarity)
        return None

    @staticmethod
    def _known_compound_head(locale: str):
        if locale == "fi" and analysis.finnish_backend() == "voikko":
            return lambda part: (
                not analysis.is_unknown_finnish_word(part)
                and (part in analysis.base_forms(part, "fi"))
            )
        if locale == "sv":
            return analysis.is_swedish_compound_start
        return None

    def _expansions(self, tokens: list[_Token], locale: str) -> tuple[dict, list]:
        """Terms the thesaurus adds: term → (weight, indexes of the words that fired it); and
        the phrases it adds, with the weight of the words that fired them."""
        expanded: dict[str, tuple[float, set[int]]] = {}
        phrases: dict[tuple[frozenset[str], ...], float] = {}
        word_terms = []
        for token in tokens:
            terms = set(token.terms)
            if token.correction:
                terms |= set(_index_terms(token.correction.replacement, locale))
            word_terms.append(terms)
        fired = []
        for rule in thesaurus.expansion_rules(locale):
            size = len(rule.pattern)
            for start in range(len(word_terms) - size + 1):
                if all(word_terms[start + i] & rule.pattern[i] for i in range(size)):
                    fired.append((start, size, rule))
                    break
        for start, size, rule in _longest_matches(fired):
            # A rule fired by generic words ("apu") says as little as they do.
            salience = max(tokens[start + i].salience for i in range(size))
            words = set(range(start, start + size))
            phrase_terms = {term for phrase in rule.phrases for word in phrase for term in word}
            for term, weight in rule.expansions:
                weight *= EXPANSION_WEIGHT * salience
                if term in phrase_terms:
                    # The phrase as a whole is scored (`_phrase_scores`); its words alone
                    # ("control" of "birth control") say less.
                    weight *= PHRASE_WORD_WEIGHT
                before, before_words = expanded.get(term, (0.0, set()))
                expanded[term] = (max(before, weight), before_words | words)
            for phrase in rule.phrases:
                phrases[phrase] = max(phrases.get(phrase, 0.0), salience)
        return expanded, list(phrases.items())

    @staticmethod
    def _dictionary_knows(word: str, locale: str) -> bool:
        """Only Finnish has a dictionary (Voikko's); without one every word may be a typo."""
        if locale != "fi" or analysis.finnish_backend() != "voikko":
            return False
        return not analysis.is_unknown_finnish_word(word)

    @staticmethod
    def _suggestion(text: str, tokens: list[_Token]) -> str:
        replacements = {
            token.text: token.correction.replacement for token in tokens if token.suggest
        }
        return highlight.WORD.sub(lambda m: replacements.get(m.group(), m.group()), text)

    # --- Ranking and results ------------------------------------------------------------------

    @staticmethod
    def _rank(rows, plan: _QueryPlan, stats) -> list[tuple[tuple, float]]:
        """Candidates (rows of `db_engines.CANDIDATE_COLUMNS`) with their BM25F scores, best first,
        without those far below the best."""
        scorer = ranking.Scorer(
            plan.weights,
            stats,
            plan.doc_freqs,
            term_words=plan.term_words,
            word_weights=plan.word_weights,
        )
        scored = []
        phrase_scores = _phrase_scores(rows, plan.phrases, stats.documents)
        for row, phrase_score in zip(rows, phrase_scores, strict=True):
            score = scorer.score(row[5:]) + phrase_score
            if score > 0:
                if plan.evidence:
                    score *= situation.topic_factor(plan.evidence, _undelimited(row[1]))
                scored.append((row, score))
        if not scored:
            return []
        best = max(score for _row, score in scored)
        return sorted(
            (item for item in scored if item[1] >= RELATIVE_SCORE_CUTOFF * best),
            key=lambda item: (-item[1], item[0][0]),
        )

    @staticmethod
    def _facets(rows: list[tuple]) -> dict[str, list[FacetValue]]:
        facets = {}
        for facet, keys_column, labels_column in (
            (FACET_TOPIC, 1, 2),
            (FACET_TARGET_GROUP, 3, 4),
        ):
            counts: Counter = Counter()
            labels: dict[str, str] = {}
            for row in rows:
                keys = _undelimited(row[keys_column])
                row_labels = _json_list(row[labels_column])
                for index, key in enumerate(keys):
                    counts[key] += 1
                    if index < len(row_labels) and row_labels[index]:
                        labels.setdefault(key, row_labels[index])
            facets[facet] = [
                FacetValue(value=key, label=labels.get(key, key), count=count)
                for key, count in sorted(
                    counts.items(), key=lambda kv: (-kv[1], labels.get(kv[0], kv[0]))
                )
            ]
        return facets

    def _hits(self, page: list[tuple[int, float]], plan: _QueryPlan, locale: str):
        if not page:
            return []
        ids = [pk for pk, _score in page]
        with self.engine.cursor() as cursor:
            cursor.execute(
                "SELECT id, key, kind, title, url, summary, body, reference, page_id, topics "  # noqa: S608 (constant SQL; values are parameters)
                "FROM search_searchdocument "
                f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                ids,
            )
            rows = {row[0]: row for row in cursor.fetchall()}
        hits = []
        for pk, score in page:
            _pk, key, kind, title, url, summary, body, reference, page_id, topics = rows[pk]
            hits.append(
                SearchHit(
                    key=key,
                    kind=kind,
                    title=title,
                    url=url,
                    snippet=highlight.snippet([summary, body], plan.highlight_terms, locale),
                    score=round(score, 6) if math.isfinite(score) else 0.0,
                    reference=reference,
                    page_id=page_id,
                    topics=tuple(_undelimited(topics)),
                )
            )
        return hits
