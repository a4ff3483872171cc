"""Removes personal data from free text before it is stored or logged. Pure: no Django.

Used wherever the design says anonymous: log lines, search queries, feedback comments, all
through `redact`. Over-redaction is the safe failure here, so the patterns are deliberately
generous.
"""

import re
import unicodedata

from portal.hetu import HETU_PATTERN, SPACED_PATTERN, is_spaced_code

# The look-behind keeps the work linear: a match starts only where a run of name characters
# does, not again inside it.
EMAIL_PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Finnish and international numbers: +358 40 123 4567, 040-1234567, 09 2525 0111,
# (09) 310 1234, and 358 40 123 4567 typed without the plus.
PHONE_PATTERN = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ -]?|358[ -]?|\(?0)\d{1,3}\)?(?:[ -]?\d){5,10}(?!\w)"
)
# Six digits or more, also with spaces, dots, dashes, slashes or brackets between them:
# dates of birth, account and customer numbers, an IBAN's digits ("13.10.1952").
LONG_NUMBER_PATTERN = re.compile(r"\d(?:[\s().\-/+]*\d){5,}")

# Zero-width spaces, soft hyphens, bidi marks: invisible, and enough to split a code or an
# address so that no pattern sees it ("131052\u200b-308T").
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

# Addresses written so that harvesters miss them: "matti [at] example.com",
# "matti(a)kunta.fi", "matti @ example . com", "matti ät gmail piste com".
_AT_WORDS = "at|ät|miukumauku|kissanhäntä|snabel-a"
_DOT_WORDS = "dot|piste|punkt"


def _bracketed(words: str) -> str:
    return r"\s*[\[({<]\s*(?:" + words + r")\s*[\])}>]\s*"


_AT_SIGN = r"(?:\s*@\s*|" + _bracketed(_AT_WORDS + "|a|@|snabela") + ")"
_AT_WORD = r"\s+(?:" + _AT_WORDS + r")\s+(?!www\.)"
_DOT_OTHER = _bracketed(_DOT_WORDS + r"|\.") + r"|\s+(?:" + _DOT_WORDS + r")\s+"
_DOT_WORD = r"(?:\.|" + _DOT_OTHER + ")"
_DOT_SPACED = r"(?:\s*\.\s*|" + _DOT_OTHER + ")"
# Starts only where a word starts, and at most seven parts a side, so that the work stays
# linear in the length of the text (a log line may be long).
_NAME = r"(?<![\w+-])[\w+-]+"
_LABEL = r"[\w-]+"
_PARTS = "{0,6}"
# "at" is an English word, so "word at word dot tld" is an address only with a top-level
# domain people write their e-mail under; "look at this dot is" stays, "me at kela.fi" goes.
_COMMON_TLD = (
    r"(?:com|net|org|info|biz|io|email|fi|se|ax|ee|eu|dk|de|uk|nu|co|fr|es|nl|pl|ru|ch|edu|gov)"
)
OBFUSCATED_EMAIL_PATTERNS = (
    re.compile(
        rf"{_NAME}(?:{_DOT_SPACED}{_LABEL}){_PARTS}{_AT_SIGN}{_LABEL}(?:{_DOT_SPACED}{_LABEL})"
        rf"{_PARTS}{_DOT_SPACED}[^\W\d_]{{2,24}}(?![\w-])",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_NAME}(?:{_DOT_WORD}{_LABEL}){_PARTS}{_AT_WORD}{_LABEL}(?:{_DOT_WORD}{_LABEL})"
        rf"{_PARTS}{_DOT_WORD}{_COMMON_TLD}(?![\w-])",
        re.IGNORECASE,
    ),
)

PLACEHOLDERS = {
    "hetu": "[henkilötunnus]",
    "email": "[email]",
    "phone": "[phone]",
    "number": "[number]",
}


def redact(text: str, *, long_numbers: bool = False) -> str:
    """Replace identity codes, e-mail addresses and phone numbers with placeholders.

    Codes are found also when typed with spaces or dashes inside ("131052 - 308T") and
    addresses also when written out ("matti at example dot com"). Compatibility forms are
    folded first (NFKC: a full-width "＠" or "１" is typed on some phones and would otherwise
    slip past every pattern) and invisible characters dropped.

    `long_numbers` also replaces every run of six digits or more: a search never needs
    one, while feedback and log lines need their dates and amounts."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = HETU_PATTERN.sub(PLACEHOLDERS["hetu"], text)
    text = _spaced_codes_redacted(text)
    text = EMAIL_PATTERN.sub(PLACEHOLDERS["email"], text)
    for pattern in OBFUSCATED_EMAIL_PATTERNS:
        text = pattern.sub(PLACEHOLDERS["email"], text)
    text = PHONE_PATTERN.sub(PLACEHOLDERS["phone"], text)
    if long_numbers:
        text = LONG_NUMBER_PATTERN.sub(PLACEHOLDERS["number"], text)
    return text


def _spaced_codes_redacted(text: str) -> str:
    # Not SPACED_PATTERN.sub: a candidate that is no code ("11-22 131052") may overlap the
    # code after it ("131052 308T"), so the search goes on from the next character.
    parts, done, position = [], 0, 0
    while match := SPACED_PATTERN.search(text, position):
        if is_spaced_code(match.group()):
            parts += [text[done : match.start()], PLACEHOLDERS["hetu"]]
            done = position = match.end()
        else:
            position = match.start() + 1
    return "".join(parts) + text[done:] if parts else text
