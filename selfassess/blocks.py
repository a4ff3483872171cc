"""StreamField blocks for editor-built self-assessments: questions and result bands."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from selfassess.scoring import INSTRUMENTS, DispositionHint

MAX_OPTIONS = 12
MAX_SCORE = 1000

DISPOSITION_CHOICES = [
    (DispositionHint.ADVICE.value, _("Self-help and service information")),
    (DispositionHint.GUIDANCE.value, _("Contact service guidance")),
    (DispositionHint.URGENT.value, _("Urgent help today")),
    (DispositionHint.EMERGENCY.value, _("Emergency: call 112 now")),
]


def instrument_band_choices() -> list[tuple[str, str]]:
    """Every band code of the validated instruments, labelled with the instruments using it;
    the page checks that the chosen band belongs to its instrument."""
    users: dict[str, list[str]] = {}
    for instrument in INSTRUMENTS.values():
        for band in instrument.bands:
            users.setdefault(band, []).append(instrument.name)
    return [(band, f"{band} ({', '.join(names)})") for band, names in users.items()]


class OptionBlock(blocks.StructBlock):
    """One answer option with its score; a red-flag option always shows the crisis numbers."""

    label = blocks.CharBlock(label=_("answer"), max_length=200)
    score = blocks.IntegerBlock(label=_("score"), min_value=0, max_value=MAX_SCORE, default=0)
    red_flag = blocks.BooleanBlock(
        label=_("red flag"),
        required=False,
        help_text=_("Choosing this answer shows the crisis numbers and asks for urgent help."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class _QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=500)
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=500)

    class Meta:
        template = "selfassess/blocks/question.html"


class _ChoiceQuestionBlock(_QuestionBlock):
    options = blocks.ListBlock(
        OptionBlock(), min_num=2, max_num=MAX_OPTIONS, label=_("answer options")
    )

    class Meta:
        preview_value = {
            "question": "Kuinka usein olet tuntenut itsesi yksinäiseksi?",
            "options": [
                {"label": "En koskaan", "score": 0, "red_flag": False},
                {"label": "Joskus", "score": 1, "red_flag": False},
                {"label": "Usein", "score": 2, "red_flag": False},
            ],
        }


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    """A question answered by choosing exactly one option."""

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    """A question answered by choosing any number of options; their scores add up."""

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        help_text = _("The scores of all chosen options are added. Choosing none scores 0.")


class LikertQuestionBlock(_ChoiceQuestionBlock):
    """A statement rated on a scale (for example from "strongly disagree" to "strongly
    agree"), shown as one row of options in scale order."""

    class Meta:
        icon = "order"
        label = _("Likert scale")
        preview_value = {
            "question": "Selviän arjen asioista itse.",
            "options": [
                {"label": "Täysin eri mieltä", "score": 4, "red_flag": False},
                {"label": "Jokseenkin eri mieltä", "score": 3, "red_flag": False},
                {"label": "Ei samaa eikä eri mieltä", "score": 2, "red_flag": False},
                {"label": "Jokseenkin samaa mieltä", "score": 1, "red_flag": False},
                {"label": "Täysin samaa mieltä", "score": 0, "red_flag": False},
            ],
        }


class NumberQuestionBlock(_QuestionBlock):
    """A whole number between bounds (for example days in the last week); it scores
    its value times the score per unit."""

    minimum = blocks.IntegerBlock(label=_("smallest allowed answer"), default=0, min_value=0)
    maximum = blocks.IntegerBlock(label=_("largest allowed answer"), default=7, min_value=0)
    unit = blocks.CharBlock(label=_("unit"), required=False, max_length=40)
    score_per_unit = blocks.IntegerBlock(
        label=_("score per unit"), default=1, min_value=0, max_value=MAX_SCORE
    )
    red_flag_from = blocks.IntegerBlock(
        label=_("red flag from"),
        required=False,
        min_value=0,
        help_text=_("Answers this large or larger show the crisis numbers. Leave empty for none."),
    )

    class Meta:
        icon = "decimal"
        label = _("Number")
        preview_value = {
            "question": "Monena päivänä viime viikolla jäit ilman lämmintä ateriaa?",
            "minimum": 0,
            "maximum": 7,
            "unit": "päivää",
            "score_per_unit": 1,
        }

    def clean(self, value):
        value = super().clean(value)
        if value["minimum"] > value["maximum"]:
            raise StructBlockValidationError(
                block_errors={
                    "maximum": ValidationError(
                        _("The largest answer must not be below the smallest.")
                    )
                }
            )
        return value


class QuestionStreamBlock(blocks.StreamBlock):
    """The questions of an editor-built self-assessment, in the order they are asked."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    likert = LikertQuestionBlock()
    number = NumberQuestionBlock()

    class Meta:
        max_num = 60  # the answers travel in an encrypted cookie; keep it well under 4 kB


class ResultBandBlock(blocks.StructBlock):
    """A range of total scores and what the result page says for it."""

    min_score = blocks.IntegerBlock(label=_("lowest score"), min_value=0)
    max_score = blocks.IntegerBlock(label=_("highest score"), min_value=0)
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    explanation = blocks.RichTextBlock(
        label=_("what the result means"), features=["bold", "italic", "link", "ul", "ol"]
    )
    services = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="portal.ServicePage"),
        label=_("recommended services"),
        default=[],
    )
    disposition = blocks.ChoiceBlock(
        label=_("what to do next"),
        choices=DISPOSITION_CHOICES,
        default=DispositionHint.ADVICE.value,
        help_text=_("A hint for triage; red-flag answers always raise it to urgent help."),
    )

    class Meta:
        icon = "pick"
        label = _("Result band")
        template = "selfassess/blocks/result_band.html"
        preview_value = {
            "min_score": 0,
            "max_score": 4,
            "heading": "Tilanteesi vaikuttaa hyvältä",
            "explanation": "<p>Vastaustesi perusteella pärjäät arjessa hyvin.</p>",
            "disposition": "advice",
        }


class InstrumentBandBlock(blocks.StructBlock):
    """Services to recommend for one band of a validated instrument (the band's wording is
    the instrument's own)."""

    band = blocks.ChoiceBlock(label=_("band"), choices=instrument_band_choices)
    services = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="portal.ServicePage"),
        label=_("recommended services"),
        default=[],
    )

    class Meta:
        icon = "link"
        label = _("Services for a band")
        template = "selfassess/blocks/instrument_band.html"
