"""Forms of the catalogue pages: import upload, draft edit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.procedures.content import LEVELS
from cchc.procedures.models import OnlineLevel, TimeUnit


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImportForm(BootstrapMixin, forms.Form):
    files = MultipleFileField(
        label=_("Tệp danh sách và tệp chi tiết"),
        help_text=_("Danh sách (.xlsx, .csv) và bản chi tiết từng thủ tục (.docx, .doc, trang .html đã lưu)."),
    )


class VersionForm(BootstrapMixin, forms.Form):
    """The general fields of a draft (cases' limits are separate fields named ``case-<code>-…``)."""

    name = forms.CharField(label=_("Tên thủ tục"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    sector = forms.CharField(label=_("Lĩnh vực"), max_length=255, required=False)
    levels = forms.MultipleChoiceField(label=_("Cấp thực hiện"), choices=list(LEVELS.items()), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    online_level = forms.ChoiceField(label=_("Mức độ dịch vụ công trực tuyến"), choices=OnlineLevel.choices)
    procedure_type = forms.CharField(label=_("Loại thủ tục"), max_length=255, required=False)
    decision = forms.CharField(label=_("Quyết định công bố"), max_length=255, required=False)
    requirements = forms.CharField(label=_("Yêu cầu, điều kiện"), widget=forms.Textarea(attrs={"rows": 2}),
                                   required=False)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    keywords = forms.CharField(label=_("Từ khoá"), max_length=500, required=False)
    reason = forms.CharField(label=_("Lý do sửa"), max_length=1000, required=False)


class CaseLimitForm(BootstrapMixin, forms.Form):
    time_limit = forms.DecimalField(label=_("Thời hạn"), max_digits=7, decimal_places=2)
    time_unit = forms.ChoiceField(label=_("Đơn vị"), choices=TimeUnit.choices)
    time_limit_online = forms.DecimalField(label=_("Thời hạn khi nộp trực tuyến"), max_digits=7, decimal_places=2,
                                           required=False)
    same_day_cutoff = forms.TimeField(label=_("Giờ chốt (trong ngày)"), required=False,
                                      widget=forms.TimeInput(attrs={"type": "time"}))
