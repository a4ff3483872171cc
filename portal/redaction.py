"""Removes personal data from free text before it is stored or logged. Pure: no Django.

Used wherever the design says anonymous: log lines, search queries, feedback comments.
Over-redaction is the safe failure here, so the patterns are deliberately generous.
"""

import re
import unicodedata

from portal.hetu import HETU_PATTERN

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Finnish and international numbers: +358 40 123 4567, 040-1234567, 09 2525 0111,
# (09) 310 1234, and 358 40 123 4567 typed without the plus.
PHONE_PATTERN = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ -]?|358[ -]?|\(?0)\d{1,3}\)?(?:[ -]?\d){5,10}(?!\w)"
)

PLACEHOLDERS = {"hetu": "[henkilötunnus]", "email": "[email]", "phone": "[phone]"}


def redact(text: str) -> str:
    """Replace identity codes, e-mail addresses and phone numbers with placeholders.

    Compatibility forms are folded first (NFKC: a full-width "＠" or "１" is typed on some
    phones and would otherwise slip past every pattern)."""
    text = unicodedata.normalize("NFKC", text)
    text = HETU_PATTERN.sub(PLACEHOLDERS["hetu"], text)
    text = EMAIL_PATTERN.sub(PLACEHOLDERS["email"], text)
    return PHONE_PATTERN.sub(PLACEHOLDERS["phone"], text)
