from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.org.models import AgencyType, ReorganisationKind


class CodeListField(forms.CharField):
    """Agency codes separated by commas, spaces or new lines."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [c for c in text.replace(",", " ").split() if c]


class ReorganiseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại sắp xếp"), choices=ReorganisationKind.choices)
    effective_date = forms.DateField(label=_("Ngày có hiệu lực"), widget=forms.DateInput(attrs={"type": "date"}))
    predecessors = CodeListField(label=_("Mã cơ quan trước sắp xếp"), help_text=_("Cách nhau bởi dấu phẩy."))
    continuing = CodeListField(label=_("Trong đó, cơ quan tiếp tục tồn tại"), required=False)
    successors = CodeListField(label=_("Mã cơ quan sau sắp xếp (đã có)"), required=False)
    new_code = forms.CharField(label=_("Cơ quan mới: mã"), required=False, max_length=64)
    new_name = forms.CharField(label=_("Cơ quan mới: tên"), required=False, max_length=255)
    new_type = forms.ChoiceField(label=_("Cơ quan mới: loại"), choices=AgencyType.choices, required=False)
    new_parent = forms.CharField(label=_("Cơ quan mới: mã cấp trên"), required=False, max_length=64)
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), required=False, max_length=255)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("new_code") and not data.get("new_name"):
            self.add_error("new_name", _("Hãy nhập tên cơ quan mới."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp XLSX hoặc CSV"))
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False, initial=True)
