"""Tasks by hand: create, edit, reschedule (kept as history against the baseline), assign, cancel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from cchc.common.errors import Conflict, NotFound, ValidationFailed
from cchc.common.events import record_event
from cchc.common.text import clean
from cchc.org.models import Agency, AgencyGroup
from cchc.plans.access import require_manager
from cchc.plans.models import Area, Assignment, DeadlineChange, Occurrence, Plan, Recurrence, Task, WorkItem
from cchc.plans.recurrence import expand
from cchc.plans.services.materialise import (
    GroupExpander,
    Ref,
    occurrences_from,
    refresh_work_items,
    sync_assignments,
    targets_for,
    task_due,
)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def plan_bounds(plan: Plan) -> tuple[date, date]:
    """The plan's period; a plan not yet approved runs over its year."""
    if plan.period_start and plan.period_end:
        return plan.period_start, plan.period_end
    from cchc.plans.services.generation import plan_period

    version = plan.versions.order_by("-number").first()
    if version is None:
        raise ValidationFailed("Kế hoạch chưa có phiên bản nào.", code="plan_has_no_version")
    return plan_period(plan, version)


def check_in_period(plan: Plan, day: date | None, *, what: str = "Thời hạn") -> None:
    """Refuse a date outside the plan's period (``date_outside_plan_period``)."""
    if day is None:
        return
    start, end = plan_bounds(plan)
    if not start <= day <= end:
        raise ValidationFailed(
            f"{what} {day:%d/%m/%Y} nằm ngoài thời gian thực hiện kế hoạch ({start:%d/%m/%Y} – {end:%d/%m/%Y}).",
            code="date_outside_plan_period", details={"date": day.isoformat(), "start": start.isoformat(),
                                                      "end": end.isoformat()},
        )


def _refs(plan: Plan, codes: tuple[str, ...] | list[str]) -> list[Ref]:
    """Agency or group codes → refs; an unknown code or an agency that did not exist in the plan's period is refused."""
    start, end = plan_bounds(plan)
    refs = []
    for code in codes:
        code = (code or "").strip()
        if not code:
            continue
        agency = Agency.objects.filter(code=code).first()
        if agency is not None:
            if agency.valid_from > end or (agency.valid_to is not None and agency.valid_to < start):
                raise ValidationFailed(f"“{agency.name}” không tồn tại trong thời gian thực hiện kế hoạch.",
                                       code="agency_not_current")
            refs.append(Ref(agency.name, agency.pk))
            continue
        group = AgencyGroup.objects.filter(code=code).first()
        if group is None:
            raise ValidationFailed(f"Không có cơ quan hay nhóm cơ quan mã “{code}”.", code="unknown_agency")
        refs.append(Ref(group.name, None, group))
    return refs


@dataclass(frozen=True)
class TaskInput:
    """A task added by hand. ``lead``/``coordinating`` are agency or group codes."""

    content: str
    lead: tuple[str, ...]
    coordinating: tuple[str, ...] = ()
    no: str = ""
    product: str = ""
    area_id: int | None = None
    parent_id: int | None = None
    due_date: date | None = None
    deadline_text: str = ""
    recurrence: str = ""
    recurrence_until: date | None = None


def _check_links(plan: Plan, area_id: int | None, parent_id: int | None, task: Task | None = None) -> None:
    if area_id is not None and not Area.objects.filter(pk=area_id, plan=plan).exists():
        raise ValidationFailed("Lĩnh vực không thuộc kế hoạch này.", code="area_not_in_plan")
    if parent_id is not None:
        if not Task.objects.filter(pk=parent_id, plan=plan).exists():
            raise ValidationFailed("Nhiệm vụ cha không thuộc kế hoạch này.", code="parent_not_in_plan")
        if task is not None and parent_id == task.pk:
            raise ValidationFailed("Nhiệm vụ không thể là cha của chính nó.", code="parent_cycle")


@transaction.atomic
def task_create(*, actor: Any, plan: Plan, data: TaskInput) -> Task:
    """Add a task by hand, with its occurrences, assignments (groups expanded) and work items.

    Its baseline is the deadline it is created with: later changes show as variances from it.
    """
    require_manager(actor)
    content = clean(data.content)
    if not content:
        raise ValidationFailed("Nội dung nhiệm vụ là bắt buộc.", code="content_required")
    if data.recurrence not in {"", *Recurrence.values}:
        raise ValidationFailed(f"Kiểu lặp lại “{data.recurrence}” không hợp lệ.", code="invalid_recurrence")
    check_in_period(plan, data.due_date)
    check_in_period(plan, data.recurrence_until, what="Ngày kết thúc lặp lại")
    _check_links(plan, data.area_id, data.parent_id)
    lead, coord = _refs(plan, data.lead), _refs(plan, data.coordinating)
    if not lead:
        raise ValidationFailed("Cần ít nhất một cơ quan chủ trì.", code="lead_required")
    start, end = plan_bounds(plan)
    slots = expand(data.recurrence, deadline=data.due_date, period_start=start, period_end=end,
                   until=data.recurrence_until)
    due = task_due(slots)
    order = (plan.tasks.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    task = Task.objects.create(
        plan=plan, version=plan.baseline, source=Task.Source.MANUAL, source_key=f"mn:{uuid.uuid4().hex}",
        area_id=data.area_id, parent_id=data.parent_id, order=order, no=clean(data.no)[:40], content=content,
        product=clean(data.product), deadline_text=clean(data.deadline_text)[:255], recurrence=data.recurrence,
        recurrence_until=data.recurrence_until, baseline_due=due, due_date=due, created_by=_user(actor),
    )
    Occurrence.objects.bulk_create(occurrences_from(task, slots))
    targets, unresolved = targets_for(lead, coord, GroupExpander(start))
    sync_assignments(task, targets, [])
    refresh_work_items(plan, task_ids=[task.pk])
    record_event(actor=actor, verb="task.create", subject=task,
                 data={"plan": plan.pk, "no": task.no, "due_date": due.isoformat() if due else None,
                       "lead": list(data.lead), "coordinating": list(data.coordinating)})
    return task


EDITABLE = ("content", "no", "product", "area_id", "parent_id", "deadline_text")


@transaction.atomic
def task_update(*, actor: Any, task: Task, changes: dict[str, Any], reason: str = "") -> Task:
    """Edit a task's wording, number, product, area or parent. Deadlines change through ``task_reschedule``."""
    require_manager(actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationFailed(f"Không sửa được trường: {', '.join(sorted(unknown))}.", code="field_not_editable")
    task = Task.objects.select_for_update().get(pk=task.pk)
    if "content" in changes and not clean(changes["content"] or ""):
        raise ValidationFailed("Nội dung nhiệm vụ là bắt buộc.", code="content_required")
    _check_links(task.plan, changes.get("area_id"), changes.get("parent_id"), task)
    diff = {}
    for name, value in changes.items():
        if isinstance(value, str):
            value = clean(value)
        if getattr(task, name) != value:
            diff[name] = {"old": getattr(task, name), "new": value}
            setattr(task, name, value)
    if not diff:
        return task
    task.save()
    if "area_id" in diff:
        WorkItem.objects.filter(task=task).update(area_id=task.area_id)
    record_event(actor=actor, verb="task.update", subject=task, reason=reason,
                 data={k: {"old": str(v["old"] or ""), "new": str(v["new"] or "")} for k, v in diff.items()})
    return task


@transaction.atomic
def task_reschedule(*, actor: Any, task: Task, due_date: date, reason: str,
                    occurrence: Occurrence | None = None) -> DeadlineChange:
    """Change a deadline. The baseline stays; the change is kept as history and shown as a variance."""
    require_manager(actor)
    if not clean(reason or ""):
        raise ValidationFailed("Cần nêu lý do điều chỉnh thời hạn.", code="reason_required")
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.state != Task.State.ACTIVE:
        raise Conflict("Nhiệm vụ đã bãi bỏ, không điều chỉnh thời hạn.", code="task_cancelled")
    check_in_period(task.plan, due_date)
    active = list(task.occurrences.filter(cancelled=False).select_for_update())
    if occurrence is None:
        if len(active) != 1:
            raise ValidationFailed("Nhiệm vụ định kỳ: hãy chọn kỳ cần điều chỉnh thời hạn.", code="occurrence_required")
        occ = active[0]
    else:
        occ = next((o for o in active if o.pk == occurrence.pk), None)
        if occ is None:
            raise NotFound("Không tìm thấy kỳ thực hiện này của nhiệm vụ.", code="occurrence_not_found")
    if occ.due_date == due_date:
        raise ValidationFailed("Thời hạn mới trùng thời hạn hiện hành.", code="deadline_unchanged")
    change = DeadlineChange.objects.create(task=task, occurrence=occ, old_due=occ.due_date, new_due=due_date,
                                           baseline_due=occ.baseline_due, reason=clean(reason),
                                           changed_by=_user(actor))
    old = occ.due_date
    occ.due_date = due_date
    occ.save(update_fields=["due_date"])
    WorkItem.objects.filter(occurrence=occ).update(due_date=due_date)
    task.due_date = task_due(active)
    task.save(update_fields=["due_date", "updated_at"])
    variance = (due_date - occ.baseline_due).days if occ.baseline_due else None
    record_event(actor=actor, verb="task.reschedule", subject=task, reason=clean(reason),
                 data={"occurrence": occ.seq, "old": old.isoformat() if old else None, "new": due_date.isoformat(),
                       "baseline": occ.baseline_due.isoformat() if occ.baseline_due else None,
                       "variance_days": variance})
    return change


@transaction.atomic
def task_set_assignees(*, actor: Any, task: Task, lead: tuple[str, ...] | list[str],
                       coordinating: tuple[str, ...] | list[str] = ()) -> Task:
    """Replace the task's lead and coordinating agencies (codes of agencies or groups; groups expanded)."""
    require_manager(actor)
    task = Task.objects.select_for_update(of=("self",)).select_related("plan").get(pk=task.pk)
    lead_refs, coord_refs = _refs(task.plan, lead), _refs(task.plan, coordinating)
    if not lead_refs:
        raise ValidationFailed("Cần ít nhất một cơ quan chủ trì.", code="lead_required")
    start, _end = plan_bounds(task.plan)
    targets, _unresolved = targets_for(lead_refs, coord_refs, GroupExpander(start))
    created, gone = sync_assignments(task, targets, list(Assignment.objects.filter(task=task)))
    refresh_work_items(task.plan, task_ids=[task.pk])
    task.unresolved = []
    task.save(update_fields=["unresolved", "updated_at"])
    record_event(actor=actor, verb="task.assign", subject=task,
                 data={"lead": list(lead), "coordinating": list(coordinating), "added": created, "removed": gone})
    return task


@transaction.atomic
def task_cancel(*, actor: Any, task: Task, reason: str) -> Task:
    """Stop tracking a task (its reports stay readable). Guarded: cancelling twice is a Conflict."""
    require_manager(actor)
    if not clean(reason or ""):
        raise ValidationFailed("Cần nêu lý do bãi bỏ nhiệm vụ.", code="reason_required")
    if not Task.objects.filter(pk=task.pk, state=Task.State.ACTIVE).update(state=Task.State.CANCELLED):
        raise Conflict("Nhiệm vụ đã được bãi bỏ trước đó.", code="task_cancelled")
    WorkItem.objects.filter(task=task).update(cancelled=True)
    task.refresh_from_db()
    record_event(actor=actor, verb="task.cancel", subject=task, reason=clean(reason))
    return task
