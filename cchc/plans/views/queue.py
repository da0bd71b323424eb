"""The agency queue page and the spreadsheet round-trip: export, upload → dry-run diff → confirm."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.org.models import Agency
from cchc.plans import conf, selectors, sheet
from cchc.plans.access import is_manager
from cchc.plans.forms import SheetForm
from cchc.plans.models import ProgressStatus, SheetUpload, WorkItem
from cchc.plans.selectors.queue import MAX_AT_RISK_DAYS, QueueFilters, queue, queue_choices, resolve_agency
from cchc.plans.selectors.sheet import sheet_rows
from cchc.plans.services.sheet import progress_sheet_import
from cchc.plans.views.present import queue_lines

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BUCKETS = ("open", "overdue", "at_risk", "on_track", "no_deadline", "closed", "all")
PER_PAGE = 50


def _int(value: str | None, lo: int = 0, hi: int = 2**53) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if lo <= n <= hi else None


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def queue_page(request: HttpRequest) -> HttpResponse:
    """Việc của cơ quan: buckets, filters, who owes whom. An officer sees their own agency only."""
    g = request.GET
    bucket = g.get("bucket") if g.get("bucket") in BUCKETS else "open"
    status = g.get("status") if g.get("status") in (*ProgressStatus.values, "returned", "awaiting_review") else None
    role = g.get("role") if g.get("role") in ("lead", "coordinating") else None
    days = _int(g.get("days"), 0, MAX_AT_RISK_DAYS)
    page_no = _int(g.get("page"), 1, 100_000) or 1
    filters = QueueFilters(plan_id=_int(g.get("plan"), 1), status=status, role=role, area_id=_int(g.get("area"), 1),
                           bucket=bucket)
    try:
        page = queue(user=request.user, agency_code=g.get("agency") or None, at_risk_days=days, filters=filters,
                     limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=exc.status)
    plans, areas = queue_choices(agency=page.agency)
    manager = is_manager(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    page_query = params.urlencode()
    params.pop("bucket", None)
    context = {
        "page": page, "lines": queue_lines(page.rows, can_report_for=request.user.agency_id
                                           if request.user.has_perm("plans.report_progress") else None),
        "filters": filters, "plans": plans, "areas": areas, "manager": manager,
        "agencies": (Agency.objects.filter(pk__in=WorkItem.objects.values("agency_id")).order_by("name")
                     if manager else []),
        "statuses": [*ProgressStatus.choices, ("returned", _("Bị trả lại")), ("awaiting_review", _("Chờ duyệt"))],
        "buckets": BUCKETS, "query": params.urlencode(), "page_query": page_query, "page_no": page_no,
        "has_next": page.offset + PER_PAGE < page.total, "default_days": conf.at_risk_days(),
    }
    return render(request, "plans/queue.html", context)


def _xlsx(rows: list[dict], name: str) -> HttpResponse:
    response = HttpResponse(sheet.write(rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def queue_export(request: HttpRequest) -> HttpResponse:
    try:
        agency = resolve_agency(user=request.user, agency_code=request.GET.get("agency") or None)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=exc.status)
    return _xlsx(sheet_rows(user=request.user, agency_id=agency.pk), f"tien-do-{agency.code}.xlsx")


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        plan = selectors.plan_get(pk=pk)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=exc.status)
    return _xlsx(sheet_rows(user=request.user, plan=plan), f"tien-do-ke-hoach-{plan.pk}.xlsx")


@login_required
@permission_required("plans.report_progress", raise_exception=True)
def sheet_import(request: HttpRequest) -> HttpResponse:
    """Upload a sheet: the answer is the dry run (diff and row errors); nothing is written yet."""
    form = SheetForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(conf.sheet_max_bytes() + 1)
        try:
            result = progress_sheet_import(actor=request.user, data=data, dry_run=True)
        except DomainError as exc:
            form.add_error("file", f"{exc.message} [{exc.code}]")
        else:
            token = ""
            if result.changes and not result.errors:
                token = SheetUpload.objects.create(token=secrets.token_urlsafe(24), filename=upload.name[:255],
                                                   data=data, created_by=request.user).token
            context.update(result=result, token=token, labels={c.key: c.label for c in sheet.COLUMNS})
    return render(request, "plans/sheet_import.html", context)


@login_required
@permission_required("plans.report_progress", raise_exception=True)
@require_POST
def sheet_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Apply a previewed sheet: all rows or none (the data may have changed since the preview)."""
    pending = get_object_or_404(SheetUpload, token=token, created_by=request.user)
    try:
        result = progress_sheet_import(actor=request.user, data=bytes(pending.data), dry_run=False)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:sheet_import")
    pending.delete()
    if result.errors:
        messages.error(request, _("Không ghi được: %(n)s dòng lỗi (dữ liệu đã thay đổi sau khi chạy thử). "
                                  "Hãy tải lại tệp.") % {"n": len(result.errors)})
        return redirect("plans:sheet_import")
    messages.success(request, _("Đã cập nhật %(n)s dòng tiến độ.") % {"n": len(result.changes)})
    return redirect("plans:queue")
