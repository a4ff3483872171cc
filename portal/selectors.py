"""Reads for the public service-information pages."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from portal import opening_hours
from portal.models import ServiceChannel, ServicePage
from portal.models.channels import CHANNEL_SUBTYPE_RELATIONS

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChannelView:
    """A channel as a page shows it: the typed channel, whether it is open now, its week."""

    channel: ServiceChannel
    status: opening_hours.OpenStatus | None
    week: list[opening_hours.DayHours]

    @property
    def has_hours(self) -> bool:
        return self.status is not None


def channel_view(*, channel: ServiceChannel, now: datetime | None = None) -> ChannelView:
    rows = [row.as_hours_row() for row in channel.hours.all()]
    now = now or timezone.now()
    today = now.astimezone(opening_hours.HELSINKI).date()
    try:
        status = opening_hours.status_at(rows, now) if rows else None
        week = opening_hours.week_hours(rows, _monday_of(today)) if rows else []
    except ValueError:
        # Imported rows are not validated by the admin form; a broken row must not take the
        # page down, so the channel is shown without hours and the problem is logged.
        logger.warning("Invalid opening hours on channel %s", channel.pk, exc_info=True)
        status, week = None, []
    return ChannelView(channel=channel.specific, status=status, week=week)


def service_channels_for_page(
    *, page: ServicePage, now: datetime | None = None
) -> list[ChannelView]:
    """The page's channels in editor order, with hours, in two queries (links with every
    channel subtype joined, then all hours rows)."""
    links = (
        page.channel_links.select_related(
            "channel", *(f"channel__{subtype}" for subtype in CHANNEL_SUBTYPE_RELATIONS)
        )
        .order_by("sort_order", "pk")
        .prefetch_related("channel__hours")
    )
    return [channel_view(channel=link.channel, now=now) for link in links]


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
