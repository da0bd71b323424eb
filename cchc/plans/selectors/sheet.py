"""Rows of the progress spreadsheet: what an agency (or the secretariat, for a plan) exports."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from cchc.plans.access import agency_scope
from cchc.plans.models import Evidence, Plan, ProgressReport, WorkItem


def sheet_queryset() -> QuerySet[WorkItem]:
    """Work items with everything a sheet row shows, in a fixed number of queries."""
    refs = Evidence.objects.filter(kind=Evidence.Kind.REFERENCE).order_by("pk")
    return (WorkItem.objects.filter(cancelled=False)
            .select_related("plan", "task", "agency", "occurrence", "latest_report")
            .prefetch_related(Prefetch("latest_report__evidence", queryset=refs, to_attr="refs"))
            .order_by("plan_id", "task__order", "task_id", "occurrence__seq", "role", "agency__name"))


def current_values(item: WorkItem) -> dict[str, Any]:
    """The editable columns as the database has them now (the latest report's figures)."""
    report: ProgressReport | None = item.latest_report
    ref = (getattr(report, "refs", None) or [None])[0] if report else None
    return {
        "status": item.status,
        "percent": item.percent,
        "completed_on": item.completed_on,
        "narrative": report.narrative if report else "",
        "reason": report.reason if report else "",
        "doc_number": ref.doc_number if ref else "",
        "doc_date": ref.doc_date if ref else None,
    }


def sheet_rows(*, user: Any, agency_id: int | None = None, plan: Plan | None = None) -> list[dict[str, Any]]:
    """One dict per work item: the agency's own (an officer's scope), or any agency's / a plan's for the secretariat."""
    qs = sheet_queryset()
    scope = agency_scope(user)
    if scope is not None:
        qs = qs.filter(agency_id=scope)
    elif agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if plan is not None:
        qs = qs.filter(plan=plan)
    rows = []
    for w in qs:
        rows.append({
            "id": w.pk, "plan": w.plan.title, "no": w.task.no, "task": w.task.content, "agency": w.agency.name,
            "role": w.get_role_display(), "period": w.occurrence.label, "due": w.due_date,
            **current_values(w), "stamp": w.latest_report_id,
        })
    return rows
