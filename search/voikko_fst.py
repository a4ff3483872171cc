"""Finnish morphology from the voikko-fi transducer, read with kfst: no system library needed.

Pure: no Django imports. PyPI's `pyvoikko` ships the voikko-fi morphology transducer
(`voikko.kfst`) and `kfst` (with its native companion `kfst-rs`) looks words up in it. The
transducer answers with raw analyses such as

    [Ln][Xp]velka[X]velk[Sn][Ny]a[Bh][Bc][Lt][Xp]neuvoa[X]neuvo[Ln]n[Xj]ta[X]t[Sill][Ny]aan

and this module reads them the way libvoikko reads the same transducer, giving the three
attributes search uses, under libvoikko's names: BASEFORM (velkaneuvonta), STRUCTURE
("=ppppp=pppppppppp": where compound parts start in the written word) and WORDBASES
("+velka(velka)+neuvo(neuvoa)+n+ta(+ta)": the pieces of the base form with their lexical
bases). pyvoikko's own parser is not used: its base forms of inflected compounds are wrong
("aikuisiässä" → "aikuinenikä"). Letter case is not reproduced (search folds every term),
and neither are the attributes search does not read (class, case, mood, …).

The output format: `[Xp]…[X]` holds the lexical base of the piece that follows, `[Xj]…[X]`
a derivational suffix's base, `[Xr]…[X]` an explicit structure, `[B…]` a boundary
(`[Bc]` between compound parts, `[Bh]` where a hyphen may stand), `[L…]` a word class, and
letters outside brackets spell the word as written.
"""

import re
from dataclasses import dataclass

# Both sides of a compound boundary with the same vowel need a hyphen (linja-auto), so do
# digits (13-vuotias); elsewhere a hyphen is wrong (no "kesä-loma").
_VOWELS = frozenset("aeiouyäö")
# libvoikko reads at most this many analyses of one word; so does this module.
MAX_ANALYSES = 99

_TOKEN = re.compile(r"\[X([a-z])\](.*?)\[X\]|\[([^\]]*)\]|(.)", re.DOTALL)


@dataclass(frozen=True)
class _Token:
    start: int  # offset in the raw analysis, for the few rules that look at raw neighbours
    kind: str  # "x" (an [X?]…[X] block), "tag" or "char"
    name: str = ""  # the block's letter or the tag's text
    text: str = ""  # the block's content or the character


def _tokens(raw: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(raw):
        block, content, tag, char = match.groups()
        if block is not None:
            tokens.append(_Token(match.start(), "x", block, content))
        elif tag is not None:
            tokens.append(_Token(match.start(), "tag", tag))
        else:
            tokens.append(_Token(match.start(), "char", text=char))
    return tokens


def analysis_from_raw(raw: str, word: str) -> dict[str, str] | None:
    """libvoikko's BASEFORM, STRUCTURE and WORDBASES of one raw analysis of `word`, or None
    when the analysis breaks Finnish hyphenation rules (libvoikko drops those too)."""
    tokens = _tokens(raw)
    if not _is_valid(tokens):
        return None
    analysis = {"STRUCTURE": _structure(tokens, raw, len(word)), "WORDBASES": _wordbases(raw)}
    base_form = _base_form(tokens, raw)
    if base_form:
        analysis["BASEFORM"] = base_form
    return analysis


# --- Validity -------------------------------------------------------------------------------


def _is_valid(tokens: list[_Token]) -> bool:
    """False for an analysis that joins compound parts against the hyphen rules, that misses
    a hyphen a part requires, or that makes a proper noun end as a common noun."""
    before_last = last = ""
    at_boundary = hyphen_written = False
    hyphen_free = hyphen_free_just_set = False  # a hyphen is allowed whatever the letters
    hyphen_needed = needed_hyphen_missing = False
    proper_noun_start = common_noun_end = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.kind == "x":
            continue
        if token.kind == "tag":
            name = token.name
            if name.startswith("Isf"):
                hyphen_free = hyphen_free_just_set = True
            elif name.startswith("Icu"):
                at_boundary = False
                hyphen_free = hyphen_needed = True
            elif name.startswith("Ica"):
                needed_hyphen_missing = common_noun_end = False
            elif name.startswith("Le"):
                proper_noun_start, common_noun_end = True, False
            elif name.startswith("Ln"):
                common_noun_end = True
            elif name.startswith("Dg"):
                proper_noun_start = False
            elif name == "Bh":
                at_boundary, hyphen_written = True, False
                if needed_hyphen_missing:
                    return False
                needed_hyphen_missing = hyphen_needed
            continue
        char = token.text
        if char == "-":
            proper_noun_start = common_noun_end = False
            following = tokens[index] if index < len(tokens) else None
            if following is not None and following.kind == "tag" and following.name == "Bh":
                at_boundary = hyphen_written = True
                index += 1
            continue
        if at_boundary:
            if not last or (before_last, last) == ("i", "s"):
                hyphen_free = True  # nothing before, or a prefix in -is (pohjois-)
            if hyphen_needed and hyphen_written:
                hyphen_needed = False
            if not (hyphen_free and hyphen_written):
                left, right = last.lower(), char.lower()
                required = (left == right and left in _VOWELS) or left.isdigit()
                if required != hyphen_written:
                    return False
            at_boundary = False
            if hyphen_free_just_set:
                hyphen_free_just_set = False
            else:
                hyphen_free = False
        before_last, last = last, char
    return not needed_hyphen_missing and not (proper_noun_start and common_noun_end)


# --- Base form ------------------------------------------------------------------------------


def _base_form(tokens: list[_Token], raw: str) -> str:
    """The word as written up to its last lexical piece, then that piece's base:
    velk·a·neuvo·n·t·aan with the last piece [Xj]ta → "velkaneuvon" + "ta"."""
    form: list[str] = []
    piece_start: int | None = None  # where the latest [Xp]/[Xj] piece starts in `form`
    piece_base = ""
    hyphens_in_piece = 0
    place_name_part = ignore_next_place_name = class_seen = False
    for position, token in enumerate(tokens):
        if token.kind == "x":
            if token.name in "pj":
                piece_start, piece_base = len(form), token.text
                hyphens_in_piece = token.text.count("-")
            continue
        if token.kind == "tag":
            if token.name == "Lu" and not class_seen:
                class_seen = True
                numeral = _numeral_base_form(tokens[position + 1 :])
                if numeral is not None:
                    return "".join(form) + numeral
            elif token.name == "De":
                place_name_part = not ignore_next_place_name
            elif token.name.startswith("L"):
                class_seen = True
                place_name_part = False
                # Only adjectives inflect as the first part of a place name (Isolla-Britannialla).
                ignore_next_place_name = not token.name.startswith(("Ll", "Lnl"))
            continue
        char = token.text
        if char == "-":
            if hyphens_in_piece:
                hyphens_in_piece -= 1  # the hyphen belongs to the piece's own base
            else:
                if (
                    place_name_part
                    and piece_start is not None
                    and raw[max(token.start - 2, 0) : token.start] != "is"
                    and "[Lep]" in raw[token.start :]
                ):
                    # Isolla-Britannialla → Iso-Britannia, but Pohjois-Suomella keeps "Pohjois".
                    form[piece_start:] = piece_base.replace("=", "")
                piece_start = None
            place_name_part = False
        form.append(char)
    if piece_start is not None:
        form[piece_start:] = piece_base.replace("=", "")
    return "".join(form)


def _numeral_base_form(tokens: list[_Token]) -> str | None:
    """A numeral's base form (kahdeksantoista, 13-vuotias is not one), or None when the
    general rule applies instead."""
    form: list[str] = []
    first = tokens[0] if tokens else None
    in_digits = (
        first is not None and first.kind == "char" and (first.text.isdigit() or first.text == "-")
    )
    piece_passed = False
    for position, token in enumerate(tokens):
        if token.kind != "char" and in_digits:
            in_digits, piece_passed = False, True
        if token.kind == "x":
            if token.name in "pj":
                form.append(token.text)
                piece_passed = True
            continue
        if token.kind == "tag":
            if token.name == "Bc":
                if position == len(tokens) - 1:
                    return None  # a numeral ending in a boundary is a prefix
                piece_passed = False
            elif token.name in ("Ln", "Ll", "Lnl"):
                return None
            continue
        if in_digits or not piece_passed or token.text == "-":
            form.append(token.text)
    return "".join(form)


# --- Structure and word bases ---------------------------------------------------------------


def _structure(tokens: list[_Token], raw: str, word_length: int) -> str:
    """Where compound parts start in the written word: "=" before each part, one "p" per
    written letter ("-" for a hyphen). Case letters (i, j, q) are not distinguished."""
    structure = ["="]
    missing = word_length  # letters of the word not yet in the structure
    seen = 0  # letters read since the last boundary
    from_explicit = 0  # of those, letters an [Xr] block already described

    def flush() -> None:
        nonlocal missing, seen, from_explicit
        count = min(seen - from_explicit, missing)
        structure.extend("p" * count)
        missing -= count
        seen = from_explicit = 0

    for token in tokens:
        if token.kind == "tag":
            name = token.name
            if len(name) == 2 and name[0] == "B" and name[1] != "h":
                if token.start == 1:
                    structure.append("=")
                if seen > from_explicit:
                    flush()
                else:
                    seen = from_explicit = 0
                at_end = token.start + 5 >= len(raw)
                if token.start != 1 and not at_end and structure[-1] != "=":
                    structure.append("=")
        elif token.kind == "x":
            if token.name == "r":
                for char in token.text:
                    if not missing:
                        break
                    structure.append(char)
                    if char != "=":
                        from_explicit += 1
                        if char != "-":
                            missing -= 1
        elif token.text == "-":
            if seen > from_explicit:
                flush()
                structure.append("-")
            elif token.start != 0:
                if seen == from_explicit:
                    structure.append("-")
                else:
                    seen += 1
            missing = max(missing - 1, 0)
            if len(structure) == 1:
                structure[0] = "-"
        elif token.text == ":":
            if seen > from_explicit:
                flush()
            structure.append(":")
            missing = max(missing - 1, 0)
        else:
            seen += 1
    structure.extend("p" * missing)
    return "".join(structure)


_WORDBASE_TOKEN = re.compile(r"-\[B[^\]]*\]|\[L[^\]]*\]|\[X([a-z])\]|\[X\]|\[[^\]]*\]|(.)")


def _wordbases(raw: str) -> str:
    """The pieces of the base form as written, each with its lexical base in parentheses;
    a derivational suffix's base starts with "+": "+velka(velka)+neuvo(neuvoa)+n+ta(+ta)"."""
    out: list[str] = []
    last_content_at = 0  # where the latest run of written letters starts in `out`
    base = ""  # the base of the current piece, from its [Xp] or [Xj] block
    block = ""  # the kind of [X?] block being read, "" outside blocks
    in_content = False

    def end_piece() -> None:
        nonlocal base
        if base:
            out.append(f"({base})")
            base = ""

    for match in _WORDBASE_TOKEN.finditer(raw):
        text, block_kind, char = match.group(0), match.group(1), match.group(2)
        if text.startswith(("[L", "-[B")):
            in_content = False
            end_piece()
            if text.startswith("-"):
                out.append("+-")
        elif block_kind is not None:
            if block_kind == "j" and in_content:
                end_piece()
                last_content_at = len(out)
            if block_kind in "pj":
                base = ""
            block = block_kind
        elif text == "[X]":
            block = ""
        elif char is None:
            continue  # any other tag
        elif block == "p":
            base += char
        elif block == "j":
            base += char if base else "+" + char
        elif block:
            continue  # [Xr], [Xs]: not part of the bases
        else:
            if not in_content:
                out.append("+")
                last_content_at = len(out)
                in_content = True
            out.append(char)
    if base:
        # The last piece is named by its base, not by its inflected letters.
        del out[last_content_at:]
        if out and out[-1] == "+" and base.startswith("+"):
            out.pop()
        out.append(base.replace("=", ""))
        out.append(f"({base})")
    return "".join(out)


# --- The analyser ---------------------------------------------------------------------------


class TransducerAnalyser:
    """`analyze(word)` like libvoikko's `Voikko("fi").analyze`, from a kfst transducer.

    kfst's transducer keeps no state between lookups (unlike a libvoikko handle), but it is
    used under the caller's lock all the same; see `search.analysis`.
    """

    def __init__(self, transducer, lookup_error: type[Exception]):
        self._transducer = transducer
        self._lookup_error = lookup_error

    @classmethod
    def load(cls, path: str) -> "TransducerAnalyser":
        import kfst  # a PyPI dependency, with the native kfst-rs when that is installed

        return cls(kfst.FST.from_kfst_file(path), kfst.TokenizationException)

    def analyze(self, word: str) -> list[dict[str, str]]:
        word = word.lower()
        try:
            outputs = self._transducer.lookup(word, allow_unknown=False)
        except self._lookup_error:  # a character the transducer has no symbol for
            return []
        analyses = []
        for raw, _weight in outputs[:MAX_ANALYSES]:
            analysis = analysis_from_raw(raw, word)
            if analysis is not None:
                analyses.append(analysis)
        return analyses
