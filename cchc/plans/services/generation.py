"""Approving a version: it becomes the plan's baseline, and its tasks are created or reconciled.

The first approval creates the tasks (key tasks, content items, duties; see ``plans.specs``).
Approving an amended version later reconciles: a task found again (same content, else same
number) is updated and keeps its reports; a deadline the amendment changes becomes the new
baseline and is logged as a ``DeadlineChange``; a task the amendment drops is cancelled, not
deleted; new tasks are added. Tasks added by hand are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.common.errors import Conflict, ValidationFailed
from cchc.common.events import record_event
from cchc.common.text import fold
from cchc.org.selectors import resolve_names
from cchc.plans.access import require_manager
from cchc.plans.models import (
    Area,
    Assignment,
    DeadlineChange,
    Occurrence,
    Plan,
    PlanVersion,
    Task,
    TaskAgency,
)
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
from cchc.plans.specs import TaskSpec, content_specs, dedupe_keys, duty_specs, key_task_specs

FALLBACK_PREFIX = {Task.Source.KEY_TASK: "kt", Task.Source.CONTENT: "ct", Task.Source.DUTY: "du"}
MAX_PLAN_YEARS = 10


@dataclass
class ApprovalResult:
    plan: Plan
    version: PlanVersion
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    assignments: int = 0
    occurrences: int = 0
    work_items: int = 0
    unresolved: list[str] = field(default_factory=list)


def plan_period(plan: Plan, version: PlanVersion) -> tuple[date, date]:
    """The plan's implementation period: its year, stretched to the latest deadline it states.

    A five-year plan ("giai đoạn 2021-2025") has no single year: it runs from its first year to
    its last deadline; the stretch is capped at ten years so one mistyped date cannot run away.
    """
    payload = version.extracted or {}
    year = plan.year or payload.get("plan_year") or (version.signed_date.year if version.signed_date else None)
    year = int(year or timezone.localdate().year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    for t in payload.get("key_tasks") or []:
        for key in ("deadline_date", "recurrence_until"):
            if t.get(key):
                d = date.fromisoformat(t[key])
                if end < d <= date(year + MAX_PLAN_YEARS, 12, 31):
                    end = d
    return start, end


def _build_specs(version: PlanVersion, members: GroupExpander) -> tuple[list[TaskSpec], dict[str, Ref]]:
    """Specs of a version and the resolution of every name they use."""
    payload = version.extracted or {}
    sections = [s.title for s in version.sections.all()] or list(payload.get("sections") or [])
    rows = []
    refs: dict[str, Ref] = {}
    key_tasks = list(version.key_tasks.prefetch_related("agencies__group"))
    for kt in key_tasks:
        lead, coord = [], []
        for ta in kt.agencies.all():
            # The import's resolution (with the person's mappings) is authoritative for appendix rows.
            refs[f"kt{kt.pk}|{ta.text}"] = Ref(ta.text, ta.agency_id, ta.group)
            (lead if ta.role == TaskAgency.Role.LEAD else coord).append(ta.text)
        rows.append({"id": kt.pk, "order": kt.order, "no": kt.no, "content": kt.content, "product": kt.product,
                     "group": kt.group, "deadline_text": kt.deadline_text, "deadline_date": kt.deadline_date,
                     "recurrence": kt.recurrence, "recurrence_until": kt.recurrence_until,
                     "lead": lead, "coordinating": coord})
    duties = payload.get("duties") or []
    parts = payload.get("parts") or []
    names = sorted({n for d in duties for n in d.get("agencies") or []})
    # Names are resolved as of the signing date, as the import did; groups expand as of the plan's start.
    resolved = {r.text: r for r in resolve_names(names=names, as_of=version.signed_date or members.as_of)} if names else {}
    for name, r in resolved.items():
        refs[name] = Ref(name, r.agency.pk if r.agency else None, r.group)
    # The duties that name only groups charge everyone with the whole plan: they lead the content items.
    content_leads: list[str] = []
    for d in duties:
        agencies = d.get("agencies") or []
        if agencies and all(resolved.get(n) is not None and resolved[n].kind == "group" for n in agencies):
            content_leads += [n for n in agencies if n not in content_leads]
    specs = key_task_specs(rows, sections)
    specs += content_specs(parts, sections, content_leads=content_leads, order_from=len(specs))
    specs += duty_specs(parts, duties, order_from=len(specs))
    return dedupe_keys(specs), refs


def _sync_areas(plan: Plan, titles: list[str]) -> dict[str, Area]:
    """Areas by folded title, creating the missing ones and renumbering to the version's order."""
    areas = {fold(a.title): a for a in plan.areas.all()}
    for order, title in enumerate(titles, 1):
        a = areas.get(fold(title))
        if a is None:
            areas[fold(title)] = Area.objects.create(plan=plan, order=order, title=title[:500])
        elif a.order != order:
            a.order = order
            a.save(update_fields=["order"])
    return areas


def _match(specs: list[TaskSpec], existing: list[Task]) -> dict[str, Task]:
    """Pair specs with existing tasks: by content key first, then by number."""
    by_key = {t.source_key: t for t in existing}
    matched: dict[str, Task] = {}
    used: set[int] = set()
    for s in specs:
        t = by_key.get(s.key)
        if t is not None and t.pk not in used:
            matched[s.key] = t
            used.add(t.pk)
    by_fallback = {f"{FALLBACK_PREFIX[t.source]}#{t.no}": t for t in existing if t.pk not in used}
    for s in specs:
        if s.key in matched:
            continue
        t = by_fallback.get(s.fallback_key)
        if t is not None and t.pk not in used:
            matched[s.key] = t
            used.add(t.pk)
    return matched


def _sync_occurrences(task: Task, slots, result: ApprovalResult, version: PlanVersion, actor: Any) -> None:
    existing = {o.label or f"#{o.seq}": o for o in task.occurrences.all()}
    next_seq = max((o.seq for o in existing.values()), default=0) + 1
    seen = set()
    reason = f"Phiên bản {version.number} ({version.document_number or 'sửa đổi'}) được phê duyệt"
    for s in slots:
        key = s.label or f"#{s.seq}"
        seen.add(key)
        o = existing.get(key)
        if o is None:
            Occurrence.objects.create(task=task, seq=next_seq, label=s.label, period_start=s.start, period_end=s.end,
                                      baseline_due=s.due, due_date=s.due)
            next_seq += 1
            result.occurrences += 1
            continue
        if o.baseline_due != s.due or o.cancelled:
            if o.baseline_due != s.due:
                DeadlineChange.objects.create(task=task, occurrence=o, old_due=o.due_date, new_due=s.due,
                                              baseline_due=s.due, source=DeadlineChange.Source.VERSION, reason=reason,
                                              changed_by=actor if getattr(actor, "is_authenticated", False) else None)
                o.baseline_due = o.due_date = s.due
            o.cancelled = False
            o.save(update_fields=["baseline_due", "due_date", "cancelled"])
    for key, o in existing.items():
        if key not in seen and not o.cancelled:
            o.cancelled = True
            o.save(update_fields=["cancelled"])


@transaction.atomic
def plan_version_approve(*, actor: Any, version: PlanVersion) -> ApprovalResult:
    """Approve ``version`` as the plan's baseline and create (or reconcile) its tasks.

    Guarded: a version is approved once (a concurrent second approval gets a Conflict), and an
    older version cannot replace a newer baseline.
    """
    require_manager(actor, code="plan_approve_forbidden",
                    message="Chỉ Thường trực CCHC hoặc quản trị viên được phê duyệt kế hoạch.")
    plan = Plan.objects.select_for_update().get(pk=version.plan_id)
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.approved_at is not None:
        raise Conflict(f"Phiên bản {version.number} đã được phê duyệt.", code="version_already_approved")
    if plan.baseline_id:
        current = PlanVersion.objects.get(pk=plan.baseline_id)
        if current.number > version.number:
            raise Conflict(f"Không thể phê duyệt phiên bản {version.number} cũ hơn phiên bản đang áp dụng "
                           f"({current.number}).", code="version_older_than_baseline")
    if not version.key_tasks.exists() and not (version.extracted or {}).get("parts"):
        raise ValidationFailed("Phiên bản này không có nhiệm vụ nào để theo dõi.", code="version_has_no_tasks")
    now = timezone.now()
    approver = actor if getattr(actor, "is_authenticated", False) else None
    if not PlanVersion.objects.filter(pk=version.pk, approved_at__isnull=True).update(approved_at=now,
                                                                                      approved_by=approver):
        raise Conflict(f"Phiên bản {version.number} đã được phê duyệt.", code="version_already_approved")
    start, end = plan_period(plan, version)
    Plan.objects.filter(pk=plan.pk).update(baseline=version, period_start=start, period_end=end)
    plan.baseline, plan.period_start, plan.period_end = version, start, end

    members = GroupExpander(start)
    specs, refs = _build_specs(version, members)
    titles = [s.title for s in version.sections.all()]
    areas = _sync_areas(plan, titles + [s.area for s in specs if s.area and s.area not in titles])
    existing = list(plan.tasks.exclude(source=Task.Source.MANUAL))
    matched = _match(specs, existing)
    result = ApprovalResult(plan=plan, version=version)

    tasks_by_key: dict[str, Task] = {}
    new_tasks: list[Task] = []
    slots_by_key = {}
    for s in specs:
        recurring = s.recurrence or ""
        default_due = end if s.source in (Task.Source.CONTENT, Task.Source.DUTY) else None
        slots = expand(recurring, deadline=s.deadline or default_due, period_start=start, period_end=end, until=s.until)
        slots_by_key[s.key] = slots
        due = task_due(slots)
        fields = {
            "version": version, "key_task_id": s.key_task_id, "source": s.source, "source_key": s.key,
            "area": areas.get(fold(s.area)) if s.area else None, "order": s.order, "no": s.no[:40],
            "content": s.content, "product": s.product, "deadline_text": s.deadline_text[:255],
            "recurrence": recurring, "recurrence_until": s.until, "state": Task.State.ACTIVE,
        }
        task = matched.get(s.key)
        if task is None:
            task = Task(plan=plan, baseline_due=due, due_date=due, created_by=approver, **fields)
            new_tasks.append(task)
        else:
            for name, value in fields.items():
                setattr(task, name, value)
            result.updated += 1
        tasks_by_key[s.key] = task
    Task.objects.bulk_create(new_tasks, batch_size=500)
    result.created = len(new_tasks)
    # Parents are set once every task has a key in the database.
    for s in specs:
        tasks_by_key[s.key].parent = tasks_by_key.get(s.parent_key) if s.parent_key else None
    Task.objects.bulk_update(list(tasks_by_key.values()), [
        "parent", "version", "key_task", "source", "source_key", "area", "order", "no", "content", "product",
        "deadline_text", "recurrence", "recurrence_until", "state"], batch_size=500)

    new_ids = {t.pk for t in new_tasks}
    occurrences = []
    for s in specs:
        task = tasks_by_key[s.key]
        if task.pk in new_ids:
            occurrences += occurrences_from(task, slots_by_key[s.key])
        else:
            _sync_occurrences(task, slots_by_key[s.key], result, version, actor)
            due = task_due(task.occurrences.filter(cancelled=False))
            base = task_due(slots_by_key[s.key])
            if (task.due_date, task.baseline_due) != (due, base):
                Task.objects.filter(pk=task.pk).update(due_date=due, baseline_due=base)
    Occurrence.objects.bulk_create(occurrences, batch_size=500)
    result.occurrences += len(occurrences)

    existing_assignments: dict[int, list[Assignment]] = {}
    for a in Assignment.objects.filter(task__plan=plan):
        existing_assignments.setdefault(a.task_id, []).append(a)
    unresolved_all: list[str] = []
    for s in specs:
        task = tasks_by_key[s.key]
        if s.container:
            targets, unresolved = [], []
        else:
            prefix = f"kt{s.key_task_id}|" if s.key_task_id else ""
            lead = [refs.get(prefix + n) or refs.get(n) or Ref(n) for n in s.lead]
            coord = [refs.get(prefix + n) or refs.get(n) or Ref(n) for n in s.coordinating]
            targets, unresolved = targets_for(lead, coord, members)
        created, _gone = sync_assignments(task, targets, existing_assignments.get(task.pk, []))
        result.assignments += created
        if task.unresolved != unresolved:
            task.unresolved = unresolved
            Task.objects.filter(pk=task.pk).update(unresolved=unresolved)
        unresolved_all += [n for n in unresolved if n not in unresolved_all]

    kept = {t.pk for t in tasks_by_key.values()}
    dropped = [t.pk for t in existing if t.pk not in kept and t.state == Task.State.ACTIVE]
    if dropped:
        Task.objects.filter(pk__in=dropped).update(state=Task.State.CANCELLED)
    result.cancelled = len(dropped)
    result.work_items = refresh_work_items(plan)
    result.unresolved = unresolved_all
    record_event(
        actor=actor, verb="plan.approve", subject=plan,
        data={"version": version.number, "document_number": version.document_number, "created": result.created,
              "updated": result.updated, "cancelled": result.cancelled, "assignments": result.assignments,
              "occurrences": result.occurrences, "work_items": result.work_items,
              "period": [start.isoformat(), end.isoformat()], "unresolved": unresolved_all},
    )
    return result
