"""Occurrences of recurring tasks (pure, table-driven)."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.plans.recurrence import MAX_OCCURRENCES, expand

Y0, Y1 = date(2020, 1, 1), date(2020, 12, 31)


@pytest.mark.parametrize(("recurrence", "deadline", "until", "labels", "dues"), [
    ("", date(2020, 6, 30), None, [""], [date(2020, 6, 30)]),
    ("", None, None, [""], [None]),
    ("quarterly", None, None, ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020"],
     [date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30), date(2020, 12, 31)]),
    ("continuous", None, None, ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020"],
     [date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30), date(2020, 12, 31)]),
    ("yearly", None, date(2020, 12, 31), ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020"],
     [date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30), date(2020, 12, 31)]),
    ("quarterly", None, date(2020, 6, 30), ["Quý I/2020", "Quý II/2020"], [date(2020, 3, 31), date(2020, 6, 30)]),
    ("quarterly", None, date(2020, 11, 15), ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020"],
     [date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30), date(2020, 11, 15)]),
    ("monthly", None, date(2020, 3, 31), ["Tháng 1/2020", "Tháng 2/2020", "Tháng 3/2020"],
     [date(2020, 1, 31), date(2020, 2, 29), date(2020, 3, 31)]),
])
def test_expansion_gives_one_occurrence_per_period(recurrence, deadline, until, labels, dues):
    slots = expand(recurrence, deadline=deadline, period_start=Y0, period_end=Y1, until=until)
    assert [s.label for s in slots] == labels
    assert [s.due for s in slots] == dues
    assert [s.seq for s in slots] == list(range(1, len(slots) + 1))


def test_monthly_is_twelve_occurrences_in_a_plan_year():
    slots = expand("monthly", deadline=None, period_start=Y0, period_end=Y1)
    assert len(slots) == 12 and slots[1].due == date(2020, 2, 29)


def test_a_multi_year_window_runs_across_years():
    slots = expand("quarterly", deadline=None, period_start=date(2021, 1, 1), period_end=date(2025, 12, 31))
    assert len(slots) == 20 and slots[-1].label == "Quý IV/2025"


def test_a_runaway_window_is_capped():
    slots = expand("monthly", deadline=None, period_start=Y0, period_end=date(2099, 12, 31))
    assert len(slots) == MAX_OCCURRENCES


def test_a_window_ending_before_the_plan_gives_one_occurrence():
    slots = expand("quarterly", deadline=None, period_start=Y0, period_end=Y1, until=date(2019, 6, 30))
    assert [s.due for s in slots] == [date(2019, 6, 30)]


def test_an_unknown_recurrence_is_an_error():
    with pytest.raises(ValueError):
        expand("weekly", deadline=None, period_start=Y0, period_end=Y1)
