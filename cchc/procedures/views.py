"""Catalogue pages: search, a procedure version, its history, draft actions, draft edit, import.

Every page reads through the selectors and writes through the same services as the API.
The process editor is in :mod:`cchc.procedures.views_process`.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.common.models import Event
from cchc.procedures import selectors, services
from cchc.procedures.content import LEVELS
from cchc.procedures.forms import CaseLimitForm, ImportForm, VersionForm
from cchc.procedures.importer import MAX_FILE_BYTES
from cchc.procedures.importing import ACTIONS, catalogue_import
from cchc.procedures.models import ImportUpload, OnlineLevel, ProcedureVersion, VersionStatus
from cchc.procedures.process import STEP_ROLES, WORKING_DAY_HOURS, fmt_number, to_hours
from cchc.workdays import UNIT_LABELS, Unit

VIEW = "procedures.view_catalogue"
MANAGE = "procedures.manage_catalogue"


def _error(request: HttpRequest, exc: DomainError, status: int = 404) -> HttpResponse:
    return render(request, "common/error.html", {"message": exc.message}, status=status)


@login_required
@permission_required(VIEW, raise_exception=True)
def catalogue(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("sector", "")[:40]
    level = request.GET.get("level", "")
    level = level if level in LEVELS else ""
    status = request.GET.get("status", "")
    status = status if status in VersionStatus.values else ""
    qs = selectors.catalogue_list(q=q, sector=sector, level=level, status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "procedures/list.html", {
        "page": page, "count": page.paginator.count, "q": q, "sector": sector, "level": level, "status": status,
        "sectors": selectors.sector_list(), "levels": LEVELS.items(), "statuses": VersionStatus.choices,
        "query": query.urlencode(), "online_levels": dict(OnlineLevel.choices),
    })


def _case_rows(version: ProcedureVersion) -> list[dict]:
    rows = []
    for case in version.cases.all():
        check = selectors.process_check_of(case)
        steps = [{"step": s, "hours": to_hours(s.allotted, s.allotted_unit), "role": STEP_ROLES.get(s.role, s.role)}
                 for s in case.steps.all()]
        percent = None
        if check.limit_hours:
            percent = min(100, int(check.total_hours * 100 / check.limit_hours))
        rows.append({"case": case, "check": check, "steps": steps, "percent": percent,
                     "fees_total": sum((f.amount or 0) for f in case.fees.all())})
    return rows


@login_required
@permission_required(VIEW, raise_exception=True)
def procedure_detail(request: HttpRequest, code: str, number: int | None = None) -> HttpResponse:
    try:
        version = selectors.version_get(code=code, number=number)
        history = selectors.version_history(code=code)
    except DomainError as exc:
        return _error(request, exc)
    draft = next((v for v in history if v.status == VersionStatus.DRAFT), None)
    in_force = next((v for v in history if v.status == VersionStatus.PUBLISHED), None)
    return render(request, "procedures/detail.html", {
        "version": version, "procedure": version.procedure, "cases": _case_rows(version), "draft": draft,
        "in_force": in_force, "versions": history, "can_manage": request.user.has_perm(MANAGE),
        "working_day_hours": fmt_number(WORKING_DAY_HOURS), "levels": LEVELS,
    })


@login_required
@permission_required(VIEW, raise_exception=True)
def history(request: HttpRequest, code: str) -> HttpResponse:
    try:
        versions = selectors.version_history(code=code)
    except DomainError as exc:
        return _error(request, exc)
    events = Event.objects.filter(subject_type="procedures.procedure", subject_id=code).order_by("-at", "-pk")[:200]
    return render(request, "procedures/history.html", {"procedure": versions[0].procedure, "versions": versions,
                                                        "latest": versions[0], "events": events})


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def version_action(request: HttpRequest, code: str, number: int, action: str) -> HttpResponse:
    """Publish a draft, open a new draft from a version, or repeal the version in force."""
    try:
        version = selectors.version_get(code=code, number=number)
        reason = request.POST.get("reason", "")[:1000]
        if action == "publish":
            services.version_publish(actor=request.user, version=version, reason=reason)
            messages.success(request, _("Đã công bố phiên bản %(n)s.") % {"n": number})
            target = number
        elif action == "draft":
            target = services.version_create_draft(actor=request.user, procedure=version.procedure, base=version,
                                                   reason=reason).number
            messages.success(request, _("Đã mở bản dự thảo phiên bản %(n)s.") % {"n": target})
        elif action == "repeal":
            services.version_repeal(actor=request.user, version=version, reason=reason)
            messages.success(request, _("Đã bãi bỏ phiên bản %(n)s.") % {"n": number})
            target = number
        else:
            return _error(request, DomainError(_("Thao tác không hợp lệ.")), status=400)
    except DomainError as exc:
        messages.error(request, exc.message)
        target = number
    return redirect("procedures:version", code=code, number=target)


@login_required
@permission_required(MANAGE, raise_exception=True)
def version_edit(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """Edit a draft's general fields and its cases' time limits."""
    try:
        version = selectors.version_get(code=code, number=number)
    except DomainError as exc:
        return _error(request, exc)
    if version.status != VersionStatus.DRAFT:
        messages.error(request, _("Chỉ bản dự thảo được sửa; hãy mở bản dự thảo mới từ phiên bản này."))
        return redirect("procedures:version", code=code, number=number)
    content = selectors.version_content(version)
    cases = list(version.cases.all())
    form = VersionForm(request.POST or None, initial=content)
    case_forms = [(case, CaseLimitForm(request.POST or None, prefix=f"case-{case.code}", initial={
        "time_limit": case.time_limit, "time_unit": case.time_unit, "time_limit_online": case.time_limit_online,
        "same_day_cutoff": case.same_day_cutoff})) for case in cases]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _c, f in case_forms):
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        new_cases = []
        for case_content, (_case, f) in zip(content["cases"], case_forms, strict=True):
            d = f.cleaned_data
            new_cases.append({**case_content, "time_limit": str(d["time_limit"]), "time_unit": d["time_unit"],
                              "time_limit_online": None if d["time_limit_online"] is None else str(d["time_limit_online"]),
                              "same_day_cutoff": d["same_day_cutoff"].strftime("%H:%M") if d["same_day_cutoff"] else None})
        try:
            services.version_update(actor=request.user, version=version, changes={**data, "cases": new_cases},
                                    reason=reason)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu bản dự thảo."))
            return redirect("procedures:version", code=code, number=number)
    return render(request, "procedures/edit.html", {"version": version, "form": form, "case_forms": case_forms})


def _limit_text(case: dict) -> str:
    """"20 ngày", "3 ngày làm việc", "trong ngày" for the preview table."""
    unit = Unit(case["time_unit"])
    if unit in (Unit.SAME_DAY, Unit.NO_APPOINTMENT):
        return UNIT_LABELS[unit]
    return f"{fmt_number(Decimal(str(case['time_limit'])))} {UNIT_LABELS[unit]}"


def _preview_rows(report) -> list[dict]:
    return [{**item, "action_label": ACTIONS[item["action"]],
             "limits": ", ".join(_limit_text(c) for c in item["cases"])} for item in report.procedures]


@login_required
@permission_required(MANAGE, raise_exception=True)
def import_view(request: HttpRequest) -> HttpResponse:
    """Step 1: upload the exports; the answer is a dry-run preview (nothing written yet)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "max_mb": MAX_FILE_BYTES // (1024 * 1024)}
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        if any(f.size > MAX_FILE_BYTES for f in uploads):
            form.add_error("files", _("Mỗi tệp tối đa %(n)s MB.") % {"n": context["max_mb"]})
        else:
            files = [(f.name[:255], f.read()) for f in uploads]
            try:
                report = catalogue_import(actor=request.user, files=files, dry_run=True)
            except DomainError as exc:
                form.add_error("files", exc.message)
            else:
                token = ""
                # Previews nobody applied are dropped after a day; they hold whole files.
                ImportUpload.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
                if not report.errors:
                    token = secrets.token_urlsafe(24)
                    with transaction.atomic():
                        ImportUpload.objects.bulk_create([ImportUpload(token=token, filename=name, data=data,
                                                                       created_by=request.user) for name, data in files])
                context.update(report=report, rows=_preview_rows(report), token=token)
    template = "procedures/_import_preview.html" if request.headers.get("HX-Request") else "procedures/import.html"
    return render(request, template, context)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def import_apply(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: the person applies what the preview showed (the files are parsed again: same result)."""
    uploads = list(ImportUpload.objects.filter(token=token, created_by=request.user).order_by("pk"))
    if not uploads:
        messages.error(request, _("Phiên nhập đã hết hạn hoặc đã áp dụng; hãy tải tệp lên lại."))
        return redirect("procedures:import")
    try:
        report = catalogue_import(actor=request.user, files=[(u.filename, bytes(u.data)) for u in uploads])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("procedures:import")
    ImportUpload.objects.filter(token=token).delete()
    if report.errors:
        messages.error(request, _("Tệp nhập bị từ chối (%(n)s lỗi); chưa ghi gì.") % {"n": len(report.errors)})
        return redirect("procedures:import")
    counts = report.counts
    messages.success(request, _("Đã nhập %(n)s thủ tục: %(c)s thêm mới, %(u)s cập nhật, %(s)s không đổi.") % {
        "n": len(report.procedures), "c": counts["created"], "u": counts["new_version"] + counts["updated_draft"],
        "s": counts["unchanged"]})
    return redirect(reverse("procedures:list") + "?status=draft")
