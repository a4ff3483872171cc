"""What the search box offers while a resident types (the database backend's autocomplete).

Titles of the indexed pages first, then known terms: the words and phrases of the editors'
thesaurus (lay terms of topics, synonyms and the words they search for) and the topics'
names, in the page's language and written as editors wrote them. Never the index's raw
words: those are inflected forms and fragments of page texts ("velkojien", "ks"), which look
like mistakes when offered as suggestions.

It runs on every keystroke: one query for the titles; the known terms are read once per
content version (`portal.page_cache.cached_for_content`) and matched in memory.
"""

from portal.page_cache import cached_for_content
from portal.ptv.topics import TAXONOMY
from search import analysis
from search.backends.base import MAX_QUERY_LENGTH
from search.models import Synonym
from search.query import clean_query_text

MIN_PREFIX_LENGTH = 2
# Titles asked of the database per suggestion shown: several pages may share a title, and
# those whose words merely contain what was typed are dropped.
TITLE_CANDIDATES_PER_SUGGESTION = 5


def suggestions_for(engine, prefix: str, locale: str, *, limit: int = 8) -> list[str]:
    """Completions of `prefix`: titles with a word starting with it (those starting with it
    first), then known terms the same way (shorter first). `engine` is the database
    backend's `search.backends.db_engines.Engine`, which finds the titles."""
    language = analysis.primary_language(locale or "fi")
    typed = " ".join(analysis.tokenize(clean_query_text(prefix, max_length=MAX_QUERY_LENGTH)))
    if len(typed) < MIN_PREFIX_LENGTH or limit < 1:
        return []
    completions: dict[str, str] = {}  # folded → as shown
    titles = engine.title_matches(language, typed, limit * TITLE_CANDIDATES_PER_SUGGESTION)
    for title, folded in _ranked(typed, ((folded, title) for title, folded in titles)):
        completions.setdefault(folded, title)
    if len(completions) < limit:
        for term, folded in _ranked(typed, known_terms(language)):
            completions.setdefault(folded, term)
    return list(completions.values())[:limit]


def known_terms(language: str) -> tuple[tuple[str, str], ...]:
    """(folded, as written) of every known term of `language`, shortest first."""
    language = analysis.primary_language(language)
    return cached_for_content(f"suggestions:terms:{language}", lambda: _load_terms(language))


def _ranked(typed: str, candidates) -> list[tuple[str, str]]:
    """(shown, folded) of the candidates that start with `typed` or have a word starting
    with it, those starting with it first; otherwise in the order given."""
    starts, word_starts = [], []
    for folded, shown in candidates:
        if folded.startswith(typed):
            starts.append((shown, folded))
        elif f" {typed}" in f" {folded}":
            word_starts.append((shown, folded))
    return starts + word_starts


def _load_terms(language: str) -> tuple[tuple[str, str], ...]:
    written: list[str] = []
    for entry in Synonym.objects.filter(language=language, active=True).order_by("pk"):
        written.extend(entry.term_list())
        written.extend(entry.expansion_list())
    written.extend(topic.titles[language] for topic in TAXONOMY if topic.titles.get(language))
    terms: dict[str, str] = {}
    for term in written:
        folded = " ".join(analysis.tokenize(term))
        if len(folded) >= MIN_PREFIX_LENGTH:
            terms.setdefault(folded, term)
    return tuple(sorted(terms.items(), key=lambda item: (len(item[0]), item[0])))
