"""Reads for the public service-information pages."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from portal import opening_hours
from portal.models import ServiceChannel, ServicePage
from portal.models.channels import CHANNEL_SUBTYPE_RELATIONS
from portal.models.classifications import ClassificationKind
from portal.models.localized import localized_value_and_language
from portal.page_cache import cached_for_content

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WeekRow:
    """One line of a channel's week table, formatted for the active language."""

    label: str  # "ma 23.11."
    hours: str  # "8.00–16.00", "Closed" or "Open 24 hours"
    note: str
    is_exception: bool


@dataclass(frozen=True)
class ChannelView:
    """A channel as a page shows it: the typed channel, whether it is open now, its week."""

    channel: ServiceChannel
    status: opening_hours.OpenStatus | None
    status_text: str  # "Open now, closes at 16.00"
    week: list[WeekRow]

    @property
    def has_hours(self) -> bool:
        return self.status is not None


@dataclass(frozen=True)
class _ChannelData:
    """What a page shows of a channel that changes only when content is published."""

    channel: ServiceChannel  # the typed channel
    rows: tuple[opening_hours.HoursRow, ...]


def service_channels_for_page(
    *, page: ServicePage, now: datetime | None = None, use_cache: bool = True
) -> list[ChannelView]:
    """The page's channels in editor order, with "open now" and this week's hours.

    The channels and their hours rows change only on publish, so they are kept by content
    version (two queries on a miss); the week table changes daily and is kept per week;
    only "open now" is worked out on every request. Previews pass use_cache=False: the
    draft's channel links are not what the published page has."""
    return _channel_views(
        f"service-channels:{page.pk}", lambda: _channel_data(page), now, use_cache=use_cache
    )


def service_advice_channels(*, request, now: datetime | None = None) -> list[ChannelView]:
    """The county's service-advice line (site settings) as a page shows a channel, or []
    when none is set: what a service without channels of its own offers instead."""
    from portal.models import SiteSettings

    channel_id = SiteSettings.for_request(request).service_advice_channel_id
    if channel_id is None:
        return []
    return _channel_views(
        f"service-advice-channel:{channel_id}",
        lambda: _channels_data(ServiceChannel.objects.filter(pk=channel_id), via=""),
        now,
    )


def _channel_views(
    key: str, load, now: datetime | None, *, use_cache: bool = True
) -> list[ChannelView]:
    """`load()`'s channels kept by content version under `key`, their week tables per week,
    and "open now" at `now`."""
    now = now or timezone.now()
    today = now.astimezone(opening_hours.HELSINKI).date()
    monday = today - timedelta(days=today.weekday())
    language = get_language()
    if not use_cache:
        data = load()
        weeks = [_week_rows(item, monday) for item in data]
    else:
        data = cached_for_content(f"{key}:{language}", load)
        weeks = cached_for_content(
            f"{key}:weeks:{language}:{monday.isoformat()}",
            lambda: [_week_rows(item, monday) for item in data],
        )
    return [_channel_view(item, week, now) for item, week in zip(data, weeks, strict=True)]


@dataclass(frozen=True)
class TargetGroupName:
    """A target group's name in the page's language where it has one; `lang` names the
    language it fell back to ("" when it is the page's own), for the element's `lang`."""

    text: str
    lang: str


def service_target_groups(*, page: ServicePage, use_cache: bool = True) -> list[TargetGroupName]:
    """Names of the target groups the service is for, in the active language where they have
    one (PTV's vocabularies are often Finnish only)."""
    language = (get_language() or "fi")[:2]

    def names() -> list[TargetGroupName]:
        groups = page.classifications.filter(kind=ClassificationKind.TARGET_GROUP)
        texts = [localized_value_and_language(group, "name", language) for group in groups]
        return [TargetGroupName(text, "" if code == language else code) for text, code in texts]

    if not use_cache:
        return names()
    return cached_for_content(f"service-target-group-names:{page.pk}:{language}", names)


def _channel_data(page: ServicePage) -> list[_ChannelData]:
    """Two queries: the links with every channel subtype joined, then all hours rows."""
    links = page.channel_links.order_by("sort_order", "pk")
    return _channels_data(links, via="channel__")


def _channels_data(queryset, *, via: str) -> list[_ChannelData]:
    """`queryset` holds channels, or rows pointing at them through `via` ("channel__")."""
    rows = queryset.select_related(
        *([via.removesuffix("__")] if via else []),
        *(f"{via}{subtype}" for subtype in CHANNEL_SUBTYPE_RELATIONS),
    ).prefetch_related(f"{via}hours")
    channels = [getattr(row, via.removesuffix("__")) if via else row for row in rows]
    return [
        _ChannelData(
            channel=channel.specific,
            rows=tuple(row.as_hours_row() for row in channel.hours.all()),
        )
        for channel in channels
    ]


def _channel_view(item: _ChannelData, week: list[WeekRow], now: datetime) -> ChannelView:
    status = None
    if item.rows and week:
        try:
            status = opening_hours.status_at(item.rows, now)
        except ValueError:
            _log_invalid_hours(item.channel)
    return ChannelView(
        channel=item.channel,
        status=status,
        status_text=opening_status_text(status, now) if status else "",
        week=week if status else [],
    )


def _week_rows(item: _ChannelData, monday: date) -> list[WeekRow]:
    if not item.rows:
        return []
    try:
        days = opening_hours.week_hours(item.rows, monday)
    except ValueError:
        # Imported rows are not validated by the admin form; a broken row must not take the
        # page down, so the channel is shown without hours and the problem is logged.
        _log_invalid_hours(item.channel)
        return []
    return [
        WeekRow(
            label=formats.date_format(day.day, "D j.n."),
            hours=_day_hours_text(day),
            note=day.note,
            is_exception=day.is_exception,
        )
        for day in days
    ]


def _log_invalid_hours(channel: ServiceChannel) -> None:
    logger.warning("Invalid opening hours on channel %s", channel.pk, exc_info=True)


def _day_hours_text(day: opening_hours.DayHours) -> str:
    if day.always_open:
        return gettext("Open 24 hours")
    if day.closed:
        return gettext("Closed")
    return ", ".join(f"{_time(opens)}–{_time(closes)}" for opens, closes in day.intervals)


def opening_status_text(status: opening_hours.OpenStatus, now: datetime) -> str:
    """ "Open now, closes at 16.00", "Closed now, opens tomorrow at 8.00", "Open 24 hours"."""
    if status.always_open:
        return gettext("Open 24 hours")
    if status.is_open:
        text = gettext("Open now")
        if status.closes_at:
            closes = _time(status.closes_at.astimezone(opening_hours.HELSINKI).time())
            text += ", " + gettext("closes at %(time)s") % {"time": closes}
        return text
    text = gettext("Closed now")
    if status.opens_at:
        text += ", " + gettext("opens %(when)s") % {"when": _day_and_time(status.opens_at, now)}
    return text


def _day_and_time(moment: datetime, now: datetime) -> str:
    """ "today at 8.00", "tomorrow at 8.00" or "Monday at 8.00", as residents say it."""
    local = moment.astimezone(opening_hours.HELSINKI)
    days_ahead = (local.date() - now.astimezone(opening_hours.HELSINKI).date()).days
    time_text = _time(local.time())
    if days_ahead == 0:
        return gettext("today at %(time)s") % {"time": time_text}
    if days_ahead == 1:
        return gettext("tomorrow at %(time)s") % {"time": time_text}
    day_format = "l" if days_ahead < 7 else "SHORT_DATE_FORMAT"
    day = formats.date_format(local, day_format)
    return gettext("%(day)s at %(time)s") % {"day": day, "time": time_text}


def _time(value) -> str:
    return formats.time_format(value, "TIME_FORMAT")
