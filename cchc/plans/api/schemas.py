"""Schemas of the plan-execution API and the functions that fill them from models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from cchc.api.schemas import AUTH_ERRORS, READ_ERRORS, IsoDate, StrictIn
from cchc.plans.models import (
    Assignment,
    DeadlineChange,
    Evidence,
    Occurrence,
    ProgressReport,
    ProgressStatus,
    Recurrence,
    Review,
    Task,
    WorkItem,
)
from cchc.plans.rollup import Progress

# Authenticated reads: the standard errors plus 401/403.
READ_AUTH_ERRORS: dict[int, Any] = {**READ_ERRORS, **AUTH_ERRORS}

Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
StatusLit = Literal[tuple(ProgressStatus.values)]  # type: ignore[valid-type]
StatusInLit = Literal[(*ProgressStatus.values, "done")]  # type: ignore[valid-type]
RecurrenceLit = Literal[("", *Recurrence.values)]  # type: ignore[valid-type]
ReviewLit = Literal[tuple(Review.values)]  # type: ignore[valid-type]
RoleLit = Literal["lead", "coordinating"]
BucketLit = Literal["open", "all", "overdue", "at_risk", "on_track", "no_deadline", "closed"]
QueueStatusLit = Literal[(*ProgressStatus.values, "returned", "awaiting_review")]  # type: ignore[valid-type]


class AgencyRefOut(Schema):
    code: str
    name: str


def agency_ref(a: Any) -> dict[str, str]:
    return {"code": a.code, "name": a.name}


class ProgressOut(Schema):
    manual: int | None = Field(description="Tiến độ do cơ quan báo cáo (%).")
    derived: int | None = Field(description="Tiến độ tính từ nhiệm vụ con hoặc các kỳ (%).")
    derived_from: str
    disagrees: bool = Field(description="Hai con số khác nhau: hiển thị cả hai, không ghi đè.")


def progress_out(p: Progress) -> dict[str, Any]:
    return {"manual": p.manual, "derived": p.derived, "derived_from": p.derived_from, "disagrees": p.disagrees}


class AssignmentOut(Schema):
    id: int
    agency: AgencyRefOut
    role: RoleLit
    via_group: str | None
    written_as: str
    active: bool


def assignment_out(a: Assignment) -> dict[str, Any]:
    return {"id": a.pk, "agency": agency_ref(a.agency), "role": a.role,
            "via_group": a.via_group.code if a.via_group_id and a.via_group else None,
            "written_as": a.written_as, "active": a.active}


class OccurrenceOut(Schema):
    id: int
    seq: int
    label: str
    period_start: date | None
    period_end: date | None
    baseline_due: date | None
    due_date: date | None
    variance_days: int | None = Field(description="Số ngày hạn hiện hành sau (+) hoặc trước (−) hạn phê duyệt.")
    cancelled: bool


def occurrence_out(o: Occurrence) -> dict[str, Any]:
    return {"id": o.pk, "seq": o.seq, "label": o.label, "period_start": o.period_start, "period_end": o.period_end,
            "baseline_due": o.baseline_due, "due_date": o.due_date, "variance_days": o.variance_days,
            "cancelled": o.cancelled}


class TrackedTaskOut(Schema):
    id: int
    plan_id: int
    no: str
    content: str
    product: str
    source: str
    area_id: int | None
    area: str | None
    parent_id: int | None
    deadline_text: str
    recurrence: str
    recurrence_until: date | None
    baseline_due: date | None
    due_date: date | None
    variance_days: int | None
    state: str
    unresolved: list[str]


def task_out(t: Task) -> dict[str, Any]:
    return {"id": t.pk, "plan_id": t.plan_id, "no": t.no, "content": t.content, "product": t.product,
            "source": t.source, "area_id": t.area_id, "area": t.area.title if t.area_id and t.area else None,
            "parent_id": t.parent_id, "deadline_text": t.deadline_text, "recurrence": t.recurrence,
            "recurrence_until": t.recurrence_until, "baseline_due": t.baseline_due, "due_date": t.due_date,
            "variance_days": t.variance_days, "state": t.state, "unresolved": list(t.unresolved or [])}


class TrackedTaskListItemOut(TrackedTaskOut):
    lead: list[AssignmentOut]
    coordinating: list[AssignmentOut]
    work_items: int
    done: int
    overdue: int
    returned: int
    progress: ProgressOut


class TrackedTaskPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[TrackedTaskListItemOut]


class WorkItemOut(Schema):
    id: int
    task_id: int
    task_no: str
    task_content: str
    plan_id: int
    agency: AgencyRefOut
    role: RoleLit
    occurrence_seq: int
    period: str
    due_date: date | None
    status: StatusLit
    status_label: str
    percent: int | None
    review: ReviewLit
    is_open: bool
    cancelled: bool
    completed_on: date | None
    latest_report_id: int | None
    reported_at: datetime | None


def work_item_out(w: WorkItem) -> dict[str, Any]:
    return {"id": w.pk, "task_id": w.task_id, "task_no": w.task.no, "task_content": w.task.content,
            "plan_id": w.plan_id, "agency": agency_ref(w.agency), "role": w.role, "occurrence_seq": w.occurrence.seq,
            "period": w.occurrence.label, "due_date": w.due_date, "status": w.status,
            "status_label": str(w.get_status_display()), "percent": w.percent, "review": w.review,
            "is_open": w.is_open, "cancelled": w.cancelled, "completed_on": w.completed_on,
            "latest_report_id": w.latest_report_id, "reported_at": w.reported_at}


class AssignmentDetailOut(AssignmentOut):
    progress: ProgressOut
    work_items: list[WorkItemOut]


class DeadlineChangeOut(Schema):
    occurrence_seq: int
    old_due: date | None
    new_due: date | None
    baseline_due: date | None
    source: str
    reason: str
    changed_by: str | None
    changed_at: datetime


def deadline_change_out(c: DeadlineChange) -> dict[str, Any]:
    return {"occurrence_seq": c.occurrence.seq, "old_due": c.old_due, "new_due": c.new_due,
            "baseline_due": c.baseline_due, "source": c.source, "reason": c.reason,
            "changed_by": c.changed_by.get_username() if c.changed_by_id and c.changed_by else None,
            "changed_at": c.changed_at}


class ChildOut(Schema):
    id: int
    no: str
    content: str
    percent: int | None


class TrackedTaskDetailOut(TrackedTaskOut):
    occurrences: list[OccurrenceOut]
    assignments: list[AssignmentDetailOut]
    progress: ProgressOut
    children: list[ChildOut]
    deadline_changes: list[DeadlineChangeOut]


class TrackedTaskIn(StrictIn):
    content: str = Field(..., min_length=1, max_length=5000)
    lead: list[Code] = Field(..., min_length=1, max_length=200, description="Mã cơ quan hoặc nhóm cơ quan chủ trì.")
    coordinating: list[Code] = Field([], max_length=500, description="Mã cơ quan hoặc nhóm cơ quan phối hợp.")
    no: str = Field("", max_length=40)
    product: str = Field("", max_length=5000)
    area_id: int | None = Field(None, ge=1, le=2**53)
    parent_id: int | None = Field(None, ge=1, le=2**53)
    due_date: IsoDate | None = None
    deadline_text: str = Field("", max_length=255)
    recurrence: RecurrenceLit = ""
    recurrence_until: IsoDate | None = None


class TrackedTaskPatchIn(StrictIn):
    content: str | None = Field(None, min_length=1, max_length=5000)
    no: str | None = Field(None, max_length=40)
    product: str | None = Field(None, max_length=5000)
    area_id: int | None = Field(None, ge=1, le=2**53)
    parent_id: int | None = Field(None, ge=1, le=2**53)
    deadline_text: str | None = Field(None, max_length=255)
    reason: str = Field("", max_length=2000)


class RescheduleIn(StrictIn):
    due_date: IsoDate
    reason: str = Field(..., min_length=1, max_length=2000)
    occurrence_seq: int | None = Field(None, ge=1, le=1000, description="Kỳ cần điều chỉnh (nhiệm vụ định kỳ).")


class AssigneesIn(StrictIn):
    lead: list[Code] = Field(..., min_length=1, max_length=200)
    coordinating: list[Code] = Field([], max_length=500)


class TaskReasonIn(StrictIn):
    reason: str = Field(..., min_length=1, max_length=2000)


class ApproveOut(Schema):
    plan_id: int
    version: int
    created: int
    updated: int
    cancelled: int
    assignments: int
    occurrences: int
    work_items: int
    unresolved: list[str]


class CountOut(Schema):
    key: int | None
    label: str
    total: int
    done_on_time: int
    done_late: int
    not_feasible: int
    overdue: int
    at_risk: int
    on_track: int
    no_deadline: int
    returned: int
    awaiting_review: int
    done_percent: int
    on_time_percent: int


def count_out(r: Any) -> dict[str, Any]:
    names = ("key", "label", "total", "done_on_time", "done_late", "not_feasible", "overdue", "at_risk", "on_track",
             "no_deadline", "returned", "awaiting_review", "done_percent", "on_time_percent")
    return {n: getattr(r, n) for n in names}


class CountsOut(Schema):
    by: str
    today: date
    at_risk_days: int
    rows: list[CountOut]
    total: CountOut


class QueueItemOut(WorkItemOut):
    bucket: str
    working_days_left: int | None
    owed_by: list[AgencyRefOut] = Field(description="Cơ quan phối hợp còn nợ phần việc (dòng chủ trì).")
    leads: list[AgencyRefOut] = Field(description="Cơ quan chủ trì mà cơ quan này phối hợp (dòng phối hợp).")


class OwedOut(Schema):
    agency: AgencyRefOut
    open: int


class QueueOut(Schema):
    agency: AgencyRefOut
    today: date
    at_risk_days: int
    risk_end: date
    counts: dict[str, int]
    count: int
    limit: int
    offset: int
    items: list[QueueItemOut]
    owed_by: list[OwedOut]
    owes_to: list[OwedOut]


class EvidenceOut(Schema):
    id: int
    kind: Literal["file", "reference"]
    original_name: str
    file_type: str
    content_type: str
    size: int | None
    sha256: str
    doc_number: str
    doc_date: date | None
    doc_title: str
    created_at: datetime


def evidence_out(e: Evidence) -> dict[str, Any]:
    return {"id": e.pk, "kind": e.kind, "original_name": e.original_name, "file_type": e.file_type,
            "content_type": e.content_type, "size": e.size, "sha256": e.sha256, "doc_number": e.doc_number,
            "doc_date": e.doc_date, "doc_title": e.doc_title, "created_at": e.created_at}


class ReportOut(Schema):
    id: int
    work_item_id: int
    task_id: int
    agency: AgencyRefOut
    kind: Literal["contribution", "report"]
    status: StatusLit
    status_label: str
    percent: int | None
    percent_mode: Literal["manual", "derived"]
    percent_derived: int | None
    narrative: str
    reason: str
    completed_on: date | None
    review: ReviewLit
    review_reason: str
    reviewed_at: datetime | None
    submitted_at: datetime
    submitted_by: str | None
    channel: str
    contributions: list[int]
    evidence: list[EvidenceOut]


def report_out(r: ProgressReport) -> dict[str, Any]:
    return {"id": r.pk, "work_item_id": r.work_item_id, "task_id": r.task_id, "agency": agency_ref(r.agency),
            "kind": r.kind, "status": r.status, "status_label": str(r.get_status_display()), "percent": r.percent,
            "percent_mode": r.percent_mode, "percent_derived": r.percent_derived, "narrative": r.narrative,
            "reason": r.reason, "completed_on": r.completed_on, "review": r.review, "review_reason": r.review_reason,
            "reviewed_at": r.reviewed_at, "submitted_at": r.submitted_at,
            "submitted_by": r.submitted_by.get_username() if r.submitted_by_id and r.submitted_by else None,
            "channel": r.channel, "contributions": [c.pk for c in r.contributions.all()],
            "evidence": [evidence_out(e) for e in r.evidence.all()]}


class ReferenceInSchema(StrictIn):
    number: str = Field(..., min_length=1, max_length=80, description="Số, ký hiệu văn bản.")
    date: IsoDate
    title: str = Field("", max_length=500)


class ReportIn(StrictIn):
    status: StatusInLit = Field(..., description="Tình trạng; “done” = hoàn thành (đúng/quá hạn theo ngày).")
    percent: int | None = Field(None, ge=0, le=100)
    percent_mode: Literal["manual", "derived"] = "manual"
    narrative: str = Field("", max_length=20000)
    reason: str = Field("", max_length=20000, description="Bắt buộc khi không thực hiện được.")
    completed_on: IsoDate | None = None
    references: list[ReferenceInSchema] = Field([], max_length=20)


class ReviewIn(StrictIn):
    decision: Literal["accept", "return"]
    reason: str = Field("", max_length=20000, description="Bắt buộc khi trả lại.")


class ReportPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReportOut]


class SheetChangeOut(Schema):
    line: int
    work_item: int
    no: str
    task: str
    agency: str
    fields: dict[str, dict[str, Any]]


class SheetErrorOut(Schema):
    line: int
    work_item: int | None
    code: str
    message: str


class SheetResultOut(Schema):
    dry_run: bool
    applied: bool
    rows: int
    unchanged: int
    changes: list[SheetChangeOut]
    errors: list[SheetErrorOut]
