"""The agency queue: buckets in working days (holidays count), filters, who owes whom, scope, query count."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.common.errors import NotFound, PermissionDenied, ValidationFailed
from cchc.plans.models import Task
from cchc.plans.selectors.queue import QueueFilters, queue
from cchc.plans.services.progress import ReportInput, progress_report_submit
from cchc.plans.services.tasks import TaskInput, task_create, task_reschedule
from cchc.plans.tests.conftest import work_item


def _rows(page):
    return {(r.item.task.no, r.item.occurrence.seq): r for r in page.rows}


def test_buckets_split_open_work_by_due_date(approved, people):
    page = queue(user=people["officer_stp"], today=date(2020, 6, 22), filters=QueueFilters(bucket="all"), limit=500)
    rows = _rows(page)
    # Task 1 is due 30/06: with 5 working days it is the 6th working day after Monday 22/06, so on track.
    assert rows[("1", 1)].bucket == "on_track" and rows[("1", 1)].working_days_left == 6
    assert page.counts["open"] == page.counts["overdue"] + page.counts["at_risk"] + page.counts["on_track"] + \
        page.counts["no_deadline"]
    six = queue(user=people["officer_stp"], today=date(2020, 6, 22), at_risk_days=6, limit=500)
    assert _rows(six)[("1", 1)].bucket == "at_risk"
    late = queue(user=people["officer_stp"], today=date(2020, 7, 1), filters=QueueFilters(bucket="overdue"))
    assert ("1", 1) in _rows(late) and late.counts["overdue"] == late.total


def test_the_threshold_counts_working_days_not_calendar_days(approved, people, plan_v1):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="1")
    task_reschedule(actor=people["secretariat"], task=task, due_date=date(2020, 9, 8), reason="Chờ số liệu")
    # From Tuesday 01/09/2020: 03, 04, 07, 08 are the next four working days (02/09 is National Day).
    four = queue(user=people["officer_stp"], today=date(2020, 9, 1), at_risk_days=4, limit=500)
    assert _rows(four)[("1", 1)].bucket == "at_risk"
    three = queue(user=people["officer_stp"], today=date(2020, 9, 1), at_risk_days=3, limit=500)
    assert _rows(three)[("1", 1)].bucket == "on_track"


def test_done_work_leaves_the_open_buckets(approved, people, registry):
    item = work_item("1", registry["stp"])
    progress_report_submit(actor=people["officer_stp"], work_item=item, today=date(2020, 6, 20),
                           data=ReportInput(status="done", completed_on=date(2020, 6, 19)))
    page = queue(user=people["officer_stp"], today=date(2020, 7, 1), limit=500)
    assert ("1", 1) not in _rows(page)
    closed = queue(user=people["officer_stp"], today=date(2020, 7, 1), filters=QueueFilters(bucket="closed"))
    assert ("1", 1) in _rows(closed) and closed.counts["awaiting_review"] == 1


@pytest.mark.parametrize(("filters", "expected"), [
    (QueueFilters(role="lead"), {"lead"}),
    (QueueFilters(role="coordinating"), {"coordinating"}),
])
def test_filters_by_role(approved, people, filters, expected):
    page = queue(user=people["officer_snv"], today=date(2020, 1, 10), filters=filters, limit=500)
    assert {r.item.role for r in page.rows} == expected


def test_filters_by_area_and_status(approved, people, plan_v1):
    plan, _ = plan_v1
    area = plan.areas.get(order=1)
    page = queue(user=people["officer_stp"], today=date(2020, 1, 10), filters=QueueFilters(area_id=area.pk),
                 limit=500)
    assert page.rows and {r.item.area_id for r in page.rows} == {area.pk}
    none = queue(user=people["officer_stp"], today=date(2020, 1, 10), filters=QueueFilters(status="done_late"))
    assert none.total == 0 and not none.rows


def test_the_lead_sees_what_each_coordinating_agency_still_owes(approved, more_people, registry):
    page = queue(user=more_people["officer_stp"], today=date(2020, 6, 1), limit=500)
    row = _rows(page)[("1", 1)]
    assert {w.agency.code for w in row.owed_by} == {"TN.VPUB", "TN.H164", "TN.H167"}
    assert ("Văn phòng Ủy ban nhân dân tỉnh", 1) in [(a.name, n) for a, n in page.owed_by]
    progress_report_submit(actor=more_people["officer_vpub"], work_item=work_item("1", registry["vpub"]),
                           today=date(2020, 6, 1), data=ReportInput(status="done", completed_on=date(2020, 6, 1)))
    page = queue(user=more_people["officer_stp"], today=date(2020, 6, 2), limit=500)
    assert {w.agency.code for w in _rows(page)[("1", 1)].owed_by} == {"TN.H164", "TN.H167"}
    # And the district sees whom it owes.
    district = queue(user=more_people["officer_h164"], today=date(2020, 6, 2), filters=QueueFilters(role="coordinating"),
                     limit=500)
    assert [p.agency.code for p in _rows(district)[("1", 1)].leads] == ["TN.STP"]
    assert [(a.code, n) for a, n in district.owes_to] == [("TN.STP", 1)]


def test_an_officer_sees_only_their_agency(approved, people):
    with pytest.raises(PermissionDenied) as err:
        queue(user=people["officer_stp"], agency_code="TN.SNV")
    assert err.value.code == "queue_other_agency"
    assert queue(user=people["officer_stp"], agency_code="TN.STP").agency.code == "TN.STP"


def test_the_secretariat_may_open_any_agency(approved, people):
    assert queue(user=people["secretariat"], agency_code="TN.STP").agency.code == "TN.STP"
    assert queue(user=people["secretariat"]).agency.code == "TN.SNV"
    with pytest.raises(ValidationFailed) as err:
        queue(user=people["admin"])
    assert err.value.code == "agency_required"
    with pytest.raises(NotFound):
        queue(user=people["admin"], agency_code="KHONG.CO")


def test_a_bad_threshold_is_refused(approved, people):
    with pytest.raises(ValidationFailed) as err:
        queue(user=people["officer_stp"], at_risk_days=99)
    assert err.value.code == "invalid_at_risk_days"


def test_the_number_of_queries_does_not_grow_with_the_tasks(approved, people, plan_v1):
    plan, _ = plan_v1

    def count():
        with CaptureQueriesContext(connection) as ctx:
            queue(user=people["officer_stp"], today=date(2020, 6, 1), limit=50)
        return len(ctx.captured_queries)

    queue(user=people["officer_stp"], today=date(2020, 6, 1))  # warm the calendar cache
    before = count()
    for i in range(15):
        task_create(actor=people["secretariat"], plan=plan, data=TaskInput(
            content=f"Nhiệm vụ thêm {i}", lead=("TN.STP",), coordinating=("TN.VPUB", "UBND_CAP_HUYEN"),
            due_date=date(2020, 7, 1 + i)))
    assert count() == before
