"""Editor-built assessments: scoring by option, and the band coverage check that guards
publishing."""

import pytest

from selfassess.scoring import (
    BandProblem,
    BandProblemKind,
    BandSpec,
    CustomInstrument,
    DispositionHint,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    bands_check,
    score_custom,
)

SINGLE = QuestionSpec(QuestionKind.SINGLE, options=(OptionSpec(0), OptionSpec(1), OptionSpec(3)))
MULTIPLE = QuestionSpec(
    QuestionKind.MULTIPLE,
    options=(OptionSpec(1), OptionSpec(2), OptionSpec(2, red_flag=True)),
)
LIKERT = QuestionSpec(QuestionKind.LIKERT, options=tuple(OptionSpec(s) for s in (4, 3, 2, 1, 0)))
NUMBER = QuestionSpec(QuestionKind.NUMBER, minimum=0, maximum=7, score_per_unit=2, red_flag_from=6)
BANDS = (
    BandSpec(0, 9, DispositionHint.ADVICE),
    BandSpec(10, 19, DispositionHint.GUIDANCE),
    BandSpec(20, 26, DispositionHint.GUIDANCE),
)
INSTRUMENT = CustomInstrument(questions=(SINGLE, MULTIPLE, LIKERT, NUMBER), bands=BANDS)


def test_total_range_is_the_sum_of_each_questions_range():
    assert [q.score_range for q in INSTRUMENT.questions] == [(0, 3), (0, 5), (0, 4), (0, 14)]
    assert INSTRUMENT.total_range == (0, 26)


@pytest.mark.parametrize(
    ("given", "total", "band", "red_flags", "disposition"),
    [
        ({"q1": 0, "q2": [], "q3": 4, "q4": 0}, 0, "0-9", (), DispositionHint.ADVICE),
        ({"q1": 2, "q2": [0, 1], "q3": 0, "q4": 1}, 12, "10-19", (), DispositionHint.GUIDANCE),
        ({"q1": 2, "q2": [0], "q3": 3, "q4": 2}, 9, "0-9", (), DispositionHint.ADVICE),
        ({"q1": 0, "q2": [2], "q3": 4, "q4": 0}, 2, "0-9", ("q2",), DispositionHint.URGENT),
        ({"q1": 2, "q2": [0, 1, 2], "q3": 0, "q4": 7}, 26, "20-26", ("q2", "q4"), "urgent"),
        ({"q1": 0, "q2": [1, 1], "q3": 4, "q4": 6}, 14, "10-19", ("q4",), "urgent"),
    ],
)
def test_custom_scoring(given, total, band, red_flags, disposition):
    result = score_custom(INSTRUMENT, given)
    assert (result.total, result.band, result.red_flags) == (total, band, red_flags)
    assert result.disposition == disposition
    assert result.version == INSTRUMENT.version


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"q1": 0, "q2": [], "q3": 0}, "missing answers for q4"),
        ({"q1": 3, "q2": [], "q3": 0, "q4": 0}, "q1: there is no option 3"),
        ({"q1": 0, "q2": [5], "q3": 0, "q4": 0}, "q2: there is no option 5"),
        ({"q1": 0, "q2": 1, "q3": 0, "q4": 0}, "q2: a list of chosen option numbers"),
        ({"q1": 0, "q2": [], "q3": 0, "q4": 8}, "q4: 8 is outside the allowed range 0–7"),
        ({"q1": 0, "q2": [], "q3": 0, "q4": -1}, "q4: -1 is outside"),
        ({"q1": "0", "q2": [], "q3": 0, "q4": 0}, "q1: a whole number is needed"),
        ({"q1": 0, "q2": [], "q3": 0, "q4": 0, "q9": 1}, "unknown question keys q9"),
    ],
)
def test_invalid_custom_answers_are_refused(given, message):
    with pytest.raises(ValueError, match=message):
        score_custom(INSTRUMENT, given)


def test_version_changes_with_scoring_only():
    changed = CustomInstrument(
        questions=INSTRUMENT.questions, bands=BANDS[:2] + (BandSpec(20, 25),)
    )
    assert changed.version != INSTRUMENT.version
    same = CustomInstrument(questions=tuple(INSTRUMENT.questions), bands=tuple(BANDS))
    assert same.version == INSTRUMENT.version


P = BandProblem
K = BandProblemKind


@pytest.mark.parametrize(
    ("bands", "problems"),
    [
        ([(0, 9), (10, 19), (20, 26)], []),
        ([(20, 26), (0, 9), (10, 19)], []),  # order does not matter
        ([(0, 26)], []),
        ([], [P(K.NO_BANDS, 0, 26)]),
        ([(0, 9), (11, 26)], [P(K.GAP, 10, 10)]),
        ([(1, 26)], [P(K.GAP, 0, 0)]),
        ([(0, 20)], [P(K.GAP, 21, 26)]),
        ([(0, 10), (10, 26)], [P(K.OVERLAP, 10, 10, (1, 2))]),
        ([(0, 15), (5, 9), (16, 26)], [P(K.OVERLAP, 5, 9, (1, 2))]),
        ([(0, 9), (9, 5), (10, 26)], [P(K.INVERTED, 9, 5, (2,))]),
        ([(0, 9), (10, 30)], [P(K.OUTSIDE, 10, 30, (2,))]),
        ([(0, 5), (8, 12), (11, 26)], [P(K.GAP, 6, 7), P(K.OVERLAP, 11, 12, (2, 3))]),
    ],
)
def test_bands_must_cover_every_score_exactly_once(bands, problems):
    assert bands_check(bands, 0, 26) == problems
