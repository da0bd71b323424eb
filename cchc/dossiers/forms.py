"""Forms of the dossier pages: one small form per transition, whose cleaned data are the service's arguments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.dossiers.lifecycle import Action
from cchc.dossiers.models import ApplicantType, Channel, ReturnMethod


def _reason() -> forms.Field:
    return forms.CharField(label=_("Lý do"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


def _note() -> forms.Field:
    return forms.CharField(label=_("Ghi chú"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 1}))


def _components() -> forms.Field:
    return forms.CharField(label=_("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))


FIELDS = {
    "note": _note,
    "reason": _reason,
    "components": _components,
    "competent_hint": lambda: forms.CharField(label=_("Cơ quan có thẩm quyền (nếu không thuộc thẩm quyền)"),
                                              max_length=255, required=False),
    "to_step": lambda: forms.CharField(label=_("Mã bước đến (bỏ trống: bước kế tiếp)"), max_length=30, required=False),
    "agency_code": lambda: forms.CharField(label=_("Mã cơ quan phối hợp"), max_length=64),
    "amount": lambda: forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1, max_value=10**12),
    "paid_online": lambda: forms.ChoiceField(label=_("Hình thức"), required=False, choices=[
        ("", _("Nộp trực tiếp")), ("1", _("Trực tuyến qua Cổng DVCQG")), ("2", _("Trực tuyến qua cổng của tỉnh"))]),
    "new_due_at": lambda: forms.DateTimeField(label=_("Ngày hẹn mới"), input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
                                              widget=forms.DateTimeInput(attrs={"type": "datetime-local"})),
    "document_number": lambda: forms.CharField(label=_("Số văn bản xin lỗi"), max_length=100, required=False),
    "result_number": lambda: forms.CharField(label=_("Số, ký hiệu kết quả"), max_length=100),
    "result_date": lambda: forms.DateField(label=_("Ngày ký"), required=False,
                                           widget=forms.DateInput(attrs={"type": "date"})),
    "electronic": lambda: forms.BooleanField(label=_("Kết quả điện tử (ký số)"), required=False),
    "summary": lambda: forms.CharField(label=_("Trích yếu kết quả"), max_length=2000, required=False),
    "method": lambda: forms.ChoiceField(label=_("Hình thức trả"), choices=ReturnMethod.choices),
    "recipient_name": lambda: forms.CharField(label=_("Người nhận"), max_length=255, required=False),
    "fee_collected": lambda: forms.BooleanField(label=_("Đã thu phí, lệ phí còn lại"), required=False),
}

ACTION_FIELDS: dict[Action, list[str]] = {
    Action.ACCEPT: ["note"],
    Action.RECEIVE: ["note"],
    Action.REQUEST_INTAKE_SUPPLEMENT: ["reason", "components"],
    Action.RESUBMIT: ["note"],
    Action.REFUSE: ["reason", "competent_hint"],
    Action.TRANSFER: ["note"],
    Action.FORWARD: ["to_step", "note"],
    Action.SEND_INTERAGENCY: ["agency_code", "note"],
    Action.RETURN_INTERAGENCY: ["note"],
    Action.REQUEST_SUPPLEMENT: ["reason", "components"],
    Action.RECEIVE_SUPPLEMENT: ["note"],
    Action.REQUEST_PAYMENT: ["amount", "note"],
    Action.CONFIRM_PAYMENT: ["paid_online", "note"],
    Action.APOLOGISE: ["new_due_at", "reason", "document_number"],
    Action.WITHDRAW: ["reason"],
    Action.STOP: ["reason"],
    # The electronic-result flag comes from a signed result (the results panel), not from a checkbox.
    Action.ISSUE_RESULT: ["result_number", "result_date", "summary"],
    Action.RETURN_RESULT: ["method", "recipient_name", "fee_collected"],
}


def action_form(action: Action, data=None, prefix: str | None = None) -> forms.Form:
    """The form of one transition (its fields named like the service's keyword arguments)."""
    form = forms.Form(data=data, prefix=prefix)
    for name in ACTION_FIELDS[action]:
        form.fields[name] = FIELDS[name]()
    return form


def service_kwargs(action: Action, cleaned: dict) -> dict:
    """The service arguments from a valid form: lists from text, no empty optional dates."""
    kwargs = dict(cleaned)
    if "components" in kwargs:
        kwargs["components"] = [line.strip() for line in (kwargs["components"] or "").splitlines() if line.strip()]
    if action is Action.RESUBMIT:
        kwargs["components"] = None
    if "result_date" in kwargs and kwargs["result_date"] is None:
        kwargs.pop("result_date")
    return kwargs


class IntakeForm(forms.Form):
    """Counter intake of a complete dossier; the components are added per procedure case by the view."""

    case_code = forms.CharField(widget=forms.HiddenInput, required=False)
    channel = forms.ChoiceField(label=_("Kênh nộp"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    competent_agency_code = forms.CharField(label=_("Mã cơ quan giải quyết (khi có nhiều)"), max_length=64,
                                            required=False)
    applicant_type = forms.TypedChoiceField(label=_("Loại đối tượng"), choices=ApplicantType.choices, coerce=int)
    applicant_name = forms.CharField(label=_("Chủ hồ sơ"), max_length=255)
    applicant_id_number = forms.CharField(label=_("Số giấy tờ tùy thân / mã số thuế"), max_length=20)
    applicant_phone = forms.CharField(label=_("Số điện thoại"), max_length=20)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    subject = forms.CharField(label=_("Trích yếu"), max_length=1000, required=False)
    fee_amount = forms.IntegerField(label=_("Phí, lệ phí đã thu (đồng)"), min_value=0, max_value=10**12, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=2000, required=False)
