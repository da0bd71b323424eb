"""Progress rules (pure, table-driven): on time or late, openness, derived percentages, buckets."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.plans import rollup
from cchc.plans.rollup import Progress


@pytest.mark.parametrize(("done", "due", "expected"), [
    (date(2020, 6, 29), date(2020, 6, 30), "done_on_time"),
    (date(2020, 6, 30), date(2020, 6, 30), "done_on_time"),
    (date(2020, 7, 1), date(2020, 6, 30), "done_late"),
    (date(2021, 1, 1), None, "done_on_time"),
])
def test_completion_is_judged_by_date(done, due, expected):
    assert rollup.completion_status(done, due) == expected


@pytest.mark.parametrize(("status", "review", "open_", "done"), [
    ("not_started", "none", True, False),
    ("in_progress", "submitted", True, False),
    ("done_on_time", "submitted", False, True),
    ("done_late", "accepted", False, True),
    ("done_on_time", "returned", True, False),  # a returned report counts as not done
    ("not_feasible", "submitted", False, False),
    ("not_feasible", "returned", True, False),
])
def test_openness_and_done(status, review, open_, done):
    assert rollup.is_open(status, review) is open_
    assert rollup.counts_as_done(status, review) is done


@pytest.mark.parametrize(("flags", "expected"), [
    ([], None), ([True], None), ([True, False], 50), ([True, True, True, False], 75), ([False] * 12, 0),
])
def test_percent_from_occurrences(flags, expected):
    assert rollup.derive_from_occurrences(flags) == expected


@pytest.mark.parametrize(("percents", "weights", "expected"), [
    ([], None, None),
    ([100, 0], None, 50),
    ([100, None, 50], None, 50),  # a child without a report counts as 0
    ([100, 0], [3, 1], 75),
    ([100, 0], [0, 0], 50),  # all weights empty: equal weights
])
def test_percent_from_children(percents, weights, expected):
    assert rollup.derive_from_children(percents, weights) == expected


def test_both_figures_are_kept_and_flagged_when_they_disagree():
    p = Progress(manual=80, derived=50, derived_from="children")
    assert p.disagrees and p.shown == 80
    assert not Progress(50, 50).disagrees and not Progress(None, 50).disagrees
    assert Progress(None, 40).shown == 40


@pytest.mark.parametrize(("status", "percent", "problem"), [
    ("done_on_time", 100, None), ("done_late", 60, "percent_status_mismatch"), ("not_started", 10,
                                                                                 "percent_status_mismatch"),
    ("in_progress", 101, "percent_out_of_range"), ("in_progress", None, None), ("not_started", 0, None),
])
def test_a_percent_must_agree_with_the_status(status, percent, problem):
    assert rollup.check_percent(status, percent) == problem


TODAY, RISK_END = date(2020, 6, 22), date(2020, 6, 30)


@pytest.mark.parametrize(("due", "open_", "bucket"), [
    (date(2020, 6, 19), True, "overdue"),
    (date(2020, 6, 22), True, "at_risk"),
    (date(2020, 6, 29), True, "at_risk"),
    (date(2020, 6, 30), True, "on_track"),
    (None, True, "no_deadline"),
    (date(2020, 6, 1), False, "closed"),
])
def test_buckets(due, open_, bucket):
    assert rollup.risk_bucket(due, today=TODAY, risk_end=RISK_END, open_=open_) == bucket
