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
