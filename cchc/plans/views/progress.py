"""The report form of a work item, the secretariat's review list and actions, evidence downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.plans import conf
from cchc.plans.forms import ReportForm, ReviewForm
from cchc.plans.models import WorkItem
from cchc.plans.selectors.progress import (
    derived_for_work_item,
    evidence_get,
    report_get,
    report_list,
    review_queue,
)
from cchc.plans.services.evidence import FileIn, ReferenceIn
from cchc.plans.services.progress import ReportInput, progress_report_review, progress_report_submit


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "common/error.html", {"message": exc.message}, status=exc.status)


@login_required
@permission_required("plans.report_progress", raise_exception=True)
def report_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Báo cáo tiến độ: status, percent (entered or derived — both shown), narrative, evidence."""
    item = (WorkItem.objects.select_related("task", "plan", "occurrence", "agency", "latest_report")
            .filter(pk=pk, agency_id=request.user.agency_id).first())
    if item is None:
        return render(request, "common/error.html", {"message": _(
            "Phần việc này không giao cho cơ quan của bạn: chỉ cơ quan được giao mới báo cáo được. [task_not_assigned]")},
            status=403)
    derived = derived_for_work_item(item)
    initial = {"status": "done" if item.status in ("done_on_time", "done_late") else item.status,
               "percent": item.percent, "percent_mode": "manual"}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        refs = []
        if c["doc_number"] or c["doc_date"]:
            refs.append(ReferenceIn(number=c["doc_number"], date=c["doc_date"], title=c["doc_title"]))
        limit = conf.evidence_max_bytes()
        # Reading one byte past the limit is enough for the service to refuse an oversized file.
        files = [FileIn(name=f.name, data=f.read(limit + 1)) for f in c["files"]]
        try:
            progress_report_submit(actor=request.user, work_item=item, data=ReportInput(
                status=c["status"], percent=c["percent"], percent_mode=c["percent_mode"], narrative=c["narrative"],
                reason=c["reason"], completed_on=c["completed_on"], references=refs, files=files))
        except DomainError as exc:
            form.add_error(None, f"{exc.message} [{exc.code}]")
        else:
            messages.success(request, _("Đã gửi báo cáo tiến độ."))
            return redirect("plans:task", pk=item.task_id)
    history = list(report_list(user=request.user, work_item_id=item.pk)[:20])
    return render(request, "plans/report_form.html", {"item": item, "form": form, "derived": derived,
                                                      "history": history, "max_mb": conf.evidence_max_bytes() // 2**20})


@login_required
@permission_required("plans.view_plan", raise_exception=True)
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReviewForm(request.POST)
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = ""
    try:
        report = report_get(user=request.user, pk=pk)
    except DomainError as exc:
        return _error(request, exc)
    if not form.is_valid():
        messages.error(request, _("Quyết định không hợp lệ."))
    else:
        decision = form.cleaned_data["decision"]
        try:
            progress_report_review(actor=request.user, report=report, decision=decision,
                                   reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, f"{exc.message} [{exc.code}]")
        else:
            messages.success(request, _("Đã chấp nhận báo cáo.") if decision == "accept"
                             else _("Đã trả lại báo cáo để bổ sung."))
    return redirect(target) if target else redirect("plans:task", pk=report.task_id)


@login_required
@permission_required("plans.review_progress", raise_exception=True)
def reviews(request: HttpRequest) -> HttpResponse:
    """Báo cáo chờ duyệt: lead reports waiting for the secretariat, oldest first."""
    pending = list(review_queue(user=request.user).select_related("work_item__plan")[:200])
    return render(request, "plans/reviews.html", {"reports": pending, "reviewable": {r.pk for r in pending}})


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        ev = evidence_get(user=request.user, pk=pk)
    except DomainError as exc:
        return _error(request, exc)
    if not ev.file:
        return render(request, "common/error.html", {"message": _("Minh chứng này là văn bản, không có tệp.")},
                      status=404)
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError:
        return render(request, "common/error.html", {"message": _("Tệp minh chứng không còn trên máy chủ.")},
                      status=404)
    return FileResponse(handle, content_type=ev.content_type, as_attachment=True, filename=ev.original_name)

