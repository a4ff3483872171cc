"""Reads: assessment definitions for the taking views, the outcome for triage, and the
managers' statistics."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from wagtail.models import Page

from portal.page_cache import cached_for_content
from selfassess.band_texts import band_text
from selfassess.definitions import Definition
from selfassess.models import AssessmentPageBase
from selfassess.scoring import INSTRUMENTS, Result
from selfassess.small_cells import cells_suppress, total_suppress
from selfassess.state import state_load


def assessment_definition_get(*, page_id: int) -> Definition | None:
    """The published assessment's definition, built once per content version (so a publish
    takes effect at once) and shared by every request until then."""

    def build() -> Definition | None:
        page = Page.objects.live().public().filter(pk=page_id).first()
        page = page.specific if page is not None else None
        if not isinstance(page, AssessmentPageBase):
            return None
        if getattr(page, "instrument", "") == "eurohis8" and not (
            settings.SELFASSESS_EUROHIS8_ENABLED
        ):
            return None
        return page.definition()

    return cached_for_content(f"selfassess:definition:{page_id}", build)


def assessment_outcome_current(*, request, page_id: int) -> Result | None:
    """The structured outcome (instrument, version, score, band, red flags, disposition
    hint) of the assessment this person has just finished, for triage to turn into a
    disposition and an escalation; None when they have not finished it."""
    definition = assessment_definition_get(page_id=page_id)
    if definition is None:
        return None
    state = state_load(request, definition)
    return Result.from_dict(state.result) if state.result else None


@dataclass(frozen=True)
class StatisticsRow:
    assessment: str
    name: str
    version: str
    total: int | None  # None: suppressed (fewer than 5)
    bands: tuple[tuple[str, str, int | None], ...]  # code, label, count (None: suppressed)


def completion_statistics(*, completions) -> list[StatisticsRow]:
    """The given completions per assessment and scoring version with their band
    distribution, small cells suppressed. Bands of validated instruments are listed in their
    own order (zeros included, suppressed like any small count) and labelled with their
    result heading; editor-built bands by score range."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for row in completions.values("assessment", "version", "band").annotate(n=Count("pk")):
        counts.setdefault((row["assessment"], row["version"]), {})[row["band"]] = row["n"]
    result = []
    for (assessment, version), bands in sorted(counts.items()):
        instrument = INSTRUMENTS.get(assessment)
        if instrument is not None:
            ordered = {band: bands.get(band, 0) for band in instrument.bands}
        else:
            ordered = dict(sorted(bands.items(), key=lambda item: _range_start(item[0])))
        shown = cells_suppress(ordered)
        result.append(
            StatisticsRow(
                assessment=assessment,
                name=instrument.name if instrument else assessment,
                version=version,
                total=total_suppress(sum(ordered.values())),
                bands=tuple(
                    (band, band_text(assessment, band)[0] if instrument else band, count)
                    for band, count in shown.items()
                ),
            )
        )
    return result


def _range_start(band: str) -> int:
    head = band.split("-", 1)[0]
    return int(head) if head.lstrip("-").isdigit() else 0
