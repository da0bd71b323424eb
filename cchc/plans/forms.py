"""Forms of the plan pages. They only parse input: every rule is checked again by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.plans.models import Recurrence

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp quyết định/kế hoạch (.docx, .pdf, .html, .txt)"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control", "multiple": True,
                                                             "accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


REPORT_STATUSES = [
    ("not_started", _("Chưa thực hiện")),
    ("in_progress", _("Đang thực hiện")),
    ("done", _("Hoàn thành (đúng hạn/quá hạn do hệ thống xác định theo ngày)")),
    ("not_feasible", _("Không thực hiện được")),
]


class ReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=REPORT_STATUSES,
                               widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    percent_mode = forms.ChoiceField(label=_("Tiến độ"), choices=[("manual", _("Tự nhập")),
                                                                  ("derived", _("Lấy theo số tính được"))],
                                     initial="manual", widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100, required=False,
                                 widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}))
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), required=False, widget=DATE)
    narrative = forms.CharField(label=_("Kết quả thực hiện"), required=False, max_length=20000,
                                widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}))
    reason = forms.CharField(label=_("Lý do không thực hiện được"), required=False, max_length=20000,
                             widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}))
    doc_number = forms.CharField(label=_("Số, ký hiệu văn bản minh chứng"), required=False, max_length=80,
                                 widget=forms.TextInput(attrs={"class": "form-control"}))
    doc_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE)
    doc_title = forms.CharField(label=_("Trích yếu văn bản"), required=False, max_length=500,
                                widget=forms.TextInput(attrs={"class": "form-control"}))
    files = MultipleFileField(label=_("Tệp minh chứng (PDF, Word, Excel, ảnh JPG/PNG)"), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Chấp nhận")), ("return", _("Trả lại"))])
    reason = forms.CharField(label=_("Lý do trả lại"), required=False, max_length=20000)


def agency_choices(agencies, groups) -> list:
    return [
        (_("Nhóm cơ quan (giao cho từng cơ quan thành viên)"), [(g.code, g.name) for g in groups]),
        (_("Cơ quan"), [(a.code, a.name) for a in agencies]),
    ]


class TaskForm(forms.Form):
    content = forms.CharField(label=_("Nội dung nhiệm vụ"), max_length=5000,
                              widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}))
    no = forms.CharField(label=_("Số thứ tự"), required=False, max_length=40,
                         widget=forms.TextInput(attrs={"class": "form-control"}))
    product = forms.CharField(label=_("Sản phẩm"), required=False, max_length=5000,
                              widget=forms.TextInput(attrs={"class": "form-control"}))
    area = forms.TypedChoiceField(label=_("Lĩnh vực"), required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs={"class": "form-select"}))
    due_date = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE)
    deadline_text = forms.CharField(label=_("Thời hạn (như ghi trong văn bản)"), required=False, max_length=255,
                                    widget=forms.TextInput(attrs={"class": "form-control"}))
    recurrence = forms.ChoiceField(label=_("Lặp lại"), required=False,
                                   choices=[("", _("Không lặp lại")), *Recurrence.choices],
                                   widget=forms.Select(attrs={"class": "form-select"}))
    recurrence_until = forms.DateField(label=_("Lặp đến ngày"), required=False, widget=DATE)
    lead = forms.MultipleChoiceField(label=_("Cơ quan chủ trì"),
                                     widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 8}))
    coordinating = forms.MultipleChoiceField(label=_("Cơ quan phối hợp"), required=False,
                                             widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 8}))

    def __init__(self, *args, areas=(), agencies=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("— Chưa xếp lĩnh vực —"))] + [(a.pk, a.title) for a in areas]
        choices = agency_choices(agencies, groups)
        self.fields["lead"].choices = choices
        self.fields["coordinating"].choices = choices


class TaskEditForm(forms.Form):
    content = TaskForm.base_fields["content"]
    no = TaskForm.base_fields["no"]
    product = TaskForm.base_fields["product"]
    area = forms.TypedChoiceField(label=_("Lĩnh vực"), required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs={"class": "form-select"}))
    deadline_text = TaskForm.base_fields["deadline_text"]
    reason = forms.CharField(label=_("Ghi chú thay đổi"), required=False, max_length=2000,
                             widget=forms.TextInput(attrs={"class": "form-control"}))

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("— Chưa xếp lĩnh vực —"))] + [(a.pk, a.title) for a in areas]


class RescheduleForm(forms.Form):
    occurrence = forms.TypedChoiceField(label=_("Kỳ"), coerce=int, widget=forms.Select(attrs={"class": "form-select"}))
    due_date = forms.DateField(label=_("Thời hạn mới"), widget=DATE)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=2000,
                             widget=forms.TextInput(attrs={"class": "form-control"}))

    def __init__(self, *args, occurrences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].choices = [
            (o.pk, f"{o.label or _('Kỳ duy nhất')} — {o.due_date:%d/%m/%Y}" if o.due_date else (o.label or "—"))
            for o in occurrences]


class AssigneesForm(forms.Form):
    lead = TaskForm.base_fields["lead"]
    coordinating = TaskForm.base_fields["coordinating"]

    def __init__(self, *args, agencies=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = agency_choices(agencies, groups)
        self.fields["lead"].choices = choices
        self.fields["coordinating"].choices = choices


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.TextInput(attrs={"class": "form-control"}))


class SheetForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel tiến độ (.xlsx) đã xuất từ hệ thống"),
                           widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}))
