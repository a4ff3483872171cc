"""Draft.js raw JSON (as PTV stores rich texts) → safe HTML or plain text.

PTV keeps descriptions either as plain text or as the *raw* Draft.js content state serialised
to a JSON string: ``{"blocks": [{"text", "type", "depth", "inlineStyleRanges",
"entityRanges", …}], "entityMap": {"0": {"type": "LINK", "data": {"url": …}}}}``.

Output rules (``draftjs_to_html``):

* ``unstyled`` (and any unknown block type) → ``<p>``; ``header-one``/``header-two`` → ``<h2>``,
  ``header-three`` … ``header-six`` → ``<h3>``;
* consecutive ``unordered-list-item``/``ordered-list-item`` blocks → one ``<ul>``/``<ol>``; a
  deeper ``depth`` opens a nested list inside the previous item;
* inline ``BOLD``/``ITALIC`` → ``<b>``/``<i>`` (other styles are ignored);
* ``LINK`` entities → ``<a href>`` only for ``http``, ``https``, ``mailto`` and ``tel`` URLs;
  any other link (``javascript:``, relative, …) is dropped and its text kept;
* a link whose text has nothing visible (only spaces, line breaks or invisible characters such
  as a zero-width space) would be an unnamed link to a screen reader: it is dropped and its
  text kept;
* blocks whose text is empty or whitespace are dropped; a newline inside a block → ``<br>``;
* every piece of text and every attribute value is HTML-escaped.

Text that is not Draft.js is treated as plain text: paragraphs are separated by blank lines and a
single newline becomes ``<br>``.

Text that looks like Draft.js (a JSON object with a ``"blocks"`` key) but is not valid Draft.js
raises ``ValueError``.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = ["draftjs_to_html", "draftjs_to_text", "is_draftjs", "plain_text_to_html", "safe_url"]

SAFE_URL_SCHEMES = ("http", "https", "mailto", "tel")

_LIST_TAGS = {"unordered-list-item": "ul", "ordered-list-item": "ol"}
_HEADER_TAGS = {
    "header-one": "h2",
    "header-two": "h2",
    "header-three": "h3",
    "header-four": "h3",
    "header-five": "h3",
    "header-six": "h3",
}
# Style → tag, in the (outer → inner) order they are nested.
_STYLE_TAGS = (("BOLD", "b"), ("ITALIC", "i"))
_KNOWN_STYLES = frozenset(style for style, _ in _STYLE_TAGS)
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_draftjs(text: str) -> bool:
    """True when ``text`` looks like a raw Draft.js content state (not checked for validity)."""
    if not isinstance(text, str):
        return False
    stripped = text.strip()
    return stripped.startswith("{") and stripped.endswith("}") and '"blocks"' in stripped


def safe_url(url: Any) -> str:
    """``url`` stripped when its scheme is http, https, mailto or tel; otherwise ``""``."""
    if not isinstance(url, str):
        return ""
    url = url.strip()
    # Control characters and whitespace inside the scheme can hide e.g. "java\tscript:".
    if not url or any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return ""
    match = _SCHEME.match(url)
    if not match or match.group(1).lower() not in SAFE_URL_SCHEMES:
        return ""
    return url


# --------------------------------------------------------------------------------------------
# Parsing and validation


@dataclass(frozen=True)
class _Block:
    text: str
    type: str
    depth: int
    # ``text`` cut into runs of equal formatting: (text, styles, link url or "").
    segments: tuple[tuple[str, frozenset[str], str], ...]


def _fail(detail: str) -> ValueError:
    return ValueError(f"malformed Draft.js content: {detail}")


def _utf16_index_map(text: str) -> list[int] | None:
    """Map each UTF-16 code unit offset (Draft.js offsets are JS string indices) to a str index.

    ``None`` when the two agree (no characters outside the Basic Multilingual Plane).
    """
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    mapping: list[int] = []
    for index, char in enumerate(text):
        mapping.extend([index] * (2 if ord(char) > 0xFFFF else 1))
    mapping.append(len(text))
    return mapping


def _int_field(item: dict, key: str, where: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _fail(f"{where}.{key} must be a non-negative integer, got {value!r}")
    return value


def _span(item: dict, where: str, text: str, index: list[int] | None) -> tuple[int, int]:
    """A style or entity range as (start, end) ``str`` indices, clamped to the text."""
    offset = _int_field(item, "offset", where)
    length = _int_field(item, "length", where)
    if index is None:
        return min(offset, len(text)), min(offset + length, len(text))
    last = len(index) - 1
    return index[min(offset, last)], index[min(offset + length, last)]


def _ranges(block: dict, key: str, where: str) -> list[dict]:
    ranges = block.get(key) or []
    if not isinstance(ranges, list) or not all(isinstance(r, dict) for r in ranges):
        raise _fail(f"{where}.{key} must be a list of objects")
    return ranges


def _entity_urls(entity_map: Any) -> dict[str, str]:
    """Entity key → safe link URL ("" for non-links and unsafe links)."""
    if isinstance(entity_map, list):  # some serialisers write the map as a list
        entity_map = dict(enumerate(entity_map))
    if not isinstance(entity_map, dict):
        raise _fail("entityMap must be an object")
    urls: dict[str, str] = {}
    for key, entity in entity_map.items():
        if not isinstance(entity, dict):
            raise _fail(f"entityMap[{key!r}] must be an object")
        data = entity.get("data") or {}
        if not isinstance(data, dict):
            raise _fail(f"entityMap[{key!r}].data must be an object")
        url = ""
        if str(entity.get("type", "")).upper() == "LINK":
            url = safe_url(data.get("url") or data.get("href"))
        urls[str(key)] = url
    return urls


def _segments(
    text: str, styled: list[tuple[int, int, str]], linked: list[tuple[int, int, str]]
) -> tuple[tuple[str, frozenset[str], str], ...]:
    """Cut ``text`` at every range boundary; each piece gets the styles and link covering it."""
    bounds = sorted({0, len(text)} | {i for s, e, _ in styled + linked for i in (s, e)})
    segments: list[tuple[str, frozenset[str], str]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start >= end:
            continue
        styles = frozenset(
            style for s, e, style in styled if s <= start and end <= e and style in _KNOWN_STYLES
        )
        link = ""
        for s, e, url in linked:
            if s <= start and end <= e:
                link = url
        if segments and segments[-1][1:] == (styles, link):
            segments[-1] = (segments[-1][0] + text[start:end], styles, link)
        else:
            segments.append((text[start:end], styles, link))
    return tuple(segments)


def _parse(text: str) -> list[_Block]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    if not isinstance(raw, dict):
        raise _fail("the top level must be an object")
    blocks = raw.get("blocks")
    if not isinstance(blocks, list):
        raise _fail("'blocks' must be a list")
    urls = _entity_urls(raw.get("entityMap") or {})

    parsed: list[_Block] = []
    for number, block in enumerate(blocks):
        where = f"blocks[{number}]"
        if not isinstance(block, dict):
            raise _fail(f"{where} must be an object")
        block_text = block.get("text", "")
        if not isinstance(block_text, str):
            raise _fail(f"{where}.text must be a string")
        block_type = block.get("type") or "unstyled"
        if not isinstance(block_type, str):
            raise _fail(f"{where}.type must be a string")
        depth = block.get("depth") or 0
        if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
            raise _fail(f"{where}.depth must be a non-negative integer")

        index = _utf16_index_map(block_text)

        styled: list[tuple[int, int, str]] = []
        for number_r, style_range in enumerate(_ranges(block, "inlineStyleRanges", where)):
            range_where = f"{where}.inlineStyleRanges[{number_r}]"
            style = style_range.get("style")
            if not isinstance(style, str):
                raise _fail(f"{range_where}.style must be a string")
            styled.append((*_span(style_range, range_where, block_text, index), style.upper()))
        linked: list[tuple[int, int, str]] = []
        for number_r, entity_range in enumerate(_ranges(block, "entityRanges", where)):
            range_where = f"{where}.entityRanges[{number_r}]"
            key = entity_range.get("key")
            if isinstance(key, bool) or not isinstance(key, int | str):
                raise _fail(f"{range_where}.key must be an integer or a string")
            if str(key) not in urls:
                raise _fail(f"{range_where}.key {key!r} is not in entityMap")
            linked.append((*_span(entity_range, range_where, block_text, index), urls[str(key)]))
        segments = _segments(block_text, styled, linked)
        parsed.append(_Block(block_text, block_type, depth, segments))
    return parsed


# --------------------------------------------------------------------------------------------
# HTML output


def _escape_lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _runs(items: list, key) -> list[tuple[Any, list]]:
    """Group consecutive ``items`` with equal ``key(item)``."""
    groups: list[tuple[Any, list]] = []
    for item in items:
        k = key(item)
        if groups and groups[-1][0] == k:
            groups[-1][1].append(item)
        else:
            groups.append((k, [item]))
    return groups


def _trimmed(block: _Block) -> list[tuple[str, frozenset[str], str]]:
    """The block's segments without the whitespace around the whole text."""
    segments = [list(segment) for segment in block.segments]
    while segments and not segments[0][0].lstrip():
        segments.pop(0)
    while segments and not segments[-1][0].rstrip():
        segments.pop()
    if segments:
        segments[0][0] = segments[0][0].lstrip()
        segments[-1][0] = segments[-1][0].rstrip()
    return [(text, styles, link) for text, styles, link in segments]


def _styled_html(segments: list, styles: tuple[tuple[str, str], ...] = _STYLE_TAGS) -> str:
    """Escaped text with style tags nested as few times as possible (bold outside italic)."""
    if not styles:
        return "".join(_escape_lines(text) for text, _, _ in segments)
    (style, tag), inner_styles = styles[0], styles[1:]
    out = []
    for has_style, group in _runs(segments, lambda segment: style in segment[1]):
        inner = _styled_html(group, inner_styles)
        out.append(f"<{tag}>{inner}</{tag}>" if has_style else inner)
    return "".join(out)


# Control and format characters (zero-width space and joiners, soft hyphen, BOM) show nothing.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs"})


def _has_visible_text(text: str) -> bool:
    return any(
        not char.isspace() and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        for char in text
    )


def _inline_html(block: _Block) -> str:
    out: list[str] = []
    for url, link_segments in _runs(_trimmed(block), lambda segment: segment[2]):
        inner = _styled_html(link_segments)
        if url and _has_visible_text("".join(text for text, _, _ in link_segments)):
            out.append(f'<a href="{html.escape(url, quote=True)}">{inner}</a>')
        else:
            out.append(inner)
    return "".join(out)


def _blocks_to_html(blocks: list[_Block]) -> str:
    parts: list[str] = []
    # Open lists, innermost last: (tag, depth). Each open list has an unclosed <li>.
    stack: list[tuple[str, int]] = []

    def close_to(depth: int) -> None:
        while stack and stack[-1][1] > depth:
            tag, _ = stack.pop()
            parts.append(f"</li></{tag}>")

    for block in blocks:
        if not block.text.strip():
            continue
        list_tag = _LIST_TAGS.get(block.type)
        if list_tag is None:
            close_to(-1)
            tag = _HEADER_TAGS.get(block.type, "p")
            parts.append(f"<{tag}>{_inline_html(block)}</{tag}>")
            continue
        # A list can only nest one level deeper than the current innermost list.
        depth = min(block.depth, stack[-1][1] + 1 if stack else 0)
        close_to(depth)
        if stack and stack[-1][1] == depth and stack[-1][0] != list_tag:
            tag, _ = stack.pop()  # same depth, other list type: end that list, start a new one
            parts.append(f"</li></{tag}>")
        if stack and stack[-1][1] == depth:
            parts.append("</li><li>")
        else:
            parts.append(f"<{list_tag}><li>")
            stack.append((list_tag, depth))
        parts.append(_inline_html(block))
    close_to(-1)
    return "".join(parts)


def plain_text_to_html(text: str) -> str:
    """Plain text → ``<p>`` per blank-line-separated paragraph, single newlines → ``<br>``."""
    paragraphs = _paragraphs(text)
    return "".join(f"<p>{_escape_lines(paragraph)}</p>" for paragraph in paragraphs)


def draftjs_to_html(text: str) -> str:
    """Draft.js JSON (or plain text) → safe HTML; ``""`` when there is no visible text."""
    if not text or not text.strip():
        return ""
    if is_draftjs(text):
        return _blocks_to_html(_parse(text))
    return plain_text_to_html(text)


# --------------------------------------------------------------------------------------------
# Plain-text output


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for chunk in _BLANK_LINES.split(text):
        lines = [line.rstrip() for line in chunk.strip().split("\n")]
        if any(lines):
            paragraphs.append("\n".join(lines))
    return paragraphs


def draftjs_to_text(text: str) -> str:
    """Draft.js JSON (or plain text) → plain text, paragraphs separated by blank lines.

    List items become ``- item`` lines (indented two spaces per depth) kept together in one
    paragraph; link targets are not shown.
    """
    if not text or not text.strip():
        return ""
    if not is_draftjs(text):
        return "\n\n".join(_paragraphs(text))
    paragraphs: list[str] = []
    list_lines: list[str] = []
    for block in _parse(text):
        block_text = "\n".join(line.strip() for line in block.text.strip().split("\n"))
        if not block_text:
            continue
        if block.type in _LIST_TAGS:
            list_lines.append("  " * block.depth + "- " + block_text)
            continue
        if list_lines:
            paragraphs.append("\n".join(list_lines))
            list_lines = []
        paragraphs.append(block_text)
    if list_lines:
        paragraphs.append("\n".join(list_lines))
    return "\n\n".join(paragraphs)
