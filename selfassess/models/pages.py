"""Self-assessment pages: an index under each home page, validated instruments and
editor-built assessments. The pages hold the introduction and settings; taking an assessment
happens in `selfassess.views` from the page's `definition()`."""

import dataclasses

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal.routing import CachedViewRestrictionsMixin
from selfassess import band_texts
from selfassess.blocks import InstrumentBandBlock, QuestionStreamBlock, ResultBandBlock
from selfassess.definitions import BandText, Choice, Definition, Question, ServiceLink
from selfassess.scoring import (
    INSTRUMENTS,
    BandProblem,
    BandProblemKind,
    BandSpec,
    CustomInstrument,
    DispositionHint,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    bands_check,
)
from selfassess.wording import instrument_text

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class SelfAssessmentIndexPage(CachedViewRestrictionsMixin, Page):
    """The list of self-assessments in one language, and how to reach service guidance."""

    intro = models.TextField(_("introduction"), blank=True)
    guidance_phone = models.CharField(
        _("service advice phone number"),
        max_length=32,
        blank=True,
        help_text=_("Shown on results that suggest contacting service guidance."),
    )
    guidance_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("how to contact service guidance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("guidance_phone"), FieldPanel("guidance_page")],
            heading=_("Service guidance"),
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["selfassess.InstrumentPage", "selfassess.AssessmentPage"]
    max_count_per_parent = 1
    template = "selfassess/index_page.html"

    class Meta:
        verbose_name = _("self-assessment index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["assessments"] = self.get_children().live().public().specific().order_by("path")
        return context


class AssessmentPageBase(CachedViewRestrictionsMixin, Page):
    """What both kinds of self-assessment page share: introduction and how it is taken."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    quick_exit = models.BooleanField(
        _("quick exit button"),
        default=True,
        help_text=_("A button that leaves for a neutral site at once. Use it on sensitive topics."),
    )
    minutes = models.PositiveSmallIntegerField(_("minutes to answer"), default=3)

    parent_page_types = ["selfassess.SelfAssessmentIndexPage"]
    subpage_types: list[str] = []
    preview_modes = [
        ("", _("Introduction")),
        ("questions", _("Questions")),
        ("results", _("Results")),
    ]

    class Meta:
        abstract = True

    def definition(self) -> Definition:
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["definition"] = self.definition()
        return context

    def serve_preview(self, request, mode_name):
        """Editors see the questions and every result band before publishing."""
        if mode_name not in ("questions", "results"):
            return super().serve_preview(request, mode_name)
        definition = self.definition()
        context = {"page": self, "definition": definition, "request": request, "preview": True}
        if mode_name == "questions":
            from selfassess.views import step_context

            # Every question at once, also for a step-by-step assessment.
            whole = dataclasses.replace(definition, one_page=True)
            context |= step_context(whole, step=1, answers={}, preview=True)
            return render(request, "selfassess/step.html", context)
        context["band_problems"] = self.band_problem_messages()
        return render(request, "selfassess/preview_results.html", context)

    def band_problem_messages(self) -> list[str]:
        return []

    def guidance(self) -> dict[str, str]:
        """How to reach service guidance, from the index page above (none in a preview of a
        page that is not in the tree yet)."""
        parent = self.get_parent() if self.path else None
        parent = parent.specific if parent is not None else None
        if not isinstance(parent, SelfAssessmentIndexPage):
            return {}
        target = parent.guidance_page
        return {
            "guidance_phone": parent.guidance_phone,
            "guidance_url": (target.get_url() or "") if target and target.live else "",
        }


def _services(chosen) -> tuple[ServiceLink, ...]:
    links = []
    for page in chosen or ():
        if page is not None and page.live:
            links.append(ServiceLink(title=page.title, url=page.get_url() or ""))
    return tuple(links)


class InstrumentPage(AssessmentPageBase):
    """A validated instrument (WHO-5, PHQ-9, …): its wording, scoring and band texts come
    from the code; the page adds the introduction and the services to recommend."""

    instrument = models.CharField(
        _("instrument"),
        max_length=16,
        choices=[(code, instrument.name) for code, instrument in INSTRUMENTS.items()],
    )
    band_services = StreamField(
        [("band", InstrumentBandBlock())],
        blank=True,
        verbose_name=_("recommended services by result"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("instrument"),
        FieldPanel("intro"),
        HelpPanel(
            content=_(
                "<p>The questions, scoring and result texts of a validated instrument are "
                "fixed: changing them would make the result meaningless. Choose here which "
                "services each result recommends. Bands: WHO-5 good, low; PHQ-9 minimal, "
                "mild, moderate, moderately_severe, severe; GAD-7 minimal, mild, moderate, "
                "severe; AUDIT low_risk, risk, harmful, dependence; AUDIT-C low_risk, risk; "
                "EUROHIS-8 good, lower.</p>"
            ),
            heading=_("Results"),
        ),
        FieldPanel("band_services"),
    ]
    # Always one question per step, with Back and progress: a validated instrument is asked
    # the same way whichever it is (issue 11: WHO-5 was the one shown all on one page).
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("quick_exit"),
        FieldPanel("minutes"),
    ]

    template = "selfassess/assessment_page.html"

    class Meta:
        verbose_name = _("validated self-assessment")

    def clean(self):
        super().clean()
        if self.instrument == "eurohis8" and not settings.SELFASSESS_EUROHIS8_ENABLED:
            raise ValidationError(
                {
                    "instrument": _(
                        "EUROHIS-8 is not in use until its licence is confirmed "
                        "(setting SELFASSESS_EUROHIS8_ENABLED)."
                    )
                }
            )
        instrument = INSTRUMENTS.get(self.instrument)
        if instrument is None:
            return
        bands = [block.value["band"] for block in self.band_services]
        wrong = sorted({band for band in bands if band not in instrument.bands})
        if wrong:
            raise ValidationError(
                {
                    "band_services": _(
                        "%(instrument)s has no band %(bands)s. Its bands are %(valid)s."
                    )
                    % {
                        "instrument": instrument.name,
                        "bands": ", ".join(wrong),
                        "valid": ", ".join(instrument.bands),
                    }
                }
            )
        if len(bands) != len(set(bands)):
            raise ValidationError(
                {"band_services": _("Give the services of each band in one block only.")}
            )

    def definition(self) -> Definition:
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        instrument = INSTRUMENTS[self.instrument]
        text = instrument_text(self.instrument, language)
        services = {
            block.value["band"]: _services(block.value["services"]) for block in self.band_services
        }
        with translation.override(language):
            bands = {
                band: BandText(
                    heading=str(heading),
                    explanation=str(explanation),
                    services=services.get(band, ()),
                )
                for band, (heading, explanation) in band_texts.BAND_TEXTS[self.instrument].items()
            }
            result_note = str(band_texts.RESULT_NOTE)
        questions = tuple(
            Question(
                key=key,
                kind=QuestionKind.SINGLE,
                text=item.text,
                help=item.note,
                choices=tuple(Choice(value, label) for value, label in item.options),
            )
            for key, item in zip(instrument.item_keys, text.items, strict=True)
        )
        return Definition(
            page_id=self.pk or 0,
            language=language,
            title=self.title,
            assessment_key=instrument.code,
            instrument=instrument.code,
            version=instrument.version,
            questions=questions,
            bands=bands,
            quick_exit=self.quick_exit,
            asks_sex=instrument.uses_sex,
            stem=text.stem,
            source=text.source,
            result_note=result_note,
            **self.guidance(),
        )


_KINDS = {
    "single_choice": QuestionKind.SINGLE,
    "multiple_choice": QuestionKind.MULTIPLE,
    "likert": QuestionKind.LIKERT,
    "number": QuestionKind.NUMBER,
}


def custom_instrument_build(questions, bands) -> CustomInstrument:
    """The scoring of an editor-built assessment from its two StreamFields."""
    specs = []
    for block in questions:
        value, kind = block.value, _KINDS[block.block_type]
        if kind == QuestionKind.NUMBER:
            specs.append(
                QuestionSpec(
                    kind=kind,
                    minimum=value["minimum"],
                    maximum=value["maximum"],
                    score_per_unit=value.get("score_per_unit", 1),
                    red_flag_from=value.get("red_flag_from"),
                )
            )
        else:
            options = tuple(
                OptionSpec(score=option["score"], red_flag=bool(option.get("red_flag")))
                for option in value["options"]
            )
            specs.append(QuestionSpec(kind=kind, options=options))
    band_specs = tuple(
        BandSpec(
            low=block.value["min_score"],
            high=block.value["max_score"],
            disposition=DispositionHint(block.value.get("disposition") or "advice"),
        )
        for block in bands
    )
    return CustomInstrument(questions=tuple(specs), bands=band_specs)


def band_problem_messages(questions, bands) -> list[str]:
    """Why the bands cannot be published, in the editor's language; empty when they can."""
    if not len(questions):
        return [str(_("Add at least one question."))]
    instrument = custom_instrument_build(questions, bands)
    low, high = instrument.total_range
    problems = bands_check([(b.low, b.high) for b in instrument.bands], low, high)
    return [_band_problem_message(problem, low, high) for problem in problems]


def _band_problem_message(problem: BandProblem, low: int, high: int) -> str:
    numbers = {"low": problem.low, "high": problem.high, "min": low, "max": high}
    if problem.kind == BandProblemKind.NO_BANDS:
        return _("Add result bands that cover every possible score from %(min)d to %(max)d.") % (
            numbers
        )
    if problem.kind == BandProblemKind.INVERTED:
        return _("Band %(band)d: its lowest score %(low)d is above its highest score %(high)d.") % {
            **numbers,
            "band": problem.bands[0],
        }
    if problem.kind == BandProblemKind.OUTSIDE:
        return _(
            "Band %(band)d (%(low)d–%(high)d) reaches beyond the possible scores %(min)d–%(max)d."
        ) % {**numbers, "band": problem.bands[0]}
    if problem.kind == BandProblemKind.OVERLAP:
        return _("Bands %(first)d and %(second)d both cover the scores %(low)d–%(high)d.") % {
            **numbers,
            "first": problem.bands[0],
            "second": problem.bands[1],
        }
    count = problem.high - problem.low + 1
    return (
        ngettext(
            "No band covers the score %(low)d.",
            "No band covers the scores %(low)d–%(high)d.",
            count,
        )
        % numbers
    )


class AssessmentPageForm(WagtailAdminPageForm):
    """Refuses to publish (or submit for moderation) an assessment whose result bands do not
    cover every possible score exactly once. Drafts may be saved half-finished."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or self.errors:
            return cleaned_data
        messages = band_problem_messages(
            cleaned_data.get("questions") or [], cleaned_data.get("bands") or []
        )
        if messages:
            refused = _(
                "Publishing was refused: the result bands must cover every possible score "
                "exactly once."
            )
            # As the stream's own errors, so the admin shows every message above the bands.
            self.add_error(
                "bands", StreamBlockValidationError(non_block_errors=[refused, *messages])
            )
        return cleaned_data


class AssessmentPage(AssessmentPageBase):
    """A self-assessment built by editors: questions with scored options, and result bands
    that lead to services and to a triage disposition."""

    assessment_key = models.SlugField(
        _("assessment key"),
        max_length=64,
        help_text=_("A stable identifier shared by the translations, used in statistics."),
    )
    one_page = models.BooleanField(
        _("all questions on one page"),
        default=False,
        help_text=_("Otherwise each question is shown on its own step."),
    )
    questions = StreamField(QuestionStreamBlock(), blank=True, verbose_name=_("questions"))
    bands = StreamField(
        [("band", ResultBandBlock())],
        blank=True,
        verbose_name=_("result bands"),
        help_text=_(
            "Each possible total score must fall in exactly one band. The preview shows the "
            "range of possible scores."
        ),
    )
    result_note = models.TextField(
        _("what the result means and does not mean"),
        blank=True,
        help_text=_("Leave empty for the standard text: a self-assessment is not a diagnosis."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("bands"),
        FieldPanel("result_note"),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("assessment_key"),
        FieldPanel("one_page"),
        FieldPanel("quick_exit"),
        FieldPanel("minutes"),
    ]
    base_form_class = AssessmentPageForm
    template = "selfassess/assessment_page.html"

    class Meta:
        verbose_name = _("self-assessment")

    def band_problem_messages(self) -> list[str]:
        return band_problem_messages(self.questions, self.bands)

    def definition(self) -> Definition:
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        custom = custom_instrument_build(self.questions, self.bands)
        questions = []
        for position, block in enumerate(self.questions, start=1):
            value, kind = block.value, _KINDS[block.block_type]
            common = {
                "key": f"q{position}",
                "kind": kind,
                "text": value["question"],
                "help": value.get("help_text") or "",
            }
            if kind == QuestionKind.NUMBER:
                questions.append(
                    Question(
                        **common,
                        minimum=value["minimum"],
                        maximum=value["maximum"],
                        unit=value.get("unit") or "",
                    )
                )
            else:
                choices = tuple(
                    Choice(index, option["label"]) for index, option in enumerate(value["options"])
                )
                questions.append(Question(**common, choices=choices))
        bands = {
            spec.code: BandText(
                heading=block.value["heading"],
                explanation=str(block.value["explanation"]),
                explanation_is_html=True,
                services=_services(block.value["services"]),
            )
            for spec, block in zip(custom.bands, self.bands, strict=True)
        }
        with translation.override(language):
            result_note = self.result_note or str(band_texts.RESULT_NOTE)
        return Definition(
            page_id=self.pk or 0,
            language=language,
            title=self.title,
            assessment_key=self.assessment_key,
            instrument="custom",
            version=custom.version,
            questions=tuple(questions),
            bands=bands,
            one_page=self.one_page,
            quick_exit=self.quick_exit,
            result_note=result_note,
            custom=custom,
            **self.guidance(),
        )
