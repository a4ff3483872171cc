"""Opening hours of PTV service channels: "open now, closes at 16:00" and the week's hours.

Pure: standard library only. Rows mirror PTV service hours (DaysOfTheWeek, Exceptional,
OverMidnight); times are wall-clock times in Europe/Helsinki.

All arithmetic is done on UTC instants and converted to Helsinki only for output. Python
compares and subtracts two datetimes that share a tzinfo as naive wall-clock values (ignoring
`fold` and the offset), which is wrong around DST changes; callers comparing the returned
Helsinki datetimes across a DST change should do so via `.astimezone(UTC)`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")
LOOKAHEAD_DAYS = 14
MIDNIGHT = time(0, 0)
ONE_DAY = timedelta(days=1)


class HoursKind(StrEnum):
    WEEKLY = "weekly"  # PTV DaysOfTheWeek
    EXCEPTION = "exception"  # PTV Exceptional
    OVER_MIDNIGHT = "over_midnight"  # PTV OverMidnight


@dataclass(frozen=True)
class HoursRow:
    """One stored row: a kind, a validity range, and (unless closed/always open) one time span
    for a range of weekdays. Weekdays are 0=Monday … 6=Sunday. day_to None means just day_from.
    A span whose `closes` is <= `opens` runs past midnight into the next day (closes 00:00 =
    midnight). For EXCEPTION rows the weekday fields may be None: the row then applies to every
    date in valid_from..valid_to.

    The weekday range is where spans *start*: a PTV OverMidnight entry Fri 22:00 → Sat 03:00 is
    day_from=4, day_to=None, opens=22:00, closes=03:00. An EXCEPTION with valid_to None covers
    valid_from only (as in PTV); a weekly row with a None bound is open-ended on that side.
    opens/closes are ignored on closed and always-open rows.
    """

    kind: HoursKind
    valid_from: date | None = None
    valid_to: date | None = None
    closed: bool = False
    always_open: bool = False
    day_from: int | None = None
    day_to: int | None = None
    opens: time | None = None
    closes: time | None = None
    note: str = ""


@dataclass(frozen=True)
class Interval:
    start: datetime  # aware, Europe/Helsinki
    end: datetime  # aware

    @property
    def duration(self) -> timedelta:
        """Real elapsed time (plain `end - start` would ignore a DST change in between)."""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    always_open: bool  # open, and stays open past the look-ahead (24/7): closes_at is None
    closes_at: datetime | None  # when open: end of this opening (back-to-back intervals merged)
    opens_at: datetime | None  # when closed: next opening within LOOKAHEAD_DAYS, else None
    note: str  # note of an exception that decides today's date (e.g. "Juhannus"), else ""


@dataclass(frozen=True)
class DayHours:
    """Hours as shown for one date. `intervals` are the wall-clock pieces falling on this date,
    merged where they touch; an end of 00:00 means midnight at the end of the day, so an
    over-midnight span shows as (22:00, 00:00) on its first day and (00:00, 03:00) on the next,
    and a day open throughout is ((00:00, 00:00),)."""

    day: date
    intervals: tuple[tuple[time, time], ...]
    closed: bool  # no opening at all this day (the tail of yesterday's span counts as opening)
    always_open: bool  # open the whole day
    is_exception: bool  # an exception row decided this day
    note: str  # notes of the rows that decided this day


def validate_row(row: HoursRow) -> None:
    """Raise ValueError, naming the problem, when `row` cannot be evaluated."""
    if row.kind not in tuple(HoursKind):
        raise ValueError(f"unknown hours kind {row.kind!r}")
    where = f"{row.kind} row {row.note!r}" if row.note else f"{row.kind} row"
    for name in ("day_from", "day_to"):
        value = getattr(row, name)
        if value is not None and not (isinstance(value, int) and 0 <= value <= 6):
            raise ValueError(f"{where}: {name}={value!r} is not a weekday 0 (Mon) … 6 (Sun)")
    if row.day_to is not None and row.day_from is None:
        raise ValueError(f"{where}: day_to is set without day_from")
    if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
        raise ValueError(f"{where}: valid_to {row.valid_to} is before valid_from {row.valid_from}")
    if row.closed and row.always_open:
        raise ValueError(f"{where}: cannot be both closed and always open")
    if row.kind == HoursKind.EXCEPTION and row.valid_from is None:
        raise ValueError(f"{where}: an exception needs valid_from (the date it applies to)")
    if row.closed or row.always_open:
        return
    if row.opens is None or row.closes is None:
        raise ValueError(f"{where}: needs both opens and closes, or closed or always_open")
    if row.kind != HoursKind.EXCEPTION and row.day_from is None:
        raise ValueError(f"{where}: a weekly time span needs day_from")


def intervals_on(rows: Iterable[HoursRow], day: date) -> list[Interval]:
    """Openings that *start* on `day`, sorted and merged where they touch. An over-midnight
    span belongs to the day it starts on, so it is listed here and not on the next day."""
    return [_interval(span) for span in _spans_on(_checked(rows), day)]


def status_at(rows: Iterable[HoursRow], at: datetime) -> OpenStatus:
    """Whether the channel is open at the aware datetime `at`, and until/from when."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("status_at needs a timezone-aware datetime")
    checked = _checked(rows)
    now = at.astimezone(UTC)
    today = at.astimezone(HELSINKI).date()
    # Yesterday's span may still be running; one day past the look-ahead lets a span running
    # into the horizon merge with what follows, so only a truly unknown end becomes None.
    days = [today + timedelta(days=k) for k in range(-1, LOOKAHEAD_DAYS + 2)]
    spans = _merged(span for day in days for span in _spans_on(checked, day))
    unknown_after = _instant(days[-1] + ONE_DAY, MIDNIGHT)
    deciding, is_exception = _deciding_rows(checked, today)
    note = _notes(deciding) if is_exception else ""
    for start, end in spans:
        if end <= now:
            continue
        if start <= now:  # the closing minute itself counts as closed: end is exclusive
            endless = end >= unknown_after
            closes_at = None if endless else end.astimezone(HELSINKI)
            return OpenStatus(True, endless, closes_at, None, note)
        if start - now <= timedelta(days=LOOKAHEAD_DAYS):
            return OpenStatus(False, False, None, start.astimezone(HELSINKI), note)
        break
    return OpenStatus(False, False, None, None, note)


def week_hours(rows: Iterable[HoursRow], week_start: date) -> list[DayHours]:
    """Seven DayHours from `week_start` (need not be a Monday)."""
    checked = _checked(rows)
    days = [week_start + timedelta(days=k) for k in range(7)]
    spans = _merged(s for day in [week_start - ONE_DAY, *days] for s in _spans_on(checked, day))
    week = []
    for day in days:
        lo, hi = _instant(day, MIDNIGHT), _instant(day + ONE_DAY, MIDNIGHT)
        on_day = [(max(s, lo), min(e, hi)) for s, e in spans if s < hi and e > lo]
        deciding, is_exception = _deciding_rows(checked, day)
        week.append(
            DayHours(
                day=day,
                intervals=tuple((_wall(s), _wall(e)) for s, e in on_day),
                closed=not on_day,
                always_open=any(s <= lo and e >= hi for s, e in on_day),
                is_exception=is_exception,
                note=_notes(deciding),
            )
        )
    return week


# --- internals: spans are (start, end) pairs of UTC datetimes ---------------------------------

_Span = tuple[datetime, datetime]


def _checked(rows: Iterable[HoursRow]) -> list[HoursRow]:
    """Materialise (rows may be a one-shot iterator) and validate."""
    rows = list(rows)
    for row in rows:
        validate_row(row)
    return rows


def _instant(day: date, at: time, *, closing: bool = False) -> datetime:
    """The real (UTC) instant when Helsinki wall clocks show `at` on `day`.

    Autumn repeats 03:00–04:00: an opening takes the first occurrence and a closing the second,
    so a place open through the night stays open during the repeated hour, as staff working by
    the clock would. Spring skips 03:00–04:00: a skipped time means the moment the clock jumps
    (04:00 EEST), the first moment the clock shows that time or later. Helsinki's jumps are on
    the hour, so the jump is the top of the skipped hour read with the pre-jump offset.
    """
    naive = datetime.combine(day, at)
    real = naive.replace(tzinfo=HELSINKI, fold=int(closing)).astimezone(UTC)
    if real.astimezone(HELSINKI).replace(tzinfo=None) == naive:
        return real
    top = naive.replace(minute=0, second=0, microsecond=0, tzinfo=HELSINKI)  # fold=0: pre-jump
    return top.astimezone(UTC)


def _wall(instant: datetime) -> time:
    return instant.astimezone(HELSINKI).time().replace(fold=0)


def _interval(span: _Span) -> Interval:
    return Interval(span[0].astimezone(HELSINKI), span[1].astimezone(HELSINKI))


def _covers(row: HoursRow, day: date) -> bool:
    start, end = _bounds(row)
    return start <= day <= end


def _bounds(row: HoursRow) -> tuple[date, date]:
    start = row.valid_from or date.min
    if row.kind == HoursKind.EXCEPTION:
        return start, row.valid_to or start
    return start, row.valid_to or date.max


def _on_weekday(row: HoursRow, day: date) -> bool:
    if row.day_from is None:
        return True
    last = row.day_from if row.day_to is None else row.day_to
    # Modulo 7 makes wrapped ranges work: Sat(5)..Tue(1) covers offsets 0..3 from Saturday.
    return (day.weekday() - row.day_from) % 7 <= (last - row.day_from) % 7


def _most_specific(rows: list[HoursRow]) -> list[HoursRow]:
    """Rows with the narrowest validity range. This is how summer hours (1.6–31.8) beat the
    open-ended default, hours valid from 1.9 onwards replace older open-ended hours, and a
    one-day closure (24.12) beats a Christmas-week exception (21.12–31.12)."""

    def width(row: HoursRow) -> int:
        start, end = _bounds(row)
        return (end - start).days

    narrowest = min((width(row) for row in rows), default=0)
    return [row for row in rows if width(row) == narrowest]


def _deciding_rows(rows: list[HoursRow], day: date) -> tuple[list[HoursRow], bool]:
    """The rows that decide `day`'s own openings, and whether they are exceptions.

    Exceptions must match the weekday to apply at all. A weekly rule set is chosen by validity
    first and filtered by weekday after, because a PTV weekly set describes a whole week: a
    summer set without Saturday means closed on summer Saturdays, not "use the default"."""
    exceptions = [
        r for r in rows if r.kind == HoursKind.EXCEPTION and _covers(r, day) and _on_weekday(r, day)
    ]
    if exceptions:
        return _most_specific(exceptions), True
    weekly = [r for r in rows if r.kind != HoursKind.EXCEPTION and _covers(r, day)]
    return [r for r in _most_specific(weekly) if _on_weekday(r, day)], False


def _spans_on(rows: list[HoursRow], day: date) -> list[_Span]:
    deciding, _ = _deciding_rows(rows, day)
    # Among equally specific rows a closure wins: wrongly saying "closed" costs a resident less
    # than a wasted trip.
    if any(row.closed for row in deciding):
        return []
    spans = []
    for row in deciding:
        if row.always_open:
            spans.append((_instant(day, MIDNIGHT), _instant(day + ONE_DAY, MIDNIGHT)))
            continue
        if row.opens is None or row.closes is None:  # unreachable after validate_row
            continue
        end_day = day if row.closes > row.opens else day + ONE_DAY
        start, end = _instant(day, row.opens), _instant(end_day, row.closes, closing=True)
        if end > start:
            spans.append((start, end))
    return _merged(spans)


def _merged(spans: Iterable[_Span]) -> list[_Span]:
    """Sorted spans with overlapping or back-to-back ones joined (08–12 + 12–16 = 08–16)."""
    result: list[_Span] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _notes(rows: list[HoursRow]) -> str:
    return "; ".join(dict.fromkeys(row.note.strip() for row in rows if row.note.strip()))
