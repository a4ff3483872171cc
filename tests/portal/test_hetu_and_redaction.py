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


def _logged(message: str, *args) -> str:
    """`message % args` as a log line reads once the redaction filter has seen it."""
    record = logging.LogRecord("x", logging.INFO, __file__, 1, message, args or None, None)
    RedactPersonalDataFilter().filter(record)
    return record.getMessage()


def test_log_lines_never_carry_identity_codes():
    assert _logged("lookup %s", "131052-308T") == "lookup [henkilötunnus]"


# --- Identity codes typed with spaces or separators -----------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "131052 - 308T",
        "131052 308T",
        "1310523 08T",  # the space splits the individual number
        "131052-308 T",
        "13 10 52 - 308 T",
        "131 052-308T",
        "13.10.52-308T",
        "13/10/52 308T",
        "131052_308T",
        "131052--308T",
        "131052\u2013308T",  # an en dash, as phones autocorrect a hyphen
        "131052\u2212308T",  # a minus sign
        "131052308T",  # no century sign at all
        "131052 308t",
        "131052\u200b-308T",  # a zero-width space
        "131052\u00ad308T",  # a soft hyphen
        "\uff11\uff13\uff11\uff10\uff15\uff12\uff0d\uff13\uff10\uff18\uff34",  # full-width
        "010594 Y 9032",
        "010594-903 2",
        "0105949032",  # a digit at the end: right check character after a real date
        "020504 B 904H",
        "131052 308U",  # a mistyped check letter is still someone's code
        "311299 1236",
    ],
)
def test_identity_codes_are_found_however_they_are_spaced(typed):
    assert redact(f"hetu {typed} kiitos") == "hetu [henkilötunnus] kiitos"


def test_a_number_that_is_no_code_does_not_hide_the_code_after_it():
    assert redact("2026-11-22 131052 308T") == "2026-11-22 [henkilötunnus]"


@pytest.mark.parametrize(
    "text",
    [
        "velkaneuvonta 2026-11-22",
        "voimassa 1.1.2026 - 31.12.2026",
        "vuosina 2019 - 2023",
        "tuki 1 234 567 890 euroa",
        "tuotenumero 123456 7890",  # no 34th month
        "asiakasnumero 311299 1234",  # a real date, but 4 is not its check character
        "Katu 12 A 5, 00100 Helsinki",
        "klo 8-16 ja 9.30-15.45",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("candidate", "is_code"),
    [
        ("131052 308T", True),
        ("131052 308U", True),
        ("010594 9032", True),
        ("010594 9033", False),  # wrong check digit
        ("123456 7890", False),  # not a date
        ("290223 1231", False),  # 29 February 2023 does not exist
    ],
)
def test_a_spaced_candidate_ending_in_a_digit_needs_its_check_character(candidate, is_code):
    assert hetu.SPACED_PATTERN.fullmatch(candidate)
    assert hetu.is_spaced_code(candidate) is is_code


# --- E-mail addresses written out -----------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "matti [at] example.com",
        "matti(at)example.com",
        "matti (at) example (dot) com",
        "matti {at} example.com",
        "matti<at>example.com",
        "etunimi.sukunimi(a)kunta.fi",
        "matti at example dot com",
        "matti AT example DOT com",
        "matti [ät] example [dot] fi",
        "matti @ example . com",
        "matti @example.com",
        "matti[@]example.com",
        "matti.meikalainen at example.fi",
        "matti dot meikalainen at example dot com",
        "matti ät gmail piste com",
        "miukumauku ät gmail piste com",
        "matti miukumauku gmail piste com",
        "matti kissanhäntä posti piste kunta piste fi",
        "anna snabel-a exempel punkt se",
        "anna (snabel-a) exempel.se",
        "matti\u200b@example.fi",
    ],
)
def test_obfuscated_email_addresses_are_found(address):
    assert redact(f"kirjoita {address} kiitos") == "kirjoita [email] kiitos"


@pytest.mark.parametrize(
    "text",
    [
        "Look at the page, it is out of date.",
        "I was at the office. It was closed.",
        "We met at 9.30 at the service point.",
        "Look at this dot is blue.",
        "More information at www.kela.fi",
        "kirjoita matti @ gmail",  # no domain: nothing to write to
        "@kela kiitos",
        "vaihtoehto (a) tai (b)",
        "Palvelupiste on auki. Se on kiva.",
    ],
)
def test_ordinary_text_with_at_and_dot_is_kept(text):
    assert redact(text) == text


def test_long_numbers_go_only_when_asked_for():
    # A search never needs one; feedback and log lines need their dates and amounts.
    text = "syntynyt 13.10.1952, asiakasnumero 12345678"
    assert redact(text) == text
    assert redact(text, long_numbers=True) == "syntynyt [number], asiakasnumero [number]"


@pytest.mark.parametrize(
    "text", ["a" * 50_000, "a." * 25_000, "1 " * 25_000, "a at " * 10_000, "a [at] " * 7_000]
)
def test_redaction_stays_fast_on_long_odd_text(text):
    # Every log line goes through it: a pattern that backtracks would stall logging.
    import time

    started = time.perf_counter()
    redact(text, long_numbers=True)
    assert time.perf_counter() - started < 2


def test_log_lines_never_carry_spaced_codes_or_written_out_addresses():
    message = _logged("from %s: %s", "matti at example dot com", "1310523 08T")
    assert message == "from [email]: [henkilötunnus]"


@pytest.mark.parametrize(
    "url",
    [
        "/fi/haku/?q=131052-308T",
        "/fi/haku/?q=soita+040+123+4567",
        "/fi/haku/?q=040%20123%204567",
        "/fi/haku/?q=matti.meikalainen%40example.fi",
        "/fi/haku/?q=hetu%20131052%2D308T",
    ],
)
def test_log_lines_quoting_an_encoded_url_carry_no_personal_data(url):
    message = _logged("Slow request %s", url)
    for secret in ("131052", "308T", "4567", "meikalainen", "%40example"):
        assert secret not in message
    assert message.startswith("Slow request /fi/haku/?q=")


def test_log_lines_with_plus_or_percent_but_no_personal_data_are_kept_as_written():
    for text in ("C++ build 100% done", "/fi/haku/?q=velka+neuvonta"):
        assert _logged(text) == text
