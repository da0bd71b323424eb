"""Reads of plans: lists, one version with its tasks, the difference between two versions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from cchc.common.errors import NotFound
from cchc.plans.diff import diff_tasks
from cchc.plans.models import KeyTask, Plan, PlanVersion, TaskAgency


def plan_list() -> QuerySet[Plan]:
    """Plans, newest year first, with their number of versions. Plans are public within the administration."""
    return (Plan.objects.select_related("owner", "baseline").annotate(version_count=Count("versions"))
            .order_by("-year", "-pk"))


def plan_get(*, pk: int) -> Plan:
    """One plan, or NotFound."""
    try:
        return Plan.objects.select_related("owner", "baseline").get(pk=pk)
    except (Plan.DoesNotExist, ValueError):
        raise NotFound(f"Không tìm thấy kế hoạch số {pk}.", code="plan_not_found") from None


def version_get(*, plan: Plan, number: int | None = None) -> PlanVersion:
    """A version of a plan (the latest by default), with sections and tasks and their agencies."""
    qs = plan.versions.prefetch_related(
        "sections",
        Prefetch("key_tasks", queryset=KeyTask.objects.prefetch_related(
            Prefetch("agencies", queryset=TaskAgency.objects.select_related("agency", "group"))
        )),
    )
    version = qs.filter(number=number).first() if number else qs.order_by("-number").first()
    if version is None:
        raise NotFound("Không tìm thấy phiên bản kế hoạch.", code="version_not_found")
    return version


def version_diff(*, old: PlanVersion, new: PlanVersion) -> dict[str, Any]:
    """Tasks added, removed and changed from ``old`` to ``new``."""
    return diff_tasks(old.extracted.get("key_tasks") or [], new.extracted.get("key_tasks") or [])
