"""Due dates per spec §4.4: conventions D and H, every unit, receipt outside working time, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from cchc.workdays import (
    TZ,
    InvalidConvention,
    InvalidLimit,
    InvalidUnit,
    NaiveDatetime,
    WorkdaysError,
    YearOutOfRange,
    build_calendar,
    compute_due,
)
from cchc.workdays.tests import at, official, thanh_hoa

CAL = official()
TH = thanh_hoa()


def due(
    received: str, limit: object, unit: str, convention: str = "day", cal: object = CAL, **kw: object
) -> str:
    kwargs = {"calendar": cal, "convention": convention, **kw}
    result = compute_due(at(received), limit, unit, **kwargs)  # type: ignore[arg-type]
    assert result is not None
    assert result.tzinfo is TZ
    return result.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("cal", "convention", "expected"),
    [
        (TH, "day", "2026-02-27 17:00"),  # day 1 = Mon 23/02 ... day 5 = Fri 27/02, end of day
        (TH, "hour", "2026-02-27 10:00"),  # 5 h on 13/02, 32 h on 23–26/02, 3 h from 07:00 on 27/02
        (CAL, "day", "2026-02-27 17:00"),  # default sessions 07:30–11:30 / 13:30–17:00
        (CAL, "hour", "2026-02-27 10:00"),  # 7.5 h days: 5 h + 30 h + 2.5 h from 07:30
    ],
)
def test_it_follows_the_spec_worked_example_across_tet(cal: object, convention: str, expected: str) -> None:
    assert due("2026-02-13 10:00", 5, "working_days", convention, cal) == expected


@pytest.mark.parametrize(
    ("received", "limit", "convention", "expected", "why"),
    [
        ("2025-04-25 10:00", 1, "day", "2025-04-26 17:00", "the 2025 make-up Saturday is a working day"),
        ("2025-04-25 10:00", 1, "hour", "2025-04-26 10:00", "make-up Saturday, hour convention"),
        ("2025-04-29 10:00", 1, "day", "2025-05-05 17:00", "30/4, 1/5 and the swapped 2/5 are skipped"),
        ("2025-12-31 10:00", 1, "day", "2026-01-05 17:00", "F5a: 01/01 holiday and 02/01 swapped off"),
        ("2026-01-09 10:00", 1, "day", "2026-01-10 17:00", "F5a: Saturday 10/01/2026 is worked"),
        ("2026-08-21 10:00", 1, "day", "2026-08-22 17:00", "Saturday 22/08/2026 is worked"),
        ("2026-08-28 10:00", 1, "day", "2026-09-03 17:00", "31/08 swapped off, 01–02/09 National Day"),
        ("2026-11-23 10:00", 1, "day", "2026-11-25 17:00", "24/11 Ngày Văn hóa Việt Nam is off"),
    ],
)
def test_it_skips_days_off_and_counts_make_up_saturdays(
    received: str, limit: int, convention: str, expected: str, why: str
) -> None:
    assert due(received, limit, "working_days", convention) == expected, why


@pytest.mark.parametrize(
    ("received", "day", "hour", "hours_2", "why"),
    [
        ("2026-03-03 12:00", "2026-03-04 17:00", "2026-03-04 11:30", "2026-03-03 15:30", "lunch break"),
        ("2026-03-03 06:00", "2026-03-04 17:00", "2026-03-03 17:00", "2026-03-03 09:30", "before opening"),
        ("2026-03-03 18:00", "2026-03-05 17:00", "2026-03-04 17:00", "2026-03-04 09:30", "after the close"),
        (
            "2026-03-03 17:00",
            "2026-03-04 17:00",
            "2026-03-04 17:00",
            "2026-03-04 09:30",
            "exactly at the close",
        ),
        ("2026-03-08 10:00", "2026-03-10 17:00", "2026-03-09 17:00", "2026-03-09 09:30", "on a Sunday"),
        ("2026-02-14 10:00", "2026-02-24 17:00", "2026-02-23 17:00", "2026-02-23 09:30", "during Tết"),
        (
            "2026-03-03 11:30",
            "2026-03-04 17:00",
            "2026-03-04 11:30",
            "2026-03-03 15:30",
            "at the end of the morning",
        ),
    ],
)
def test_it_handles_a_receipt_outside_working_time(
    received: str, day: str, hour: str, hours_2: str, why: str
) -> None:
    assert due(received, 1, "working_days", "day") == day, why
    assert due(received, 1, "working_days", "hour") == hour, why
    assert due(received, 2, "working_hours") == hours_2, why


@pytest.mark.parametrize(
    ("received", "limit", "expected", "why"),
    [
        ("2026-02-13 14:59", 0, "2026-02-13 17:00", "before the 15:00 cut-off: today at the close"),
        ("2026-02-13 15:00", 0, "2026-02-13 17:00", "at 15:00 exactly: not after the cut-off"),
        ("2026-02-13 15:01", 0, "2026-02-23 17:00", "after the cut-off: next working day (after Tết)"),
        ("2026-02-13 06:30", 0, "2026-02-13 17:00", "before opening"),
        ("2026-02-14 09:00", 0, "2026-02-23 17:00", "on a day off"),
        ("2026-03-03 10:00", 1, "2026-03-04 17:00", "a limit of 1 adds one working day"),
        ("2026-03-03 16:00", 1, "2026-03-05 17:00", "after the cut-off, then one working day"),
    ],
)
def test_same_day_procedures_use_the_cut_off(received: str, limit: int, expected: str, why: str) -> None:
    assert due(received, limit, "same_day") == expected, why
    assert due(received, limit, "same_day", "hour") == expected, (
        "same-day is day-based under both conventions"
    )


def test_a_cut_off_can_be_given_per_call_or_per_calendar() -> None:
    assert due("2026-03-03 15:30", 0, "same_day", cutoff=time(16, 0)) == "2026-03-03 17:00"
    late_counter = build_calendar(receipt_cutoff="16:00", same_day_cutoff="11:00")
    assert due("2026-03-03 16:30", 1, "working_days", cal=late_counter) == "2026-03-05 17:00"
    assert due("2026-03-03 15:30", 1, "working_days", cal=late_counter) == "2026-03-04 17:00"
    assert due("2026-03-03 11:30", 0, "same_day", cal=late_counter) == "2026-03-04 17:00"


@pytest.mark.parametrize(
    ("received", "limit", "convention", "expected", "why"),
    [
        ("2026-02-02 09:00", 4, "day", "2026-02-06 17:00", "day N on the calendar, a working day"),
        ("2026-02-10 09:00", 5, "day", "2026-02-23 17:00", "lands on Sunday 15/02 in Tết: next working day"),
        ("2026-03-06 16:00", 1, "day", "2026-03-09 17:00", "lands on a Saturday: Monday"),
        ("2026-03-06 17:30", 1, "day", "2026-03-10 17:00", "after the close: receipt day is Monday"),
        ("2026-03-06 10:00", 1, "hour", "2026-03-09 10:00", "hour convention keeps the clock time"),
        ("2026-03-06 12:15", 3, "hour", "2026-03-09 13:30", "lunch receipt starts at the afternoon opening"),
        ("2026-04-24 10:00", 3, "day", "2026-04-28 17:00", "lands on the compensatory Monday 27/04/2026"),
    ],
)
def test_calendar_days_never_end_on_a_day_off(
    received: str, limit: int, convention: str, expected: str, why: str
) -> None:
    assert due(received, limit, "calendar_days", convention) == expected, why


@pytest.mark.parametrize(
    ("received", "limit", "unit", "convention", "expected"),
    [
        ("2026-02-13 16:00", 2, "working_hours", "hour", "2026-02-23 08:30"),
        ("2026-03-03 11:00", Decimal("1.5"), "working_hours", "hour", "2026-03-03 14:30"),
        ("2026-03-03 10:00", "0.5", "working_hours", "day", "2026-03-03 10:30"),
        ("2026-02-13 10:00", Decimal("0.5"), "working_days", "day", "2026-02-23 11:15"),
        ("2026-03-03 07:30", Decimal("2.5"), "working_days", "hour", "2026-03-05 11:15"),
        ("2026-03-03 10:00", 1.5, "working_days", "day", "2026-03-05 11:15"),
    ],
)
def test_it_accepts_fractional_limits(
    received: str, limit: object, unit: str, convention: str, expected: str
) -> None:
    assert due(received, limit, unit, convention) == expected


def test_it_reads_national_unit_codes_and_convention_letters() -> None:
    assert due("2026-02-13 10:00", 5, "NGAY_LAM_VIEC", "H", TH) == "2026-02-27 10:00"
    assert due("2026-03-03 10:00", 2, "GIO_LAM_VIEC", "D") == "2026-03-03 14:00"  # 1.5 h, lunch, 0.5 h
    assert due("2026-03-06 10:00", 1, "NGAY") == "2026-03-09 17:00"
    assert due("2026-03-03 10:00", 0, "TRONG_NGAY") == "2026-03-03 17:00"
    assert compute_due(at("2026-03-03 10:00"), 0, "KHONG_HEN", calendar=CAL) is None
    assert compute_due(at("2026-03-03 10:00"), 5, "no_appointment", calendar=CAL) is None


def test_it_converts_utc_input_and_answers_in_local_time() -> None:
    received = datetime(2026, 2, 13, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội
    result = compute_due(received, 5, "working_days", calendar=TH, convention="hour")
    assert result == at("2026-02-27 10:00") and result is not None
    assert result.tzinfo is TZ and result.utcoffset() == timedelta(hours=7)
    assert result.isoformat(timespec="minutes") == "2026-02-27T10:00+07:00"


def test_a_receipt_a_fraction_of_a_second_after_the_close_is_after_the_close() -> None:
    received = at("2026-03-03 17:00") + timedelta(microseconds=400_000)
    assert compute_due(received, 1, "working_days", calendar=CAL) == at("2026-03-05 17:00")


def test_long_limits_and_far_years_are_built_on_demand() -> None:
    cal = official()
    start = date(2028, 12, 28)
    expected = cal.add_working_days(start, 400)
    result = compute_due(at("2028-12-28 10:00"), 400, "working_days", calendar=cal)
    assert result == datetime.combine(expected, time(17), TZ) and expected.year == 2030
    assert due("1995-09-01 10:00", 1, "working_days", cal=cal) == "1995-09-05 17:00"


@pytest.mark.parametrize(
    ("limit", "unit"),
    [
        (0, "working_days"),
        (0, "working_hours"),
        (0, "calendar_days"),
        (-1, "working_days"),
        (-1, "same_day"),
        (Decimal("1.5"), "calendar_days"),
        (Decimal("0.5"), "same_day"),
        ("năm", "working_days"),
        (Decimal("NaN"), "working_days"),
        (True, "working_days"),
    ],
)
def test_it_refuses_a_bad_limit_in_vietnamese(limit: object, unit: str) -> None:
    with pytest.raises(InvalidLimit) as err:
        compute_due(at("2026-03-03 10:00"), limit, unit, calendar=CAL)  # type: ignore[arg-type]
    assert isinstance(err.value, ValueError) and err.value.code == "invalid_time_limit"
    assert "Thời hạn" in err.value.message


@pytest.mark.parametrize(
    ("received", "unit", "convention", "error"),
    [
        (at("2026-03-03 10:00"), "weeks", "day", InvalidUnit),
        (at("2026-03-03 10:00"), "working_days", "minute", InvalidConvention),
        (datetime(2026, 3, 3, 10, 0), "working_days", "day", NaiveDatetime),
        (datetime(1900, 1, 1, tzinfo=TZ), "working_days", "day", YearOutOfRange),
        (datetime(2200, 1, 1, tzinfo=TZ), "working_days", "day", YearOutOfRange),
        (at("2100-12-20 10:00"), "working_days", "day", YearOutOfRange),
    ],
)
def test_it_refuses_bad_input_with_a_clear_error(
    received: datetime, unit: str, convention: str, error: type[WorkdaysError]
) -> None:
    with pytest.raises(error) as err:
        compute_due(received, 30, unit, calendar=CAL, convention=convention)
    assert isinstance(err.value, ValueError) and err.value.message and err.value.code


def test_convention_d_is_the_default_and_returns_the_closing_time() -> None:
    result = compute_due(at("2026-03-03 10:00"), 3, "working_days", calendar=CAL)
    assert result is not None and result.timetz() == time(17, 0, tzinfo=TZ)
