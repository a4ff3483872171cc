"""The editors' search thesaurus (`search.models.Synonym`) as the backends use it.

- `lay_terms_by_topic(language)`: lay terms per topic, indexed with every page of the topic.
- `expansion_rules(language)`: query-time rules of the database backend, analysed once.
- `synonym_rules(language)`: the same rules in Solr format for Elasticsearch's synonym filter.
- `thesaurus_load()`: loads the starting thesaurus shipped in `search/data/` idempotently:
  entries an editor has changed are left as they are.

Reads are kept by content version (`portal.page_cache.cached_for_content`, like everything
else derived from published content); a save or delete of an entry bumps that version
(`thesaurus_changed`), so every process reads the thesaurus again within a second.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from portal.page_cache import cached_for_content, content_version_bump
from search import analysis, ranking, situation
from search.models import Synonym, split_terms

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("fi", "sv", "en")


# --- Reading -------------------------------------------------------------------------------


def lay_terms_by_topic(language: str) -> dict[str, tuple[str, ...]]:
    """Topic key → the lay terms (words and phrases as editors wrote them) of that topic."""
    return _cached("lay", language, _load_lay_terms)


def lay_terms_for(language: str, topics: Iterable[str]) -> tuple[str, ...]:
    by_topic = lay_terms_by_topic(language)
    terms: list[str] = []
    for topic in topics:
        terms.extend(by_topic.get(topic, ()))
    return tuple(dict.fromkeys(terms))


@dataclass(frozen=True)
class ExpansionRule:
    """When a query contains `pattern` (analysed words in a row, each a set of alternative
    terms), it also searches for `expansions` (analysed terms, each with a weight: compound
    parts count less than whole words)."""

    pattern: tuple[frozenset[str], ...]
    expansions: tuple[tuple[str, float], ...]
    # The expansions of several words ("home services"), each word as its base forms: their
    # words are common alone ("home", "service"), so a page counts as meaning the phrase
    # only where its title or keywords hold all of them.
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()


def known_words(language: str) -> tuple[str, ...]:
    """The single words of the thesaurus (folded), for telling what a mistyped word meant
    when no page uses the word it stands for ("contraseption" → "contraception", a term
    that leads to "birth control")."""
    return _cached("words", language, _load_known_words)


def _load_known_words(language: str) -> tuple[str, ...]:
    words: dict[str, None] = {}
    for entry in _active_entries(language):
        for phrase in (*entry.term_list(), *entry.expansion_list()):
            for word in analysis.tokenize(phrase):
                if len(word) >= 4 and word.isalpha():
                    words[word] = None
    return tuple(words)


def expansion_rules(language: str) -> tuple[ExpansionRule, ...]:
    return _cached("rules", language, _load_expansion_rules)


def topic_patterns(language: str) -> tuple[situation.TopicPattern, ...]:
    """The lay terms of every topic analysed as query words are (`search.situation`)."""
    return _cached("topics", language, _load_topic_patterns)


def synonym_rules(language: str) -> list[str]:
    """The thesaurus as Solr synonym rules for Elasticsearch's synonym filters.

    Equivalent words give "a, b, c"; words with words to search for as well give
    "a, b => a, b, x, y" (the words themselves are kept, so they still match). Lay terms of
    a topic give no rule: they are indexed with the topic's pages (`IndexDocument.lay_terms`).
    """
    rules = []
    for entry in _active_entries(language):
        terms = [_solr_escape(term) for term in entry.term_list()]
        expansions = [_solr_escape(term) for term in entry.expansion_list()]
        if not terms:
            continue
        if expansions:
            targets = list(dict.fromkeys(terms + expansions))
            rules.append(f"{', '.join(terms)} => {', '.join(targets)}")
        elif not entry.topic_key and len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


def _solr_escape(term: str) -> str:
    # Solr's synonym format gives "," "=>" and "\" meaning; a word never needs them.
    return " ".join(term.replace("\\", " ").replace("=>", " ").replace(",", " ").split())


def thesaurus_changed() -> None:
    """Make every process read the thesaurus again (called when an entry changes)."""
    content_version_bump()


def _cached(kind: str, language: str, loader):
    language = analysis.primary_language(language)
    return cached_for_content(f"thesaurus:{kind}:{language}", lambda: loader(language))


def _active_entries(language: str) -> list[Synonym]:
    return list(
        Synonym.objects.filter(language=analysis.primary_language(language), active=True).order_by(
            "pk"
        )
    )


def _load_lay_terms(language: str) -> dict[str, tuple[str, ...]]:
    by_topic: dict[str, list[str]] = {}
    for entry in _active_entries(language):
        if entry.topic_key:
            by_topic.setdefault(entry.topic_key, []).extend(entry.term_list())
    return {topic: tuple(dict.fromkeys(terms)) for topic, terms in by_topic.items()}


def _load_topic_patterns(language: str) -> tuple[situation.TopicPattern, ...]:
    patterns = []
    for topic, phrases in _load_lay_terms(language).items():
        for phrase in phrases:
            for rule in _rules([phrase], (), language):
                if rule.pattern:
                    patterns.append(situation.TopicPattern(topic=topic, pattern=rule.pattern))
    return tuple(dict.fromkeys(patterns))


def _load_expansion_rules(language: str) -> tuple[ExpansionRule, ...]:
    rules = []
    for entry in _active_entries(language):
        terms = entry.term_list()
        expansions = entry.expansion_list()
        if expansions:
            targets = _analysed_terms(expansions, language)
            rules.extend(_rules(terms, targets, language, _phrases(expansions, language)))
        elif not entry.topic_key and len(terms) > 1:
            # Equivalent words: each finds the others.
            for term in terms:
                others = _analysed_terms([t for t in terms if t != term], language)
                rules.extend(_rules([term], others, language))
    return tuple(rule for rule in rules if rule.pattern and rule.expansions)


def _rules(
    phrases: list[str],
    targets: tuple[tuple[str, float], ...],
    language: str,
    target_phrases: tuple[tuple[frozenset[str], ...], ...] = (),
) -> list[ExpansionRule]:
    rules = []
    for phrase in phrases:
        words = analysis.analyze_words(phrase, language, stopwords=True) or (
            analysis.analyze_words(phrase, language)
        )
        # A rule word matches by its base forms only: "rahaongelma" must not fire for
        # every query that has "ongelma" in it, while "alkoholi" does fire for
        # "alkoholiongelma" (the query word's parts are matched).
        pattern = tuple(frozenset(ranking.split_word_terms(terms)[0]) for terms in words)
        rules.append(ExpansionRule(pattern=pattern, expansions=targets, phrases=target_phrases))
    return rules


def _phrases(expansions: list[str], language: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """The expansions of more than one content word, each word as its base forms."""
    phrases = []
    for expansion in expansions:
        words = analysis.analyze_words(expansion, language, stopwords=True)
        if len(words) > 1:
            phrases.append(tuple(frozenset(ranking.split_word_terms(t)[0]) for t in words))
    return tuple(phrases)


def _analysed_terms(phrases: list[str], language: str) -> tuple[tuple[str, float], ...]:
    weights: dict[str, float] = {}
    for phrase in phrases:
        words = analysis.analyze_words(phrase, language, stopwords=True)
        for term, weight in ranking.word_term_weights(words).items():
            weights[term] = max(weights.get(term, 0.0), weight)
    return tuple(weights.items())


# --- The starting thesaurus ----------------------------------------------------------------


@dataclass(frozen=True)
class LoadSummary:
    created: int = 0
    updated: int = 0
    kept: int = 0  # changed by editors, left as they are
    unchanged: int = 0


def shipped_entries(language: str) -> list[dict]:
    """The starting thesaurus for `language` (`search/data/thesaurus-<language>.json`)."""
    path = DATA_DIR / f"thesaurus-{language}.json"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as data_file:
        return json.load(data_file)["entries"]


def content_hash(*, topic_key: str, terms: list[str], expands_to: list[str]) -> str:
    canonical = json.dumps([topic_key, terms, expands_to], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _entry_hash(entry: Synonym) -> str:
    return content_hash(
        topic_key=entry.topic_key, terms=entry.term_list(), expands_to=entry.expansion_list()
    )


@transaction.atomic
def thesaurus_load(*, languages: Iterable[str] = LANGUAGES) -> LoadSummary:
    """Create the shipped entries that are missing and update those nobody has edited.

    An entry counts as edited when its words, expansions or topic differ from what was last
    loaded into it; edited entries are never overwritten, so editors own what they change.
    """
    created = updated = kept = unchanged = 0
    for language in languages:
        existing = {
            entry.shipped_key: entry
            for entry in Synonym.objects.filter(language=language).exclude(shipped_key="")
        }
        for item in shipped_entries(language):
            terms = split_terms(", ".join(item["terms"]))
            expands_to = split_terms(", ".join(item.get("expands_to", [])))
            topic_key = item.get("topic", "")
            shipped_hash = content_hash(topic_key=topic_key, terms=terms, expands_to=expands_to)
            fields = {
                "topic_key": topic_key,
                "terms": ", ".join(terms),
                "expands_to": ", ".join(expands_to),
                "shipped_hash": shipped_hash,
            }
            entry = existing.get(item["key"])
            if entry is None:
                Synonym.objects.create(language=language, shipped_key=item["key"], **fields)
                created += 1
            elif entry.shipped_hash == shipped_hash:
                unchanged += 1
            elif _entry_hash(entry) != entry.shipped_hash:
                kept += 1
            else:
                for name, value in fields.items():
                    setattr(entry, name, value)
                entry.save()
                updated += 1
    return LoadSummary(created=created, updated=updated, kept=kept, unchanged=unchanged)
