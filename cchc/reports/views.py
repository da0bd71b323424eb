"""Dashboards (per plan, content area and agency), periodic report downloads, publication and the public page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.org.models import Agency
from cchc.plans.access import agency_scope, is_manager
from cchc.plans.models import Area, Plan, Role
from cchc.plans.selectors.stats import CountRow
from cchc.reports import docx_report, selectors, xlsx_report
from cchc.reports.models import PublishedSnapshot
from cchc.reports.periods import KINDS, Period, quarter_of
from cchc.reports.services import progress_publish

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLORS = {"done_on_time": "#198754", "done_late": "#fd7e14", "overdue": "#dc3545", "not_feasible": "#6c757d",
          "open": "#0d6efd"}
KIND_LABELS = {"q1": "Quý I", "q2": "Quý II", "q3": "Quý III", "q4": "Quý IV", "h1": "6 tháng đầu năm",
               "year": "Cả năm"}


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "common/error.html", {"message": exc.message}, status=exc.status)


def _stack_chart(rows: list[CountRow]) -> dict[str, Any]:
    """Chart.js data for a stacked bar: done on time, done late, overdue, not feasible, still open."""
    def open_(r: CountRow) -> int:
        return r.at_risk + r.on_track + r.no_deadline

    series = [("done_on_time", _("Hoàn thành đúng hạn"), lambda r: r.done_on_time),
              ("done_late", _("Hoàn thành quá hạn"), lambda r: r.done_late),
              ("overdue", _("Quá hạn chưa hoàn thành"), lambda r: r.overdue),
              ("not_feasible", _("Không thực hiện được"), lambda r: r.not_feasible),
              ("open", _("Đang thực hiện trong hạn"), open_)]
    return {"type": "bar", "labels": [r.label[:60] for r in rows],
            "datasets": [{"label": str(label), "data": [f(r) for r in rows], "backgroundColor": COLORS[key]}
                         for key, label, f in series], "stacked": True}


def _trend_chart(trend: list[selectors.TrendRow]) -> dict[str, Any]:
    return {"type": "line", "labels": [t.label for t in trend], "datasets": [
        {"label": _("Đến hạn"), "data": [t.due for t in trend], "borderColor": COLORS["open"]},
        {"label": _("Hoàn thành đúng hạn"), "data": [t.done_on_time for t in trend], "borderColor": COLORS["done_on_time"]},
        {"label": _("Hoàn thành quá hạn"), "data": [t.done_late for t in trend], "borderColor": COLORS["done_late"]},
        {"label": _("Quá hạn chưa hoàn thành"), "data": [t.open_overdue for t in trend], "borderColor": COLORS["overdue"]},
    ]}


def _charts(dash: selectors.Dashboard) -> dict[str, dict[str, Any]]:
    charts = {"trend": _trend_chart(dash.trend)}
    for name in ("by_area", "by_agency", "by_plan"):
        rows = getattr(dash, name)
        if rows:
            charts[name] = _stack_chart(rows)
    return charts


def _linked(request: HttpRequest, dash: selectors.Dashboard, plan: Plan | None) -> dict[str, list]:
    """Each row with the dashboard it opens: areas of the plan, agencies (the secretariat's or one's own), plans."""
    scope = agency_scope(request.user)
    codes = {a.pk: a.code for a in Agency.objects.filter(pk__in=[r.key for r in dash.by_agency if r.key])}

    def agency_href(r: CountRow) -> str:
        code = codes.get(r.key)
        return reverse("reports:agency", args=[code]) if code and (scope is None or scope == r.key) else ""

    return {
        "area_rows": [(r, reverse("reports:area", args=[plan.pk, r.key]) if plan and r.key else "")
                      for r in dash.by_area],
        "agency_rows": [(r, agency_href(r)) for r in dash.by_agency],
        "plan_rows": [(r, reverse("reports:plan", args=[r.key]) if r.key else "") for r in dash.by_plan],
    }


def _today(request: HttpRequest) -> date:
    return timezone.localdate()


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def dashboard_index(request: HttpRequest) -> HttpResponse:
    """Bảng theo dõi: plans with their figures (within the reader's scope), and the agencies for the secretariat."""
    today = _today(request)
    qs = selectors.scoped_items(request.user).filter(role=Role.LEAD)
    risk_end = selectors._risk_end(today)
    by_plan, total = selectors.grouped_counts(qs, by="plan", today=today, risk_end=risk_end)
    manager = is_manager(request.user)
    by_agency = (selectors.grouped_counts(qs, by="agency", today=today, risk_end=risk_end)[0] if manager else [])
    agencies = {a.pk: a.code for a in Agency.objects.filter(pk__in=[r.key for r in by_agency if r.key])}
    return render(request, "reports/index.html", {
        "plan_rows": [(r, reverse("reports:plan", args=[r.key]) if r.key else "") for r in by_plan],
        "agency_rows": [(r, reverse("reports:agency", args=[agencies[r.key]]) if r.key in agencies else "")
                        for r in by_agency], "total": total,
        "manager": manager, "today": today, "own_agency": request.user.agency if not manager else None,
        "charts": {"by_plan": _stack_chart(by_plan)},
    })


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def plan_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    dash = selectors.plan_dashboard(user=request.user, plan=plan, today=_today(request))
    return render(request, "reports/dashboard.html", {
        "dash": dash, "plan": plan, "charts": _charts(dash), "manager": is_manager(request.user),
        **_linked(request, dash, plan),
        "scoped": agency_scope(request.user) is not None, "quarters": (1, 2, 3, 4),
        "published": PublishedSnapshot.objects.filter(plan=plan).order_by("-year", "-quarter"),
        "current_quarter": quarter_of(dash.today),
    })


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def area_dashboard(request: HttpRequest, pk: int, area_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    area = get_object_or_404(Area, pk=area_id, plan=plan)
    dash = selectors.plan_dashboard(user=request.user, plan=plan, area=area, today=_today(request))
    return render(request, "reports/dashboard.html", {
        "dash": dash, "plan": plan, "area": area, "charts": _charts(dash), **_linked(request, dash, plan),
        "scoped": agency_scope(request.user) is not None})


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def agency_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    try:
        agency = selectors.agency_for_dashboard(user=request.user, code=code)
        dash = selectors.agency_dashboard(user=request.user, agency=agency, today=_today(request))
    except DomainError as exc:
        return _error(request, exc)
    return render(request, "reports/dashboard.html", {"dash": dash, "agency": agency, "charts": _charts(dash),
                                                     **_linked(request, dash, None)})


def _period_from(request: HttpRequest) -> tuple[Period, Agency | None]:
    g = request.GET
    try:
        year = int(g.get("year") or timezone.localdate().year)
        period = Period(year, g.get("kind") or "year")
    except ValueError:
        raise Http404(_("Kỳ báo cáo không hợp lệ.")) from None
    code = (g.get("agency") or "").strip()
    scope = agency_scope(request.user)
    if scope is not None and not code:  # an officer reports for their own agency
        code = request.user.agency.code if request.user.agency_id else ""
    agency = None
    if code:
        agency = selectors.agency_for_dashboard(user=request.user, code=code)
    return period, agency


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def periodic_form(request: HttpRequest) -> HttpResponse:
    """Choose the period and (for the secretariat) the agency, then download the DOCX or the XLSX."""
    manager = is_manager(request.user)
    today = timezone.localdate()
    years = sorted({y for y in Plan.objects.exclude(year=None).values_list("year", flat=True)} | {today.year},
                   reverse=True)
    return render(request, "reports/periodic.html", {
        "manager": manager, "years": years, "kinds": [(k, KIND_LABELS[k]) for k in KINDS],
        "agencies": Agency.objects.filter(work_items__isnull=False).distinct().order_by("name") if manager else [],
        "plans": Plan.objects.order_by("-year", "pk"), "this_year": today.year,
    })


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def periodic_docx(request: HttpRequest) -> HttpResponse:
    try:
        period, agency = _period_from(request)
        if agency is None and not is_manager(request.user):
            return render(request, "common/error.html", {"message": _("Tài khoản chưa gắn với cơ quan nào.")},
                          status=403)
        report = selectors.period_report(user=request.user, period=period, agency=agency)
    except DomainError as exc:
        return _error(request, exc)
    data = docx_report.render(report)
    who = agency.code if agency else "tinh"
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-cchc-{period.slug}-{who}.docx"'
    return response


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def tasks_xlsx(request: HttpRequest) -> HttpResponse:
    plan = None
    if request.GET.get("plan"):
        plan = get_object_or_404(Plan, pk=request.GET["plan"]) if request.GET["plan"].isdigit() else None
        if plan is None:
            raise Http404
    today = timezone.localdate()
    data = xlsx_report.render(selectors.task_rows(user=request.user, plan=plan).iterator(chunk_size=2000), today=today)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{plan.pk if plan else "tat-ca"}-{today:%Y%m%d}.xlsx"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat publishes a quarter's progress of a plan on the public page."""
    plan = get_object_or_404(Plan, pk=pk)
    try:
        quarter = int(request.POST.get("quarter", ""))
        year = int(request.POST.get("year") or plan.year or timezone.localdate().year)
    except ValueError:
        messages.error(request, _("Hãy chọn quý cần công bố."))
        return redirect("reports:plan", pk=plan.pk)
    try:
        snap = progress_publish(actor=request.user, plan=plan, quarter=quarter, year=year)
    except DomainError as exc:
        if exc.status == 403:
            return _error(request, exc)
        messages.error(request, exc.message)
        return redirect("reports:plan", pk=plan.pk)
    messages.success(request, _("Đã công bố: %(title)s.") % {"title": snap.title})
    return redirect("reports:public_detail", pk=snap.pk)


def public_list(request: HttpRequest) -> HttpResponse:
    """Tiến độ đã công bố (no login): only what the secretariat published."""
    snaps = PublishedSnapshot.objects.select_related("plan").order_by("-year", "-quarter", "-pk")
    return render(request, "reports/public_list.html", {"snapshots": snaps})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snap = get_object_or_404(PublishedSnapshot.objects.select_related("plan"), pk=pk)
    areas = snap.data.get("areas", [])
    chart = {"type": "bar", "labels": [a["label"][:60] for a in areas], "stacked": True, "datasets": [
        {"label": _("Hoàn thành đúng hạn"), "data": [a["done_on_time"] for a in areas], "backgroundColor": COLORS["done_on_time"]},
        {"label": _("Hoàn thành quá hạn"), "data": [a["done_late"] for a in areas], "backgroundColor": COLORS["done_late"]},
        {"label": _("Quá hạn chưa hoàn thành"), "data": [a["overdue"] for a in areas], "backgroundColor": COLORS["overdue"]},
        {"label": _("Không thực hiện được"), "data": [a["not_feasible"] for a in areas], "backgroundColor": COLORS["not_feasible"]},
    ]}
    return render(request, "reports/public_detail.html", {
        "snap": snap, "total": snap.data.get("total", {}), "areas": areas, "agencies": snap.data.get("agencies", []),
        "chart": chart})
