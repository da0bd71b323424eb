"""Pages of the results app.

Staff (behind login): the panel on the dossier page (loaded with htmx), signing, returning by post
or electronically, the postal status, the stored signed PDF. Public: the verification page of a
dossier's electronic result (download with the holder's phone or ID number) and the check of a PDF
someone received.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError, NotFound
from cchc.dossiers.selectors import dossier_get
from cchc.results import selectors, services, throttle
from cchc.results.models import PostalReturn
from cchc.results.signing import trust_roots
from cchc.results.verification import verify_pdf


def _staff(request: HttpRequest) -> HttpResponse | None:
    if getattr(request.user, "kind", "") != "staff":
        return render(request, "common/error.html", {"message": _("Trang dành cho cán bộ, công chức.")}, status=403)
    return None


def _dossier(request: HttpRequest, code: str):
    try:
        return dossier_get(user=request.user, code=code), None
    except DomainError as exc:
        return None, render(request, "common/error.html", {"message": exc.message}, status=404)


class SignForm(forms.Form):
    file = forms.FileField(label=_l("Tệp PDF kết quả"), required=False)
    generate = forms.BooleanField(label=_l("Tạo tệp kết quả từ dữ liệu hồ sơ"), required=False)
    title = forms.CharField(label=_l("Tên giấy tờ kết quả"), max_length=255, required=False)
    result_number = forms.CharField(label=_l("Số, ký hiệu kết quả"), max_length=100, required=False)
    summary = forms.CharField(label=_l("Trích yếu kết quả"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            css = "form-check-input" if isinstance(f.widget, forms.CheckboxInput) else "form-control form-control-sm"
            if isinstance(f.widget, forms.Select):
                css = "form-select form-select-sm"
            f.widget.attrs.setdefault("class", css)


class PostalForm(_Styled):
    recipient_name = forms.CharField(label=_l("Người nhận"), max_length=255)
    recipient_address = forms.CharField(label=_l("Địa chỉ nhận"), max_length=500)
    recipient_phone = forms.CharField(label=_l("Điện thoại người nhận"), max_length=20)
    postal_service = forms.CharField(label=_l("Đơn vị bưu chính"), max_length=120,
                                     initial="Bưu điện Việt Nam (VNPost)")
    tracking_number = forms.CharField(label=_l("Mã vận đơn"), max_length=40)
    fee = forms.IntegerField(label=_l("Cước (đồng)"), min_value=0, required=False, initial=0)
    fee_collected = forms.BooleanField(label=_l("Đã thu phí, lệ phí còn nợ"), required=False)


class PostalStatusForm(_Styled):
    status = forms.ChoiceField(label=_l("Trạng thái mới"), choices=())
    at = forms.DateTimeField(label=_l("Thời điểm"), required=False,
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])
    tracking_number = forms.CharField(label=_l("Mã vận đơn mới (nếu gửi lại)"), max_length=40, required=False)
    note = forms.CharField(label=_l("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = list(choices)


def _form_errors(form: forms.Form) -> str:
    return "; ".join(f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
                     for f, e in form.errors.items())


@login_required
def panel(request: HttpRequest, code: str) -> HttpResponse:
    """The results panel of the staff dossier page (an htmx fragment)."""
    if (denied := _staff(request)) is not None:
        return denied
    dossier, error = _dossier(request, code)
    if error:
        return error
    p = selectors.panel(user=request.user, dossier=dossier)
    status_form = PostalStatusForm(choices=p.next_statuses) if p.can_update_postal else None
    initial = {"recipient_name": dossier.applicant_name, "recipient_address": dossier.applicant_address,
               "recipient_phone": dossier.applicant_phone}
    return render(request, "results/panel.html", {
        "d": dossier, "p": p, "sign_form": SignForm(initial={"result_number": dossier.result_number}),
        "postal_form": PostalForm(initial=initial), "status_form": status_form,
    })


@login_required
@require_POST
def sign(request: HttpRequest, code: str) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    dossier, error = _dossier(request, code)
    if error:
        return error
    form = SignForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Ký số kết quả: %(e)s") % {"e": _form_errors(form)})
        return redirect("dossiers:detail", code=code)
    upload = form.cleaned_data["file"]
    data = b""
    if upload is not None:
        if upload.size > services.max_bytes():
            messages.error(request, _("Tệp kết quả vượt quá giới hạn dung lượng."))
            return redirect("dossiers:detail", code=code)
        data = upload.read()
    try:
        services.result_sign(actor=request.user, dossier=dossier, pdf=data or None,
                             filename=getattr(upload, "name", ""), generate=form.cleaned_data["generate"],
                             title=form.cleaned_data["title"], result_number=form.cleaned_data["result_number"],
                             summary=form.cleaned_data["summary"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ký số và lưu kết quả điện tử."))
    return redirect("dossiers:detail", code=code)


@login_required
@require_POST
def return_postal(request: HttpRequest, code: str) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    dossier, error = _dossier(request, code)
    if error:
        return error
    form = PostalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Trả qua bưu chính: %(e)s") % {"e": _form_errors(form)})
        return redirect("dossiers:detail", code=code)
    try:
        services.result_return_postal(actor=request.user, dossier=dossier, **{
            **form.cleaned_data, "fee": form.cleaned_data["fee"] or 0})
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nhận trả kết quả qua bưu chính."))
    return redirect("dossiers:detail", code=code)


@login_required
@require_POST
def postal_status(request: HttpRequest, code: str) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    dossier, error = _dossier(request, code)
    if error:
        return error
    postal = PostalReturn.objects.filter(dossier=dossier).first()
    if postal is None:
        return render(request, "common/error.html", {"message": _("Hồ sơ không trả qua bưu chính.")}, status=404)
    from cchc.results.postal import STATUS_LABELS, PostalStatus

    form = PostalStatusForm(request.POST, choices=[(s.value, STATUS_LABELS[s]) for s in PostalStatus])
    if not form.is_valid():
        messages.error(request, _("Cập nhật bưu gửi: %(e)s") % {"e": _form_errors(form)})
        return redirect("dossiers:detail", code=code)
    at: datetime | None = form.cleaned_data["at"]
    try:
        services.postal_status_update(actor=request.user, postal=postal, status=form.cleaned_data["status"], at=at,
                                      note=form.cleaned_data["note"],
                                      tracking_number=form.cleaned_data["tracking_number"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cập nhật trạng thái bưu gửi."))
    return redirect("dossiers:detail", code=code)


@login_required
@require_POST
def return_electronic(request: HttpRequest, code: str) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    dossier, error = _dossier(request, code)
    if error:
        return error
    try:
        services.result_return_electronic(actor=request.user, dossier=dossier)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã trả kết quả điện tử."))
    return redirect("dossiers:detail", code=code)


@login_required
def staff_file(request: HttpRequest, code: str) -> HttpResponse:
    """The stored signed PDF, for staff who may read the dossier."""
    if (denied := _staff(request)) is not None:
        return denied
    dossier, error = _dossier(request, code)
    if error:
        return error
    result = selectors.current_result(dossier=dossier)
    if result is None:
        return render(request, "common/error.html", {"message": _("Hồ sơ chưa có kết quả điện tử.")}, status=404)
    return FileResponse(result.file.open("rb"), content_type="application/pdf", as_attachment=False,
                        filename=f"ket-qua-{dossier.code}.pdf")


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: the signature of a dossier's electronic result, and its download for the holder."""
    dossier = selectors.public_dossier(code=code)
    result = selectors.current_result(dossier=dossier) if dossier else None
    ctx = {"code": code[:60], "dossier": dossier if result else None, "result": result,
           "verification": selectors.verify_stored(result=result) if result else None, "key_error": ""}
    if request.method == "POST":
        if not throttle.allow(request, "key", throttle.KEY_TRIES):
            ctx["key_error"] = _("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút.")
            return render(request, "results/verify.html", ctx, status=429)
        try:
            if dossier is None:
                raise NotFound(_("Không có kết quả điện tử khớp với mã hồ sơ và thông tin đã nhập."))
            found, data = services.result_download(dossier=dossier, key=request.POST.get("key", "")[:40],
                                                   client=throttle.client_of(request))
        except DomainError as exc:
            ctx["key_error"] = exc.message
            return render(request, "results/verify.html", ctx)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="ket-qua-{found.dossier.code}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "results/verify.html", ctx)


def verify_file(request: HttpRequest) -> HttpResponse:
    """Public: check the signature of a PDF someone received."""
    ctx: dict = {"verification": None, "error": "", "filename": ""}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if not throttle.allow(request, "verify", throttle.VERIFY_UPLOADS):
            ctx["error"] = _("Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau ít phút.")
            return render(request, "results/verify_file.html", ctx, status=429)
        if upload is None:
            ctx["error"] = _("Hãy chọn tệp PDF cần kiểm tra.")
            return render(request, "results/verify_file.html", ctx, status=422)
        if upload.size > services.max_bytes():
            ctx["error"] = _("Tệp lớn hơn giới hạn cho phép.")
            return render(request, "results/verify_file.html", ctx, status=413)
        ctx["filename"] = upload.name[:120]
        ctx["verification"] = verify_pdf(upload.read(), trust_roots())
    return render(request, "results/verify_file.html", ctx)
