import logging

import pytest

from portal import hetu
from portal.log_filters import RedactPersonalDataFilter
from portal.redaction import redact


@pytest.mark.parametrize("code", ["131052-308T", "010594Y9032", "020504B904H", "010594y9032"])
def test_valid_identity_codes(code):
    assert hetu.is_valid(code)


@pytest.mark.parametrize(
    "code",
    [
        "131052-308U",  # wrong check character
        "311352-308T",  # no 13th month
        "290223-123X",  # 29 Feb 2023 does not exist
        "131052-001T",  # individual number below 002
        "131052_308T",  # not a century sign
        "131052-308",  # too short
        "",
    ],
)
def test_invalid_identity_codes(code):
    assert not hetu.is_valid(code)


def test_century_sign_is_part_of_the_identity_but_not_of_the_check():
    # Same ten characters, different century: both valid, and two different people.
    assert hetu.is_valid("010594Y9032") and hetu.is_valid("010594-9032")
    assert "010594Y9032" != "010594-9032"


def test_temporary_codes():
    # 900–999 are temporary; the check character still has to match.
    number = "010190"
    individual = "900"
    check = hetu.CHECK_CHARACTERS[int(number + individual) % 31]
    assert hetu.is_temporary(f"{number}-{individual}{check}")
    assert not hetu.is_temporary("131052-308T")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soita 040 123 4567 kiitos", "soita [phone] kiitos"),
        ("numero +358 40 1234567", "numero [phone]"),
        ("hetu 131052-308T ja muuta", "hetu [henkilötunnus] ja muuta"),
        ("kirjoittakaa matti.meikalainen@example.fi", "kirjoittakaa [email]"),
        ("soita (09) 310 1234", "soita [phone]"),
        ("soita 358 40 123 45 67", "soita [phone]"),
        ("kirjoita matti\uff20example.fi", "kirjoita [email]"),  # a full-width at sign
        ("velkaneuvonta 2026-11-22", "velkaneuvonta 2026-11-22"),
        ("klo 8-16, 3580 euroa", "klo 8-16, 3580 euroa"),
        ("toimeentulotuki", "toimeentulotuki"),
    ],
)
def test_redaction(text, expected):
    assert redact(text) == expected


def test_log_lines_never_carry_identity_codes():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "lookup %s", ("131052-308T",), None)
    RedactPersonalDataFilter().filter(record)
    assert record.getMessage() == "lookup [henkilötunnus]"
