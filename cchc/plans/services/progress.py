"""Progress reports: an agency reports on its work item, the lead consolidates, the secretariat reviews.

- A coordinating agency's report is a *contribution*; a lead agency's report consolidates the
  contributions submitted so far for the same occurrence and goes to the secretariat.
- The secretariat accepts or returns a lead report (with a reason); a returned report counts as
  not done, so the work item is open again. Reviews are guarded by a conditional UPDATE: of two
  concurrent reviews exactly one wins, the other gets a Conflict.
- Nothing is written when anything is refused, evidence included (all checks run first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.common.text import clean
from cchc.plans import rollup
from cchc.plans.access import is_manager
from cchc.plans.models import ProgressReport, ProgressStatus, Review, Role, Task, WorkItem
from cchc.plans.services.evidence import (
    FileIn,
    ReferenceIn,
    check_file,
    check_reference,
    store_file,
    store_reference,
)
from cchc.plans.services.tasks import plan_bounds

PERCENT_MESSAGES = {
    "percent_out_of_range": "Tiến độ phải từ 0 đến 100%.",
    "percent_status_mismatch": "Tiến độ không khớp tình trạng: hoàn thành là 100%, chưa thực hiện là 0%.",
}
MAX_TEXT = 20_000


@dataclass(frozen=True)
class ReportInput:
    """What an agency reports. ``status`` is one of the five statuses, or "done" (on time or late
    is then decided from the completion date and the due date)."""

    status: str
    percent: int | None = None
    percent_mode: str = ProgressReport.PercentMode.MANUAL
    narrative: str = ""
    reason: str = ""
    completed_on: date | None = None
    references: Sequence[ReferenceIn] = field(default_factory=tuple)
    files: Sequence[FileIn] = field(default_factory=tuple)


def _require_reporter(actor: Any, item: WorkItem) -> None:
    if actor is None:
        return
    if not actor.has_perm("plans.report_progress") or actor.agency_id != item.agency_id:
        raise PermissionDenied(
            "Nhiệm vụ này không giao cho cơ quan của bạn: chỉ cơ quan được giao mới báo cáo được.",
            code="task_not_assigned",
        )


def _resolve_status(data: ReportInput, item: WorkItem, today: date) -> tuple[str, date | None]:
    """The stored status and completion date, after the checks a person can act on."""
    status = data.status
    if status not in (*rollup.STATUSES, rollup.DONE):
        raise ValidationFailed(f"Tình trạng “{status}” không hợp lệ.", code="invalid_status")
    completed_on = data.completed_on
    start, _end = plan_bounds(item.plan)
    if status in (rollup.DONE, *rollup.FINISHED):
        completed_on = completed_on or today
        if completed_on > today:
            raise ValidationFailed(f"Ngày hoàn thành {completed_on:%d/%m/%Y} ở tương lai.", code="date_in_future")
        if completed_on < start:
            raise ValidationFailed(
                f"Ngày hoàn thành {completed_on:%d/%m/%Y} nằm trước thời gian thực hiện kế hoạch (từ {start:%d/%m/%Y}).",
                code="date_outside_plan_period")
        computed = rollup.completion_status(completed_on, item.due_date)
        if status != rollup.DONE and status != computed:
            due = f"{item.due_date:%d/%m/%Y}" if item.due_date else "—"
            raise ValidationFailed(
                f"Tình trạng “{ProgressStatus(status).label}” không khớp ngày hoàn thành {completed_on:%d/%m/%Y} "
                f"(hạn {due}): đó là “{ProgressStatus(computed).label}”.", code="completion_status_mismatch")
        status = computed
    else:
        if completed_on is not None:
            raise ValidationFailed("Chỉ ghi ngày hoàn thành khi nhiệm vụ đã hoàn thành.", code="completed_on_not_allowed")
    if status == rollup.NOT_FEASIBLE and not clean(data.reason or ""):
        raise ValidationFailed("Cần nêu lý do không thực hiện được.", code="reason_required")
    return status, completed_on


@transaction.atomic
def progress_report_submit(*, actor: Any, work_item: WorkItem, data: ReportInput,
                           channel: str = ProgressReport.Channel.WEB, today: date | None = None) -> ProgressReport:
    """Record a report on one work item (and its evidence), update the item, consolidate contributions.

    Refused without writing anything when: the work item is not the actor's agency's
    (``task_not_assigned``), the task or item was cancelled, the item was already accepted, a date
    is outside the plan period or in the future, the percent contradicts the status, or any
    evidence file is of a forbidden type or too large.
    """
    from cchc.plans.selectors.progress import derived_for_work_item

    today = today or timezone.localdate()
    item = (WorkItem.objects.select_for_update(of=("self",)).select_related("plan", "task", "occurrence")
            .get(pk=work_item.pk))
    _require_reporter(actor, item)
    if item.cancelled or item.task.state != Task.State.ACTIVE:
        raise Conflict("Phần việc này đã bị bỏ (nhiệm vụ bãi bỏ hoặc cơ quan không còn được giao).",
                       code="work_item_cancelled")
    if item.review == Review.ACCEPTED:
        raise Conflict("Báo cáo của phần việc này đã được chấp nhận; không báo cáo lại.", code="report_already_accepted")
    status, completed_on = _resolve_status(data, item, today)
    derived = derived_for_work_item(item)
    if data.percent_mode not in ProgressReport.PercentMode.values:
        raise ValidationFailed("Cách xác định tiến độ không hợp lệ.", code="invalid_percent_mode")
    percent = data.percent
    if data.percent_mode == ProgressReport.PercentMode.DERIVED:
        if derived is None:
            raise ValidationFailed("Nhiệm vụ không có nhiệm vụ con hay nhiều kỳ để tính tiến độ.",
                                   code="nothing_to_derive")
        percent = derived
    if percent is None and status in rollup.FINISHED:
        percent = 100
    if percent is None and status == rollup.NOT_STARTED:
        percent = 0
    problem = rollup.check_percent(status, percent)
    if problem:
        raise ValidationFailed(PERCENT_MESSAGES[problem], code=problem)
    narrative, reason = clean(data.narrative or "")[:MAX_TEXT], clean(data.reason or "")[:MAX_TEXT]
    checked_files = [check_file(f) for f in data.files]
    for ref in data.references:
        check_reference(ref, today=today)

    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    kind = ProgressReport.Kind.REPORT if item.role == Role.LEAD else ProgressReport.Kind.CONTRIBUTION
    # A newer report replaces one still waiting: the reviewer then reviews the newer one.
    ProgressReport.objects.filter(work_item=item, review=Review.SUBMITTED).update(review=Review.SUPERSEDED)
    report = ProgressReport.objects.create(
        work_item=item, task=item.task, agency_id=item.agency_id, kind=kind, status=status, percent=percent,
        percent_mode=data.percent_mode, percent_derived=derived, narrative=narrative,
        reason=reason if status == rollup.NOT_FEASIBLE else "", completed_on=completed_on,
        review=Review.SUBMITTED, submitted_by=user, submitted_at=now, channel=channel,
    )
    consolidated: list[int] = []
    if kind == ProgressReport.Kind.REPORT:
        latest = WorkItem.objects.filter(occurrence_id=item.occurrence_id, role=Role.COORDINATING, cancelled=False,
                                         latest_report=OuterRef("pk"))
        contributions = ProgressReport.objects.filter(
            Exists(latest), review__in=[Review.SUBMITTED, Review.CONSOLIDATED],
        )
        consolidated = list(contributions.values_list("pk", flat=True))
        if consolidated:
            report.contributions.set(consolidated)
            ProgressReport.objects.filter(pk__in=consolidated, review=Review.SUBMITTED).update(review=Review.CONSOLIDATED)
    for f in checked_files:
        store_file(report=report, checked=f, actor=user)
    for ref in data.references:
        store_reference(report=report, ref=ref, actor=user)
    WorkItem.objects.filter(pk=item.pk).update(
        status=status, percent=percent, completed_on=completed_on, review=Review.SUBMITTED,
        is_open=rollup.is_open(status, Review.SUBMITTED), latest_report=report, reported_at=now, updated_at=now,
    )
    record_event(actor=actor, verb="progress.submit", subject=report,
                 data={"work_item": item.pk, "task": item.task_id, "agency": item.agency_id, "kind": kind,
                       "status": status, "percent": percent, "percent_derived": derived, "channel": channel,
                       "files": len(checked_files), "references": len(data.references),
                       "consolidated": consolidated})
    return report


def _require_reviewer(actor: Any, report: ProgressReport) -> None:
    if actor is None or is_manager(actor):
        return
    if report.kind == ProgressReport.Kind.CONTRIBUTION and actor.has_perm("plans.report_progress"):
        # The lead agency may return a contribution it cannot use.
        if WorkItem.objects.filter(occurrence_id=report.work_item.occurrence_id, agency_id=actor.agency_id,
                                   role=Role.LEAD, cancelled=False).exists():
            return
    raise PermissionDenied("Chỉ Thường trực CCHC (hoặc cơ quan chủ trì, với báo cáo phối hợp) được duyệt báo cáo.",
                           code="review_forbidden")


@transaction.atomic
def progress_report_review(*, actor: Any, report: ProgressReport, decision: str, reason: str = "") -> ProgressReport:
    """Accept or return (with a reason) a submitted report. Guarded: exactly one of concurrent reviews wins."""
    if decision not in ("accept", "return"):
        raise ValidationFailed("Quyết định phải là chấp nhận hoặc trả lại.", code="invalid_decision")
    report = ProgressReport.objects.select_related("work_item").get(pk=report.pk)
    _require_reviewer(actor, report)
    # Lock order as in progress_report_submit (work item, then reports), so a review racing a new report
    # waits instead of deadlocking on PostgreSQL.
    WorkItem.objects.select_for_update().filter(pk=report.work_item_id).first()
    reason = clean(reason or "")[:MAX_TEXT]
    if decision == "return" and not reason:
        raise ValidationFailed("Cần nêu lý do trả lại báo cáo.", code="reason_required")
    if decision == "accept" and report.kind == ProgressReport.Kind.CONTRIBUTION and not (actor is None or is_manager(actor)):
        raise PermissionDenied("Cơ quan chủ trì tổng hợp đóng góp vào báo cáo của mình, không chấp nhận riêng.",
                               code="review_forbidden")
    new = Review.ACCEPTED if decision == "accept" else Review.RETURNED
    pending = [Review.SUBMITTED] if report.kind == ProgressReport.Kind.REPORT else [Review.SUBMITTED, Review.CONSOLIDATED]
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    # The guard: the row changes only if it is still waiting, whatever another request did meanwhile.
    won = ProgressReport.objects.filter(pk=report.pk, review__in=pending).update(
        review=new, review_reason=reason if new == Review.RETURNED else "", reviewed_by=user, reviewed_at=now)
    if not won:
        raise Conflict("Báo cáo này đã được duyệt, trả lại hoặc thay bằng báo cáo mới hơn.", code="report_not_pending")
    WorkItem.objects.filter(pk=report.work_item_id, latest_report=report).update(
        review=new, is_open=rollup.is_open(report.status, new), updated_at=now)
    report.refresh_from_db()
    record_event(actor=actor, verb="progress.accept" if new == Review.ACCEPTED else "progress.return", subject=report,
                 reason=reason, data={"work_item": report.work_item_id, "task": report.task_id,
                                      "agency": report.agency_id, "status": report.status})
    return report
