from datetime import date

import pytest

from cchc.reports.periods import Period, quarter_of


@pytest.mark.parametrize(("kind", "start", "end", "label"), [
    ("q1", date(2020, 1, 1), date(2020, 3, 31), "quý I năm 2020"),
    ("q2", date(2020, 4, 1), date(2020, 6, 30), "quý II năm 2020"),
    ("q4", date(2020, 10, 1), date(2020, 12, 31), "quý IV năm 2020"),
    ("h1", date(2020, 1, 1), date(2020, 6, 30), "6 tháng đầu năm 2020"),
    ("year", date(2020, 1, 1), date(2020, 12, 31), "năm 2020"),
])
def test_periods(kind, start, end, label):
    p = Period(2020, kind)
    assert (p.start, p.end, p.label) == (start, end, label)


def test_bad_period_is_refused():
    with pytest.raises(ValueError):
        Period(2020, "q5")


def test_quarter_of():
    assert [quarter_of(date(2020, m, 1)) for m in (1, 4, 6, 7, 12)] == [1, 2, 2, 3, 4]
