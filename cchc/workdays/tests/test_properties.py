"""Property tests (hypothesis): invariants of the engine, and agreement with slow reference models.

The references below walk the calendar day by day and session by session, the way the spec words
the rules; the engine, which works on precomputed tables, must give the same answers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.workdays import (
    TZ,
    Calendar,
    add_working_time,
    build_calendar,
    compute_due,
    resume_due,
    working_time,
)
from cchc.workdays.tests import official, thanh_hoa

CALENDARS = [
    official(),
    thanh_hoa(),
    # An unusual unit: three sessions, one of them in the evening, and an early same-day cut-off.
    build_calendar(
        sessions=[("08:00", "12:00"), ("13:00", "16:30"), ("18:00", "20:00")], same_day_cutoff="10:00"
    ),
]
calendars = st.sampled_from(CALENDARS)
instants = st.datetimes(
    min_value=datetime(2019, 1, 1), max_value=datetime(2028, 6, 30), timezones=st.sampled_from([TZ, UTC])
)
day_limits = st.integers(min_value=1, max_value=400)
hour_limits = st.integers(min_value=1, max_value=2000)
UNITS = [
    ("working_days", "day"),
    ("working_days", "hour"),
    ("working_hours", "hour"),
    ("calendar_days", "day"),
    ("calendar_days", "hour"),
    ("same_day", "day"),
]
SETTINGS = settings(max_examples=300, deadline=None, database=None)


def _spans(cal: Calendar) -> list[tuple[int, int]]:
    return [(a.hour * 3600 + a.minute * 60, b.hour * 3600 + b.minute * 60) for a, b in cal.sessions]


def _split(dt: datetime) -> tuple[date, int]:
    loc = dt.astimezone(TZ)
    return loc.date(), loc.hour * 3600 + loc.minute * 60 + loc.second + (loc.microsecond > 0)


def _at(day: date, secs: int) -> datetime:
    return datetime.combine(day, time(), TZ) + timedelta(seconds=secs)


def _next_working(cal: Calendar, day: date) -> date:
    day += timedelta(days=1)
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def ref_receipt_day(cal: Calendar, received: datetime, cut: int) -> date:
    day, secs = _split(received)
    return day if cal.is_working_day(day) and secs <= cut else _next_working(cal, day)


def ref_day_convention(cal: Calendar, received: datetime, n: int, cut: int) -> datetime:
    day = ref_receipt_day(cal, received, cut)
    for _ in range(n):
        day = _next_working(cal, day)
    return _at(day, _spans(cal)[-1][1])


def ref_add_seconds(cal: Calendar, start: datetime, amount: int) -> datetime:
    """Walk sessions from ``start``; a result on a session's end stays there (a close)."""
    day, clock = _split(start)
    while True:
        if cal.is_working_day(day):
            for a, b in _spans(cal):
                if clock < b:
                    begin = max(clock, a)
                    if amount <= b - begin:
                        return _at(day, begin + amount)
                    amount -= b - begin
                    clock = b
        day, clock = day + timedelta(days=1), 0


def ref_calendar_days(cal: Calendar, received: datetime, n: int) -> datetime:
    day = ref_receipt_day(cal, received, _spans(cal)[-1][1]) + timedelta(days=n)
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return _at(day, _spans(cal)[-1][1])


def _due(cal: Calendar, received: datetime, limit: int, unit: str, conv: str) -> datetime:
    result = compute_due(received, limit, unit, calendar=cal, convention=conv)
    assert result is not None
    return result


@SETTINGS
@given(cal=calendars, received=instants, n=day_limits)
def test_convention_d_agrees_with_counting_days_one_by_one(cal: Calendar, received: datetime, n: int) -> None:
    close = _spans(cal)[-1][1]
    assert _due(cal, received, n, "working_days", "day") == ref_day_convention(cal, received, n, close)
    cut = cal.same_day_cutoff
    cut_s = cut.hour * 3600 + cut.minute * 60
    assert _due(cal, received, n - 1, "same_day", "day") == ref_day_convention(cal, received, n - 1, cut_s)
    assert _due(cal, received, n, "calendar_days", "day") == ref_calendar_days(cal, received, n)


@SETTINGS
@given(cal=calendars, received=instants, n=day_limits, hours=hour_limits)
def test_convention_h_agrees_with_walking_the_sessions(
    cal: Calendar, received: datetime, n: int, hours: int
) -> None:
    assert _due(cal, received, n, "working_days", "hour") == ref_add_seconds(
        cal, received, n * cal.day_seconds
    )
    assert _due(cal, received, hours, "working_hours", "hour") == ref_add_seconds(cal, received, hours * 3600)


@SETTINGS
@given(cal=calendars, received=instants, a=day_limits, b=day_limits, unit=st.sampled_from(UNITS))
def test_a_longer_limit_never_gives_an_earlier_due_date(
    cal: Calendar, received: datetime, a: int, b: int, unit: tuple[str, str]
) -> None:
    lo, hi = sorted((a, b))
    assert _due(cal, received, lo, *unit) <= _due(cal, received, hi, *unit)


@SETTINGS
@given(cal=calendars, received=instants, n=day_limits, unit=st.sampled_from(UNITS))
def test_a_due_date_is_a_working_time_after_the_receipt(
    cal: Calendar, received: datetime, n: int, unit: tuple[str, str]
) -> None:
    limit = n - 1 if unit[0] == "same_day" else n
    result = _due(cal, received, limit, *unit)
    assert result >= received
    assert result.tzinfo is TZ
    assert cal.is_working_day(result.date()), "never lands on a day off"
    clock = result.hour * 3600 + result.minute * 60 + result.second
    if unit[1] == "hour" or unit[0] == "working_hours":
        assert any(a <= clock <= b for a, b in _spans(cal)), "never outside a session"
    else:
        assert clock == _spans(cal)[-1][1], "convention D is due at the close"


@SETTINGS
@given(
    cal=calendars,
    received=instants,
    n=day_limits,
    pause_after=st.integers(min_value=0, max_value=60 * 86400),
    pause_for=st.integers(min_value=0, max_value=60 * 86400),
    conv=st.sampled_from(["hour", "day"]),
)
def test_a_pause_never_shortens_the_time(
    cal: Calendar, received: datetime, n: int, pause_after: int, pause_for: int, conv: str
) -> None:
    old_due = _due(cal, received, n, "working_days", conv)
    paused = received + timedelta(seconds=pause_after)
    resumed = paused + timedelta(seconds=pause_for)
    new_due = resume_due(old_due, paused, resumed, calendar=cal, convention=conv)
    assert new_due >= old_due
    # The working time left after the resume is at least the working time left at the pause.
    assert working_time(resumed, new_due, calendar=cal) >= working_time(paused, old_due, calendar=cal)


@SETTINGS
@given(cal=calendars, start=instants, amount=st.integers(min_value=-200 * 86400, max_value=200 * 86400))
def test_adding_working_time_and_measuring_it_agree(cal: Calendar, start: datetime, amount: int) -> None:
    end = add_working_time(start, amount, calendar=cal)
    assert working_time(start, end, calendar=cal) == amount
    if amount > 0:
        assert end == ref_add_seconds(cal, start, amount)
