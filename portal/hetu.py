"""Finnish personal identity codes (henkilötunnus), DDMMYYCZZZQ.

Pure: no Django imports. The century sign is part of the identity (two people may share
the other ten characters across centuries), so all 11 characters are kept and compared.
"""

import re
from datetime import date

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_BY_SIGN = {
    "+": 1800,
    **dict.fromkeys("-YXWVU", 1900),
    **dict.fromkeys("ABCDEF", 2000),
}

_SHAPE = r"(?<![0-9A-Za-z])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![0-9A-Za-z])"
# Finds identity-code-shaped strings in free text (checksum not required: a mistyped
# code is still personal data and must not be stored or logged).
HETU_PATTERN = re.compile(_SHAPE, re.IGNORECASE)


def is_valid(code: str) -> bool:
    """True when `code` is a well-formed henkilötunnus with a correct check character."""
    match = re.fullmatch(_SHAPE, code.strip().upper())
    if not match:
        return False
    birth, sign, individual, check = match.groups()
    day, month, year = int(birth[:2]), int(birth[2:4]), int(birth[4:])
    try:
        date(CENTURY_BY_SIGN[sign] + year, month, day)
    except ValueError:
        return False
    if not 2 <= int(individual) <= 999:
        return False
    return CHECK_CHARACTERS[int(birth + individual) % 31] == check


def is_temporary(code: str) -> bool:
    """Individual numbers 900–999 are temporary codes given before a permanent one."""
    return is_valid(code) and int(code.strip()[7:10]) >= 900


# What people type inside a code they write by hand: spaces, dots, slashes, underscores, any
# dash, and the invisible characters some keyboards insert ("131052 - 308T", "1310523 08T").
_GAP = r"[\s./_\-\u2010-\u2015\u2212\u00ad\u200b-\u200d\u2060\ufeff]{0,4}"
# Six digits, the century sign or none, three digits and the check character, with gaps
# anywhere between them. Ordinary numbers have this shape too ("1.1.2026 - 31.12.2026"),
# so a match is a code only when `is_spaced_code` says so.
SPACED_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])"
    + rf"\d{_GAP}" * 6
    + rf"(?:[-+A-FU-Y]{_GAP})?"
    + rf"\d{_GAP}" * 3
    + r"[0-9A-Y](?![0-9A-Za-z])",
    re.IGNORECASE,
)


def is_spaced_code(candidate: str) -> bool:
    """True when a match of SPACED_PATTERN is to be treated as an identity code.

    A letter at the end is one: nine digits and a letter are no ordinary number, and a code
    with a mistyped check letter is still personal data. A digit at the end has to be the
    right check character after a real date, which a date range or an amount rarely is."""
    chars = [char for char in candidate.upper() if char.isalnum()]
    birth, individual, check = "".join(chars[:6]), "".join(chars[-4:-1]), chars[-1]
    if not check.isdigit():
        return True
    day, month, year = int(birth[:2]), int(birth[2:4]), int(birth[4:])
    if not any(_is_date(century + year, month, day) for century in (1800, 1900, 2000)):
        return False
    return CHECK_CHARACTERS[int(birth + individual) % 31] == check


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
