"""Reads of progress: derived percentages, reports and evidence within the reader's scope.

Scope of reports: the secretariat sees every report; an agency sees its own, and — where it
leads — the contributions its coordinating agencies sent for the same occurrence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from cchc.common.errors import NotFound
from cchc.plans import rollup
from cchc.plans.access import agency_scope
from cchc.plans.models import Evidence, ProgressReport, Review, Role, Task, WorkItem


def item_percent(status: str, review: str, percent: int | None) -> int:
    """A work item's figure for roll-ups: 100 when done (and not returned), else what was reported."""
    return 100 if rollup.counts_as_done(status, review) else (percent or 0)


def task_percents(task_ids: Iterable[int]) -> dict[int, int | None]:
    """Each task's reported percentage: the mean over its lead work items (one not reported on counts 0),
    in one query. A task no lead has reported on yet has none (absent), rather than a misleading 0 %."""
    acc: dict[int, list[int]] = defaultdict(list)
    reported: set[int] = set()
    rows = WorkItem.objects.filter(task_id__in=list(task_ids), role=Role.LEAD, cancelled=False).values_list(
        "task_id", "status", "review", "percent", "latest_report_id")
    for task_id, status, review, percent, latest in rows:
        acc[task_id].append(item_percent(status, review, percent))
        if latest is not None:
            reported.add(task_id)
    return {tid: round(sum(v) / len(v)) for tid, v in acc.items() if tid in reported}


def derived_for_work_item(item: WorkItem) -> int | None:
    """What the children (or, for a recurring task, the assignment's occurrences) say this item's percent is."""
    children = list(Task.objects.filter(parent_id=item.task_id, state=Task.State.ACTIVE).values_list("pk", flat=True))
    if children:
        own: dict[int, list[int]] = defaultdict(list)
        for task_id, status, review, percent in WorkItem.objects.filter(
                task_id__in=children, agency_id=item.agency_id, cancelled=False).values_list(
                "task_id", "status", "review", "percent"):
            own[task_id].append(item_percent(status, review, percent))
        overall = task_percents(c for c in children if c not in own)
        values = [round(sum(own[c]) / len(own[c])) if c in own else overall.get(c) for c in children]
        return rollup.derive_from_children(values)
    siblings = WorkItem.objects.filter(assignment_id=item.assignment_id, cancelled=False).values_list("status", "review")
    return rollup.derive_from_occurrences([rollup.counts_as_done(s, r) for s, r in siblings])


def visible_reports(user: Any, qs: QuerySet[ProgressReport] | None = None) -> QuerySet[ProgressReport]:
    qs = ProgressReport.objects.all() if qs is None else qs
    scope = agency_scope(user)
    if scope is None:
        return qs
    leads = WorkItem.objects.filter(agency_id=scope, role=Role.LEAD).values("occurrence_id")
    return qs.filter(Q(agency_id=scope) | Q(kind=ProgressReport.Kind.CONTRIBUTION, work_item__occurrence_id__in=leads))


def _with_detail(qs: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return qs.select_related("agency", "submitted_by", "reviewed_by", "work_item__occurrence", "task").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("pk")),
        Prefetch("contributions", queryset=ProgressReport.objects.select_related("agency")))


def report_list(*, user: Any, task_id: int | None = None, work_item_id: int | None = None, review: str | None = None,
                kind: str | None = None) -> QuerySet[ProgressReport]:
    """Reports the reader may see, newest first, filtered."""
    qs = visible_reports(user)
    if task_id is not None:
        qs = qs.filter(task_id=task_id)
    if work_item_id is not None:
        qs = qs.filter(work_item_id=work_item_id)
    if review:
        qs = qs.filter(review=review)
    if kind:
        qs = qs.filter(kind=kind)
    return _with_detail(qs).order_by("-submitted_at", "-pk")


def report_get(*, user: Any, pk: int) -> ProgressReport:
    """One report within the reader's scope, or NotFound (another agency's report is not found, not forbidden)."""
    report = _with_detail(visible_reports(user)).filter(pk=pk).first()
    if report is None:
        raise NotFound(f"Không tìm thấy báo cáo số {pk}.", code="report_not_found")
    return report


def review_queue(*, user: Any) -> QuerySet[ProgressReport]:
    """Lead reports waiting for the secretariat, oldest first."""
    return _with_detail(visible_reports(user).filter(kind=ProgressReport.Kind.REPORT, review=Review.SUBMITTED)).order_by(
        "submitted_at", "pk")


def evidence_get(*, user: Any, pk: int) -> Evidence:
    ev = Evidence.objects.select_related("report").filter(pk=pk, report__in=visible_reports(user)).first()
    if ev is None:
        raise NotFound(f"Không tìm thấy minh chứng số {pk}.", code="evidence_not_found")
    return ev
