"""Plan pages: list, upload → preview (map unknown agencies) → confirm, a plan with its versions, diffs,
progress per area and tasks."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.org.models import Agency
from cchc.plans import selectors
from cchc.plans.access import is_manager
from cchc.plans.diff import diff_tasks
from cchc.plans.forms import UploadForm
from cchc.plans.models import PlanUpload
from cchc.plans.selectors.stats import progress_counts
from cchc.plans.selectors.tasks import plan_tasks
from cchc.plans.services import plan_extract, plan_import
from cchc.plans.views.present import task_lines


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/plan_list.html", {"plans": selectors.plan_list()})


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def plan_detail(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """A plan: its versions (with the diff and the approval action), and once approved its progress per
    content area and its tasks with assignments and status, page by page."""
    try:
        plan = selectors.plan_get(pk=pk)
        version = selectors.version_get(plan=plan, number=number)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    versions = list(plan.versions.order_by("number"))
    diff = None
    if version.number > 1:
        previous = next(v for v in versions if v.number == version.number - 1)
        diff = selectors.version_diff(old=previous, new=version)
    baseline = next((v for v in versions if v.pk == plan.baseline_id), None)
    context = {"plan": plan, "version": version, "versions": versions, "diff": diff, "baseline": baseline,
               "can_approve": is_manager(request.user) and version.approved_at is None
               and (baseline is None or version.number > baseline.number)}
    if baseline is not None:
        area = _int(request.GET.get("area"))
        page_no = _int(request.GET.get("page")) or 1
        rows, total = progress_counts(by="area", user=request.user, plan=plan)
        params = request.GET.copy()
        params.pop("page", None)
        tasks = plan_tasks(user=request.user, plan=plan, area_id=area, q=request.GET.get("q", "")[:200],
                           limit=TASKS_PER_PAGE, offset=(page_no - 1) * TASKS_PER_PAGE)
        context.update(
            counts=rows, counts_total=total, area_id=area, page_no=page_no, q=request.GET.get("q", "")[:200],
            tasks=tasks, task_lines=task_lines(tasks.rows), tasks_query=params.urlencode(), has_prev=page_no > 1,
            has_next=tasks.offset + tasks.limit < tasks.total, areas=list(plan.areas.all()),
            manager=is_manager(request.user),
        )
    return render(request, "plans/plan_detail.html", context)


TASKS_PER_PAGE = 50


def _int(value: str | None) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if 1 <= n <= 2**53 else None


def _agency_choices(as_of) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for a in Agency.objects.as_of(as_of).order_by("type", "name"):
        groups.setdefault(a.get_type_display(), []).append((a.code, a.name))
    return list(groups.items())


@login_required
@permission_required("plans.import_plan", raise_exception=True)
def plan_import_view(request: HttpRequest) -> HttpResponse:
    """Step 1: upload; the answer is the preview (an htmx swap, or a full page without JavaScript)."""
    into = None
    if request.GET.get("into") or request.POST.get("into"):
        into = get_object_or_404(selectors.plan_list(), pk=request.GET.get("into") or request.POST.get("into"))
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "into": into, "max_mb": settings.CCHC_PLAN_MAX_BYTES // (1024 * 1024)}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.CCHC_PLAN_MAX_BYTES:
            form.add_error("file", _("Tệp lớn hơn giới hạn %(n)s MB.") % {"n": context["max_mb"]})
        else:
            data = upload.read()
            try:
                extraction = plan_extract(data=data, filename=upload.name)
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                pending = PlanUpload.objects.create(token=secrets.token_urlsafe(24), filename=upload.name[:255],
                                                    data=data, into=into, created_by=request.user)
                diff = None
                if into is not None:
                    current = into.current
                    diff = diff_tasks(current.extracted.get("key_tasks") or [], extraction.payload["key_tasks"])
                context.update(extraction=extraction, payload=extraction.payload, token=pending.token, diff=diff,
                               agency_choices=_agency_choices(extraction.as_of))
    template = "plans/_preview.html" if request.headers.get("HX-Request") else "plans/plan_import.html"
    return render(request, template, context)


@login_required
@permission_required("plans.import_plan", raise_exception=True)
@require_POST
def plan_import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: the person confirms, with a mapping for each agency the registry did not know."""
    pending = get_object_or_404(PlanUpload, token=token, created_by=request.user)
    names = request.POST.getlist("unresolved")
    codes = request.POST.getlist("mapping")
    mappings = {n: c for n, c in zip(names, codes, strict=False) if c}
    try:
        result = plan_import(actor=request.user, data=bytes(pending.data), filename=pending.filename,
                             into=pending.into, mappings=mappings)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:import")
    pending.delete()
    messages.success(request, _("Đã tạo kế hoạch (phiên bản %(n)s).") % {"n": result.version.number})
    return redirect("plans:detail", pk=result.plan.pk)
