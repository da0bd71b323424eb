"""Plan execution API: approve a version, tasks (read, add, edit, reschedule, assign, cancel), the
agency queue, work items, counts per area/agency, and the progress spreadsheet export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Schema, Status

from cchc.api.auth import AUTH
from cchc.api.schemas import WRITE_ERRORS
from cchc.common.errors import NotFound
from cchc.plans import selectors, sheet
from cchc.plans.access import agency_scope, require_manager
from cchc.plans.api.base import router
from cchc.plans.api.schemas import (
    READ_AUTH_ERRORS,
    ApproveOut,
    AssigneesIn,
    BucketLit,
    Code,
    CountsOut,
    QueueOut,
    QueueStatusLit,
    RescheduleIn,
    RoleLit,
    TaskReasonIn,
    TrackedTaskDetailOut,
    TrackedTaskIn,
    TrackedTaskOut,
    TrackedTaskPageOut,
    TrackedTaskPatchIn,
    WorkItemOut,
    agency_ref,
    assignment_out,
    count_out,
    deadline_change_out,
    occurrence_out,
    progress_out,
    task_out,
    work_item_out,
)
from cchc.plans.models import Occurrence, PlanVersion, WorkItem
from cchc.plans.selectors.queue import QueueFilters, queue, resolve_agency
from cchc.plans.selectors.sheet import sheet_rows
from cchc.plans.selectors.stats import progress_counts
from cchc.plans.selectors.tasks import plan_tasks, task_detail, task_get
from cchc.plans.services.generation import plan_version_approve
from cchc.plans.services.tasks import (
    TaskInput,
    task_cancel,
    task_create,
    task_reschedule,
    task_set_assignees,
    task_update,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_RESPONSE = {"responses": {200: {"description": "Bảng tính Excel (.xlsx)", "content": {
    XLSX: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.post("/plans/{plan_id}/versions/{number}/approve", auth=AUTH, response={200: ApproveOut, **WRITE_ERRORS},
             summary="Phê duyệt phiên bản làm mốc cơ sở và tạo nhiệm vụ")
def approve_version(request: HttpRequest, plan_id: int, number: int):
    """The secretariat approves a version: it becomes the baseline and its key tasks, content items and
    duties become tracked tasks with assignments (groups expanded) and occurrences. An amended version
    approved later reconciles the tasks (409 if already approved or older than the baseline)."""
    require_manager(request.user, code="plan_approve_forbidden",
                    message="Chỉ Thường trực CCHC hoặc quản trị viên được phê duyệt kế hoạch.")
    plan = selectors.plan_get(pk=plan_id)
    version = PlanVersion.objects.filter(plan=plan, number=number).first()
    if version is None:
        raise NotFound("Không tìm thấy phiên bản kế hoạch.", code="version_not_found")
    r = plan_version_approve(actor=request.user, version=version)
    return {"plan_id": plan.pk, "version": version.number, "created": r.created, "updated": r.updated,
            "cancelled": r.cancelled, "assignments": r.assignments, "occurrences": r.occurrences,
            "work_items": r.work_items, "unresolved": r.unresolved}


class TaskFilters(Schema):
    area: int | None = Field(None, ge=1, le=2**53, description="Lĩnh vực.")
    q: str = Field("", max_length=200, description="Tìm trong nội dung, không phân biệt dấu.")
    include_cancelled: bool = False
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get("/plans/{plan_id}/tasks", auth=AUTH, response={200: TrackedTaskPageOut, **READ_AUTH_ERRORS},
            summary="Nhiệm vụ của kế hoạch")
def list_tasks(request: HttpRequest, plan_id: int, filters: Query[TaskFilters]):
    """Tasks in plan order with their assignments and work-item counts. An agency sees only the tasks it is
    assigned to; the secretariat sees all."""
    plan = selectors.plan_get(pk=plan_id)
    page = plan_tasks(user=request.user, plan=plan, area_id=filters.area, q=filters.q,
                      include_cancelled=filters.include_cancelled, limit=filters.limit, offset=filters.offset)
    items = []
    for r in page.rows:
        items.append({**task_out(r.task), "lead": [assignment_out(a) for a in r.lead],
                      "coordinating": [assignment_out(a) for a in r.coordinating], "work_items": r.total,
                      "done": r.done, "overdue": r.overdue, "returned": r.returned,
                      "progress": progress_out(r.progress)})
    return {"count": page.total, "limit": page.limit, "offset": page.offset, "items": items}


@router.post("/plans/{plan_id}/tasks", auth=AUTH, response={201: TrackedTaskOut, **WRITE_ERRORS},
             summary="Thêm nhiệm vụ thủ công")
def create_task(request: HttpRequest, plan_id: int, body: TrackedTaskIn):
    """Add a task by hand (secretariat). ``lead``/``coordinating`` are agency or group codes; groups expand
    into one assignment per member agency. Dates must fall within the plan period."""
    require_manager(request.user)
    plan = selectors.plan_get(pk=plan_id)
    task = task_create(actor=request.user, plan=plan, data=TaskInput(
        content=body.content, lead=tuple(body.lead), coordinating=tuple(body.coordinating), no=body.no,
        product=body.product, area_id=body.area_id, parent_id=body.parent_id, due_date=body.due_date,
        deadline_text=body.deadline_text, recurrence=body.recurrence, recurrence_until=body.recurrence_until))
    return Status(201, task_out(task))


class CountFilters(Schema):
    by: str = Field("area", pattern="^(area|agency)$", description="Nhóm theo lĩnh vực (area) hoặc cơ quan (agency).")
    role: RoleLit | None = Field("lead", description="Chỉ tính phần việc của vai trò này (mặc định: chủ trì).")
    at_risk_days: int | None = Field(None, ge=0, le=60)


@router.get("/plans/{plan_id}/progress", auth=AUTH, response={200: CountsOut, **READ_AUTH_ERRORS},
            summary="Số liệu thực hiện theo lĩnh vực hoặc cơ quan")
def plan_progress(request: HttpRequest, plan_id: int, filters: Query[CountFilters]):
    """Work items done on time, done late, not feasible, overdue, at risk, on track, without deadline, per
    content area or agency (an agency sees its own figures only)."""
    from django.utils import timezone

    from cchc.plans import conf

    plan = selectors.plan_get(pk=plan_id)
    rows, total = progress_counts(by=filters.by, user=request.user, plan=plan, role=filters.role,
                                  at_risk_days=filters.at_risk_days)
    days = conf.at_risk_days() if filters.at_risk_days is None else filters.at_risk_days
    return {"by": filters.by, "today": timezone.localdate(), "at_risk_days": days,
            "rows": [count_out(r) for r in rows], "total": count_out(total)}


@router.get("/tasks/{task_id}", auth=AUTH, response={200: TrackedTaskDetailOut, **READ_AUTH_ERRORS},
            summary="Một nhiệm vụ: kỳ, phân công, tiến độ, điều chỉnh hạn")
def get_task(request: HttpRequest, task_id: int):
    """A task with its occurrences (baseline vs current deadline), assignments and their work items, progress
    (reported and derived), children and deadline history. 404 for a task not assigned to the reader's agency."""
    task = task_get(user=request.user, pk=task_id)
    d = task_detail(user=request.user, task=task)
    assignments = []
    for row in d.lead + d.coordinating:
        items = []
        for w in row.items.values():
            w.task, w.agency = task, row.assignment.agency
            w.occurrence = next(o for o in d.occurrences if o.pk == w.occurrence_id)
            items.append(work_item_out(w))
        assignments.append({**assignment_out(row.assignment), "progress": progress_out(row.progress),
                            "work_items": items})
    return {**task_out(task), "occurrences": [occurrence_out(o) for o in d.occurrences], "assignments": assignments,
            "progress": progress_out(d.progress),
            "children": [{"id": k.pk, "no": k.no, "content": k.content, "percent": p} for k, p in d.children],
            "deadline_changes": [deadline_change_out(c) for c in d.deadline_changes]}


@router.patch("/tasks/{task_id}", auth=AUTH, response={200: TrackedTaskOut, **WRITE_ERRORS}, summary="Sửa nhiệm vụ")
def patch_task(request: HttpRequest, task_id: int, body: TrackedTaskPatchIn):
    """Edit wording, number, product, area or parent (secretariat). Deadlines change through /reschedule."""
    require_manager(request.user)
    task = task_get(user=request.user, pk=task_id)
    changes = body.model_dump(exclude_unset=True)
    reason = changes.pop("reason", "")
    for key in ("content", "no", "product", "deadline_text"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    task = task_update(actor=request.user, task=task, changes=changes, reason=reason)
    return task_out(task)


@router.post("/tasks/{task_id}/reschedule", auth=AUTH, response={200: TrackedTaskOut, **WRITE_ERRORS},
             summary="Điều chỉnh thời hạn (giữ lịch sử so với mốc phê duyệt)")
def reschedule_task(request: HttpRequest, task_id: int, body: RescheduleIn):
    """Change a deadline with a reason; the approved baseline stays and the change shows as a variance."""
    require_manager(request.user)
    task = task_get(user=request.user, pk=task_id)
    occurrence = None
    if body.occurrence_seq is not None:
        occurrence = Occurrence.objects.filter(task=task, seq=body.occurrence_seq).first()
        if occurrence is None:
            raise NotFound("Không tìm thấy kỳ thực hiện này của nhiệm vụ.", code="occurrence_not_found")
    task_reschedule(actor=request.user, task=task, due_date=body.due_date, reason=body.reason, occurrence=occurrence)
    task.refresh_from_db()
    return task_out(task)


@router.put("/tasks/{task_id}/assignees", auth=AUTH, response={200: TrackedTaskOut, **WRITE_ERRORS},
            summary="Giao cơ quan chủ trì, phối hợp")
def set_assignees(request: HttpRequest, task_id: int, body: AssigneesIn):
    """Replace the lead and coordinating agencies (codes of agencies or groups; groups expanded)."""
    require_manager(request.user)
    task = task_get(user=request.user, pk=task_id)
    task = task_set_assignees(actor=request.user, task=task, lead=body.lead, coordinating=body.coordinating)
    return task_out(task)


@router.post("/tasks/{task_id}/cancel", auth=AUTH, response={200: TrackedTaskOut, **WRITE_ERRORS},
             summary="Bãi bỏ nhiệm vụ")
def cancel_task(request: HttpRequest, task_id: int, body: TaskReasonIn):
    """Stop tracking a task (its reports stay). 409 if it was already cancelled."""
    require_manager(request.user)
    task = task_get(user=request.user, pk=task_id)
    return task_out(task_cancel(actor=request.user, task=task, reason=body.reason))


class QueueQuery(Schema):
    agency: Code | None = Field(None, description="Mã cơ quan (Thường trực CCHC); cán bộ chỉ xem cơ quan mình.")
    bucket: BucketLit = Field("open", description="open, overdue, at_risk, on_track, no_deadline, closed, all.")
    plan: int | None = Field(None, ge=1, le=2**53)
    status: QueueStatusLit | None = None
    role: RoleLit | None = None
    area: int | None = Field(None, ge=1, le=2**53)
    at_risk_days: int | None = Field(None, ge=0, le=60, description="Ngưỡng “sắp đến hạn”, ngày làm việc.")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get("/queue", auth=AUTH, response={200: QueueOut, **READ_AUTH_ERRORS}, summary="Việc của cơ quan")
def agency_queue(request: HttpRequest, filters: Query[QueueQuery]):
    """An agency's work items: overdue, at risk (within N working days, by the agency's calendar), on track;
    with what each coordinating agency still owes the lead. 403 for another agency's queue."""
    page = queue(user=request.user, agency_code=filters.agency, at_risk_days=filters.at_risk_days,
                 filters=QueueFilters(plan_id=filters.plan, status=filters.status, role=filters.role,
                                      area_id=filters.area, bucket=filters.bucket),
                 limit=filters.limit, offset=filters.offset)
    items = []
    for r in page.rows:
        r.item.agency = page.agency
        items.append({**work_item_out(r.item), "bucket": r.bucket, "working_days_left": r.working_days_left,
                      "owed_by": [agency_ref(p.agency) for p in r.owed_by],
                      "leads": [agency_ref(p.agency) for p in r.leads]})
    return {"agency": agency_ref(page.agency), "today": page.today, "at_risk_days": page.at_risk_days,
            "risk_end": page.risk_end, "counts": page.counts, "count": page.total, "limit": page.limit,
            "offset": page.offset, "items": items,
            "owed_by": [{"agency": agency_ref(a), "open": n} for a, n in page.owed_by],
            "owes_to": [{"agency": agency_ref(a), "open": n} for a, n in page.owes_to]}


@router.get("/work-items/{work_item_id}", auth=AUTH, response={200: WorkItemOut, **READ_AUTH_ERRORS},
            summary="Một phần việc")
def get_work_item(request: HttpRequest, work_item_id: int):
    """One agency's share of one occurrence of a task (404 if it is another agency's)."""
    qs = WorkItem.objects.select_related("task", "agency", "occurrence")
    scope = agency_scope(request.user)
    if scope is not None:
        qs = qs.filter(agency_id=scope)
    item = qs.filter(pk=work_item_id).first()
    if item is None:
        raise NotFound(f"Không tìm thấy phần việc số {work_item_id}.", code="work_item_not_found")
    return work_item_out(item)


class ExportQuery(Schema):
    agency: Code | None = Field(None, description="Mã cơ quan (Thường trực CCHC).")


def _xlsx(rows: list[dict], name: str) -> HttpResponse:
    response = HttpResponse(sheet.write(rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/plans/{plan_id}/progress.xlsx", auth=AUTH, response={**READ_AUTH_ERRORS},
            openapi_extra=XLSX_RESPONSE, summary="Xuất tiến độ của kế hoạch ra Excel")
def export_plan(request: HttpRequest, plan_id: int, filters: Query[ExportQuery]):
    """The plan's work items as an XLSX to update offline and re-import (an agency gets its own rows)."""
    plan = selectors.plan_get(pk=plan_id)
    agency_id = resolve_agency(user=request.user, agency_code=filters.agency).pk if filters.agency else None
    return _xlsx(sheet_rows(user=request.user, agency_id=agency_id, plan=plan), f"tien-do-ke-hoach-{plan.pk}.xlsx")


@router.get("/queue.xlsx", auth=AUTH, response={**READ_AUTH_ERRORS}, openapi_extra=XLSX_RESPONSE,
            summary="Xuất việc của cơ quan ra Excel")
def export_queue(request: HttpRequest, filters: Query[ExportQuery]):
    """Every work item of the agency (all plans) as an XLSX to update offline and re-import."""
    agency = resolve_agency(user=request.user, agency_code=filters.agency)
    return _xlsx(sheet_rows(user=request.user, agency_id=agency.pk), f"tien-do-{agency.code}.xlsx")
