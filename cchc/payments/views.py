"""Staff pages of payments: the dossier panel (loaded by htmx), its forms, the receipt page and PDF.

Forms post here and come back to the dossier page with a message; every write calls a service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from cchc.common.errors import DomainError
from cchc.dossiers import selectors as dossier_selectors
from cchc.payments import selectors, services
from cchc.payments.models import FeeKind, PaymentRequest


def _staff(request: HttpRequest) -> HttpResponse | None:
    if getattr(request.user, "kind", "") != "staff":
        return render(request, "common/error.html", {"message": "Trang dành cho cán bộ, công chức."}, status=403)
    return None


def _dossier(request: HttpRequest, code: str):
    return dossier_selectors.dossier_get(user=request.user, code=code)


def _not_found(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "common/error.html", {"message": exc.message}, status=404)


@login_required
@require_GET
def panel(request: HttpRequest, code: str) -> HttpResponse:
    """The fragment shown inside the staff dossier page."""
    if (denied := _staff(request)) is not None:
        return denied
    try:
        d = _dossier(request, code)
    except DomainError as exc:
        return _not_found(request, exc)
    data = selectors.dossier_payments(user=request.user, dossier=d)
    return render(request, "payments/panel.html", {
        "d": d, "p": data, "kinds": FeeKind.choices,
        "online": PaymentRequest.Method.ONLINE, "methods": PaymentRequest.Method.choices,
    })


def _post(request: HttpRequest, code: str, work) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    try:
        d = _dossier(request, code)
    except DomainError as exc:
        return _not_found(request, exc)
    try:
        text = work(d)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if text:
            messages.success(request, text)
    return redirect("dossiers:detail", code=d.code)


@login_required
@require_POST
def lines_generate(request: HttpRequest, code: str) -> HttpResponse:
    def work(d):
        lines = services.fee_lines_create_for(actor=request.user, dossier=d)
        return f"Danh sách phí, lệ phí có {len(lines)} khoản."
    return _post(request, code, work)


@login_required
@require_POST
def line_add(request: HttpRequest, code: str) -> HttpResponse:
    def work(d):
        services.fee_line_add(actor=request.user, dossier=d, description=request.POST.get("description", "")[:300],
                              amount=request.POST.get("amount", "")[:20], kind=request.POST.get("kind", "")[:10],
                              note=request.POST.get("note", "")[:500])
        return "Đã thêm khoản phí."
    return _post(request, code, work)


@login_required
@require_POST
def request_create(request: HttpRequest, code: str) -> HttpResponse:
    def work(d):
        method = request.POST.get("method", PaymentRequest.Method.ONLINE)[:20]
        req = services.payment_request_create(actor=request.user, dossier=d, method=method,
                                              note=request.POST.get("note", "")[:2000])
        if req.method == PaymentRequest.Method.ONLINE:
            req = services.payment_online_start(actor=request.user, request=req)
            if req.status == PaymentRequest.Status.FAILED:
                return f"Đã tạo yêu cầu {req.reference} nhưng nền tảng thanh toán từ chối: {req.gateway_message}"
            if not req.redirect_url:
                return f"Đã tạo yêu cầu {req.reference}; {req.gateway_message} Hệ thống sẽ đối soát lại sau."
        return f"Đã tạo yêu cầu thanh toán {req.reference}."
    return _post(request, code, work)


def _request_of(request: HttpRequest, d, reference: str) -> PaymentRequest:
    req = selectors.payment_request_get(user=request.user, reference=reference[:40])
    if req.dossier_id != d.pk:
        from cchc.common.errors import NotFound

        raise NotFound("Yêu cầu thanh toán không thuộc hồ sơ này.", code="payment_not_found")
    return req


@login_required
@require_POST
def request_start(request: HttpRequest, code: str, reference: str) -> HttpResponse:
    def work(d):
        req = services.payment_online_start(actor=request.user, request=_request_of(request, d, reference))
        return "Đã tạo liên kết thanh toán." if req.redirect_url else (req.gateway_message or "Chưa tạo được liên kết.")
    return _post(request, code, work)


@login_required
@require_POST
def request_cancel(request: HttpRequest, code: str, reference: str) -> HttpResponse:
    def work(d):
        services.payment_request_cancel(actor=request.user, request=_request_of(request, d, reference),
                                        reason=request.POST.get("reason", "")[:500])
        return "Đã hủy yêu cầu thanh toán."
    return _post(request, code, work)


@login_required
@require_POST
def cash_confirm(request: HttpRequest, code: str) -> HttpResponse:
    def work(d):
        receipt = services.payment_cash_confirm(actor=request.user, dossier=d,
                                                method=request.POST.get("method", "tien-mat")[:20],
                                                note=request.POST.get("note", "")[:2000])
        return f"Đã xác nhận nộp phí tại quầy; biên lai số {receipt.label}."
    return _post(request, code, work)


def _receipt(request: HttpRequest, series: str, number: int):
    return selectors.receipt_get(user=request.user, series=series, number=number)


@login_required
@require_GET
def receipt_page(request: HttpRequest, series: str, number: int) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    try:
        r = _receipt(request, series, number)
    except DomainError as exc:
        return _not_found(request, exc)
    return render(request, "payments/receipt_page.html", {"r": r})


@login_required
@require_GET
def receipt_pdf(request: HttpRequest, series: str, number: int) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    try:
        r = _receipt(request, series, number)
    except DomainError as exc:
        return _not_found(request, exc)
    from weasyprint import HTML

    html = render_to_string("payments/receipt_print.html", {"r": r, "pdf": True}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{r.label}.pdf"'
    return response
