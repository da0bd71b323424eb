"""The pure rules: which letters a dossier has, form sets by date, the Decree 30 date line, time limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cchc.letters import rules
from cchc.letters.rules import Facts, Kind


@pytest.mark.parametrize(("facts", "expected"), [
    (Facts("submitted", received=False, supplements=0, reappointments=0), []),
    (Facts("intake_incomplete", received=False, supplements=1, reappointments=0), [Kind.SUPPLEMENT]),
    (Facts("refused_at_intake", received=False, supplements=0, reappointments=0, has_closing_reason=True),
     [Kind.REFUSAL]),
    (Facts("received", received=True, supplements=0, reappointments=0), [Kind.SLIP, Kind.CONTROL]),
    (Facts("supplement_requested", received=True, supplements=1, reappointments=0),
     [Kind.SLIP, Kind.SUPPLEMENT, Kind.CONTROL]),
    (Facts("overdue_extended", received=True, supplements=0, reappointments=1),
     [Kind.SLIP, Kind.APOLOGY, Kind.CONTROL]),
    (Facts("result_returned", received=True, supplements=1, reappointments=1),
     [Kind.SLIP, Kind.SUPPLEMENT, Kind.APOLOGY, Kind.CONTROL]),
])
def test_the_letters_follow_state_and_history(facts, expected):
    assert rules.available(facts) == expected


def test_there_is_no_apology_letter_without_a_reappointment():
    facts = Facts("overdue_extended", received=True, supplements=0, reappointments=0)
    assert "xin lỗi" in rules.unavailable_reason(Kind.APOLOGY, facts)


def test_an_unknown_kind_has_a_vietnamese_reason():
    assert rules.unavailable_reason("receipt", Facts("received", True, 0, 0)) == "Không có loại phiếu này."


@pytest.mark.parametrize(("day", "line"), [
    (date(2026, 2, 5), "Thái Nguyên, ngày 05 tháng 02 năm 2026"),
    (date(2026, 1, 15), "Thái Nguyên, ngày 15 tháng 01 năm 2026"),
    (date(2026, 3, 9), "Thái Nguyên, ngày 09 tháng 3 năm 2026"),
    (date(2026, 11, 26), "Thái Nguyên, ngày 26 tháng 11 năm 2026"),
])
def test_the_date_line_pads_days_below_ten_and_the_first_two_months(day, line):
    assert rules.date_line("Thái Nguyên", day) == line


@pytest.mark.parametrize(("day", "code", "control_no"), [
    (date(2025, 6, 30), "tt01_2018", "05"),
    (date(2025, 9, 15), "tt03_2025", "06"),
    (date(2026, 3, 2), "tt03_2025", "06"),
    (date(2010, 1, 1), "tt01_2018", "05"),
])
def test_the_form_set_is_the_one_in_force_on_the_day(day, code, control_no):
    fs = rules.form_set_on(day)
    assert fs.code == code and fs.forms[Kind.CONTROL].number == control_no
    assert fs.forms[Kind.SUPPLEMENT].number == "02"  # the one number confirmed in templates


@pytest.mark.parametrize(("limit", "unit", "text"), [
    (Decimal("10.00"), "working_days", "10 ngày làm việc"),
    (Decimal("5"), "working_days", "05 ngày làm việc"),
    (Decimal("2.5"), "working_days", "2.5 ngày làm việc"),
    (Decimal("4"), "working_hours", "04 giờ làm việc"),
    (Decimal("20"), "calendar_days", "20 ngày"),
    (Decimal("0"), "same_day", "Trong ngày"),
    (None, "no_appointment", "Không hẹn ngày trả"),
])
def test_time_limits_read_as_on_the_slip(limit, unit, text):
    assert rules.time_limit_text(limit, unit) == text
