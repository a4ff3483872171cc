"""What a person is asked and what each result says: one shape for validated instruments and
editor-built assessments, so the taking views never branch on the kind. Pure: no Django.

A `Definition` is built from a published page (see `selfassess.models`) and cached until
the next publish. Answers are parsed here from the submitted form values, so the views only
move strings in and results out.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from selfassess.scoring import (
    CustomInstrument,
    QuestionKind,
    Result,
    instrument_get,
    score,
    score_custom,
)

SEX_KEY = "sex"


@dataclass(frozen=True)
class Choice:
    value: int  # the item value (validated instruments) or the option index (editor-built)
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    kind: QuestionKind
    text: str
    help: str = ""
    choices: tuple[Choice, ...] = ()
    minimum: int = 0
    maximum: int = 0
    unit: str = ""


@dataclass(frozen=True)
class ServiceLink:
    title: str
    url: str


@dataclass(frozen=True)
class BandText:
    heading: str
    explanation: str  # HTML for editor-built bands (rich text), plain text otherwise
    explanation_is_html: bool = False
    services: tuple[ServiceLink, ...] = ()


@dataclass(frozen=True)
class Definition:
    page_id: int
    language: str
    title: str
    assessment_key: str  # statistics: the instrument code, or the editor-built page's key
    instrument: str  # "who5" … or "custom"
    version: str
    questions: tuple[Question, ...]
    bands: Mapping[str, BandText]
    one_page: bool = False
    quick_exit: bool = True
    asks_sex: bool = False
    stem: str = ""
    source: str = ""
    result_note: str = ""
    custom: CustomInstrument | None = None
    guidance_phone: str = ""
    guidance_url: str = ""

    @property
    def total_range(self) -> tuple[int, int]:
        if self.custom is not None:
            return self.custom.total_range
        return instrument_get(self.instrument).total_range

    @property
    def step_count(self) -> int:
        """Steps in step-by-step mode: one per question, plus one for the sex question."""
        return 1 if self.one_page else len(self.questions) + int(self.asks_sex)

    def questions_for_step(self, step: int) -> tuple[Question, ...]:
        if self.one_page:
            return self.questions
        if 1 <= step <= len(self.questions):
            return (self.questions[step - 1],)
        return ()

    def asks_sex_on_step(self, step: int) -> bool:
        return self.asks_sex and (self.one_page or step == len(self.questions) + 1)

    def score(self, answers: Mapping[str, object], sex: str | None = None) -> Result:
        if self.custom is not None:
            return score_custom(self.custom, answers)
        return score(self.instrument, answers, sex=sex)

    def is_complete(self, answers: Mapping[str, object]) -> bool:
        return all(question.key in answers for question in self.questions)

    def first_unanswered_step(self, answers: Mapping[str, object]) -> int:
        for position, question in enumerate(self.questions, start=1):
            if question.key not in answers:
                return 1 if self.one_page else position
        return self.step_count


class AnswerError(ValueError):
    """A submitted answer that cannot be used; `code` picks the message shown."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def answer_parse(question: Question, raw: Sequence[str]) -> int | tuple[int, ...]:
    """The answer from the form's values for this question (a list, as in a QueryDict).
    Raises AnswerError("required" | "invalid" | "range")."""
    values = [value.strip() for value in raw if value.strip()]
    allowed = {choice.value for choice in question.choices}
    if question.kind == QuestionKind.MULTIPLE:
        chosen = []
        for value in values:
            number = _integer(value)
            if number not in allowed:
                raise AnswerError("invalid")
            chosen.append(number)
        return tuple(sorted(set(chosen)))
    if not values:
        raise AnswerError("required")
    number = _integer(values[0])
    if question.kind == QuestionKind.NUMBER:
        if not question.minimum <= number <= question.maximum:
            raise AnswerError("range")
        return number
    if number not in allowed:
        raise AnswerError("invalid")
    return number


def _integer(value: str) -> int:
    # "12", "+12" and "012" are twelve; "12,5" or "twelve" are refused, never guessed at.
    try:
        return int(value, 10)
    except ValueError:
        raise AnswerError("invalid") from None
