"""Which of the portal's languages a search is written in, when that is clear.

Pure: no Django imports. The evidence is cheap: which of the query's words each language's
index knows (the caller looks them up, `words_to_look_up`, in one query), the function words
of each language (`search.analysis.STOPWORDS`) and the letter å, which only Swedish writes.
ä and ö are shared by Finnish and Swedish, so they only say "not English".

Conservative on purpose: a resident told that their search "looks like Swedish" when it does
not is worse off than one told nothing. A name, a number, a one-letter word, a short word
both languages use or a query mixing languages gives no answer.
"""

import math
from collections.abc import Mapping, Sequence, Set

from search.analysis import LANGUAGES, STOPWORDS, tokenize

# Evidence words are letters only, at least this long: "112", "a" and "EU" say nothing.
MIN_WORD_LENGTH = 2
MAX_WORDS = 16
# One word alone only counts when it is at least this long (and known in one language only):
# short words ("kela", "stöd", "help") are names or shared too often.
MIN_SINGLE_WORD_LENGTH = 8
# The share of the words the query's language must know, and the share of them no other
# language may know.
MIN_KNOWN_SHARE = 2 / 3
MIN_EXCLUSIVE_SHARE = 1 / 2

_NOT_ENGLISH = frozenset("åäö")


def words_to_look_up(text: str) -> tuple[str, ...]:
    """The distinct folded words of `text` that can count as evidence, in text order; empty
    when the query is too little to decide on (then there is nothing to look up)."""
    words = tuple(
        dict.fromkeys(
            word for word in tokenize(text) if len(word) >= MIN_WORD_LENGTH and word.isalpha()
        )
    )[:MAX_WORDS]
    if len(words) == 1 and len(words[0]) < MIN_SINGLE_WORD_LENGTH:
        return ()
    return words


def query_language(text: str, *, page_language: str, known: Mapping[str, Set[str]]) -> str | None:
    """The language `text` is evidently written in when that is another than `page_language`,
    else None. `known` maps each language to those of `words_to_look_up(text)` its index
    vocabulary has (a language missing from it knows none of them)."""
    words = words_to_look_up(text)
    if not words or page_language not in LANGUAGES:
        return None
    evidence = {language: _evidence(words, language, known) for language in LANGUAGES}
    ranked = sorted(LANGUAGES, key=lambda language: len(evidence[language]), reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if best == page_language or len(evidence[best]) == len(evidence[runner_up]):
        return None
    others = set().union(*(evidence[language] for language in LANGUAGES if language != best))
    exclusive = evidence[best] - others
    page_only = evidence[page_language] - set().union(
        *(evidence[language] for language in LANGUAGES if language != page_language)
    )
    clear = (
        len(evidence[best]) >= math.ceil(MIN_KNOWN_SHARE * len(words))
        and len(exclusive) >= max(1, math.ceil(MIN_EXCLUSIVE_SHARE * len(words)))
        and not page_only
    )
    return best if clear else None


def _evidence(words: Sequence[str], language: str, known: Mapping[str, Set[str]]) -> set[str]:
    """The words that speak for `language`: known to its index or one of its function words,
    and not written with a letter the language does not use."""
    vocabulary = known.get(language, frozenset())
    found = set()
    for word in words:
        if language == "en" and _NOT_ENGLISH & set(word):
            continue
        if language == "fi" and "å" in word:
            continue
        if word in vocabulary or word in STOPWORDS[language] or (language == "sv" and "å" in word):
            found.add(word)
    return found
