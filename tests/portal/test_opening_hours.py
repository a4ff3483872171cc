"""What a resident sees for a service channel's opening hours. No database, fixed dates.

Week of 2026-03-02 (Mon) is an ordinary week; DST starts 2026-03-29 and ends 2026-10-25;
Midsummer Eve is Fri 2026-06-19. Instants are compared in UTC because Python compares two
Helsinki datetimes as wall-clock values, which is ambiguous around DST changes.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from portal.opening_hours import (
    HELSINKI,
    DayHours,
    HoursKind,
    HoursRow,
    intervals_on,
    status_at,
    validate_row,
    week_hours,
)

W, X, OM = HoursKind.WEEKLY, HoursKind.EXCEPTION, HoursKind.OVER_MIDNIGHT
MON, TUE, FRI, SAT, SUN = 0, 1, 4, 5, 6


def hki(y, mo, d, h=0, mi=0, fold=0):
    return datetime(y, mo, d, h, mi, tzinfo=HELSINKI, fold=fold)


def utc(dt):
    return None if dt is None else dt.astimezone(UTC)


def span(day_from, opens, closes, *, day_to=None, kind=W, **kw):
    return HoursRow(kind, day_from=day_from, day_to=day_to, opens=opens, closes=closes, **kw)


def t(h, m=0):
    return time(h, m)


OFFICE = [span(MON, t(8), t(16), day_to=FRI)]
LUNCH = [span(MON, t(8), t(11, 30), day_to=FRI), span(MON, t(12, 30), t(16), day_to=FRI)]
BACK_TO_BACK = [span(MON, t(8), t(12), day_to=FRI), span(MON, t(12), t(16), day_to=FRI)]
NIGHT = [span(FRI, t(22), t(3), kind=OM)]
LATE_THEN_NIGHT = [span(FRI, t(18), t(0)), span(SAT, t(0), t(4))]
EVENING_INTO_NIGHT = [span(FRI, t(18), t(22)), span(FRI, t(22), t(3), kind=OM)]
WRAPPED = [span(SAT, t(10), t(14), day_to=TUE)]
SUMMER = [
    *OFFICE,
    span(SAT, t(10), t(14)),
    span(MON, t(9), t(15), day_to=FRI, valid_from=date(2026, 6, 1), valid_to=date(2026, 8, 31)),
]
NEW_HOURS = [
    span(MON, t(8), t(16), day_to=FRI, valid_from=date(2020, 1, 1)),
    span(MON, t(9), t(17), day_to=FRI, valid_from=date(2026, 9, 1)),
]
MIDSUMMER = [*OFFICE, HoursRow(X, valid_from=date(2026, 6, 19), closed=True, note="Juhannusaatto")]
MAY_DAY_EVE = [*OFFICE, HoursRow(X, date(2026, 4, 30), opens=t(8), closes=t(12), note="Vappuaatto")]
CHRISTMAS = [
    *OFFICE,
    HoursRow(X, date(2026, 12, 24), date(2026, 12, 26), closed=True, note="Joulu"),
]
CHRISTMAS_WEEK = [
    *OFFICE,
    HoursRow(X, date(2026, 12, 21), date(2026, 12, 31), opens=t(10), closes=t(14), note="Joulu"),
    HoursRow(X, date(2026, 12, 24), closed=True, note="Jouluaatto"),
]
SUMMER_FRIDAYS = [
    *OFFICE,
    HoursRow(X, date(2026, 6, 1), date(2026, 8, 31), day_from=FRI, opens=t(8), closes=t(14)),
]
NIGHT_FRI_CLOSED = [*NIGHT, HoursRow(X, date(2026, 3, 6), closed=True, note="Suljettu")]
NIGHT_SAT_CLOSED = [*NIGHT, HoursRow(X, date(2026, 3, 7), closed=True, note="Suljettu")]
ALWAYS = [HoursRow(W, always_open=True, note="Sosiaalipäivystys")]
ALWAYS_UNTIL = [*OFFICE, HoursRow(W, valid_to=date(2026, 3, 4), always_open=True)]
FAR_AWAY = [HoursRow(X, date(2026, 4, 1), opens=t(9), closes=t(12))]
SUNDAY_NIGHT = [span(SUN, t(2), t(5))]
SATURDAY_NIGHT = [span(SAT, t(22), t(3, 30), kind=OM)]


@pytest.mark.parametrize(
    ("rows", "at", "is_open", "closes_at", "opens_at", "note"),
    [
        pytest.param(
            OFFICE, hki(2026, 3, 2, 7, 59), False, None, hki(2026, 3, 2, 8), "", id="before"
        ),
        pytest.param(
            OFFICE, hki(2026, 3, 2, 8), True, hki(2026, 3, 2, 16), None, "", id="at-opening"
        ),
        pytest.param(OFFICE, hki(2026, 3, 2, 12), True, hki(2026, 3, 2, 16), None, "", id="during"),
        pytest.param(
            OFFICE, hki(2026, 3, 2, 16), False, None, hki(2026, 3, 3, 8), "", id="closing-minute"
        ),
        pytest.param(
            OFFICE, hki(2026, 3, 7, 12), False, None, hki(2026, 3, 9, 8), "", id="weekend"
        ),
        pytest.param(
            OFFICE, hki(2026, 3, 6, 17), False, None, hki(2026, 3, 9, 8), "", id="friday-evening"
        ),
        pytest.param(
            OFFICE,
            datetime(2026, 3, 2, 10, tzinfo=UTC),  # 12:00 in Helsinki
            True,
            hki(2026, 3, 2, 16),
            None,
            "",
            id="utc-input",
        ),
        pytest.param(
            LUNCH, hki(2026, 3, 2, 10), True, hki(2026, 3, 2, 11, 30), None, "", id="lunch-am"
        ),
        pytest.param(
            LUNCH,
            hki(2026, 3, 2, 11, 45),
            False,
            None,
            hki(2026, 3, 2, 12, 30),
            "",
            id="lunch-break",
        ),
        pytest.param(
            BACK_TO_BACK,
            hki(2026, 3, 2, 9),
            True,
            hki(2026, 3, 2, 16),
            None,
            "",
            id="adjacent-merge",
        ),
        pytest.param(
            NIGHT, hki(2026, 3, 6, 23), True, hki(2026, 3, 7, 3), None, "", id="night-fri"
        ),
        pytest.param(
            NIGHT, hki(2026, 3, 7, 1), True, hki(2026, 3, 7, 3), None, "", id="night-sat-1"
        ),
        pytest.param(
            NIGHT, hki(2026, 3, 7, 4), False, None, hki(2026, 3, 13, 22), "", id="night-sat-4"
        ),
        pytest.param(
            EVENING_INTO_NIGHT,
            hki(2026, 3, 6, 19),
            True,
            hki(2026, 3, 7, 3),
            None,
            "",
            id="into-night",
        ),
        pytest.param(
            LATE_THEN_NIGHT,
            hki(2026, 3, 6, 23),
            True,
            hki(2026, 3, 7, 4),
            None,
            "",
            id="midnight-merge",
        ),
        pytest.param(
            NIGHT_SAT_CLOSED,
            hki(2026, 3, 7, 1),
            True,
            hki(2026, 3, 7, 3),
            None,
            "Suljettu",
            id="night-survives-next-day-closure",
        ),
        pytest.param(
            NIGHT_FRI_CLOSED,
            hki(2026, 3, 7, 1),
            False,
            None,
            hki(2026, 3, 13, 22),
            "",
            id="closure-removes-night",
        ),
        pytest.param(
            WRAPPED, hki(2026, 3, 2, 11), True, hki(2026, 3, 2, 14), None, "", id="wrap-mon"
        ),
        pytest.param(
            WRAPPED, hki(2026, 3, 4, 11), False, None, hki(2026, 3, 7, 10), "", id="wrap-wed"
        ),
        pytest.param(
            SUMMER, hki(2026, 6, 15, 8, 30), False, None, hki(2026, 6, 15, 9), "", id="summer-later"
        ),
        pytest.param(
            SUMMER,
            hki(2026, 5, 29, 15, 30),
            True,
            hki(2026, 5, 29, 16),
            None,
            "",
            id="before-summer",
        ),
        pytest.param(
            SUMMER, hki(2026, 6, 13, 11), False, None, hki(2026, 6, 15, 9), "", id="summer-saturday"
        ),
        pytest.param(
            SUMMER, hki(2026, 9, 1, 15, 30), True, hki(2026, 9, 1, 16), None, "", id="after-summer"
        ),
        pytest.param(
            NEW_HOURS, hki(2026, 9, 1, 16, 30), True, hki(2026, 9, 1, 17), None, "", id="new-hours"
        ),
        pytest.param(
            MIDSUMMER,
            hki(2026, 6, 19, 10),
            False,
            None,
            hki(2026, 6, 22, 8),
            "Juhannusaatto",
            id="midsummer-eve",
        ),
        pytest.param(
            MIDSUMMER, hki(2026, 6, 18, 15), True, hki(2026, 6, 18, 16), None, "", id="day-before"
        ),
        pytest.param(
            MAY_DAY_EVE,
            hki(2026, 4, 30, 11),
            True,
            hki(2026, 4, 30, 12),
            None,
            "Vappuaatto",
            id="short-hours",
        ),
        pytest.param(
            MAY_DAY_EVE,
            hki(2026, 4, 30, 13),
            False,
            None,
            hki(2026, 5, 1, 8),
            "Vappuaatto",
            id="after-short-hours",
        ),
        pytest.param(
            CHRISTMAS, hki(2026, 12, 23, 17), False, None, hki(2026, 12, 28, 8), "", id="xmas-range"
        ),
        pytest.param(
            CHRISTMAS_WEEK,
            hki(2026, 12, 24, 12),
            False,
            None,
            hki(2026, 12, 25, 10),
            "Jouluaatto",
            id="narrower-exception-wins",
        ),
        pytest.param(
            SUMMER_FRIDAYS,
            hki(2026, 7, 3, 14, 30),
            False,
            None,
            hki(2026, 7, 6, 8),
            "",
            id="exception-on-weekday",
        ),
        pytest.param(
            SUMMER_FRIDAYS,
            hki(2026, 7, 2, 15),
            True,
            hki(2026, 7, 2, 16),
            None,
            "",
            id="not-friday",
        ),
        pytest.param(
            ALWAYS_UNTIL,
            hki(2026, 3, 3, 12),
            True,
            hki(2026, 3, 5, 0),
            None,
            "",
            id="24-7-ends-wed",
        ),
        pytest.param([], hki(2026, 3, 2, 12), False, None, None, "", id="no-rows"),
        pytest.param(FAR_AWAY, hki(2026, 3, 2, 12), False, None, None, "", id="beyond-14-days"),
        pytest.param(
            OFFICE,
            hki(2026, 3, 27, 17),
            False,
            None,
            hki(2026, 3, 30, 8),
            "",
            id="opens-after-spring",
        ),
        pytest.param(
            OFFICE,
            hki(2026, 10, 23, 17),
            False,
            None,
            hki(2026, 10, 26, 8),
            "",
            id="opens-after-autumn",
        ),
        pytest.param(
            SUNDAY_NIGHT,
            hki(2026, 3, 29, 1),
            False,
            None,
            hki(2026, 3, 29, 2),
            "",
            id="spring-night",
        ),
        pytest.param(
            SATURDAY_NIGHT,
            hki(2026, 10, 25, 3, 45),  # the first 03:45: still open until the second 03:30
            True,
            hki(2026, 10, 25, 3, 30, fold=1),
            None,
            "",
            id="autumn-first-pass",
        ),
        pytest.param(
            SATURDAY_NIGHT,
            hki(2026, 10, 25, 3, 45, fold=1),  # the second, repeated 03:45
            False,
            None,
            hki(2026, 10, 31, 22),
            "",
            id="autumn-repeated-hour",
        ),
    ],
)
def test_status(rows, at, is_open, closes_at, opens_at, note):
    status = status_at(rows, at)
    assert (status.is_open, utc(status.closes_at), utc(status.opens_at), status.note) == (
        is_open,
        utc(closes_at),
        utc(opens_at),
        note,
    )
    assert not status.always_open


def test_always_open_line_has_no_closing_time():
    status = status_at(iter(ALWAYS), hki(2026, 12, 24, 3))
    assert status.is_open and status.always_open
    assert status.closes_at is None and status.opens_at is None


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        pytest.param(date(2026, 3, 22), 3, id="ordinary-sunday"),
        pytest.param(date(2026, 3, 29), 2, id="spring-forward"),
        pytest.param(date(2026, 10, 25), 4, id="fall-back"),
    ],
)
def test_dst_night_lasts_real_hours(day, hours):
    [interval] = intervals_on(SUNDAY_NIGHT, day)
    assert interval.duration == timedelta(hours=hours)
    assert (interval.start.hour, interval.end.hour) == (2, 5)


@pytest.mark.parametrize(
    ("rows", "day", "closes_utc"),
    [
        # 03:30 never shows on 29 March: closing then means when the clock jumps to 04:00 EEST.
        pytest.param(
            [span(SAT, t(22), t(3, 30), kind=OM)],
            date(2026, 3, 28),
            datetime(2026, 3, 29, 1, tzinfo=UTC),
            id="spring",
        ),
        # 03:30 shows twice on 25 October: stay open until the second one (EET).
        pytest.param(SATURDAY_NIGHT, date(2026, 10, 24), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    ],
)
def test_closing_in_dst_change_hour(rows, day, closes_utc):
    [interval] = intervals_on(rows, day)
    assert utc(interval.end) == closes_utc
    assert status_at(rows, closes_utc - timedelta(minutes=1)).is_open
    assert not status_at(rows, closes_utc).is_open


def test_over_midnight_belongs_to_the_day_it_starts():
    assert [utc(i.end) for i in intervals_on(NIGHT, date(2026, 3, 6))] == [utc(hki(2026, 3, 7, 3))]
    assert intervals_on(NIGHT, date(2026, 3, 7)) == []


def test_week_with_exception():
    week = week_hours(MIDSUMMER, date(2026, 6, 15))
    office = ((t(8), t(16)),)
    assert [(d.day.day, d.intervals, d.closed, d.is_exception, d.note) for d in week] == [
        (15, office, False, False, ""),
        (16, office, False, False, ""),
        (17, office, False, False, ""),
        (18, office, False, False, ""),
        (19, (), True, True, "Juhannusaatto"),
        (20, (), True, False, ""),
        (21, (), True, False, ""),
    ]


def test_week_shows_night_on_both_days():
    week = week_hours(NIGHT, date(2026, 3, 2))
    assert week[FRI].intervals == ((t(22), t(0)),)
    assert week[SAT].intervals == ((t(0), t(3)),)
    assert week[SAT].closed is False and week[SUN].closed is True


def test_week_always_open():
    week = week_hours(ALWAYS, date(2026, 3, 23))  # includes the DST change on Sunday
    assert all(d.always_open and d.intervals == ((t(0), t(0)),) for d in week)
    assert week[0] == DayHours(
        date(2026, 3, 23), ((t(0), t(0)),), False, True, False, "Sosiaalipäivystys"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(span(7, t(8), t(16)), "day_from=7", id="weekday-7"),
        pytest.param(span(MON, t(8), t(16), day_to=-1), "day_to=-1", id="weekday-negative"),
        pytest.param(HoursRow(W, day_from=MON), "needs both opens and closes", id="no-hours"),
        pytest.param(HoursRow(W, day_from=MON, opens=t(8)), "needs both", id="no-closes"),
        pytest.param(
            HoursRow(W, closed=True, always_open=True), "both closed and", id="closed-open"
        ),
        pytest.param(
            HoursRow(W, date(2026, 2, 1), date(2026, 1, 1), always_open=True),
            "before valid_from",
            id="reversed-range",
        ),
        pytest.param(HoursRow(X, closed=True), "needs valid_from", id="exception-no-date"),
        pytest.param(HoursRow(W, opens=t(8), closes=t(16)), "needs day_from", id="weekly-no-day"),
        pytest.param(
            HoursRow(W, day_to=FRI, always_open=True), "without day_from", id="only-day-to"
        ),
    ],
)
def test_invalid_rows(row, message):
    with pytest.raises(ValueError, match=message):
        validate_row(row)
    with pytest.raises(ValueError, match=message):
        status_at([*OFFICE, row], hki(2026, 3, 2, 12))
    with pytest.raises(ValueError, match=message):
        week_hours([row], date(2026, 3, 2))


def test_naive_datetime_is_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        status_at(OFFICE, datetime(2026, 3, 2, 12))
