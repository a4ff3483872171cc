"""Reading a resident's query as a situation. Pure: no Django imports.

Residents describe what is happening to them ("rahat loppu kesken kuun eikä kela maksa")
rather than naming a service, and both backends apply the same four rules to such text:

1. **Salience.** Words that carry no topic (function words, generic verbs and nouns:
   `data/topicless-words.json`) weigh little, and so do terms that a large share of the
   documents use (`share_factor`), so that "tarvitsen", "apua" or "jag har" cannot make a
   service win on their own.
2. **Topic evidence.** The editors' lay terms link everyday words to topics (thesaurus
   entries with a topic). The share of a query's weight whose words are lay terms of one
   topic is that topic's evidence (`topic_evidence`), and the services of the topic get a
   bounded boost (`topic_factor`): several weak words pointing to one topic beat one
   incidental match elsewhere.
3. **Fallback.** When a query finds (almost) nothing but its words point to a topic
   (`fallback_topic`), the topic page and its services are shown instead of an empty page.
4. **Language.** `query_language` tells when a query is written in another of the portal's
   languages than the page it was typed on.
"""

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from search import analysis, typos

DATA_FILE = Path(__file__).resolve().parent / "data" / "topicless-words.json"

# Query weight of a word by what it says (1.0: a content word).
FUNCTION_WEIGHT = 0.05
GENERIC_WEIGHT = 0.3
# Family members, partners, friends: whose situation it is ("äitiä", "my son"), not what.
PEOPLE_WEIGHT = 0.3
# Terms in more than this share of a locale's documents lose weight with the share
# (share_factor); below it, BM25's IDF alone says how telling a term is.
SHARE_START = 0.25
SHARE_EXPONENT = 2.0
# Documents of the topic a query is about score up to this much more (× 1 + boost).
TOPIC_BOOST = 0.6
# A topic needs this share of the query's weight to count at all, and this much to be
# offered as the fallback when nothing is found.
MIN_TOPIC_EVIDENCE = 0.2
FALLBACK_EVIDENCE = 0.3
# Fewer results than this let the topic fallback add the topic's page and services, which
# score below the real results (at most this share of the lowest of them).
FEW_RESULTS = 3
FALLBACK_SCORE = 0.5


@dataclass(frozen=True)
class WordClasses:
    function: frozenset[str]
    generic: frozenset[str]
    people: frozenset[str] = frozenset()


@functools.cache
def _word_classes(language: str) -> WordClasses:
    language = analysis.primary_language(language)
    with DATA_FILE.open(encoding="utf-8") as data_file:
        entries = json.load(data_file).get(language, {})

    def forms(words: Iterable[str]) -> frozenset[str]:
        # The words as listed, folded, and for Swedish and English their stems, which is
        # what query words are compared by. Finnish words are listed in the form meant and
        # compared with a query word's base forms as they are: analysing them would make
        # content words of their readings ("aikana" → aika, "ilman" → ilma, "vuosi" →
        # vuotaa).
        found = set()
        for word in words:
            found.add(analysis.fold(word))
            if language != "fi":
                for terms in analysis.analyze_words(word, language):
                    found.update(terms[:1])
        return frozenset(found)

    return WordClasses(
        function=forms(entries.get("function", ())),
        generic=forms(entries.get("generic", ())),
        people=forms(entries.get("people", ())),
    )


def word_salience(folded: str, base_forms: Sequence[str], language: str) -> float:
    """The query weight of one word (as written, folded) with its base forms or stems:
    FUNCTION_WEIGHT for a function word, GENERIC_WEIGHT for a generic one, PEOPLE_WEIGHT for
    a word naming a person close to the resident, else 1.

    Any reading counts: "siitä" is also a form of "se", "tee" of "tehdä", and a query word
    that may be a function word most likely is one."""
    classes = _word_classes(language)
    forms = {folded, *base_forms}
    if forms & classes.function:
        return FUNCTION_WEIGHT
    if forms & classes.generic:
        return GENERIC_WEIGHT
    if forms & classes.people:
        return PEOPLE_WEIGHT
    return 1.0


def share_factor(doc_freq: int, documents: int) -> float:
    """How much of its weight a term keeps for being in `doc_freq` of `documents` documents:
    all of it up to SHARE_START, then less as the share grows (half of the documents: 0.25)."""
    if documents <= 0 or doc_freq <= 0:
        return 1.0
    share = doc_freq / documents
    if share <= SHARE_START:
        return 1.0
    return (SHARE_START / share) ** SHARE_EXPONENT


# --- Topics ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicPattern:
    """A lay term of a topic as analysed words in a row, each a set of alternative terms."""

    topic: str
    pattern: tuple[frozenset[str], ...]


def topic_evidence(
    words: Sequence[tuple[frozenset[str], frozenset[str], float]],
    patterns: Iterable[TopicPattern],
    *,
    part_weight: float = 0.6,
) -> dict[str, float]:
    """Topic key → the share of the query's weight that points to that topic.

    `words` are the query's words in order, each as (base forms, compound parts, weight).
    A word points to a topic when a lay term of the topic matches it by its base forms
    (or, with `part_weight` of its weight, by a compound part: "alkoholiongelma" →
    alkoholi); a lay term of several words must match that many words in a row. A word
    pointing to several topics shares its weight among them. The longest lay term that
    matches a word decides: "home help" points to home services, not to housing as "home"
    alone would.
    """
    total = sum(weight for _bases, _parts, weight in words)
    if total <= 0:
        return {}
    pointed: list[dict[str, float]] = [{} for _ in words]
    longest = [0] * len(words)  # the size of the longest lay term matching each word
    for entry in patterns:
        size = len(entry.pattern)
        for start in range(len(words) - size + 1):
            strength = 1.0
            for offset, alternatives in enumerate(entry.pattern):
                bases, parts, _weight = words[start + offset]
                if bases & alternatives:
                    continue
                if size == 1 and parts & alternatives:
                    strength = part_weight
                    continue
                strength = 0.0
                break
            if strength:
                for offset in range(size):
                    index = start + offset
                    if size < longest[index]:
                        continue
                    if size > longest[index]:
                        longest[index] = size
                        pointed[index] = {}
                    found = pointed[index]
                    found[entry.topic] = max(found.get(entry.topic, 0.0), strength)
    evidence: dict[str, float] = {}
    for (_bases, _parts, weight), topics in zip(words, pointed, strict=True):
        if not topics:
            continue
        share = weight / len(topics)
        for topic, strength in topics.items():
            evidence[topic] = evidence.get(topic, 0.0) + share * strength / total
    return {topic: min(value, 1.0) for topic, value in evidence.items()}


@functools.lru_cache(maxsize=16)
def lay_words(patterns: tuple[TopicPattern, ...]) -> frozenset[str]:
    """Every term of every lay term in `patterns` (`thesaurus.topic_patterns`)."""
    return frozenset(term for entry in patterns for terms in entry.pattern for term in terms)


MIN_SHARED_PREFIX = 4
PREFIX_SHARE = 0.75


def close_lay_terms(word: str, patterns: Iterable[TopicPattern]) -> frozenset[str]:
    """The one-word lay terms a word the index does not know is close to: a likely typo
    (trigram similarity, as `search.typos`) or another inflection of it (a shared beginning
    of at least MIN_SHARED_PREFIX letters and PREFIX_SHARE of the shorter word: Swedish
    "vräkt" and "vräkning")."""
    found = set()
    for entry in patterns:
        if len(entry.pattern) != 1:
            continue
        for term in entry.pattern[0]:
            if _close(word, term):
                found.add(term)
    return frozenset(found)


def _close(word: str, term: str) -> bool:
    if word == term:
        return True
    shared = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        shared += 1
    if shared >= MIN_SHARED_PREFIX and shared >= PREFIX_SHARE * min(len(word), len(term)):
        return True
    return (
        min(len(word), len(term)) >= typos.MIN_WORD_LENGTH
        and typos.similarity(word, term) >= typos.SIMILARITY_THRESHOLD
    )


def topic_factor(evidence: Mapping[str, float], topics: Iterable[str]) -> float:
    """The multiplier for a document in `topics`: 1 + TOPIC_BOOST × the evidence of its
    best topic, when that reaches MIN_TOPIC_EVIDENCE; never more than 1 + TOPIC_BOOST."""
    best = max((evidence.get(topic, 0.0) for topic in topics), default=0.0)
    if best < MIN_TOPIC_EVIDENCE:
        return 1.0
    return 1.0 + TOPIC_BOOST * min(best, 1.0)


def fallback_topic(evidence: Mapping[str, float], result_count: int) -> str | None:
    """The topic whose page and services to show when a query found fewer than FEW_RESULTS
    results but points clearly (FALLBACK_EVIDENCE) to one topic; None otherwise."""
    if result_count >= FEW_RESULTS or not evidence:
        return None
    topic, value = max(evidence.items(), key=lambda item: (item[1], item[0]))
    return topic if value >= FALLBACK_EVIDENCE else None


# --- Words written apart that the pages write as one --------------------------------------------

# Finnish and Swedish write compounds as one word; residents often do not
# ("mielenterveys palvelut", "ajan varaus", "social jour").
JOINING_LANGUAGES = frozenset({"fi", "sv"})
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
MIN_JOINED_PART = 3


def joined_compounds(text: str, language: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(first word, second word, base forms of the two written as one) for each pair of
    words next to each other in `text` (only spaces between them) that a compounding
    language could write as one word: "mielenterveys palvelut" → mielenterveyspalvelu.

    The words are folded as `analysis.tokenize` gives them. Whether the compound means
    anything is for the index to say: a backend searches for it only as one more term of
    the two words, and one the pages never use finds nothing. Function words and numbers
    are not joined."""
    language = analysis.primary_language(language)
    if language not in JOINING_LANGUAGES:
        return []
    matches = list(_WORD.finditer(text))
    found = []
    for first, second in zip(matches, matches[1:], strict=False):
        if text[first.end() : second.start()].strip():
            continue
        words = [analysis.fold(match.group()) for match in (first, second)]
        if any(
            len(word) < MIN_JOINED_PART
            or word.isdigit()
            or word_salience(word, analysis.base_forms(word, language), language) <= FUNCTION_WEIGHT
            for word in words
        ):
            continue
        joined = words[0] + words[1]
        if language == "fi" and analysis.is_unknown_finnish_word(joined):
            continue
        analysed = analysis.analyze_words(joined, language)
        if len(analysed) != 1:
            continue
        bases = analysis.base_forms(joined, language)
        bases = tuple(term for term in bases if term in analysed[0] and "-" not in term)
        if bases:
            found.append((words[0], words[1], bases))
    return found


# --- Which language a query is in ---------------------------------------------------------------


def query_language(
    words: Sequence[str],
    language: str,
    known: Mapping[str, Iterable[str]],
    *,
    margin: int = 1,
) -> str | None:
    """The other portal language a query is clearly written in, or None when it is in
    `language` (the page's) or cannot be told.

    `words` are the query's folded words; `known[lang]` says which of them each language
    knows (its function and generic words, its dictionary or its index vocabulary). Another
    language wins only when it knows at least `margin` more of the words than `language`
    does and more than half of them.
    """
    language = analysis.primary_language(language)
    if not words:
        return None
    counts = {lang: len(set(words) & set(found)) for lang, found in known.items()}
    own = counts.get(language, 0)
    best, best_count = None, own
    for lang, count in sorted(counts.items()):
        if lang != language and count > best_count:
            best, best_count = lang, count
    if best is None or best_count - own < margin or best_count * 2 <= len(set(words)):
        return None
    return best


def function_words(language: str) -> frozenset[str]:
    """The function and generic words of `language` as written and as analysed."""
    classes = _word_classes(language)
    return classes.function | classes.generic
