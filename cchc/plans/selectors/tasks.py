"""Reads of tasks: a plan's tasks page by page with their assignments and status, one task in full.

Scope: the secretariat sees every task; an agency sees the tasks it is (or was) assigned to —
there it also sees who else shares the task and how far each has got, since it works with them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from cchc.common.errors import NotFound
from cchc.common.text import fold
from cchc.plans import rollup
from cchc.plans.access import agency_scope
from cchc.plans.models import (
    Assignment,
    DeadlineChange,
    Occurrence,
    Plan,
    ProgressReport,
    Review,
    Role,
    Task,
    WorkItem,
)
from cchc.plans.rollup import Progress
from cchc.plans.selectors.progress import item_percent, report_list, task_percents


def visible_tasks(user: Any, qs: QuerySet[Task] | None = None) -> QuerySet[Task]:
    qs = Task.objects.all() if qs is None else qs
    scope = agency_scope(user)
    if scope is None:
        return qs
    return qs.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), agency_id=scope)))


@dataclass
class TaskSummary:
    """A task row of the plan page: its assignments and how its work items stand."""

    task: Task
    lead: list[Assignment]
    coordinating: list[Assignment]
    total: int = 0
    done: int = 0
    overdue: int = 0
    returned: int = 0
    progress: Progress = field(default_factory=lambda: Progress(None, None))

    @property
    def state(self) -> str:
        if self.total == 0:
            return "unassigned"
        if self.done == self.total:
            return "done"
        if self.overdue:
            return "overdue"
        return "open"


@dataclass
class TaskPage:
    rows: list[TaskSummary]
    total: int
    limit: int
    offset: int


def plan_tasks(*, user: Any, plan: Plan, area_id: int | None = None, q: str = "", include_cancelled: bool = False,
               limit: int = 50, offset: int = 0, today: date | None = None) -> TaskPage:
    """A page of a plan's tasks (in plan order) with assignments and work-item counts; a fixed number of queries."""
    today = today or timezone.localdate()
    qs = visible_tasks(user, Task.objects.filter(plan=plan))
    if not include_cancelled:
        qs = qs.filter(state=Task.State.ACTIVE)
    if area_id:
        qs = qs.filter(area_id=area_id)
    if q:
        # Accent-insensitive search over a page-sized plan is done in Python after a cheap prefilter.
        words = fold(q).split()
        ids = [pk for pk, content, no in qs.values_list("pk", "content", "no")
               if all(w in fold(f"{no} {content}") for w in words)]
        qs = qs.filter(pk__in=ids)
    total = qs.count()
    active = Assignment.objects.filter(active=True).select_related("agency").order_by("role", "agency__name")
    tasks = list(qs.select_related("area", "parent").prefetch_related(Prefetch("assignments", queryset=active))
                 .order_by("order", "pk")[offset: offset + limit])
    ids = [t.pk for t in tasks]
    counts = {r["task_id"]: r for r in WorkItem.objects.filter(task_id__in=ids, role=Role.LEAD, cancelled=False)
              .values("task_id").annotate(
                  total=Count("pk"),
                  done=Count("pk", filter=Q(status__in=rollup.FINISHED) & ~Q(review=Review.RETURNED)),
                  overdue=Count("pk", filter=Q(is_open=True, due_date__lt=today)),
                  returned=Count("pk", filter=Q(review=Review.RETURNED)))}
    manual = task_percents(ids)
    children = defaultdict(list)
    for parent_id, child_id in Task.objects.filter(parent_id__in=ids, state=Task.State.ACTIVE).values_list(
            "parent_id", "pk"):
        children[parent_id].append(child_id)
    child_pct = task_percents([c for cs in children.values() for c in cs])
    rows = []
    for t in tasks:
        assigns = list(t.assignments.all())
        c = counts.get(t.pk, {})
        derived = rollup.derive_from_children([child_pct.get(x) for x in children[t.pk]]) if children[t.pk] else None
        rows.append(TaskSummary(
            task=t, lead=[a for a in assigns if a.role == Role.LEAD],
            coordinating=[a for a in assigns if a.role == Role.COORDINATING],
            total=c.get("total", 0), done=c.get("done", 0), overdue=c.get("overdue", 0),
            returned=c.get("returned", 0),
            progress=Progress(manual.get(t.pk), derived, "children" if derived is not None else ""),
        ))
    return TaskPage(rows=rows, total=total, limit=limit, offset=offset)


def task_get(*, user: Any, pk: int) -> Task:
    """One task within the reader's scope, or NotFound."""
    task = visible_tasks(user).select_related("plan", "area", "parent", "version").filter(pk=pk).first()
    if task is None:
        raise NotFound(f"Không tìm thấy nhiệm vụ số {pk}.", code="task_not_found")
    return task


@dataclass
class AssignmentRow:
    assignment: Assignment
    items: dict[int, WorkItem]  # by occurrence id
    progress: Progress

    @property
    def open_items(self) -> int:
        return sum(1 for w in self.items.values() if w.is_open and not w.cancelled)


@dataclass
class TaskDetail:
    task: Task
    occurrences: list[Occurrence]
    lead: list[AssignmentRow]
    coordinating: list[AssignmentRow]
    removed: list[Assignment]
    children: list[tuple[Task, int | None]]
    progress: Progress
    deadline_changes: list[DeadlineChange]
    reports: list[ProgressReport]
    mine: list[WorkItem]  # the reader's agency's open work items on this task (what they can report on)


def _assignment_progress(items: list[WorkItem]) -> Progress:
    live = [w for w in items if not w.cancelled]
    reported = [w for w in live if w.reported_at is not None]
    manual = max(reported, key=lambda w: w.reported_at).percent if reported else None
    derived = rollup.derive_from_occurrences([rollup.counts_as_done(w.status, w.review) for w in live])
    return Progress(manual, derived, "occurrences" if derived is not None else "")


def task_detail(*, user: Any, task: Task) -> TaskDetail:
    """Everything the task page shows, read in a fixed number of queries."""
    occurrences = list(task.occurrences.order_by("seq"))
    assignments = list(task.assignments.select_related("agency", "via_group").order_by("role", "agency__name"))
    items_by_assignment: dict[int, list[WorkItem]] = defaultdict(list)
    for w in task.work_items.select_related("latest_report").order_by("occurrence__seq"):
        items_by_assignment[w.assignment_id].append(w)
    rows = {Role.LEAD: [], Role.COORDINATING: []}
    removed = []
    for a in assignments:
        items = items_by_assignment.get(a.pk, [])
        if not a.active:
            removed.append(a)
            continue
        rows[a.role].append(AssignmentRow(assignment=a, items={w.occurrence_id: w for w in items},
                                          progress=_assignment_progress(items)))
    kids = list(task.children.filter(state=Task.State.ACTIVE).order_by("order", "pk"))
    kid_pct = task_percents([k.pk for k in kids])
    lead_items = [w for r in rows[Role.LEAD] for w in r.items.values() if not w.cancelled]
    manual_values = [r.progress.manual for r in rows[Role.LEAD] if r.progress.manual is not None]
    manual = round(sum(manual_values) / len(manual_values)) if manual_values else None
    if kids:
        progress = Progress(manual, rollup.derive_from_children([kid_pct.get(k.pk) for k in kids]), "children")
    else:
        live_occ = [o for o in occurrences if not o.cancelled]
        derived = None
        if len(live_occ) > 1 and lead_items:
            derived = round(sum(item_percent(w.status, w.review, 0) for w in lead_items) / len(lead_items))
        progress = Progress(manual, derived, "occurrences" if derived is not None else "")
    scope = agency_scope(user)
    mine = [w for items in items_by_assignment.values() for w in items
            if scope is not None and w.agency_id == scope and not w.cancelled]
    return TaskDetail(
        task=task, occurrences=occurrences, lead=rows[Role.LEAD], coordinating=rows[Role.COORDINATING],
        removed=removed, children=[(k, kid_pct.get(k.pk)) for k in kids], progress=progress,
        deadline_changes=list(task.deadline_changes.select_related("occurrence", "changed_by").order_by("-changed_at")),
        reports=list(report_list(user=user, task_id=task.pk)[:200]), mine=mine,
    )
