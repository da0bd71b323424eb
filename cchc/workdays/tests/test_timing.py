"""On-time classification, warnings and remaining time (spec §4.6, §4.7)."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from cchc.workdays import (
    Completion,
    OpenStatus,
    classify_completed,
    classify_open,
    format_remaining,
    format_working_duration,
    is_within_deadline,
    remaining_working_time,
    warning_threshold,
)
from cchc.workdays.tests import at, official

CAL = official()  # 7.5 working hours a day
DUE = at("2026-03-06 17:00")  # a Friday


@pytest.mark.parametrize(
    ("resolved", "expected"),
    [
        ("2026-03-05 16:59", Completion.TRUOC_HAN),
        ("2026-03-06 08:00", Completion.DUNG_HAN),
        ("2026-03-06 17:00", Completion.DUNG_HAN),
        ("2026-03-06 19:30", Completion.DUNG_HAN),  # compared by date, not time (Thanh Hóa)
        ("2026-03-07 07:00", Completion.QUA_HAN),
    ],
)
def test_a_completed_dossier_is_compared_by_date(resolved: str, expected: Completion) -> None:
    assert classify_completed(at(resolved), DUE) == expected


def test_dates_are_compared_in_local_time() -> None:
    # 23:30 UTC on 05/03 is 06:30 on 06/03 in Hà Nội: the due date itself, so on time, not early.
    assert classify_completed(datetime(2026, 3, 5, 23, 30, tzinfo=UTC), DUE) == Completion.DUNG_HAN


def test_labels_are_vietnamese() -> None:
    assert [c.label for c in Completion] == ["Trước hạn", "Đúng hạn", "Quá hạn"]
    assert [s.label for s in OpenStatus] == ["Trong hạn", "Sắp đến hạn", "Quá hạn"]


def test_without_an_appointment_a_dossier_is_never_late() -> None:
    assert classify_completed(at("2030-01-01 10:00"), None) == Completion.DUNG_HAN
    assert classify_open(None, at("2030-01-01 10:00"), calendar=CAL) == OpenStatus.TRONG_HAN
    assert is_within_deadline(None, at("2030-01-01 10:00"))
    assert format_remaining(None, at("2030-01-01 10:00"), calendar=CAL) == "không hẹn"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-03-04 16:00", OpenStatus.TRONG_HAN),  # 2 days 1 h left
        ("2026-03-05 17:00", OpenStatus.SAP_DEN_HAN),  # exactly one working day left
        ("2026-03-06 09:00", OpenStatus.SAP_DEN_HAN),
        ("2026-03-06 17:00", OpenStatus.SAP_DEN_HAN),  # due >= T: still within the deadline
        ("2026-03-06 17:01", OpenStatus.QUA_HAN),
        ("2026-03-07 10:00", OpenStatus.QUA_HAN),
    ],
)
def test_an_open_dossier_is_within_near_or_past_its_deadline(now: str, expected: OpenStatus) -> None:
    assert classify_open(DUE, at(now), calendar=CAL) == expected


def test_the_warning_threshold_is_configurable_in_working_time() -> None:
    now = at("2026-03-05 09:00")  # 14 working hours left
    assert classify_open(DUE, now, calendar=CAL) == OpenStatus.TRONG_HAN
    assert classify_open(DUE, now, calendar=CAL, threshold=2 * CAL.day_seconds) == OpenStatus.SAP_DEN_HAN
    assert classify_open(DUE, now, calendar=CAL, threshold=3600) == OpenStatus.TRONG_HAN
    ten_days = 10 * CAL.day_seconds
    assert warning_threshold(calendar=CAL) == CAL.day_seconds
    assert (
        warning_threshold(calendar=CAL, limit_seconds=ten_days, fraction=Fraction(1, 5))
        == 2 * CAL.day_seconds
    )
    assert warning_threshold(calendar=CAL, days=2) == 2 * CAL.day_seconds


@pytest.mark.parametrize(
    ("now", "text", "seconds"),
    [
        ("2026-03-04 14:00", "còn 2 ngày 3 giờ", 64800),
        ("2026-03-06 16:30", "còn 30 phút", 1800),
        ("2026-03-02 07:30", "còn 5 ngày", 5 * 27000),
        ("2026-03-06 17:00", "còn 0 giờ", 0),
        ("2026-03-09 09:00", "quá 1 giờ 30 phút", -5400),
        ("2026-03-10 11:00", "quá 1 ngày 3 giờ 30 phút", -(27000 + 12600)),
        ("2026-03-07 10:00", "quá 0 giờ", 0),  # late by date, but no working time has passed yet
    ],
)
def test_it_says_how_much_working_time_is_left_or_overdue(now: str, text: str, seconds: int) -> None:
    assert format_remaining(DUE, at(now), calendar=CAL) == text
    assert remaining_working_time(DUE, at(now), calendar=CAL) == seconds


def test_a_working_day_in_the_text_is_the_calendar_s_working_day() -> None:
    assert format_working_duration(27000, calendar=CAL) == "1 ngày"
    assert format_working_duration(8 * 3600, calendar=CAL) == "1 ngày 30 phút"
