"""Exact scoring of the validated instruments, at every cut-off boundary, in plain tables."""

import pytest

from selfassess.scoring import INSTRUMENTS, DispositionHint, score
from selfassess.wording import instrument_text


def answers(*values: int) -> dict[str, int]:
    return {f"q{n}": value for n, value in enumerate(values, start=1)}


# (instrument, answers, sex, total, positive, band, red flags)
CASES = [
    # WHO-5: raw < 13 or any item 0–1 is low wellbeing; 12/13 is the boundary.
    ("who5", answers(5, 5, 5, 5, 5), None, 25, False, "good", ()),
    ("who5", answers(3, 3, 3, 2, 2), None, 13, False, "good", ()),
    ("who5", answers(3, 3, 2, 2, 2), None, 12, True, "low", ()),
    ("who5", answers(5, 5, 5, 5, 1), None, 21, True, "low", ()),  # one item ≤ 1
    ("who5", answers(5, 5, 5, 5, 0), None, 20, True, "low", ()),
    ("who5", answers(2, 2, 2, 2, 2), None, 10, True, "low", ()),
    ("who5", answers(0, 0, 0, 0, 0), None, 0, True, "low", ()),
    # PHQ-9: 0–4 / 5–9 / 10–14 / 15–19 / 20–27; ≥ 10 positive; item 9 > 0 red flag.
    ("phq9", answers(0, 0, 0, 0, 0, 0, 0, 0, 0), None, 0, False, "minimal", ()),
    ("phq9", answers(1, 1, 1, 1, 0, 0, 0, 0, 0), None, 4, False, "minimal", ()),
    ("phq9", answers(1, 1, 1, 1, 1, 0, 0, 0, 0), None, 5, False, "mild", ()),
    ("phq9", answers(3, 3, 3, 0, 0, 0, 0, 0, 0), None, 9, False, "mild", ()),
    ("phq9", answers(3, 3, 3, 1, 0, 0, 0, 0, 0), None, 10, True, "moderate", ()),
    ("phq9", answers(3, 3, 3, 3, 2, 0, 0, 0, 0), None, 14, True, "moderate", ()),
    ("phq9", answers(3, 3, 3, 3, 3, 0, 0, 0, 0), None, 15, True, "moderately_severe", ()),
    ("phq9", answers(3, 3, 3, 3, 3, 3, 1, 0, 0), None, 19, True, "moderately_severe", ()),
    ("phq9", answers(3, 3, 3, 3, 3, 3, 2, 0, 0), None, 20, True, "severe", ()),
    ("phq9", answers(3, 3, 3, 3, 3, 3, 3, 3, 3), None, 27, True, "severe", ("q9",)),
    ("phq9", answers(0, 0, 0, 0, 0, 0, 0, 0, 1), None, 1, False, "minimal", ("q9",)),
    # GAD-7: 0–4 / 5–9 / 10–14 / 15–21; ≥ 10 positive.
    ("gad7", answers(1, 1, 1, 1, 0, 0, 0), None, 4, False, "minimal", ()),
    ("gad7", answers(1, 1, 1, 1, 1, 0, 0), None, 5, False, "mild", ()),
    ("gad7", answers(3, 3, 3, 0, 0, 0, 0), None, 9, False, "mild", ()),
    ("gad7", answers(3, 3, 3, 1, 0, 0, 0), None, 10, True, "moderate", ()),
    ("gad7", answers(3, 3, 3, 3, 2, 0, 0), None, 14, True, "moderate", ()),
    ("gad7", answers(3, 3, 3, 3, 3, 0, 0), None, 15, True, "severe", ()),
    ("gad7", answers(3, 3, 3, 3, 3, 3, 3), None, 21, True, "severe", ()),
    # AUDIT, Finnish cut-offs: men 7/8, women 5/6; not given or other → women's.
    ("audit", answers(3, 2, 2, 0, 0, 0, 0, 0, 0, 0), "male", 7, False, "low_risk", ()),
    ("audit", answers(3, 2, 3, 0, 0, 0, 0, 0, 0, 0), "male", 8, True, "risk", ()),
    ("audit", answers(3, 1, 1, 0, 0, 0, 0, 0, 0, 0), "female", 5, False, "low_risk", ()),
    ("audit", answers(3, 1, 2, 0, 0, 0, 0, 0, 0, 0), "female", 6, True, "risk", ()),
    ("audit", answers(3, 1, 2, 0, 0, 0, 0, 0, 0, 0), None, 6, True, "risk", ()),
    ("audit", answers(3, 1, 2, 0, 0, 0, 0, 0, 0, 0), "other", 6, True, "risk", ()),
    ("audit", answers(3, 1, 1, 0, 0, 0, 0, 0, 0, 0), None, 5, False, "low_risk", ()),
    ("audit", answers(4, 4, 4, 1, 1, 0, 0, 0, 0, 0), "male", 14, True, "risk", ()),
    ("audit", answers(4, 4, 4, 1, 1, 1, 0, 0, 0, 0), "male", 15, True, "risk", ()),
    ("audit", answers(4, 4, 4, 2, 2, 0, 0, 0, 0, 0), "male", 16, True, "harmful", ()),
    ("audit", answers(4, 4, 4, 2, 2, 1, 1, 1, 0, 0), "female", 19, True, "harmful", ()),
    ("audit", answers(4, 4, 4, 2, 2, 0, 0, 0, 2, 2), "male", 20, True, "dependence", ()),
    ("audit", answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), "male", 40, True, "dependence", ()),
    # AUDIT-C: men 5/6, women 4/5.
    ("auditc", answers(2, 1, 2), "male", 5, False, "low_risk", ()),
    ("auditc", answers(2, 2, 2), "male", 6, True, "risk", ()),
    ("auditc", answers(2, 1, 1), "female", 4, False, "low_risk", ()),
    ("auditc", answers(2, 1, 2), "female", 5, True, "risk", ()),
    ("auditc", answers(2, 1, 2), None, 5, True, "risk", ()),
    ("auditc", answers(0, 0, 0), "male", 0, False, "low_risk", ()),
    # EUROHIS-8: mean < 4 (total < 32) is below good quality of life.
    ("eurohis8", answers(4, 4, 4, 4, 4, 4, 4, 4), None, 32, False, "good", ()),
    ("eurohis8", answers(4, 4, 4, 4, 4, 4, 4, 3), None, 31, True, "lower", ()),
    ("eurohis8", answers(5, 5, 5, 5, 5, 5, 5, 5), None, 40, False, "good", ()),
    ("eurohis8", answers(1, 1, 1, 1, 1, 1, 1, 1), None, 8, True, "lower", ()),
]


@pytest.mark.parametrize(
    ("instrument", "given", "sex", "total", "positive", "band", "red_flags"), CASES
)
def test_scoring_table(instrument, given, sex, total, positive, band, red_flags):
    result = score(instrument, given, sex=sex)
    assert (result.total, result.positive, result.band, result.red_flags) == (
        total,
        positive,
        band,
        red_flags,
    )
    assert result.instrument == instrument
    assert result.version == INSTRUMENTS[instrument].version


def test_who5_percentage_and_eurohis_mean():
    assert score("who5", answers(3, 3, 3, 2, 2)).percentage == 52
    assert score("who5", answers(3, 3, 2, 2, 2)).percentage == 48
    assert score("eurohis8", answers(4, 4, 4, 4, 4, 4, 4, 3)).mean == 3.88
    assert score("phq9", answers(0, 0, 0, 0, 0, 0, 0, 0, 0)).percentage is None


@pytest.mark.parametrize(
    ("instrument", "given", "disposition"),
    [
        ("who5", answers(5, 5, 5, 5, 5), DispositionHint.ADVICE),
        ("who5", answers(2, 2, 2, 2, 2), DispositionHint.GUIDANCE),
        ("phq9", answers(1, 1, 1, 1, 1, 0, 0, 0, 0), DispositionHint.ADVICE),
        ("phq9", answers(3, 3, 3, 1, 0, 0, 0, 0, 0), DispositionHint.GUIDANCE),
        # Item 9 overrides a low score: urgent help.
        ("phq9", answers(0, 0, 0, 0, 0, 0, 0, 0, 1), DispositionHint.URGENT),
        ("phq9", answers(3, 3, 3, 3, 3, 3, 3, 3, 3), DispositionHint.URGENT),
        ("audit", answers(4, 4, 4, 2, 2, 0, 0, 0, 2, 2), DispositionHint.GUIDANCE),
        ("auditc", answers(2, 1, 2), DispositionHint.ADVICE),
        ("auditc", answers(2, 2, 2), DispositionHint.GUIDANCE),
        ("auditc", answers(4, 4, 4), DispositionHint.GUIDANCE),
    ],
)
def test_disposition_hints(instrument, given, disposition):
    assert score(instrument, given, sex="male").disposition == disposition


@pytest.mark.parametrize("sex", ["male", "female", None])
@pytest.mark.parametrize("code", ["who5", "phq9", "gad7", "audit", "auditc"])
def test_the_most_worrying_answers_lead_to_a_person_not_to_self_help(code, sex):
    # The band of the worst possible answers (WHO-5: the lowest wellbeing; the others: the
    # highest score) must point to a conversation with a professional at least.
    instrument = INSTRUMENTS[code]
    pick = min if code == "who5" else max
    items = zip(instrument.item_keys, instrument.item_values, strict=True)
    worst = {key: pick(values) for key, values in items}
    result = score(code, worst, sex=sex)
    assert result.band == instrument.bands[-1]
    assert result.disposition.rank >= DispositionHint.GUIDANCE.rank


@pytest.mark.parametrize(
    ("instrument", "given", "sex", "message"),
    [
        ("who6", answers(1), None, "Unknown instrument 'who6'"),
        ("who5", answers(1, 2, 3, 4), None, "missing answers for q5"),
        ("who5", {}, None, "missing answers for q1, q2, q3, q4, q5"),
        ("who5", answers(1, 2, 3, 4, 5, 5), None, "unknown item keys q6"),
        ("who5", answers(1, 2, 3, 4, 6), None, "q5: 6 is not a valid answer (allowed: 0, 1, 2"),
        ("who5", answers(1, 2, 3, 4, -1), None, "q5: -1 is not a valid answer"),
        ("phq9", answers(0, 0, 0, 0, 0, 0, 0, 0, 4), None, "q9: 4 is not a valid answer"),
        ("audit", answers(0, 0, 0, 0, 0, 0, 0, 0, 1, 0), "male", "q9: 1 is not a valid answer"),
        ("audit", answers(0, 0, 0, 0, 0, 0, 0, 0, 0, 3), "male", "allowed: 0, 2, 4"),
        ("eurohis8", answers(0, 1, 1, 1, 1, 1, 1, 1), None, "q1: 0 is not a valid answer"),
        ("who5", {**answers(1, 2, 3, 4), "q5": "3"}, None, "q5: a whole number is needed"),
        ("who5", {**answers(1, 2, 3, 4), "q5": 2.0}, None, "q5: a whole number is needed"),
        ("who5", {**answers(1, 2, 3, 4), "q5": True}, None, "q5: a whole number is needed"),
        ("who5", [1, 2, 3, 4, 5], None, "answers must be a mapping"),
        ("audit", answers(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "m", "sex must be one of"),
    ],
)
def test_invalid_input_is_refused_with_a_clear_message(instrument, given, sex, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        score(instrument, given, sex=sex)


def test_sex_does_not_change_instruments_that_do_not_use_it():
    given = answers(2, 2, 2, 2, 2)
    assert score("who5", given, sex="male") == score("who5", given, sex="female")


@pytest.mark.parametrize("code", list(INSTRUMENTS))
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_wording_matches_the_scoring(code, language):
    """Every item has its text in every language, with exactly the values scoring allows."""
    text = instrument_text(code, language)
    instrument = INSTRUMENTS[code]
    assert len(text.items) == len(instrument.item_values)
    for item, values in zip(text.items, instrument.item_values, strict=True):
        assert item.text
        assert sorted(value for value, _label in item.options) == sorted(values)
        assert all(label for _value, label in item.options)
    assert text.source


def test_every_band_has_a_text_and_a_disposition():
    from selfassess.band_texts import BAND_TEXTS

    for code, instrument in INSTRUMENTS.items():
        assert set(BAND_TEXTS[code]) == set(instrument.bands)
