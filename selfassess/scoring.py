"""Validated self-assessment instruments and editor-built assessments, scored exactly.

Pure: no Django. Cut-offs follow the project's DOMAIN.md; every comparison is on integers
(EUROHIS-8's "mean < 4" is "total < 32"), so a boundary never depends on float rounding.
Each instrument carries a version: change a cut-off or band and bump it, because statistics
and hand-over codes record which version scored them.

The public entry point for the validated instruments is `score()`; editor-built assessments
use `score_custom()` with `bands_check()` guarding their definition before publishing.
"""

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class DispositionHint(StrEnum):
    """What kind of help a result points to. The triage rules make the final disposition;
    these names match theirs (ADVICE, GUIDANCE, URGENT, EMERGENCY) from least to most urgent."""

    ADVICE = "advice"
    GUIDANCE = "guidance"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(DispositionHint).index(self)


def most_urgent(*hints: DispositionHint) -> DispositionHint:
    return max(hints, key=lambda hint: hint.rank)


# "female" and "male" choose AUDIT's sex-specific cut-offs; "other" and None (not given) use
# the lower, women's cut-off: a screen should rather suggest a conversation than miss one.
SEXES = ("female", "male", "other")


@dataclass(frozen=True)
class Result:
    """The outcome of one completed assessment: what triage, statistics and the result page
    need, and nothing that would identify the person."""

    instrument: str
    version: str
    total: int
    positive: bool
    red_flags: tuple[str, ...]
    band: str
    disposition: DispositionHint
    percentage: int | None = None  # WHO-5: raw × 4
    mean: float | None = None  # EUROHIS-8: total / 8, for display only

    def as_dict(self) -> dict:
        """A JSON-friendly form: the structured outcome handed to triage."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "total": self.total,
            "positive": self.positive,
            "red_flags": list(self.red_flags),
            "band": self.band,
            "disposition": str(self.disposition),
            "percentage": self.percentage,
            "mean": self.mean,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "Result":
        return cls(
            instrument=data["instrument"],
            version=data["version"],
            total=int(data["total"]),
            positive=bool(data["positive"]),
            red_flags=tuple(data["red_flags"]),
            band=data["band"],
            disposition=DispositionHint(data["disposition"]),
            percentage=data.get("percentage"),
            mean=data.get("mean"),
        )


@dataclass(frozen=True)
class Instrument:
    """A validated instrument: allowed values per item, red-flag items and how a total
    (with the answers and, for AUDIT, the sex) maps to a band."""

    code: str
    version: str
    name: str
    item_values: tuple[tuple[int, ...], ...]
    classify: Callable[[int, Mapping[str, int], str | None], tuple[str, bool]]
    band_dispositions: Mapping[str, DispositionHint]
    red_flag_items: Mapping[str, int]  # item key → the lowest value that is a red flag
    uses_sex: bool = False

    @property
    def item_keys(self) -> tuple[str, ...]:
        return tuple(f"q{n}" for n in range(1, len(self.item_values) + 1))

    @property
    def total_range(self) -> tuple[int, int]:
        return (
            sum(min(values) for values in self.item_values),
            sum(max(values) for values in self.item_values),
        )

    @property
    def bands(self) -> tuple[str, ...]:
        return tuple(self.band_dispositions)


def _by_total(*bands: tuple[int, str]) -> Callable[[int], str]:
    """Bands given as (lowest total, code), ascending."""

    def band_for(total: int) -> str:
        code = bands[0][1]
        for low, name in bands:
            if total >= low:
                code = name
        return code

    return band_for


def _who5(total, answers, sex):
    # Low wellbeing: raw below 13 (≤ 50 on the 0–100 scale, which also screens for
    # depression) or any single item answered 0 or 1.
    low = total < 13 or any(value <= 1 for value in answers.values())
    return ("low" if low else "good"), low


_phq9_band = _by_total(
    (0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately_severe"), (20, "severe")
)


def _phq9(total, answers, sex):
    return _phq9_band(total), total >= 10


_gad7_band = _by_total((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"))


def _gad7(total, answers, sex):
    return _gad7_band(total), total >= 10


def _audit(total, answers, sex):
    # Finnish cut-offs for risky drinking: men 8, women 6. Above the cut-off, WHO's zones.
    cut_off = 8 if sex == "male" else 6
    if total < cut_off:
        return "low_risk", False
    if total <= 15:
        return "risk", True
    if total <= 19:
        return "harmful", True
    return "dependence", True


def _auditc(total, answers, sex):
    cut_off = 6 if sex == "male" else 5
    return ("risk", True) if total >= cut_off else ("low_risk", False)


def _eurohis8(total, answers, sex):
    # Mean of 8 items ≥ 4 is good quality of life (THL); mean < 4 ⇔ total < 32.
    return ("lower", True) if total < 32 else ("good", False)


A = DispositionHint.ADVICE
G = DispositionHint.GUIDANCE
_ZERO_TO_FOUR = (0, 1, 2, 3, 4)

INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument
    for instrument in (
        Instrument(
            code="who5",
            version="1",
            name="WHO-5",
            item_values=((0, 1, 2, 3, 4, 5),) * 5,
            classify=_who5,
            band_dispositions={"good": A, "low": G},
            red_flag_items={},
        ),
        Instrument(
            code="phq9",
            version="1",
            name="PHQ-9",
            item_values=((0, 1, 2, 3),) * 9,
            classify=_phq9,
            band_dispositions={
                "minimal": A,
                "mild": A,
                "moderate": G,
                "moderately_severe": G,
                "severe": G,
            },
            red_flag_items={"q9": 1},  # thoughts of self-harm, any frequency
        ),
        Instrument(
            code="gad7",
            version="1",
            name="GAD-7",
            item_values=((0, 1, 2, 3),) * 7,
            classify=_gad7,
            band_dispositions={"minimal": A, "mild": A, "moderate": G, "severe": G},
            red_flag_items={},
        ),
        Instrument(
            code="audit",
            version="1",
            name="AUDIT",
            item_values=(_ZERO_TO_FOUR,) * 8 + ((0, 2, 4),) * 2,
            classify=_audit,
            band_dispositions={"low_risk": A, "risk": A, "harmful": G, "dependence": G},
            red_flag_items={},
            uses_sex=True,
        ),
        Instrument(
            code="auditc",
            # 2: "risk" leads to a person. Its band runs to the maximum, 12, and three
            # questions cannot tell risky from harmful drinking or dependence, which AUDIT
            # itself sends to guidance; self-help alone could miss them.
            version="2",
            name="AUDIT-C",
            item_values=(_ZERO_TO_FOUR,) * 3,
            classify=_auditc,
            band_dispositions={"low_risk": A, "risk": G},
            red_flag_items={},
            uses_sex=True,
        ),
        Instrument(
            code="eurohis8",
            version="1",
            name="EUROHIS-8",
            item_values=((1, 2, 3, 4, 5),) * 8,
            classify=_eurohis8,
            band_dispositions={"good": A, "lower": A},
            red_flag_items={},
        ),
    )
}


def instrument_get(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except KeyError:
        known = ", ".join(INSTRUMENTS)
        raise ValueError(f"Unknown instrument {code!r}; expected one of: {known}") from None


def score(instrument: str, answers: Mapping[str, int], *, sex: str | None = None) -> Result:
    """Score a validated instrument. `answers` maps q1…qN to the item values the instrument
    defines; anything missing, unknown, non-integer or out of range raises ValueError."""
    definition = instrument_get(instrument)
    if sex is not None and sex not in SEXES:
        raise ValueError(f"sex must be one of {', '.join(SEXES)} or None, got {sex!r}")
    values = _validated_answers(definition, answers)
    total = sum(values.values())
    band, positive = definition.classify(total, values, sex)
    red_flags = tuple(
        key for key, threshold in definition.red_flag_items.items() if values[key] >= threshold
    )
    disposition = definition.band_dispositions[band]
    if red_flags:
        disposition = most_urgent(disposition, DispositionHint.URGENT)
    return Result(
        instrument=definition.code,
        version=definition.version,
        total=total,
        positive=positive,
        red_flags=red_flags,
        band=band,
        disposition=disposition,
        percentage=total * 4 if definition.code == "who5" else None,
        mean=round(total / 8, 2) if definition.code == "eurohis8" else None,
    )


def _validated_answers(definition: Instrument, answers: Mapping[str, int]) -> dict[str, int]:
    if not isinstance(answers, Mapping):
        raise ValueError("answers must be a mapping of item keys (q1…) to values")
    keys = definition.item_keys
    missing = [key for key in keys if key not in answers]
    if missing:
        raise ValueError(f"{definition.name}: missing answers for {', '.join(missing)}")
    unknown = sorted(str(key) for key in answers if key not in keys)
    if unknown:
        raise ValueError(f"{definition.name}: unknown item keys {', '.join(unknown)}")
    values = {}
    for key, allowed in zip(keys, definition.item_values, strict=True):
        value = answers[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{definition.name} {key}: a whole number is needed, got {value!r}")
        if value not in allowed:
            allowed_text = ", ".join(str(v) for v in allowed)
            raise ValueError(
                f"{definition.name} {key}: {value} is not a valid answer (allowed: {allowed_text})"
            )
        values[key] = value
    return values


# --- Editor-built assessments ----------------------------------------------------------------


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    LIKERT = "likert"
    NUMBER = "number"


@dataclass(frozen=True)
class OptionSpec:
    score: int
    red_flag: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    """How one question scores. Single choice and Likert answers are an option index,
    multiple choice a sequence of option indices (possibly empty), a number its value."""

    kind: QuestionKind
    options: tuple[OptionSpec, ...] = ()
    minimum: int = 0
    maximum: int = 0
    score_per_unit: int = 1
    red_flag_from: int | None = None

    @property
    def score_range(self) -> tuple[int, int]:
        scores = [option.score for option in self.options]
        if self.kind == QuestionKind.NUMBER:
            ends = (self.minimum * self.score_per_unit, self.maximum * self.score_per_unit)
            return min(ends), max(ends)
        if self.kind == QuestionKind.MULTIPLE:
            return sum(s for s in scores if s < 0), sum(s for s in scores if s > 0)
        return (min(scores), max(scores)) if scores else (0, 0)


@dataclass(frozen=True)
class BandSpec:
    low: int
    high: int
    disposition: DispositionHint = DispositionHint.ADVICE

    @property
    def code(self) -> str:
        """Language-neutral band name for statistics: the score range."""
        return f"{self.low}-{self.high}"


@dataclass(frozen=True)
class CustomInstrument:
    questions: tuple[QuestionSpec, ...]
    bands: tuple[BandSpec, ...]

    @property
    def item_keys(self) -> tuple[str, ...]:
        return tuple(f"q{n}" for n in range(1, len(self.questions) + 1))

    @property
    def total_range(self) -> tuple[int, int]:
        ranges = [question.score_range for question in self.questions]
        return sum(low for low, _ in ranges), sum(high for _, high in ranges)

    @property
    def version(self) -> str:
        """Changes whenever scoring changes (not when only wording does)."""
        questions = [
            [q.kind, [[o.score, o.red_flag] for o in q.options], q.minimum, q.maximum]
            + [q.score_per_unit, q.red_flag_from]
            for q in self.questions
        ]
        shape = {
            "questions": questions,
            "bands": [[b.low, b.high, b.disposition] for b in self.bands],
        }
        digest = hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()
        return digest[:10]


Answer = int | Sequence[int]


def answer_check(question: QuestionSpec, value: Answer) -> int | tuple[int, ...]:
    """The answer in canonical form, or ValueError saying what is wrong with it."""
    if question.kind == QuestionKind.MULTIPLE:
        if isinstance(value, int | str | bytes) or not isinstance(value, Sequence):
            raise ValueError("a list of chosen option numbers is needed")
        chosen = tuple(sorted(set(value)))
        for index in chosen:
            _option_index_check(question, index)
        return chosen
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a whole number is needed, got {value!r}")
    if question.kind == QuestionKind.NUMBER:
        if not question.minimum <= value <= question.maximum:
            raise ValueError(
                f"{value} is outside the allowed range {question.minimum}–{question.maximum}"
            )
        return value
    _option_index_check(question, value)
    return value


def _option_index_check(question: QuestionSpec, index) -> None:
    if isinstance(index, bool) or not isinstance(index, int):
        raise ValueError(f"option numbers are whole numbers, got {index!r}")
    if not 0 <= index < len(question.options):
        raise ValueError(f"there is no option {index} (options 0–{len(question.options) - 1})")


def _question_score(question: QuestionSpec, answer) -> tuple[int, bool]:
    if question.kind == QuestionKind.NUMBER:
        red = question.red_flag_from is not None and answer >= question.red_flag_from
        return answer * question.score_per_unit, red
    chosen = answer if question.kind == QuestionKind.MULTIPLE else (answer,)
    options = [question.options[index] for index in chosen]
    return sum(o.score for o in options), any(o.red_flag for o in options)


def score_custom(instrument: CustomInstrument, answers: Mapping[str, Answer]) -> Result:
    """Score an editor-built assessment. The band is the one whose range holds the total;
    a red flag raises the disposition to at least URGENT."""
    if not isinstance(answers, Mapping):
        raise ValueError("answers must be a mapping of question keys (q1…) to answers")
    keys = instrument.item_keys
    missing = [key for key in keys if key not in answers]
    if missing:
        raise ValueError(f"missing answers for {', '.join(missing)}")
    unknown = sorted(str(key) for key in answers if key not in keys)
    if unknown:
        raise ValueError(f"unknown question keys {', '.join(unknown)}")
    total, red_flags = 0, []
    for key, question in zip(keys, instrument.questions, strict=True):
        try:
            answer = answer_check(question, answers[key])
        except ValueError as error:
            raise ValueError(f"{key}: {error}") from None
        points, red = _question_score(question, answer)
        total += points
        if red:
            red_flags.append(key)
    band = next((b for b in instrument.bands if b.low <= total <= b.high), None)
    if band is None:
        raise ValueError(f"no result band covers the total {total}")
    disposition = band.disposition
    if red_flags:
        disposition = most_urgent(disposition, DispositionHint.URGENT)
    return Result(
        instrument="custom",
        version=instrument.version,
        total=total,
        positive=disposition != DispositionHint.ADVICE,
        red_flags=tuple(red_flags),
        band=band.code,
        disposition=disposition,
    )


class BandProblemKind(StrEnum):
    NO_BANDS = "no_bands"
    INVERTED = "inverted"  # a band's lowest score is above its highest
    GAP = "gap"  # possible totals that no band covers
    OVERLAP = "overlap"  # totals in two bands
    OUTSIDE = "outside"  # a band reaches totals no answers can give


@dataclass(frozen=True)
class BandProblem:
    kind: BandProblemKind
    low: int = 0
    high: int = 0
    bands: tuple[int, ...] = ()  # 1-based positions of the bands concerned


def bands_check(bands: Sequence[tuple[int, int]], low: int, high: int) -> list[BandProblem]:
    """Problems with result bands (low, high) meant to cover every total from `low` to
    `high` exactly once. An empty list means the bands are publishable."""
    if not bands:
        return [BandProblem(BandProblemKind.NO_BANDS, low, high)]
    problems = []
    for position, (band_low, band_high) in enumerate(bands, start=1):
        if band_low > band_high:
            problems.append(BandProblem(BandProblemKind.INVERTED, band_low, band_high, (position,)))
        elif band_low < low or band_high > high:
            problems.append(BandProblem(BandProblemKind.OUTSIDE, band_low, band_high, (position,)))
    ordered = sorted(
        (b_low, b_high, position)
        for position, (b_low, b_high) in enumerate(bands, start=1)
        if b_low <= b_high
    )
    covered_to, reaching = low - 1, None  # highest total covered so far, and by which band
    for band_low, band_high, position in ordered:
        gap_low, gap_high = max(covered_to + 1, low), min(band_low - 1, high)
        if gap_low <= gap_high:
            problems.append(BandProblem(BandProblemKind.GAP, gap_low, gap_high))
        if reaching is not None and band_low <= covered_to:
            overlap = (band_low, min(band_high, covered_to))
            problems.append(BandProblem(BandProblemKind.OVERLAP, *overlap, (reaching, position)))
        if band_high > covered_to:
            covered_to, reaching = band_high, position
    if covered_to < high:
        problems.append(BandProblem(BandProblemKind.GAP, max(covered_to + 1, low), high))
    return problems
