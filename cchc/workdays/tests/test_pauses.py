"""Pauses and re-appointments per spec §4.5."""

from __future__ import annotations

from datetime import datetime

import pytest

from cchc.workdays import (
    InvalidPause,
    NaiveDatetime,
    Pause,
    apply_pauses,
    paused_working_time,
    resume_due,
)
from cchc.workdays.tests import at, official

CAL = official()  # 7.5 working hours a day


@pytest.mark.parametrize(
    ("old_due", "paused", "resumed", "expected", "why"),
    [
        (
            "2026-02-27 17:00",
            "2026-02-25 10:00",
            "2026-03-02 10:00",
            "2026-03-04 17:00",
            "20 h left, restarted Monday",
        ),
        (
            "2026-02-24 17:00",
            "2026-02-12 09:00",
            "2026-02-23 09:00",
            "2026-02-26 17:00",
            "a pause across Tết",
        ),
        (
            "2026-02-27 17:00",
            "2026-02-27 15:00",
            "2026-02-28 10:00",
            "2026-03-02 09:30",
            "resumed on a Saturday",
        ),
        (
            "2026-02-27 17:00",
            "2026-02-27 17:00",
            "2026-03-02 08:00",
            "2026-03-02 08:00",
            "paused at the due time",
        ),
        (
            "2026-02-25 17:00",
            "2026-02-26 10:00",
            "2026-03-02 10:00",
            "2026-02-27 17:00",
            "already 2.5 h late: stays so",
        ),
        (
            "2026-03-04 17:00",
            "2026-03-03 10:00",
            "2026-03-03 10:00",
            "2026-03-04 17:00",
            "an empty pause changes nothing",
        ),
    ],
)
def test_it_adds_back_the_working_time_left_at_the_pause(
    old_due: str, paused: str, resumed: str, expected: str, why: str
) -> None:
    assert resume_due(at(old_due), at(paused), at(resumed), calendar=CAL) == at(expected), why


def test_the_day_convention_rounds_a_re_appointment_to_the_close() -> None:
    args = (at("2026-02-27 17:00"), at("2026-02-25 10:00"), at("2026-03-02 11:00"))
    assert resume_due(*args, calendar=CAL) == at("2026-03-05 08:30")
    assert resume_due(*args, calendar=CAL, convention="day") == at("2026-03-05 17:00")


def test_a_due_date_outside_working_time_is_never_shortened() -> None:
    # An extension letter may set a Saturday; a pause of no working time must not pull it back to Friday.
    saturday = at("2026-03-07 10:00")
    assert resume_due(saturday, at("2026-03-06 16:00"), at("2026-03-06 16:00"), calendar=CAL) == saturday


def test_it_applies_several_pauses_in_turn() -> None:
    pauses = [
        Pause(at("2026-03-02 10:00"), at("2026-03-03 10:00"), "bổ sung lần 1"),
        (at("2026-03-05 14:00"), at("2026-03-06 14:00")),
    ]
    first = resume_due(at("2026-03-06 17:00"), at("2026-03-02 10:00"), at("2026-03-03 10:00"), calendar=CAL)
    second = resume_due(first, at("2026-03-05 14:00"), at("2026-03-06 14:00"), calendar=CAL)
    assert first == at("2026-03-09 17:00") and second == at("2026-03-10 17:00")
    assert apply_pauses(at("2026-03-06 17:00"), pauses, calendar=CAL) == second
    assert apply_pauses(at("2026-03-06 17:00"), list(reversed(pauses)), calendar=CAL) == second, "order-free"
    assert paused_working_time(pauses, calendar=CAL) == 2 * CAL.day_seconds


def test_an_open_pause_stops_the_clock() -> None:
    pauses = [Pause(at("2026-03-02 10:00"), None)]
    assert apply_pauses(at("2026-03-06 17:00"), pauses, calendar=CAL) is None
    assert paused_working_time(pauses, calendar=CAL) == 0
    assert paused_working_time(pauses, calendar=CAL, until=at("2026-03-02 11:00")) == 3600


@pytest.mark.parametrize(
    "pauses",
    [
        [(at("2026-03-03 10:00"), at("2026-03-02 10:00"))],
        [(at("2026-03-02 10:00"), at("2026-03-04 10:00")), (at("2026-03-03 10:00"), at("2026-03-05 10:00"))],
        [(at("2026-03-02 10:00"), None), (at("2026-03-03 10:00"), at("2026-03-05 10:00"))],
    ],
)
def test_it_refuses_pauses_that_end_before_they_start_or_overlap(
    pauses: list[tuple[datetime, datetime]],
) -> None:
    with pytest.raises(InvalidPause) as err:
        apply_pauses(at("2026-03-06 17:00"), pauses, calendar=CAL)
    assert isinstance(err.value, ValueError) and err.value.message


def test_a_resume_before_the_pause_is_refused() -> None:
    with pytest.raises(InvalidPause):
        resume_due(at("2026-03-06 17:00"), at("2026-03-03 10:00"), at("2026-03-02 10:00"), calendar=CAL)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(NaiveDatetime):
        resume_due(datetime(2026, 3, 6, 17), at("2026-03-03 10:00"), at("2026-03-04 10:00"), calendar=CAL)
