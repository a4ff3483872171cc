"""Typo tolerance: trigram similarity as PostgreSQL's pg_trgm computes it. Pure: no Django.

The database backend asks each database for words that share trigrams with a word nobody has
indexed (PostgreSQL: the pg_trgm GIN index; SQLite: an FTS5 trigram table), then decides
here, with the same arithmetic on both, which of them the resident most likely meant.
"""

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

# A word at least this similar to an indexed word is taken for a typo of it. pg_trgm's own
# default for its `%` operator is 0.3, which also finds merely related words; at 0.45 one
# wrong, missing or extra letter in a word of seven or more letters still passes.
SIMILARITY_THRESHOLD = 0.45
# Shorter words have too few trigrams to tell a typo from another word (kela/kala/koti).
MIN_WORD_LENGTH = 4

_NON_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=20_000)
def trigrams(text: str) -> frozenset[str]:
    """The trigrams pg_trgm extracts: each word lower-cased and padded with two spaces in
    front and one behind ("koti" → "  k", " ko", "kot", "oti", "ti ")."""
    grams: set[str] = set()
    for word in _NON_WORD.split(text.lower()):
        if word:
            padded = f"  {word} "
            grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(a, b): shared trigrams over all trigrams of the two."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


@dataclass(frozen=True)
class Correction:
    word: str  # what the resident typed (folded)
    replacement: str  # the indexed word they most likely meant
    similarity: float


def best_correction(
    word: str, candidates: Iterable[tuple[str, int]], *, threshold: float = SIMILARITY_THRESHOLD
) -> Correction | None:
    """The indexed word (from `candidates`: word and document frequency) closest to `word`.

    Similarity decides; the number of documents using a word adds a little (0.01 per
    factor e), which settles near-ties in favour of the common word, the likelier
    intention, without letting a common word beat a clearly closer one.
    """
    if len(word) < MIN_WORD_LENGTH:
        return None
    scored = [
        (similarity(word, candidate), doc_freq, candidate)
        for candidate, doc_freq in candidates
        if candidate != word
    ]
    scored = [item for item in scored if item[0] >= threshold]
    if not scored:
        return None
    chosen = max(scored, key=lambda item: (item[0] + 0.01 * math.log1p(item[1]), item[2]))
    return Correction(word=word, replacement=chosen[2], similarity=chosen[0])


# Case and number endings that a mistyped word still carries ("psykolgille": the typo is in
# the stem, and "-lle" keeps the stem from looking like any indexed form). Longest first.
# fmt: off
_ENDINGS = {
    "fi": (
        "issaan", "issään", "istaan", "istään", "illeen", "illaan", "illään",
        "ihin", "issa", "issä", "ista", "istä", "ille", "illa", "illä", "ilta", "iltä",
        "iksi", "ssa", "ssä", "sta", "stä", "lle", "lla", "llä", "lta", "ltä", "ksi",
        "tta", "ttä", "iin", "ina", "inä", "na", "nä", "an", "än", "en", "in", "ta", "tä",
        "a", "ä", "n", "t", "i",
    ),
    "sv": ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "are", "en",
           "et", "er", "ar", "or", "na", "s", "a", "e", "t"),
    "en": ("ings", "ing", "ies", "es", "ed", "s"),
}
# fmt: on
MIN_STEM_LENGTH = 4


def ending_variants(word: str, language: str, *, limit: int = 2) -> list[tuple[str, str]]:
    """(stem, ending) pairs of `word` without a case or number ending, longest ending first:
    what to compare with the index's words when the whole word has no close match."""
    variants = []
    for ending in _ENDINGS.get(language, ()):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH:
            variants.append((word[: -len(ending)], ending))
            if len(variants) >= limit:
                break
    return variants


MIN_HEAD_LENGTH = 4


def compound_heads(word: str, known, *, limit: int = 2) -> list[tuple[str, str]]:
    """(first part, rest) splits of `word` whose first part `known(part)` accepts, longest
    first part first, leaving at least MIN_WORD_LENGTH letters to correct."""
    if known is None:
        return []
    splits = []
    for end in range(len(word) - MIN_WORD_LENGTH, MIN_HEAD_LENGTH - 1, -1):
        if known(word[:end]):
            splits.append((word[:end], word[end:]))
            if len(splits) >= limit:
                break
    return splits
