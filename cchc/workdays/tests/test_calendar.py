"""The calendar: holidays library + official schedules + overrides + sessions."""

from __future__ import annotations

from datetime import date, time

import pytest

from cchc.workdays import (
    Calendar,
    DayType,
    InvalidCalendar,
    Override,
    WorkdaysError,
    YearOutOfRange,
    build_calendar,
    load_official_schedules,
    select_overrides,
)
from cchc.workdays.tests import at, official, thanh_hoa

CAL = official()
LIBRARY_ONLY = Calendar()


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        ("2026-02-13", True, "Friday before Tết"),
        ("2026-02-14", False, "Saturday, start of the 9-day Tết break (F5)"),
        ("2026-02-16", False, "29 tháng Chạp, Tết (F5)"),
        ("2026-02-20", False, "mùng 4, last Tết day (F5)"),
        ("2026-02-22", False, "Sunday, end of the Tết break"),
        ("2026-02-23", True, "first working day after Tết"),
        ("2026-01-01", False, "Tết Dương lịch"),
        ("2026-01-02", False, "swapped day off (F5a)"),
        ("2026-01-10", True, "Saturday worked instead of 02/01 (F5a)"),
        ("2026-04-27", False, "Hùng Kings falls on Sunday 26/04: compensatory Monday"),
        ("2026-08-22", True, "Saturday worked instead of 31/08"),
        ("2026-08-31", False, "swapped day off before National Day"),
        ("2026-09-01", False, "National Day, adjacent day"),
        ("2026-09-02", False, "National Day"),
        ("2026-11-24", False, "Ngày Văn hóa Việt Nam (library + data switch)"),
        ("2025-04-26", True, "Saturday worked instead of 02/05/2025"),
        ("2025-05-02", False, "swapped day off after Labour Day 2025"),
        ("2024-05-04", True, "Saturday worked instead of 29/04/2024"),
        ("2019-01-05", True, "Saturday worked instead of 31/12/2018"),
        ("2018-12-31", False, "swapped day off for New Year 2019"),
        ("2026-03-03", True, "an ordinary Tuesday"),
        ("2026-03-07", False, "an ordinary Saturday"),
    ],
)
def test_it_knows_which_days_count_for_deadlines(day: str, working: bool, why: str) -> None:
    assert CAL.is_working_day(date.fromisoformat(day)) is working, why


def test_the_override_layer_is_idempotent_with_the_library() -> None:
    # Only F5a (New Year 2026 swap) is missing from holidays 0.109; every other shipped row repeats
    # what the library already knows, so applying the table changes nothing else.
    differences = []
    day = date(2018, 1, 1)
    while day < date(2028, 1, 1):
        if CAL.is_working_day(day) != LIBRARY_ONLY.is_working_day(day):
            differences.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    assert differences == [date(2026, 1, 2), date(2026, 1, 10)]


def test_applying_the_rows_twice_changes_nothing() -> None:
    rows = load_official_schedules()
    twice = Calendar(rows + rows)
    assert [twice.is_working_day(date(2026, 1, d)) for d in range(1, 32)] == [
        CAL.is_working_day(date(2026, 1, d)) for d in range(1, 32)
    ]


def test_every_shipped_row_is_well_formed() -> None:
    rows = load_official_schedules()
    dates = [row["date"] for row in rows]
    assert len(dates) == len(set(dates)), "one row per date"
    for row in rows:
        assert set(row) == {"date", "kind", "name", "source", "confidence", "scope"}
        ov = Override.from_dict(row)
        assert ov.name and ov.source and ov.scope is None
        assert ov.confidence in {"read", "read-2nd", "recall", "inferred"}
        if ov.kind == "working_day":
            assert ov.date.weekday() == 5, f"{ov.date} make-up days are Saturdays"
        else:
            assert ov.date.weekday() < 5, f"{ov.date} only weekdays need a day-off row"
    years = {date.fromisoformat(d).year for d in dates}
    assert {2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026} <= years


def test_a_working_day_row_switches_off_a_library_holiday() -> None:
    # The 24/11 data switch: flip the shipped row's kind to turn the Vietnamese Culture Day off.
    rows = [dict(r) for r in load_official_schedules()]
    for row in rows:
        if row["date"] == "2026-11-24":
            row["kind"] = "working_day"
    switched = build_calendar(rows)
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert switched.is_working_day(date(2026, 11, 24))
    assert switched.day_info(date(2026, 11, 24)).type == DayType.WORKING


def test_a_scoped_row_replaces_a_nationwide_row_only_for_its_scope() -> None:
    rows = [
        {"date": "2026-03-06", "kind": "day_off", "name": "Nghỉ toàn quốc (giả định)", "scope": None},
        {"date": "2026-03-06", "kind": "working_day", "name": "Tỉnh làm việc", "scope": "TN"},
        {"date": "2026-03-09", "kind": "day_off", "name": "Ngày nghỉ riêng của tỉnh", "scope": "TN"},
    ]
    nation, province = build_calendar(rows), build_calendar(rows, scope="TN")
    assert not nation.is_working_day(date(2026, 3, 6)) and nation.is_working_day(date(2026, 3, 9))
    assert province.is_working_day(date(2026, 3, 6)) and not province.is_working_day(date(2026, 3, 9))
    assert [o.date for o in select_overrides(rows, scope="HN")] == [date(2026, 3, 6)]


@pytest.mark.parametrize(
    "rows",
    [
        [
            {"date": "2026-03-06", "kind": "day_off", "name": "a"},
            {"date": "2026-03-06", "kind": "working_day", "name": "b"},
        ],
        [{"date": "2026-03-06", "kind": "holiday", "name": "a"}],
        [{"date": "06/03/2026", "kind": "day_off", "name": "a"}],
    ],
)
def test_it_refuses_bad_or_contradictory_rows(rows: list[dict[str, str]]) -> None:
    with pytest.raises(InvalidCalendar) as err:
        build_calendar(rows)
    assert isinstance(err.value, ValueError) and err.value.message


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        ("2026-01-02", DayType.SWAPPED_OFF),
        ("2026-01-10", DayType.SWAPPED_WORKING),
        ("2026-04-27", DayType.COMPENSATORY_OFF),
        ("2026-02-17", DayType.HOLIDAY),
        ("2026-03-07", DayType.WEEKEND),
        ("2026-03-06", DayType.WORKING),
        ("2026-08-22", DayType.SWAPPED_WORKING),
    ],
)
def test_it_names_the_type_of_each_day(day: str, kind: DayType) -> None:
    assert CAL.day_info(date.fromisoformat(day)).type == kind


@pytest.mark.parametrize(
    "sessions",
    [
        [],
        [("11:30", "07:30")],
        [("07:30", "12:00"), ("11:00", "17:00")],
        [("13:30", "17:00"), ("07:30", "11:30")],
        [("7h30", "11h30")],
    ],
)
def test_it_refuses_bad_sessions(sessions: list[tuple[str, str]]) -> None:
    with pytest.raises(InvalidCalendar):
        build_calendar([], sessions=sessions)


def test_a_working_day_lasts_as_long_as_its_sessions() -> None:
    assert CAL.day_seconds == 7 * 3600 + 1800
    assert thanh_hoa().day_seconds == 8 * 3600
    assert CAL.closing_time == time(17, 0) and CAL.same_day_cutoff == time(15, 0)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-02-13", 1, "2026-02-23"),
        ("2026-02-13", 5, "2026-02-27"),
        ("2026-02-14", 0, "2026-02-23"),
        ("2026-02-23", 0, "2026-02-23"),
        ("2026-02-23", -1, "2026-02-13"),
        ("2026-02-21", -1, "2026-02-13"),
        ("2025-04-25", 1, "2025-04-26"),
        ("2025-12-31", 1, "2026-01-05"),
        ("2026-01-09", 1, "2026-01-10"),
    ],
)
def test_it_adds_working_days_to_a_date(start: str, n: int, expected: str) -> None:
    assert CAL.add_working_days(date.fromisoformat(start), n) == date.fromisoformat(expected)


def test_it_counts_working_days_between_two_dates() -> None:
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 27)) == 5
    assert CAL.working_days_between(date(2026, 2, 27), date(2026, 2, 13)) == -5
    assert CAL.working_days_between(date(2026, 2, 14), date(2026, 2, 22)) == 0


def test_an_open_saturday_receives_but_does_not_count_for_deadlines() -> None:
    open_sat = build_calendar(saturday_intake=[("07:30", "11:30")])
    assert open_sat.is_open_for_intake(at("2026-03-07 09:00"))
    assert not open_sat.is_open_for_intake(at("2026-03-07 14:00")), "morning only"
    assert not open_sat.is_open_for_intake(at("2026-02-14 09:00")), "inside the Tết break"
    assert not open_sat.is_open_for_intake(at("2026-05-02 09:00")), "after Labour Day on Friday"
    assert open_sat.day_info(date(2026, 3, 7)).open_for_intake
    assert not open_sat.day_info(date(2026, 3, 7)).counts_for_deadlines
    assert not open_sat.is_working_day(date(2026, 3, 7))
    assert not CAL.is_open_for_intake(at("2026-03-07 09:00"))
    assert CAL.is_open_for_intake(at("2026-03-06 09:00")) and not CAL.is_open_for_intake(
        at("2026-03-06 12:00")
    )


@pytest.mark.parametrize(
    ("day", "working"),
    [("1995-09-04", False), ("1995-09-05", True), ("2090-01-02", False), ("2090-01-03", True)],
)
def test_years_outside_the_precomputed_range_are_built_on_demand(day: str, working: bool) -> None:
    cal = official()
    assert cal.is_working_day(date.fromisoformat(day)) is working


@pytest.mark.parametrize("year", [1900, 1989, 2101, 2200])
def test_it_refuses_years_it_cannot_know(year: int) -> None:
    with pytest.raises(YearOutOfRange) as err:
        CAL.is_working_day(date(year, 6, 1))
    assert isinstance(err.value, ValueError) and isinstance(err.value, WorkdaysError)
    assert err.value.code == "year_out_of_range"
    assert f"Năm {year}" in err.value.message and "phạm vi" in err.value.message
