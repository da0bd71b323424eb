"""Shared steps of task creation: assignees from names or codes, occurrences, work items.

Used by the approval of a version (``generation``) and by tasks added by hand (``tasks``). No
function here records an event or checks permissions: the calling service does both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from cchc.common.text import fold
from cchc.org.models import AgencyGroup
from cchc.org.selectors import group_members
from cchc.plans.models import Assignment, Occurrence, Plan, Role, Task, WorkItem
from cchc.plans.recurrence import Slot

# "các Sở, Ban, ngành liên quan" names the related ones without saying which: expanding it into every
# department would make twenty agencies owe work the plan never asked of them. The secretariat picks.
RELATED_MARKERS = ("lien quan",)


@dataclass(frozen=True, slots=True)
class Ref:
    """An assignee as the plan wrote it, resolved to an agency or a group (or neither)."""

    text: str
    agency_id: int | None = None
    group: AgencyGroup | None = None


@dataclass(frozen=True, slots=True)
class Target:
    agency_id: int
    role: str
    via_group_id: int | None
    written_as: str


class GroupExpander:
    """Members of groups as of one date, each group read once."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self._cache: dict[int, list[int]] = {}

    def __call__(self, group: AgencyGroup) -> list[int]:
        if group.pk not in self._cache:
            self._cache[group.pk] = [a.pk for a in group_members(group=group, as_of=self.as_of)]
        return self._cache[group.pk]


def targets_for(lead: Sequence[Ref], coordinating: Sequence[Ref],
                members: Callable[[AgencyGroup], list[int]]) -> tuple[list[Target], list[str]]:
    """One target per agency (groups expanded); an agency that leads is not also coordinating.

    Returns the targets and the names that could not become assignments.
    """
    out: dict[int, Target] = {}
    unresolved: list[str] = []
    for role, refs in ((Role.LEAD, lead), (Role.COORDINATING, coordinating)):
        for ref in refs:
            if ref.agency_id is not None:
                out.setdefault(ref.agency_id, Target(ref.agency_id, role, None, ref.text[:500]))
            elif ref.group is not None and not any(m in fold(ref.text) for m in RELATED_MARKERS):
                for agency_id in members(ref.group):
                    out.setdefault(agency_id, Target(agency_id, role, ref.group.pk, ref.text[:500]))
            elif ref.text and ref.text not in unresolved:
                unresolved.append(ref.text)
    return list(out.values()), unresolved


def task_due(slots: Iterable[Slot | Occurrence]) -> date | None:
    """A task's own due date: its last occurrence's."""
    dues = [getattr(s, "due", None) if isinstance(s, Slot) else s.due_date for s in slots]
    dues = [d for d in dues if d is not None]
    return max(dues) if dues else None


def occurrences_from(task: Task, slots: Sequence[Slot]) -> list[Occurrence]:
    return [Occurrence(task=task, seq=s.seq, label=s.label, period_start=s.start, period_end=s.end,
                       baseline_due=s.due, due_date=s.due) for s in slots]


def sync_assignments(task: Task, targets: Sequence[Target], existing: Sequence[Assignment]) -> tuple[int, int]:
    """Make the task's active assignments exactly ``targets``; returns (created, deactivated).

    Rows are never deleted: a removed agency's reports stay readable.
    """
    by_agency = {a.agency_id: a for a in existing}
    wanted = {t.agency_id for t in targets}
    new, changed = [], []
    for t in targets:
        a = by_agency.get(t.agency_id)
        if a is None:
            new.append(Assignment(task=task, agency_id=t.agency_id, role=t.role, via_group_id=t.via_group_id,
                                  written_as=t.written_as))
        elif (a.role, a.active, a.via_group_id, a.written_as) != (t.role, True, t.via_group_id, t.written_as):
            a.role, a.active, a.via_group_id, a.written_as = t.role, True, t.via_group_id, t.written_as
            changed.append(a)
    gone = [a for a in existing if a.active and a.agency_id not in wanted]
    for a in gone:
        a.active = False
    Assignment.objects.bulk_create(new, batch_size=500)
    if changed or gone:
        Assignment.objects.bulk_update(changed + gone, ["role", "active", "via_group", "written_as"], batch_size=500)
    return len(new), len(gone)


def refresh_work_items(plan: Plan, *, task_ids: Iterable[int] | None = None, synthetic: bool = False) -> int:
    """Bring the work items of ``plan`` (or of some of its tasks) in line with assignments and occurrences.

    Creates the missing (active assignment × active occurrence) rows, copies due date, role and
    area down, and marks rows of removed agencies, dropped occurrences or cancelled tasks as
    cancelled (never deleted: their reports stay). Returns the number of rows created.
    """
    scope = Q(plan=plan) if task_ids is None else Q(plan=plan, task_id__in=list(task_ids))
    task_scope = Q(plan=plan) if task_ids is None else Q(plan=plan, pk__in=list(task_ids))
    tasks = {t.pk: t for t in Task.objects.filter(task_scope).only("pk", "area_id", "state")}
    occs: dict[int, list[Occurrence]] = {}
    for o in Occurrence.objects.filter(task_id__in=tasks, cancelled=False):
        occs.setdefault(o.task_id, []).append(o)
    assigns: dict[int, list[Assignment]] = {}
    for a in Assignment.objects.filter(task_id__in=tasks, active=True):
        assigns.setdefault(a.task_id, []).append(a)

    existing = {(w.assignment_id, w.occurrence_id): w for w in WorkItem.objects.filter(scope).only(
        "pk", "assignment_id", "occurrence_id", "due_date", "role", "area_id", "cancelled")}
    alive: set[tuple[int, int]] = set()
    new: list[WorkItem] = []
    changed: list[WorkItem] = []
    for task_id, task in tasks.items():
        if task.state != Task.State.ACTIVE:
            continue
        for a in assigns.get(task_id, []):
            for o in occs.get(task_id, []):
                pair = (a.pk, o.pk)
                alive.add(pair)
                w = existing.get(pair)
                if w is None:
                    new.append(WorkItem(assignment=a, occurrence=o, task_id=task_id, plan=plan, area_id=task.area_id,
                                        agency_id=a.agency_id, role=a.role, due_date=o.due_date, synthetic=synthetic))
                elif (w.due_date, w.role, w.area_id, w.cancelled) != (o.due_date, a.role, task.area_id, False):
                    w.due_date, w.role, w.area_id, w.cancelled = o.due_date, a.role, task.area_id, False
                    changed.append(w)
    for pair, w in existing.items():
        if pair not in alive and not w.cancelled:
            w.cancelled = True
            changed.append(w)
    WorkItem.objects.bulk_create(new, batch_size=500)
    if changed:
        WorkItem.objects.bulk_update(changed, ["due_date", "role", "area", "cancelled"], batch_size=500)
    return len(new)
