"""Progress reports: contributions, consolidation by the lead, review by the secretariat, returned
reports counted as not done, percentages entered or derived (both kept), refusals that change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.plans.models import ProgressReport, Task, WorkItem
from cchc.plans.selectors.progress import derived_for_work_item
from cchc.plans.services.evidence import ReferenceIn
from cchc.plans.services.progress import ReportInput, progress_report_review, progress_report_submit
from cchc.plans.tests.conftest import work_item

DAY = date(2020, 6, 20)


def submit(actor, item, today=DAY, **kw):
    return progress_report_submit(actor=actor, work_item=item, data=ReportInput(**kw), today=today)


def test_a_lead_report_updates_the_work_item_and_records_an_event(approved, people, registry):
    item = work_item("1", registry["stp"])
    report = submit(people["officer_stp"], item, status="in_progress", percent=40, narrative="Đã rà soát 40 văn bản")
    item.refresh_from_db()
    assert (item.status, item.percent, item.review, item.is_open) == ("in_progress", 40, "submitted", True)
    assert item.latest_report_id == report.pk and report.kind == "report"
    assert Event.objects.get(verb="progress.submit").data["percent"] == 40


@pytest.mark.parametrize(("completed", "status"), [(date(2020, 6, 30), "done_on_time"), (date(2020, 7, 2), "done_late")])
def test_done_is_on_time_or_late_by_the_completion_date(approved, people, registry, completed, status):
    item = work_item("1", registry["stp"])
    report = submit(people["officer_stp"], item, today=date(2020, 7, 10), status="done", completed_on=completed)
    item.refresh_from_db()
    assert report.status == item.status == status and report.percent == 100 and not item.is_open


def test_contributions_are_consolidated_by_the_lead(approved, more_people, registry):
    lead_item = work_item("1", registry["stp"])
    c1 = submit(more_people["officer_vpub"], work_item("1", registry["vpub"]), status="done",
                completed_on=date(2020, 6, 1), narrative="VP UBND đã gửi danh mục")
    assert c1.kind == "contribution"
    report = submit(more_people["officer_stp"], lead_item, status="in_progress", percent=60)
    assert list(report.contributions.values_list("pk", flat=True)) == [c1.pk]
    c1.refresh_from_db()
    assert c1.review == "consolidated"


def test_the_secretariat_accepts_and_the_item_is_done(approved, people, registry):
    item = work_item("1", registry["stp"])
    report = submit(people["officer_stp"], item, status="done", completed_on=date(2020, 6, 15))
    progress_report_review(actor=people["secretariat"], report=report, decision="accept")
    item.refresh_from_db()
    assert item.review == "accepted" and not item.is_open
    with pytest.raises(Conflict) as err:
        submit(people["officer_stp"], item, status="in_progress", percent=50)
    assert err.value.code == "report_already_accepted"


def test_a_returned_report_counts_as_not_done(approved, people, registry):
    item = work_item("1", registry["stp"])
    report = submit(people["officer_stp"], item, status="done", completed_on=date(2020, 6, 15))
    with pytest.raises(ValidationFailed) as err:
        progress_report_review(actor=people["secretariat"], report=report, decision="return", reason=" ")
    assert err.value.code == "reason_required"
    progress_report_review(actor=people["secretariat"], report=report, decision="return",
                           reason="Chưa có văn bản minh chứng")
    item.refresh_from_db()
    assert item.review == "returned" and item.is_open and item.status == "done_on_time"
    from cchc.plans.selectors.stats import progress_counts

    rows, total = progress_counts(by="agency", plan=item.plan, today=DAY)
    assert total.returned == 1 and total.done_on_time == 0
    # Reporting again reopens the cycle: the new report waits for review.
    again = submit(people["officer_stp"], item, status="done", completed_on=date(2020, 6, 15),
                   references=[ReferenceIn(number="123/STP-VP", date=date(2020, 6, 15))])
    item.refresh_from_db()
    assert item.review == "submitted" and item.latest_report_id == again.pk and not item.is_open


def test_only_the_secretariat_reviews_lead_reports(approved, people, registry):
    report = submit(people["officer_stp"], work_item("1", registry["stp"]), status="in_progress", percent=10)
    with pytest.raises(PermissionDenied) as err:
        progress_report_review(actor=people["officer_stp"], report=report, decision="accept")
    assert err.value.code == "review_forbidden"


def test_the_lead_may_return_a_contribution(approved, more_people, registry):
    contribution = submit(more_people["officer_vpub"], work_item("1", registry["vpub"]), status="in_progress",
                          percent=20)
    progress_report_review(actor=more_people["officer_stp"], report=contribution, decision="return",
                           reason="Thiếu số liệu")
    item = work_item("1", registry["vpub"])
    assert item.review == "returned" and item.is_open


def test_a_report_on_a_task_not_assigned_to_the_agency_is_refused(approved, people, registry):
    item = work_item("1", registry["stp"])
    with pytest.raises(PermissionDenied) as err:
        submit(people["officer_snv"], item, status="in_progress", percent=10)
    assert err.value.code == "task_not_assigned" and "không giao cho cơ quan của bạn" in err.value.message
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(("kw", "code"), [
    (dict(status="done", completed_on=date(2019, 12, 20)), "date_outside_plan_period"),
    (dict(status="done", completed_on=date(2020, 6, 21)), "date_in_future"),
    (dict(status="done_on_time", completed_on=date(2020, 6, 20)), None),
    (dict(status="not_feasible"), "reason_required"),
    (dict(status="in_progress", completed_on=date(2020, 6, 1)), "completed_on_not_allowed"),
    (dict(status="done", completed_on=date(2020, 6, 1), percent=80), "percent_status_mismatch"),
    (dict(status="in_progress", percent=120), "percent_out_of_range"),
    (dict(status="finished"), "invalid_status"),
    (dict(status="in_progress", percent_mode="derived"), "nothing_to_derive"),
])
def test_bad_reports_change_nothing(approved, people, registry, kw, code):
    item = work_item("1", registry["stp"])
    if code is None:
        submit(people["officer_stp"], item, **kw)
        return
    with pytest.raises(ValidationFailed) as err:
        submit(people["officer_stp"], item, **kw)
    assert err.value.code == code and err.value.message
    assert not ProgressReport.objects.exists()
    item.refresh_from_db()
    assert item.status == "not_started" and item.latest_report_id is None


def test_done_on_time_with_a_late_date_is_a_mismatch(approved, people, registry):
    item = work_item("1", registry["stp"])
    with pytest.raises(ValidationFailed) as err:
        submit(people["officer_stp"], item, today=date(2020, 7, 10), status="done_on_time",
               completed_on=date(2020, 7, 5))
    assert err.value.code == "completion_status_mismatch" and "Hoàn thành quá hạn" in err.value.message


def test_a_derived_percent_is_kept_beside_the_entered_one(approved, people, registry):
    plan = Task.objects.get(no="2").plan
    snv = registry["snv"]
    q1 = work_item("2", snv, seq=1)
    submit(people["officer_snv"], q1, today=date(2020, 4, 5), status="done", completed_on=date(2020, 3, 30))
    q2 = work_item("2", snv, seq=2)
    # One quarter of four done: the occurrences say 25 %; the agency reports 60 % on Q2.
    assert derived_for_work_item(q2) == 25
    report = submit(people["officer_snv"], q2, today=date(2020, 6, 1), status="in_progress", percent=60)
    assert (report.percent, report.percent_derived, report.percent_mode) == (60, 25, "manual")
    derived = submit(people["officer_snv"], q2, today=date(2020, 6, 2), status="in_progress", percent_mode="derived")
    assert derived.percent == 25
    from cchc.plans.selectors.tasks import task_detail

    detail = task_detail(user=people["secretariat"], task=Task.objects.get(plan=plan, no="2"))
    row = detail.lead[0]
    assert row.progress.manual == 25 and row.progress.derived == 25


def test_a_container_derives_its_percent_from_its_children(approved, plan_v1, people, registry):
    plan, _ = plan_v1
    child = work_item("II.2.1.a", registry["stp"])
    submit(people["officer_stp"], child, status="done", completed_on=date(2020, 6, 1))
    from cchc.plans.selectors.tasks import task_detail

    container = Task.objects.get(plan=plan, no="II.2.1")
    detail = task_detail(user=people["secretariat"], task=container)
    # Child a: 1 of 8 lead shares done (12.5 → 12 %); child b: 0 %.
    assert detail.progress.derived_from == "children" and detail.progress.derived == 6
    assert detail.progress.manual is None and not detail.progress.disagrees


def test_a_new_report_supersedes_one_still_waiting(approved, people, registry):
    item = work_item("1", registry["stp"])
    first = submit(people["officer_stp"], item, status="in_progress", percent=30)
    submit(people["officer_stp"], item, status="in_progress", percent=50)
    first.refresh_from_db()
    assert first.review == "superseded"
    with pytest.raises(Conflict) as err:
        progress_report_review(actor=people["secretariat"], report=first, decision="accept")
    assert err.value.code == "report_not_pending"


def test_cancelled_work_cannot_be_reported(approved, people, registry):
    from cchc.plans.services.tasks import task_cancel

    item = work_item("1", registry["stp"])
    task_cancel(actor=people["secretariat"], task=item.task, reason="Bỏ")
    with pytest.raises(Conflict) as err:
        submit(people["officer_stp"], WorkItem.objects.get(pk=item.pk), status="in_progress", percent=10)
    assert err.value.code == "work_item_cancelled"
