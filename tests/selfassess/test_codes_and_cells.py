"""Hand-over codes, keys and small-cell suppression (no database)."""

import pytest
from cryptography.fernet import InvalidToken

from selfassess.codes import ALPHABET, LENGTH, code_format, code_generate, code_normalise
from selfassess.small_cells import cells_suppress, total_suppress


def test_codes_use_an_unambiguous_alphabet():
    assert not set("0O1I") & set(ALPHABET)
    assert len(set(ALPHABET)) == 32
    codes = {code_generate() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("ABCD EFGH", "ABCDEFGH"),
        ("abcd-efgh", "ABCDEFGH"),
        ("  a b c d e f g h ", "ABCDEFGH"),
        ("ABCD EFG", None),
        ("ABCD EFGHJ", None),
        ("ABCD EFG0", None),  # 0 and O, 1 and I are never in a code
        ("ABCD EFGI", None),
        ("", None),
    ],
)
def test_typed_codes_are_normalised(typed, normalised):
    assert code_normalise(typed) == normalised


def test_code_is_read_in_two_groups():
    assert code_format("ABCDEFGH") == "ABCD EFGH"


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"a": 10, "b": 7, "c": 5}, {"a": 10, "b": 7, "c": 5}),
        # one small cell: the next smallest goes too, or subtraction would reveal it
        ({"a": 10, "b": 7, "c": 2}, {"a": 10, "b": None, "c": None}),
        ({"a": 10, "b": 0}, {"a": None, "b": None}),
        ({"a": 10, "b": 3, "c": 4}, {"a": 10, "b": None, "c": None}),
        ({"a": 4}, {"a": None}),
        ({}, {}),
    ],
)
def test_small_cells_are_suppressed(counts, shown):
    assert cells_suppress(counts) == shown


def test_small_totals_are_suppressed():
    assert total_suppress(4) is None
    assert total_suppress(5) == 5


def test_keys_differ_by_purpose_and_follow_the_handover_setting(settings):
    from selfassess import crypto

    token = crypto.handover_fernet().encrypt(b"answers")
    with pytest.raises(InvalidToken):
        crypto.state_fernet().decrypt(token)
    digest = crypto.handover_code_digest("ABCDEFGH")
    assert digest != crypto.handover_code_digest("ABCDEFGJ")
    settings.SELFASSESS_HANDOVER_KEY = "another-long-random-key-for-hand-over-codes"
    assert crypto.handover_code_digest("ABCDEFGH") != digest
    with pytest.raises(InvalidToken):
        crypto.handover_fernet().decrypt(token)
