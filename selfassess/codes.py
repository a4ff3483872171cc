"""Hand-over codes a person reads aloud to a phone adviser. Pure: no Django.

Eight characters from an alphabet without 0/O and 1/I, so nothing is misheard or misread:
32 symbols, 40 random bits. Only staff can redeem a code, each attempt is rate limited, and a
code lives 72 hours, so guessing one is not a practical attack.
"""

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8


def code_generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_format(code: str) -> str:
    """Two groups of four for reading aloud: "ABCD EFGH"."""
    return f"{code[:4]} {code[4:]}"


def code_normalise(typed: str) -> str | None:
    """The code as stored, from what an adviser typed (any case, spaces or dashes), or None
    when it cannot be a code."""
    code = "".join(typed.split()).replace("-", "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
