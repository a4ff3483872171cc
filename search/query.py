"""Cleaning what a resident typed before any backend sees it. Pure: no Django imports.

Backends build their match expressions only from analysed terms, never from this text, so
cleaning is not what makes search safe; it keeps the work per query bounded (length) and
the text fit to show back ("Did you mean …", the search box).
"""

import re
import unicodedata

from search.backends.base import MAX_QUERY_LENGTH

# Control characters, format characters (zero-width spaces, bidi overrides), surrogates,
# private-use and unassigned code points: never part of a word a person meant to type.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACE = re.compile(r"\s+")


def clean_query_text(text: str | None, *, max_length: int = MAX_QUERY_LENGTH) -> str:
    """`text` without control and format characters, with whitespace collapsed, at most
    `max_length` characters long (cut at a word boundary where there is one)."""
    if not text:
        return ""
    # Look at a bounded prefix only: a megabyte pasted into the box costs nothing more.
    text = unicodedata.normalize("NFC", str(text)[: max_length * 4])
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )
    cleaned = _SPACE.sub(" ", kept).strip()
    if len(cleaned) <= max_length:
        return cleaned
    cut = cleaned[: max_length + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > max_length // 2 else cut[:max_length]).strip()
