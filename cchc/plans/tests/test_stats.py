"""Counts per content area and per agency: the figures the dashboards will draw, in one query."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.plans.selectors.stats import progress_counts
from cchc.plans.services.progress import ReportInput, progress_report_review, progress_report_submit
from cchc.plans.tests.conftest import work_item


def _done(actor, item, completed, today):
    return progress_report_submit(actor=actor, work_item=item, today=today,
                                  data=ReportInput(status="done", completed_on=completed))


def test_counts_per_agency_split_on_time_late_and_overdue(approved, plan_v1, people, registry):
    plan, _ = plan_v1
    _done(people["officer_stp"], work_item("1", registry["stp"]), date(2020, 6, 30), date(2020, 7, 5))
    _done(people["officer_snv"], work_item("2", registry["snv"], seq=1), date(2020, 4, 3), date(2020, 7, 5))
    rows, total = progress_counts(by="agency", plan=plan, today=date(2020, 7, 6))
    by = {r.label: r for r in rows}
    stp, snv = by["Sở Tư pháp"], by["Sở Nội vụ"]
    assert (stp.done_on_time, stp.done_late) == (1, 0)
    assert (snv.done_on_time, snv.done_late) == (0, 1)
    assert snv.overdue == 1  # Q2 of the quarterly report, due 30/06, not reported
    for r in rows:
        assert r.total == sum(getattr(r, c) for c in ("done_on_time", "done_late", "not_feasible", "overdue",
                                                      "at_risk", "on_track", "no_deadline"))
    assert total.total == sum(r.total for r in rows)


def test_counts_per_area_put_unclassified_tasks_last(approved, plan_v1):
    plan, _ = plan_v1
    rows, _total = progress_counts(by="area", plan=plan, today=date(2020, 1, 10))
    assert [r.label for r in rows] == ["Cải cách thể chế", "Hiện đại hóa hành chính", "Chưa xếp lĩnh vực"]


def test_a_returned_report_is_not_counted_as_done(approved, plan_v1, people, registry):
    plan, _ = plan_v1
    report = _done(people["officer_stp"], work_item("1", registry["stp"]), date(2020, 6, 1), date(2020, 6, 2))
    progress_report_review(actor=people["secretariat"], report=report, decision="return", reason="Thiếu minh chứng")
    _rows, total = progress_counts(by="area", plan=plan, today=date(2020, 7, 6))
    assert total.done_on_time == 0 and total.returned == 1 and total.overdue >= 1


def test_an_agency_reader_sees_only_its_own_counts(approved, plan_v1, people):
    plan, _ = plan_v1
    rows, _total = progress_counts(by="agency", plan=plan, user=people["officer_stp"], today=date(2020, 1, 10))
    assert [r.label for r in rows] == ["Sở Tư pháp"]


def test_counting_is_one_grouped_query_plus_labels(approved, plan_v1):
    plan, _ = plan_v1
    progress_counts(by="area", plan=plan, today=date(2020, 1, 10))
    with CaptureQueriesContext(connection) as ctx:
        progress_counts(by="area", plan=plan, today=date(2020, 1, 10))
    assert len(ctx.captured_queries) <= 4  # calendar stamp (+ schedule), the counts, the labels
