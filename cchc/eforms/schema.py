"""The e-form of a procedure case: the format of ``ProcedureCase.eform_schema``, its validation and the
checking of what an applicant typed. Pure (no Django, no ORM).

Format (JSON object)::

    {"version": 1,
     "fields": [
        {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "required": true,
         "help": "Theo căn cước"},
        {"name": "muc_dich", "label": "Mục đích sử dụng", "type": "select", "required": true,
         "choices": ["Xin việc", "Du học", {"value": "khac", "label": "Khác"}]}
     ]}

- ``name``: lower-case ASCII, digits and ``_``, starting with a letter, at most 40 characters, unique;
  it must not reuse the name of a COMMON field (the applicant block every e-form starts with, below).
- ``type``: text, textarea, date, number, select, id-number, phone, email.
- ``choices``: only, and required, for ``select``: strings or ``{"value", "label"}`` objects.
- ``required`` (default false), ``help`` (default ""), ``max_length`` (text, default 500).

An empty schema (``{}``) is valid: the form then has only the common applicant fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from cchc.common.errors import ValidationFailed

TYPES = ("text", "textarea", "date", "number", "select", "id-number", "phone", "email")
TYPE_LABELS = {
    "text": "chữ", "textarea": "đoạn văn", "date": "ngày", "number": "số", "select": "lựa chọn",
    "id-number": "số giấy tờ tùy thân", "phone": "số điện thoại", "email": "thư điện tử",
}
MAX_FIELDS = 60
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# CCCD has 12 digits, the old CMND 9; a passport is a letter and 7–8 digits.
ID_RE = re.compile(r"^(\d{9}|\d{12}|[A-Z]\d{7,8})$")
PHONE_RE = re.compile(r"^(0|\+84)\d{9,10}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str = "text"
    required: bool = False
    choices: tuple[Choice, ...] = ()
    help: str = ""
    max_length: int = 500
    common: bool = False  # one of the applicant fields every e-form has

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "type": self.type, "required": self.required,
                "choices": [{"value": c.value, "label": c.label} for c in self.choices], "help": self.help,
                "max_length": self.max_length, "common": self.common}


@dataclass(frozen=True)
class FormSchema:
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def get(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


# The applicant block: what intake needs (IntakeData's applicant_* and subject) on every e-form.
COMMON: tuple[FieldSpec, ...] = (
    FieldSpec("applicant_name", "Họ và tên người yêu cầu (chủ hồ sơ)", "text", True, max_length=255, common=True),
    FieldSpec("applicant_id_number", "Số định danh cá nhân (CCCD) hoặc hộ chiếu", "id-number", True,
              help="12 số căn cước, 9 số CMND cũ, hoặc số hộ chiếu.", common=True),
    FieldSpec("applicant_phone", "Số điện thoại", "phone", True, help="Để nhận tin nhắn về hồ sơ.", common=True),
    FieldSpec("applicant_email", "Thư điện tử", "email", False, common=True),
    FieldSpec("applicant_address", "Địa chỉ", "text", False, max_length=500, common=True),
    FieldSpec("subject", "Nội dung yêu cầu giải quyết (trích yếu)", "textarea", False, max_length=1000,
              help="Để trống thì dùng tên thủ tục.", common=True),
)
COMMON_NAMES = frozenset(f.name for f in COMMON)


def _choices(raw: Any, where: str, problems: list[str]) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: trường lựa chọn phải có danh sách “choices” không rỗng.")
        return ()
    out: list[Choice] = []
    for item in raw:
        if isinstance(item, str) and item.strip():
            out.append(Choice(item.strip(), item.strip()))
        elif isinstance(item, dict) and str(item.get("value", "")).strip():
            value = str(item["value"]).strip()
            out.append(Choice(value, str(item.get("label") or value).strip()))
        else:
            problems.append(f"{where}: lựa chọn {item!r} không hợp lệ (cần chuỗi hoặc {{value, label}}).")
    if len({c.value for c in out}) != len(out):
        problems.append(f"{where}: các lựa chọn bị trùng giá trị.")
    return tuple(out)


def parse_schema(raw: Any) -> FormSchema:
    """The case's own fields from a stored ``eform_schema``; raises ValidationFailed listing every problem."""
    if raw in (None, {}, ""):
        return FormSchema()
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ValidationFailed("Biểu mẫu điện tử phải là một đối tượng JSON.", code="eform_schema_invalid")
    unknown = set(raw) - {"version", "fields"}
    if unknown:
        problems.append("Khoá không được hỗ trợ: " + ", ".join(sorted(unknown)) + ".")
    if raw.get("version", 1) != 1:
        problems.append("Chỉ hỗ trợ phiên bản biểu mẫu 1.")
    items = raw.get("fields", [])
    if not isinstance(items, list):
        problems.append("“fields” phải là một danh sách.")
        items = []
    if len(items) > MAX_FIELDS:
        problems.append(f"Biểu mẫu có quá {MAX_FIELDS} trường.")
    specs: list[FieldSpec] = []
    seen: set[str] = set()
    for i, item in enumerate(items, start=1):
        where = f"Trường thứ {i}"
        if not isinstance(item, dict):
            problems.append(f"{where} phải là một đối tượng.")
            continue
        bad_keys = set(item) - {"name", "label", "type", "required", "choices", "help", "max_length"}
        if bad_keys:
            problems.append(f"{where}: khoá không được hỗ trợ " + ", ".join(sorted(bad_keys)) + ".")
        name = item.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name):
            problems.append(f"{where}: tên “{name}” không hợp lệ (chữ thường không dấu, số, dấu _, tối đa 40 ký tự).")
            continue
        where = f"Trường “{name}”"
        if name in COMMON_NAMES:
            problems.append(f"{where} trùng với trường chung về người nộp.")
        if name in seen:
            problems.append(f"{where} bị khai báo hai lần.")
        seen.add(name)
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{where}: thiếu nhãn hiển thị (label).")
            label = name
        ftype = item.get("type", "text")
        if ftype not in TYPES:
            problems.append(f"{where}: kiểu “{ftype}” không được hỗ trợ (dùng: {', '.join(TYPES)}).")
            continue
        required = item.get("required", False)
        if not isinstance(required, bool):
            problems.append(f"{where}: “required” phải là true hoặc false.")
            required = False
        choices: tuple[Choice, ...] = ()
        if ftype == "select":
            choices = _choices(item.get("choices"), where, problems)
        elif "choices" in item:
            problems.append(f"{where}: chỉ trường lựa chọn (select) mới có “choices”.")
        help_ = item.get("help", "")
        if not isinstance(help_, str):
            problems.append(f"{where}: “help” phải là chuỗi.")
            help_ = ""
        max_length = item.get("max_length", 1000 if ftype == "textarea" else 500)
        if not isinstance(max_length, int) or isinstance(max_length, bool) or not 1 <= max_length <= 5000:
            problems.append(f"{where}: “max_length” phải là số nguyên từ 1 đến 5000.")
            max_length = 500
        specs.append(FieldSpec(name, label.strip(), ftype, required, choices, help_.strip(), max_length))
    if problems:
        raise ValidationFailed("Biểu mẫu điện tử không hợp lệ: " + " ".join(problems), code="eform_schema_invalid",
                               details={"problems": problems})
    return FormSchema(tuple(specs))


def form_of(raw: Any) -> FormSchema:
    """The whole e-form of a case: the common applicant block, then the case's own fields."""
    return FormSchema(COMMON + parse_schema(raw).fields)


def _parse_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def clean_value(spec: FieldSpec, value: Any) -> tuple[str, str | None]:
    """(normalised text, Vietnamese error or None) for one value typed into ``spec``."""
    text = "" if value is None else str(value).strip()
    if not text:
        return "", (f"Chưa nhập “{spec.label}”." if spec.required else None)
    if len(text) > spec.max_length:
        return text, f"“{spec.label}” dài quá {spec.max_length} ký tự."
    if spec.type == "date":
        day = _parse_date(text)
        return (day.isoformat(), None) if day else (text, f"“{spec.label}” phải là ngày dạng ngày/tháng/năm.")
    if spec.type == "number":
        try:
            number = Decimal(text.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            return text, f"“{spec.label}” phải là một số."
        if not number.is_finite():
            return text, f"“{spec.label}” phải là một số."
        return format(number.normalize(), "f"), None
    if spec.type == "select":
        if text not in {c.value for c in spec.choices}:
            return text, f"“{spec.label}”: hãy chọn một giá trị trong danh sách."
        return text, None
    if spec.type == "id-number":
        compact = text.replace(" ", "").upper()
        if not ID_RE.match(compact):
            return text, f"“{spec.label}” phải có 12 số (căn cước), 9 số (CMND) hoặc là số hộ chiếu."
        return compact, None
    if spec.type == "phone":
        compact = re.sub(r"[ .-]", "", text)
        if not PHONE_RE.match(compact):
            return text, f"“{spec.label}” không đúng dạng số điện thoại Việt Nam (ví dụ 0912345678)."
        return compact, None
    if spec.type == "email":
        if not EMAIL_RE.match(text):
            return text, f"“{spec.label}” không đúng dạng thư điện tử."
        return text.lower(), None
    return text, None


def clean_data(form: FormSchema, data: dict[str, Any], *, partial: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """(cleaned values, errors by field name). Unknown keys are dropped. With ``partial`` (a draft being
    saved), a missing required value is not an error; a malformed one still is."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for spec in form.fields:
        value, error = clean_value(spec, data.get(spec.name))
        if error and partial and not value:
            error = None
        if value:
            cleaned[spec.name] = value
        if error:
            errors[spec.name] = error
    return cleaned, errors


def require_valid(form: FormSchema, data: dict[str, Any], *, partial: bool = False) -> dict[str, str]:
    """The cleaned values, or ValidationFailed naming every field in error."""
    cleaned, errors = clean_data(form, data, partial=partial)
    if errors:
        raise ValidationFailed("Thông tin khai chưa hợp lệ: " + " ".join(errors.values()), code="eform_invalid",
                               details={"fields": errors})
    return cleaned
