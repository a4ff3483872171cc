"""Result snippets: a short window of a document's text with the matched words marked.

Pure: no Django imports. The text is HTML-escaped piece by piece and only the <mark> tags
this module writes are markup, so whatever a page contains is shown, never interpreted.
A word is marked when one of its analysed terms is a query term, so "velkaneuvontaan" is
marked for the query "velkaneuvonta".
"""

import html
import re

from search import analysis

SNIPPET_LENGTH = 200
# A word as people write it: letters and digits, joined inside by hyphens or apostrophes.
WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_MAX_SCANNED_CHARS = 5_000


def snippet(texts: list[str], terms: set[str], language: str, *, length: int = SNIPPET_LENGTH):
    """The best window of at most `length` characters from the first of `texts` that has a
    match (or the start of the first non-empty text), escaped, matches in <mark>."""
    fallback = next((text for text in texts if text.strip()), "")
    for text in texts:
        text = text[:_MAX_SCANNED_CHARS]
        matches = _matches(text, terms, language)
        if matches:
            return _render(text, matches, _best_window(text, matches, length))
    window = _window_at(fallback, 0, length)
    return _render(fallback, [], window)


def _matches(text: str, terms: set[str], language: str) -> list[tuple[int, int, frozenset]]:
    found = []
    if not terms:
        return found
    # Analysing every word of a long text is the costly part; a word can only give a query
    # term if it contains the term's first two letters somewhere (inflection changes a
    # word's end, lapsi → lasten, and compounding adds parts in front).
    probes = {term[:2] for term in terms}
    for match in WORD.finditer(text):
        word = match.group()
        lowered = word.casefold()  # enough for a pre-check; analysis folds properly
        if not any(probe in lowered for probe in probes):
            continue
        word_terms = frozenset(analysis.analyze(word, language)) & terms
        if word_terms:
            found.append((match.start(), match.end(), word_terms))
    return found


def _best_window(text: str, matches, length: int) -> tuple[int, int]:
    """The window holding the most distinct matched terms (earliest on a tie)."""
    best, best_start = -1, 0
    for start, _end, _terms in matches:
        window_start = max(0, start - length // 4)
        covered: set[str] = set()
        for other_start, other_end, other_terms in matches:
            if window_start <= other_start and other_end <= window_start + length:
                covered |= other_terms
        if len(covered) > best:
            best, best_start = len(covered), window_start
    return _window_at(text, best_start, length)


def _window_at(text: str, start: int, length: int) -> tuple[int, int]:
    """[start, end) moved to word boundaries, at most `length` long."""
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def _render(text: str, matches, window: tuple[int, int]) -> str:
    start, end = window
    pieces = ["…" if start > 0 else ""]
    position = start
    for match_start, match_end, _terms in matches:
        if match_start < start or match_end > end:
            continue
        pieces.append(html.escape(text[position:match_start]))
        pieces.append(f"<mark>{html.escape(text[match_start:match_end])}</mark>")
        position = match_end
    pieces.append(html.escape(text[position:end]))
    pieces.append("…" if end < len(text) else "")
    return " ".join("".join(pieces).split())
