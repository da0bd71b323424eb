"""Task pages: approve a version, one task (assignments, occurrences, baseline vs current deadline,
progress history, evidence, review actions), add a task, edit / reschedule / reassign / cancel one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.org.models import Agency, AgencyGroup
from cchc.plans import selectors
from cchc.plans.access import is_manager
from cchc.plans.forms import AssigneesForm, ReasonForm, RescheduleForm, TaskEditForm, TaskForm
from cchc.plans.models import Occurrence, Plan, PlanVersion, ProgressReport, Review
from cchc.plans.selectors.tasks import task_detail, task_get
from cchc.plans.services.generation import plan_version_approve
from cchc.plans.services.tasks import (
    TaskInput,
    plan_bounds,
    task_cancel,
    task_create,
    task_reschedule,
    task_set_assignees,
    task_update,
)


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "common/error.html", {"message": exc.message}, status=exc.status)


@login_required
@permission_required("plans.manage_tasks", raise_exception=True)
@require_POST
def version_approve(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The secretariat approves a version as the baseline; its tasks are created (or reconciled)."""
    version = PlanVersion.objects.filter(plan_id=pk, number=number).first()
    if version is None:
        return render(request, "common/error.html", {"message": _("Không tìm thấy phiên bản kế hoạch.")}, status=404)
    try:
        r = plan_version_approve(actor=request.user, version=version)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã phê duyệt phiên bản %(n)s: %(c)s nhiệm vụ mới, %(u)s cập nhật, %(x)s bãi bỏ; "
                                    "%(a)s phân công.") % {"n": number, "c": r.created, "u": r.updated,
                                                           "x": r.cancelled, "a": r.assignments})
        if r.unresolved:
            messages.warning(request, _("Chưa giao được (cần chọn cơ quan cụ thể): %(names)s.")
                             % {"names": "; ".join(r.unresolved)})
    return redirect("plans:detail", pk=pk)


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def task_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        task = task_get(user=request.user, pk=pk)
    except DomainError as exc:
        return _error(request, exc)
    detail = task_detail(user=request.user, task=task)
    manager = is_manager(request.user)
    context = {"task": task, "d": detail, "manager": manager, "plan": task.plan,
               "reviewable": reviewable_reports(request.user, detail)}
    if manager:
        context["reschedule_form"] = RescheduleForm(occurrences=[o for o in detail.occurrences if not o.cancelled])
        context["cancel_form"] = ReasonForm()
    return render(request, "plans/task_detail.html", context)


def reviewable_reports(user, detail) -> set[int]:
    """Reports the reader may act on: the secretariat reviews waiting lead reports and contributions; a lead
    agency may return a contribution sent to it."""
    manager = is_manager(user)
    leads = {row.assignment.agency_id for row in detail.lead}
    out = set()
    for r in detail.reports:
        if r.kind == ProgressReport.Kind.REPORT and r.review == Review.SUBMITTED and manager:
            out.add(r.pk)
        elif (r.kind == ProgressReport.Kind.CONTRIBUTION and r.review in (Review.SUBMITTED, Review.CONSOLIDATED)
              and (manager or getattr(user, "agency_id", None) in leads)):
            out.add(r.pk)
    return out


def _registry_choices(plan: Plan) -> tuple[list[Agency], list[AgencyGroup]]:
    start, end = plan_bounds(plan)
    agencies = list(Agency.objects.as_of(start).exclude(type__in=["ubnd_xa", "mot_cua"]).order_by("type", "name"))
    return agencies, list(AgencyGroup.objects.order_by("name"))


@login_required
@permission_required("plans.manage_tasks", raise_exception=True)
def task_new(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        plan = selectors.plan_get(pk=pk)
    except DomainError as exc:
        return _error(request, exc)
    agencies, groups = _registry_choices(plan)
    form = TaskForm(request.POST or None, areas=plan.areas.all(), agencies=agencies, groups=groups)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            task = task_create(actor=request.user, plan=plan, data=TaskInput(
                content=c["content"], lead=tuple(c["lead"]), coordinating=tuple(c["coordinating"]), no=c["no"],
                product=c["product"], area_id=c["area"], due_date=c["due_date"], deadline_text=c["deadline_text"],
                recurrence=c["recurrence"] or "", recurrence_until=c["recurrence_until"]))
        except DomainError as exc:
            form.add_error(None, f"{exc.message} [{exc.code}]")
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": None})


@login_required
@permission_required("plans.manage_tasks", raise_exception=True)
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the wording; the same page posts reschedule / assignees / cancel actions (``action``)."""
    try:
        task = task_get(user=request.user, pk=pk)
    except DomainError as exc:
        return _error(request, exc)
    plan = task.plan
    agencies, groups = _registry_choices(plan)
    occurrences = list(task.occurrences.filter(cancelled=False).order_by("seq"))
    action = request.POST.get("action", "edit") if request.method == "POST" else None
    current = list(task.assignments.filter(active=True).select_related("agency"))
    edit = TaskEditForm(request.POST if action == "edit" else None, areas=plan.areas.all(), initial={
        "content": task.content, "no": task.no, "product": task.product, "area": task.area_id,
        "deadline_text": task.deadline_text})
    resched = RescheduleForm(request.POST if action == "reschedule" else None, occurrences=occurrences)
    assignees = AssigneesForm(request.POST if action == "assign" else None, agencies=agencies, groups=groups, initial={
        "lead": [a.agency.code for a in current if a.role == "lead"],
        "coordinating": [a.agency.code for a in current if a.role == "coordinating"]})
    cancel = ReasonForm(request.POST if action == "cancel" else None)
    forms = {"edit": edit, "reschedule": resched, "assign": assignees, "cancel": cancel}
    if action in forms and forms[action].is_valid():
        c = forms[action].cleaned_data
        try:
            if action == "edit":
                task_update(actor=request.user, task=task, reason=c["reason"], changes={
                    "content": c["content"], "no": c["no"], "product": c["product"], "area_id": c["area"],
                    "deadline_text": c["deadline_text"]})
            elif action == "reschedule":
                occ = next((o for o in occurrences if o.pk == c["occurrence"]), None) or Occurrence(pk=c["occurrence"])
                task_reschedule(actor=request.user, task=task, due_date=c["due_date"], reason=c["reason"],
                                occurrence=occ)
            elif action == "assign":
                task_set_assignees(actor=request.user, task=task, lead=c["lead"], coordinating=c["coordinating"])
            else:
                task_cancel(actor=request.user, task=task, reason=c["reason"])
        except DomainError as exc:
            forms[action].add_error(None, f"{exc.message} [{exc.code}]")
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_form.html", {"plan": plan, "task": task, "form": edit, "resched": resched,
                                                    "assignees": assignees, "cancel": cancel})
