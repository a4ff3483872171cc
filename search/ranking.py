"""The database backend's ranking: BM25F over analysed terms. Pure: no Django imports.

The databases only find candidates (SQLite FTS5, a PostgreSQL tsvector with a GIN index);
the final order is computed here, with the same arithmetic on both, from each candidate's
stored terms and the index's term statistics. BM25F (Robertson & Zaragoza) first adds up a
term's occurrences over the fields, each field weighted and normalised by its length, and
only then saturates, so a word repeated in the body cannot outweigh a word in the title.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Stored fields, in the order both databases keep them.
FIELDS = ("title", "summary", "keywords", "lay", "body")


@dataclass(frozen=True)
class FieldParameters:
    weight: float  # how much one occurrence here counts against one in the body
    b: float  # 0: length does not matter, 1: fully normalised by the field's length


# Title > summary > classification words > body; the editors' lay terms are the same for
# every page of a topic, so they only tip the balance towards the topic and are not
# normalised by length (a topic with many lay words is not worse for it).
FIELD_PARAMETERS: Mapping[str, FieldParameters] = {
    "title": FieldParameters(weight=6.0, b=0.5),
    "summary": FieldParameters(weight=2.0, b=0.6),
    "keywords": FieldParameters(weight=1.2, b=0.5),
    "lay": FieldParameters(weight=0.8, b=0.0),
    "body": FieldParameters(weight=1.0, b=0.75),
}
K1 = 1.2


@dataclass(frozen=True)
class CollectionStats:
    """Per locale: how many documents there are and their average field lengths (terms)."""

    documents: int
    average_lengths: Mapping[str, float]


def idf(doc_freq: int, documents: int) -> float:
    """BM25's inverse document frequency, never negative."""
    return math.log1p((documents - doc_freq + 0.5) / (doc_freq + 0.5))


class Scorer:
    """BM25F scores of documents for one query (term → weight of that term in the query).

    Built once per query so that each candidate costs one pass over its stored terms: the
    candidates are scored in Python, and this loop is where a search spends its time.
    """

    def __init__(
        self,
        query_weights: Mapping[str, float],
        stats: CollectionStats,
        doc_freqs: Mapping[str, int],
        *,
        parameters: Mapping[str, FieldParameters] = FIELD_PARAMETERS,
        k1: float = K1,
        term_words: Mapping[str, Iterable[int]] | None = None,
        word_weights: Sequence[float] = (),
    ):
        documents = max(stats.documents, 1)
        self.k1 = k1
        # Coordination: which query words (indexes into `word_weights`) each term stands for.
        self.term_words = {term: frozenset(words) for term, words in (term_words or {}).items()}
        self.word_weights = tuple(word_weights)
        self.total_word_weight = sum(self.word_weights)
        self.term_weights = {
            term: weight * idf(doc_freqs.get(term, 1), documents)
            for term, weight in query_weights.items()
            if weight > 0
        }
        self.fields = [
            (
                parameters[name].weight,
                parameters[name].b,
                stats.average_lengths.get(name) or 1.0,
            )
            for name in FIELDS
        ]

    def score(self, field_texts: Sequence[str]) -> float:
        """The score of a document from its stored fields (terms separated by spaces), in
        the order of `FIELDS`."""
        term_weights = self.term_weights
        weighted_tf: dict[str, float] = {}
        for (weight, b, average), text in zip(self.fields, field_texts, strict=True):
            if not text:
                continue
            tokens = text.split()
            factor = weight / (1.0 - b + b * len(tokens) / average)
            for token in tokens:
                if token in term_weights:
                    weighted_tf[token] = weighted_tf.get(token, 0.0) + factor
        k1 = self.k1
        score = sum(term_weights[term] * tf / (k1 + tf) for term, tf in weighted_tf.items())
        if score and self.total_word_weight > 0:
            score *= coordination(self.coverage(weighted_tf))
        return score

    def coverage(self, matched_terms: Iterable[str]) -> float:
        """The share of the query's word weight that `matched_terms` stand for."""
        words: set[int] = set()
        for term in matched_terms:
            words |= self.term_words.get(term, frozenset())
        if not words:
            return 0.0
        return sum(self.word_weights[index] for index in words) / self.total_word_weight


# How much a document matching only part of the query's words keeps of its score: with
# three content words, one matched keeps 0.69, two 0.87 (coverage ** COORDINATION).
COORDINATION = 1 / 3


def coordination(coverage: float) -> float:
    """The multiplier for a document matching `coverage` (0–1) of the query's word weight."""
    return max(coverage, 0.0) ** COORDINATION


def bm25f(
    query_weights: Mapping[str, float],
    fields: Mapping[str, str],
    stats: CollectionStats,
    doc_freqs: Mapping[str, int],
    **options,
) -> float:
    """One document's score (fields by name); see `Scorer`."""
    scorer = Scorer(query_weights, stats, doc_freqs, **options)
    return scorer.score([fields.get(name, "") for name in FIELDS])


# A compound part of a query word ("koti" of "turvakotiin") is weaker evidence than the word.
PART_WEIGHT = 0.6
PART_LENGTH_MARGIN = 3


def split_word_terms(terms: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A word's terms (from `analysis.analyze_words`) as (base forms, compound parts).

    The analysis lists base forms first and compound parts after them; a part is told
    apart by being clearly shorter than the base forms before it (turvakoti, turvakota |
    turva, koti, kota), while alternative base forms of one word are of similar length
    (tulla, tuli)."""
    longest = 0
    for index, term in enumerate(terms):
        if index and len(term) <= longest - PART_LENGTH_MARGIN:
            return terms[:index], terms[index:]
        longest = max(longest, len(term))
    return terms, ()


# A word written as one of its base forms is most likely that one ("yksin", alone, rather
# than a form of "yksi", one): its other readings count this much.
OTHER_READING_WEIGHT = 0.5


def word_term_weights(
    words: list[tuple[str, ...]], weight: float = 1.0, *, written: str = ""
) -> dict[str, float]:
    """Query weights for analysed words: base forms `weight`, compound parts less; for a
    word `written` as one of its base forms, its other base forms less too."""
    weights: dict[str, float] = {}
    for terms in words:
        base_forms, parts = split_word_terms(terms)
        if written in base_forms and len(base_forms) > 1:
            for term in base_forms:
                if term != written:
                    weights[term] = max(weights.get(term, 0.0), weight * OTHER_READING_WEIGHT)
            base_forms = (written,)
        for term in parts:
            weights[term] = max(weights.get(term, 0.0), weight * PART_WEIGHT)
        for term in base_forms:
            weights[term] = max(weights.get(term, 0.0), weight)
    return weights
