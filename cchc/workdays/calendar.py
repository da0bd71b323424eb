"""The working calendar of one organisation unit (spec §4.2).

A :class:`Calendar` combines three layers, later layers winning:

1. Monday–Friday as working days (F10);
2. the ``holidays`` library for Vietnam (``language="vi"``): public holidays, their compensatory
   days and the swaps the library already knows (its ``weekend_workdays`` are worked Saturdays);
3. dated :class:`Override` rows (the editable, audited table; official schedules ship in
   ``data/official_schedules.json``): ``day_off`` makes a date a day off, ``working_day`` makes it a
   working day. An override that agrees with the library changes nothing, so the shipped schedules
   may repeat what the library knows (the layer is idempotent), and a ``working_day`` row on a
   weekday holiday of the library switches that holiday off.

For speed the calendar precomputes, for a contiguous range of years, a byte per day (working or
not), the running count of working days and, per working day, its midnight and its close as aware
datetimes. Computations then work on day ordinals and seconds and build at most one datetime. A
year outside the range is added when first needed; the tables are immutable snapshots swapped
under a lock, so a calendar can be shared between threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from .errors import MAX_YEAR, MIN_YEAR, InvalidCalendar, NaiveDatetime, YearOutOfRange
from .overrides import WORKING_DAY, DayType, Override, _off_type

#: All calendar arithmetic happens in Vietnam's local time (UTC+7, no daylight saving since 1975).
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
#: Default working sessions of a unit (issue 5); Thanh Hóa uses 07:00–11:30 / 13:30–17:00 (F7).
DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
#: Cut-off after which a same-day request is handled the next working day (F2).
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)
#: Years built eagerly; others are built on first use.
DEFAULT_YEARS = range(2019, 2029)
_MIN_ORD = date(MIN_YEAR, 1, 1).toordinal()
_END_ORD = date(MAX_YEAR + 1, 1, 1).toordinal()
_DAY = 86400


@dataclass(frozen=True, slots=True)
class DayInfo:
    """What a date is for a unit, for display and for the override editor."""

    date: date
    type: DayType
    name: str
    counts_for_deadlines: bool
    open_for_intake: bool


def _seconds(value: time | str) -> int:
    t = value if isinstance(value, time) else time.fromisoformat(str(value).strip())
    return t.hour * 3600 + t.minute * 60 + t.second


def _parse_sessions(sessions: Sequence[Sequence[time | str]]) -> tuple[tuple[int, int], ...]:
    try:
        out = tuple((_seconds(a), _seconds(b)) for a, b in sessions)
    except (TypeError, ValueError):
        raise InvalidCalendar(
            "Giờ làm việc không hợp lệ (cần các cặp giờ bắt đầu–kết thúc, ví dụ 07:30–11:30)."
        ) from None
    prev_end = -1
    for a, b in out:
        if not (prev_end <= a < b):
            raise InvalidCalendar(
                "Các buổi làm việc phải theo thứ tự, không chồng nhau, giờ bắt đầu trước giờ kết thúc.",
                details={"sessions": [[a, b] for a, b in out]},
            )
        prev_end = b
    if not out:
        raise InvalidCalendar("Phải có ít nhất một buổi làm việc.")
    return out


class _Sessions:
    """Per-second tables for one set of sessions, shared by all calendars that use it."""

    __slots__ = ("spans", "L", "open", "close", "within", "rem_end", "rem_start")

    def __init__(self, spans: tuple[tuple[int, int], ...]) -> None:
        self.spans = spans
        self.open, self.close = spans[0][0], spans[-1][1]
        # within[s]: working seconds already elapsed in a working day at second-of-day s.
        within: list[int] = []
        acc = prev = 0
        for a, b in spans:
            within.extend([acc] * (a - prev))
            within.extend(range(acc, acc + b - a))
            acc, prev = acc + b - a, b
        within.extend([acc] * (_DAY + 1 - prev))  # + 1: a receipt at 23:59:59.5 rounds up to 24:00
        self.within, self.L = within, acc
        # rem_end[r] / rem_start[r]: clock time after r working seconds of a day, as a timedelta from
        # midnight. At a session boundary "end" gives the close (11:30, a due time) and "start" the
        # next opening (13:30, where a clock starts).
        end_secs: list[int] = [spans[0][0]]
        start_secs: list[int] = []
        for a, b in spans:
            end_secs.extend(range(a + 1, b + 1))
            start_secs.extend(range(a, b))
        start_secs.append(self.close)
        self.rem_end = [timedelta(seconds=x) for x in end_secs]
        self.rem_start = [timedelta(seconds=x) for x in start_secs]


_SESSION_TABLES: dict[tuple[tuple[int, int], ...], _Sessions] = {}


def _session_tables(spans: tuple[tuple[int, int], ...]) -> _Sessions:
    st = _SESSION_TABLES.get(spans)
    if st is None:  # a race builds two equal tables; harmless
        st = _SESSION_TABLES.setdefault(spans, _Sessions(spans))
    return st


class _Tables:
    """Immutable snapshot for years ``y0``–``y1``; indices are day offsets from ``base``."""

    __slots__ = ("y0", "y1", "base", "end", "isw", "cum", "wd", "wmid", "close_dt")

    def __init__(self, y0: int, y1: int, isw: bytes, st: _Sessions) -> None:
        self.y0, self.y1, self.isw = y0, y1, isw
        self.base = date(y0, 1, 1).toordinal()
        self.end = date(y1 + 1, 1, 1).toordinal()
        n = self.end - self.base
        cum = [0] * (n + 1)  # cum[i]: working days before offset i = index of the first working day >= i
        wd: list[int] = []  # offsets of working days, in order
        for i in range(n):
            cum[i] = len(wd)
            if isw[i]:
                wd.append(i)
        cum[n] = len(wd)
        self.cum, self.wd = cum, wd
        self.wmid = [datetime.combine(date.fromordinal(self.base + i), time(), TZ) for i in wd]
        close = st.rem_end[st.L]
        self.close_dt = [m + close for m in self.wmid]


class _Before(Exception):
    """Internal: a computation reached before the first year of the tables."""


class Calendar:
    """Working calendar: holidays library + overrides + sessions; see the module docstring."""

    def __init__(
        self,
        overrides: Iterable[Override | Mapping[str, Any]] = (),
        *,
        sessions: Sequence[Sequence[time | str]] = DEFAULT_SESSIONS,
        saturday_intake: bool | Sequence[Sequence[time | str]] = False,
        receipt_cutoff: time | str | None = None,
        same_day_cutoff: time | str = DEFAULT_SAME_DAY_CUTOFF,
        years: range = DEFAULT_YEARS,
    ) -> None:
        ovs = [o if isinstance(o, Override) else Override.from_dict(o) for o in overrides]
        kinds: dict[date, str] = {}
        for ov in ovs:
            if kinds.setdefault(ov.date, ov.kind) != ov.kind:
                raise InvalidCalendar(
                    f"Ngày {ov.date:%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm việc trong bảng điều chỉnh.",
                    details={"date": ov.date.isoformat()},
                )
        #: The overrides in force, one per date (use :func:`select_overrides` to resolve scopes first).
        self.overrides: tuple[Override, ...] = tuple(
            {ov.date: ov for ov in reversed(ovs)}[d] for d in sorted(kinds)
        )
        self._kinds = kinds
        self._by_date = {ov.date: ov for ov in self.overrides}
        self._st = _session_tables(_parse_sessions(sessions))
        if saturday_intake is True:
            self._sat = self._st.spans
        elif saturday_intake:
            self._sat = _parse_sessions(saturday_intake)
        else:
            self._sat = ()
        # Convention D moves a receipt after the close (or an earlier configured cut-off) to the next
        # working day; same-day procedures use their own cut-off (F2).
        self._cut_d = (
            self._st.close if receipt_cutoff is None else min(self._st.close, _seconds(receipt_cutoff))
        )
        self._cut_sd = min(self._st.close, _seconds(same_day_cutoff))
        self._lock = threading.Lock()
        self._lib: holidays.HolidayBase | None = None
        y0, y1 = max(MIN_YEAR, years.start), min(MAX_YEAR, years.stop - 1)
        self._t = self._build(y0, max(y0, y1))

    # -- configuration -------------------------------------------------------------------------
    @property
    def sessions(self) -> tuple[tuple[time, time], ...]:
        """Working sessions as local clock times."""
        return tuple((_clock(a), _clock(b)) for a, b in self._st.spans)

    @property
    def day_seconds(self) -> int:
        """Length of one working day in seconds (the unit of convention H)."""
        return self._st.L

    @property
    def closing_time(self) -> time:
        """Close of the last session: the due time of convention D."""
        return _clock(self._st.close)

    @property
    def same_day_cutoff(self) -> time:
        return _clock(self._cut_sd)

    @property
    def receipt_cutoff(self) -> time:
        return _clock(self._cut_d)

    # -- tables --------------------------------------------------------------------------------
    def _build(self, y0: int, y1: int) -> _Tables:
        lib = holidays.country_holidays("VN", years=range(y0, y1 + 1), language="vi")
        worked = set(lib.weekend_workdays)  # Saturdays the library knows as make-up working days
        base = date(y0, 1, 1).toordinal()
        n = date(y1 + 1, 1, 1).toordinal() - base
        isw = bytearray(n)
        for i in range(n):
            d = date.fromordinal(base + i)
            isw[i] = (d.weekday() < 5 and d not in lib) or d in worked
        for d, kind in self._kinds.items():
            i = d.toordinal() - base
            if 0 <= i < n:
                isw[i] = kind == WORKING_DAY
        return _Tables(y0, y1, bytes(isw), self._st)

    def _cover(self, o: int) -> None:
        """Make the tables include the ordinal ``o`` (its whole year)."""
        if not (_MIN_ORD <= o < _END_ORD):
            raise YearOutOfRange(date.fromordinal(min(max(o, 1), date.max.toordinal())).year)
        year = date.fromordinal(o).year
        with self._lock:
            t = self._t
            if not (t.base <= o < t.end):
                self._t = self._build(min(t.y0, year), max(t.y1, year))

    def _grow(self, forward: bool, step: int) -> None:
        """Add ``step`` years after (or before) the tables; beyond the supported range is an error."""
        with self._lock:
            t = self._t
            if forward:
                if t.y1 >= MAX_YEAR:
                    raise YearOutOfRange(MAX_YEAR + 1)
                self._t = self._build(t.y0, min(MAX_YEAR, t.y1 + step))
            else:
                if t.y0 <= MIN_YEAR:
                    raise YearOutOfRange(MIN_YEAR - 1)
                self._t = self._build(max(MIN_YEAR, t.y0 - step), t.y1)

    def _split(self, dt: datetime, what: str) -> tuple[int, int]:
        """(day ordinal, second of day 0–86400) of an aware datetime in local time; covers its year."""
        if dt.tzinfo is None:
            raise NaiveDatetime(what)
        loc = dt.astimezone(TZ)
        o = loc.toordinal()
        t = self._t
        if not (t.base <= o < t.end):
            self._cover(o)
        # Whole seconds, rounded up: a receipt at 17:00:00.4 is after a 17:00 close, and a due time
        # never precedes the receipt it was computed from.
        return o, loc.hour * 3600 + loc.minute * 60 + loc.second + (loc.microsecond > 0)

    def _run(self, fn: Any, *args: Any) -> Any:
        """Call ``fn(tables, *args)``, growing the tables while it runs off either end."""
        step = 1
        while True:
            try:
                return fn(self._t, *args)
            except IndexError:
                self._grow(True, step)
            except _Before:
                self._grow(False, step)
            step *= 2

    # -- day queries ---------------------------------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        """True if ``d`` counts for deadlines."""
        o = d.toordinal()
        if not (self._t.base <= o < self._t.end):
            self._cover(o)
        t = self._t
        return bool(t.isw[o - t.base])

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (before it when ``n`` < 0).

        ``n`` = 0 gives ``d`` itself when it is a working day, else the next working day.
        """
        o = d.toordinal()
        if not (self._t.base <= o < self._t.end):
            self._cover(o)

        def go(t: _Tables) -> date:
            i = o - t.base  # recomputed on every try: growing backwards moves the base
            # cum[i] is the index of the first working day >= d, cum[i + 1] of the first one > d.
            k = t.cum[i + 1] + n - 1 if n > 0 else t.cum[i] + n
            if k < 0:
                raise _Before
            return date.fromordinal(t.base + t.wd[k])

        return self._run(go)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days ``d`` with ``start < d <= end`` (negative when ``end`` is before ``start``)."""
        a, b = start.toordinal(), end.toordinal()
        for o in (a, b):
            if not (self._t.base <= o < self._t.end):
                self._cover(o)
        t = self._t
        return t.cum[b - t.base + 1] - t.cum[a - t.base + 1]

    def is_open_for_intake(self, dt: datetime) -> bool:
        """True if the counter receives at ``dt``: a session of a working day, or of an open Saturday (F6)."""
        o, s = self._split(dt, "thời điểm")
        d = date.fromordinal(o)
        if self.is_working_day(d):
            return any(a <= s < b for a, b in self._st.spans)
        if self._saturday_open(d, self.day_info(d).type):
            return any(a <= s < b for a, b in self._sat)
        return False

    def _saturday_open(self, d: date, kind: DayType) -> bool:
        # F6: Saturdays open for intake, holidays excepted. A plain Saturday inside an announced break
        # (Friday or Monday off, e.g. Sat 14/02/2026 in the Tết break 14–22/02) is closed as well.
        if not self._sat or d.weekday() != 5 or kind != DayType.WEEKEND:
            return False
        return self.is_working_day(d - timedelta(days=1)) and self.is_working_day(d + timedelta(days=2))

    def day_info(self, d: date) -> DayInfo:
        """Type and name of a date, for display and the override editor."""
        counts = self.is_working_day(d)
        with self._lock:
            if self._lib is None:
                self._lib = holidays.country_holidays("VN", years=d.year, language="vi")
            lib_name = self._lib.get(d)
            lib_worked = d in self._lib.weekend_workdays
        weekend = d.weekday() >= 5
        ov = self._by_date.get(d)
        if ov is not None:
            name = ov.name
            if ov.kind == WORKING_DAY:
                kind = DayType.SWAPPED_WORKING if weekend else DayType.WORKING
            else:
                kind = _off_type(ov.name)
        elif lib_worked:
            kind, name = DayType.SWAPPED_WORKING, "Ngày làm bù"
        elif lib_name:
            kind, name = _off_type(lib_name), lib_name
        else:
            kind, name = (DayType.WEEKEND, "Cuối tuần") if weekend else (DayType.WORKING, "")
        intake = counts or self._saturday_open(d, kind)
        return DayInfo(d, kind, name, counts, intake)


def _clock(secs: int) -> time:
    return time(secs // 3600, secs // 60 % 60, secs % 60)
