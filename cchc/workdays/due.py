"""Due dates (ngày hẹn trả) per spec §4.4, and the working-time line used by pauses and warnings.

Working-time line: every working second of the calendar gets a position; position ``q * L`` (``L`` =
seconds in a working day) is both the close of working day ``q - 1`` and the opening of day ``q``.
An instant outside a session sits at the position of the next opening, which is how a receipt at
lunch, before opening, after the close or on a day off "starts the clock at the next opening"
(convention H). Mapping a position back to an instant picks the close at a day boundary, because a
due time at 17:00 reads better than 07:30 the next morning and means the same working time.

Convention D is day arithmetic: the receipt day (moved to the next working day when received on a
day off or after the close/cut-off), then day N among the following working days, due at its close.

Hot paths avoid creating objects: the calendar's tables give ordinals, running counts and the
precomputed close of every working day, so a convention D result is a list lookup, and a convention
H result is one addition of a precomputed midnight and a precomputed clock offset. No result is
cached by input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from decimal import Decimal
from fractions import Fraction
from math import ceil, floor
from typing import Any

from .calendar import Calendar, _Before, _Tables
from .units import Convention, Unit, parse_convention, parse_unit, validate_limit

Limit = int | Decimal | Fraction | float | str


# -- handlers: (calendar, tables, ordinal, second of day, n, extra seconds, cut-off seconds) -------
def _wd_day(cal: Calendar, t: _Tables, o: int, s: int, n: int, extra: int, cut: int) -> datetime:
    i = o - t.base
    # Index of the receipt day among working days: the day itself when it is a working day and the
    # receipt is not after the cut-off, else the next working day (cum[i + 1]).
    k = t.cum[i] if t.isw[i] and s <= cut else t.cum[i + 1]
    if extra:  # fractional limit: whole days, then the fraction from the opening of the next day
        return _instant(cal, t, (k + n + 1) * cal._st.L + extra)
    return t.close_dt[k + n]


def _wd_hour(cal: Calendar, t: _Tables, o: int, s: int, n: int, extra: int, cut: int) -> datetime:
    st = cal._st
    L = st.L
    i = o - t.base
    p = t.cum[i] * L + (st.within[s] if t.isw[i] else 0) + n * L + extra
    q, rem = divmod(p, L)
    if not rem:
        q -= 1
        rem = L
    return t.wmid[q] + st.rem_end[rem]


def _wh(cal: Calendar, t: _Tables, o: int, s: int, n: int, extra: int, cut: int) -> datetime:
    st = cal._st
    L = st.L
    i = o - t.base
    p = t.cum[i] * L + (st.within[s] if t.isw[i] else 0) + n * 3600 + extra
    q, rem = divmod(p, L)
    if not rem:
        q -= 1
        rem = L
    return t.wmid[q] + st.rem_end[rem]


def _cd_day(cal: Calendar, t: _Tables, o: int, s: int, n: int, extra: int, cut: int) -> datetime:
    i = o - t.base
    r = i if t.isw[i] and s <= cut else t.wd[t.cum[i + 1]]
    # Day N on the calendar; cum[d] is the index of the first working day on or after it (F7, F9).
    return t.close_dt[t.cum[r + n]]


def _cd_hour(cal: Calendar, t: _Tables, o: int, s: int, n: int, extra: int, cut: int) -> datetime:
    st = cal._st
    i = o - t.base
    if t.isw[i] and s < st.close:
        start = st.rem_start[st.within[s]]  # the receipt time, or the next opening if outside a session
    else:
        i = t.wd[t.cum[i + 1]]
        start = st.rem_start[0]
    return t.wmid[t.cum[i + n]] + start


def _none(cal: Calendar, t: _Tables, o: int, s: int, n: int, extra: int, cut: int) -> None:
    return None


_Handler = Callable[[Calendar, _Tables, int, int, int, int, int], datetime | None]
_HANDLERS: dict[tuple[str, str], tuple[_Handler, str]] = {}
for _conv in Convention:
    _HANDLERS[(Unit.WORKING_DAYS.value, _conv.value)] = (
        _wd_day if _conv is Convention.DAY else _wd_hour,
        "_cut_d",
    )
    _HANDLERS[(Unit.WORKING_HOURS.value, _conv.value)] = (_wh, "_cut_d")
    _HANDLERS[(Unit.CALENDAR_DAYS.value, _conv.value)] = (
        _cd_day if _conv is Convention.DAY else _cd_hour,
        "_cut_d",
    )
    _HANDLERS[(Unit.SAME_DAY.value, _conv.value)] = (_wd_day, "_cut_sd")  # same-day is day-based either way
    _HANDLERS[(Unit.NO_APPOINTMENT.value, _conv.value)] = (_none, "_cut_d")


def _instant(cal: Calendar, t: _Tables, p: int) -> datetime:
    """The instant at working-time position ``p`` (relative to ``t``), a close at day boundaries."""
    st = cal._st
    q, rem = divmod(p, st.L)
    if not rem:
        q -= 1
        rem = st.L
    if q < 0:
        raise _Before
    return t.wmid[q] + st.rem_end[rem]


def _position(cal: Calendar, t: _Tables, o: int, s: int) -> int:
    st = cal._st
    i = o - t.base
    return t.cum[i] * st.L + (st.within[s] if t.isw[i] else 0)


def _split_limit(limit: Any, unit: Unit, cal: Calendar) -> tuple[int, int]:
    """Validate a limit and return ``(n, extra)``: whole units and the fraction in seconds."""
    value = validate_limit(limit, unit)
    n = floor(value)
    frac = value - n
    if not frac:
        return n, 0
    per = cal._st.L if unit is Unit.WORKING_DAYS else 3600
    # Rounded up to the second: a tiny positive fraction still moves the due date past the receipt.
    return n, ceil(frac * per)


def compute_due(
    received: datetime,
    limit: Limit,
    unit: str | Unit,
    *,
    calendar: Calendar,
    convention: str | Convention = Convention.DAY,
    cutoff: time | None = None,
) -> datetime | None:
    """Due date-time of a dossier received at ``received`` with a limit of ``limit`` ``unit``.

    ``received`` must be aware (any zone; it is read in Asia/Ho_Chi_Minh, to the second, rounded up). The
    result is an aware local datetime, or ``None`` for ``no_appointment``. ``cutoff`` overrides the
    calendar's cut-off for this call (the same-day cut-off for ``same_day``, else the receipt
    cut-off of convention D). Units: ``working_days`` (both conventions), ``working_hours`` (working
    sessions, convention ignored), ``calendar_days`` (day N on the calendar, moved to the next
    working day), ``same_day`` (``limit`` 0: today at the close, or the next working day when
    received after the cut-off; N > 0 adds N working days). Raises a :class:`WorkdaysError`
    subclass for a bad unit, convention, limit, naive datetime or a year outside 1990–2100.
    """
    entry = _HANDLERS.get((unit, convention))  # type: ignore[arg-type]
    if entry is None:
        unit, convention = parse_unit(unit), parse_convention(convention)
        entry = _HANDLERS[(unit.value, convention.value)]
    handler, cut_attr = entry
    if type(limit) is int and limit > 0:
        n, extra = limit, 0
    else:
        n, extra = _split_limit(limit, parse_unit(unit), calendar)
    o, s = calendar._split(received, "thời điểm tiếp nhận")
    if cutoff is None:
        cut = getattr(calendar, cut_attr)
    else:
        cut = min(calendar._st.close, cutoff.hour * 3600 + cutoff.minute * 60 + cutoff.second)
    step = 1
    while True:
        try:
            return handler(calendar, calendar._t, o, s, n, extra, cut)
        except IndexError:  # the due date lies after the last built year: build more and retry
            calendar._grow(True, step)
            step *= 2


def working_time(start: datetime, end: datetime, *, calendar: Calendar) -> int:
    """Working seconds from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    o1, s1 = calendar._split(start, "thời điểm bắt đầu")
    o2, s2 = calendar._split(end, "thời điểm kết thúc")
    t = calendar._t
    return _position(calendar, t, o2, s2) - _position(calendar, t, o1, s1)


def add_working_time(start: datetime, seconds: int, *, calendar: Calendar) -> datetime:
    """The instant ``seconds`` of working time after ``start`` (before it if negative).

    A zero or positive amount from an instant outside a session counts from the next opening; a
    result on a day boundary is given as the close of the earlier working day.
    """
    o, s = calendar._split(start, "thời điểm bắt đầu")
    return calendar._run(lambda t: _instant(calendar, t, _position(calendar, t, o, s) + int(seconds)))


def close_of_day(dt: datetime, *, calendar: Calendar) -> datetime:
    """The close of the working day ``dt`` falls in.

    ``dt`` itself if it is a close; outside working time, the previous close (the same working-time position).
    """
    o, s = calendar._split(dt, "thời điểm")

    def go(t: _Tables) -> datetime:
        p = _position(calendar, t, o, s)
        q = -(-p // calendar._st.L) - 1  # ceil(p / L) - 1: the working day whose close is at or after p
        if q < 0:
            raise _Before
        return t.close_dt[q]

    return calendar._run(go)
