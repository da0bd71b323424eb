"""The pure process check: units in working hours (7.5 h a day), the longest path, every problem at once."""

from decimal import Decimal

import pytest

from cchc.procedures.process import (
    STEP_ACTIONS,
    WORKING_DAY_HOURS,
    StepSpec,
    check_process,
    fmt_number,
    limit_hours,
    to_hours,
)


def step(code, hours="1", unit="working_hours", successors=(), role="specialist", **kw):
    return StepSpec(code=code, name=f"Bước {code}", role=role, allotted=Decimal(hours), unit=unit,
                    successors=tuple(successors), **kw)


def codes(check):
    return [i.code for i in check.issues]


def test_a_working_day_is_the_default_sessions_length_of_seven_and_a_half_hours():
    assert WORKING_DAY_HOURS == Decimal("7.5")


@pytest.mark.parametrize("amount, unit, hours", [
    ("3", "working_hours", "3"),
    ("2", "working_days", "15"),
    ("0.5", "working_days", "3.75"),
    ("10", "calendar_days", "75"),
    ("0", "same_day", "7.5"),
])
def test_amounts_convert_to_working_hours(amount, unit, hours):
    assert to_hours(Decimal(amount), unit) == Decimal(hours)


def test_no_appointment_has_no_limit():
    assert limit_hours(Decimal(0), "no_appointment") is None


def test_the_stricter_of_counter_and_online_limits_applies():
    assert limit_hours(Decimal(5), "working_days", Decimal(3)) == Decimal("22.5")


def test_a_linear_process_within_the_limit_passes_and_sums_its_allotments():
    check = check_process([step("TN", "2"), step("TD", "1", "working_days"), step("KY", "4")],
                          limit=Decimal(2), unit="working_days")
    assert check.ok and check.total_hours == Decimal("13.5") and check.limit_hours == Decimal(15)


def test_allotments_over_the_legal_limit_are_refused_with_a_vietnamese_message():
    check = check_process([step("TN", "4"), step("TD", "4")], limit=Decimal(1), unit="working_days")
    assert codes(check) == ["process_over_limit"]
    assert "vượt thời hạn" in check.issues[0].message and "7,5 giờ" in check.issues[0].message


def test_a_same_day_case_allows_one_working_day():
    assert check_process([step("A", "7.5")], limit=Decimal(0), unit="same_day").ok
    assert not check_process([step("A", "8")], limit=Decimal(0), unit="same_day").ok


def test_alternative_branches_count_the_longest_path_not_every_step():
    steps = [step("A", "1", successors=["B", "C"]), step("B", "3", successors=["D"]), step("C", "5", successors=["D"]),
             step("D", "1")]
    check = check_process(steps, limit=Decimal(7), unit="working_hours")
    assert check.ok and check.total_hours == Decimal(7)


@pytest.mark.parametrize("steps, expected", [
    ([step("A", successors=["Z"])], "successor_unknown"),
    ([step("A", successors=["A"])], "successor_self"),
    ([step("A", successors=["B"]), step("B", successors=["A"])], "process_cycle"),
    ([step("A", successors=["B"]), step("B"), step("C")], "step_unreachable"),
    ([step("A"), step("A")], "step_code_duplicate"),
    ([step("A b")], "step_code_invalid"),
    ([step("A", role="agency_leader")], "step_role_invalid"),
    ([step("A", unit="same_day")], "step_unit_invalid"),
    ([step("A", "-1")], "step_allotment_invalid"),
    ([step("A", "0")], "step_allotment_invalid"),
    ([step("A", "0.001")], "step_allotment_invalid"),
    ([StepSpec("A", "x", "specialist", Decimal(1), actions=("fly",))], "step_action_invalid"),
    ([StepSpec("A", " ", "specialist", Decimal(1))], "step_name_required"),
])
def test_each_bad_step_is_reported_with_its_code(steps, expected):
    check = check_process(steps, limit=Decimal(100), unit="working_days")
    assert expected in codes(check)


def test_a_negative_allotment_gets_the_engines_message():
    check = check_process([step("A", "-2")], limit=Decimal(5), unit="working_days")
    assert "không được âm" in check.issues[0].message


def test_every_problem_is_reported_at_once():
    check = check_process([step("A", "-1", successors=["Z"]), step("A", role="x")], limit=Decimal(5),
                          unit="working_days")
    assert {"step_allotment_invalid", "successor_unknown", "step_code_duplicate", "step_role_invalid"} <= set(codes(check))


def test_the_action_keys_match_the_model_choices(db):
    from cchc.procedures.models import ProcessStep

    assert set(STEP_ACTIONS) == set(ProcessStep.Action.values)


def test_numbers_display_with_a_decimal_comma():
    assert fmt_number(Decimal("7.50")) == "7,5" and fmt_number(Decimal("15.00")) == "15"
