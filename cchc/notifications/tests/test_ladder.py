"""The reminder ladder, pure: 7, 3, 1 working days before, on the day, then weekly while overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc.notifications import ladder


def weekdays(d: date, n: int) -> date:
    """Add ``n`` working days (Monday–Friday) to ``d``; negative goes back."""
    step = 1 if n > 0 else -1
    while n:
        d += timedelta(days=step)
        if d.weekday() < 5:
            n -= step
    return d


DUE = date(2020, 6, 30)  # a Tuesday


@pytest.mark.parametrize(("today", "rung"), [
    (date(2020, 6, 18), None),  # 8 working days before
    (date(2020, 6, 19), "d-7"),  # Fri: 7 working days before
    (date(2020, 6, 24), "d-7"),
    (date(2020, 6, 25), "d-3"),
    (date(2020, 6, 26), "d-3"),
    (date(2020, 6, 29), "d-1"),
    (date(2020, 6, 30), "d0"),
    (date(2020, 7, 1), "d0"),  # the day was missed: the due-day rung, once
    (date(2020, 7, 7), "od1"),
    (date(2020, 7, 13), "od1"),
    (date(2020, 7, 14), "od2"),
    (date(2021, 6, 29), "od52"),
])
def test_rung_for(today, rung):
    assert ladder.rung_for(DUE, today, weekdays) == rung


def test_rungs_before_the_due_date_use_working_days():
    assert ladder.rung_dates(date(2020, 6, 29), weekdays) == [
        ("d-7", date(2020, 6, 18)), ("d-3", date(2020, 6, 24)), ("d-1", date(2020, 6, 26)), ("d0", date(2020, 6, 29))]


def test_labels_are_vietnamese():
    assert ladder.label("d-3") == "còn 3 ngày làm việc đến hạn"
    assert ladder.label("od2") == "đã quá hạn 14 ngày"
