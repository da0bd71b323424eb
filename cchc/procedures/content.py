"""The catalogue content of a procedure version as one plain dict: checked, normalised and hashed.

Services write a version from such a dict, selectors read one back, the importer and the API
produce them. Comparing the hash of the dict an import would write with the stored hash tells
whether the content changed (so a re-import never piles up identical versions). The internal
process (steps) is not part of the content: imports never carry it, edits version it separately.

Pure: no ORM. Bad values raise :class:`ValidationFailed` with a code and a Vietnamese message.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

from cchc.common.errors import ValidationFailed
from cchc.workdays import InvalidLimit, Unit, parse_unit, validate_limit

LEVELS = {"tinh": "Cấp tỉnh", "xa": "Cấp xã", "bo": "Cấp Bộ", "khac": "Cơ quan khác"}
ONLINE_LEVELS = ("toan_trinh", "mot_phan", "khong")
FEE_KINDS = ("phi", "le_phi", "khac")
FEE_COLLECT = ("before", "after", "free")
MAX_LIMIT = Decimal("99999.99")  # the column holds 7 digits, 2 after the point
CASE_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")

TEXT_FIELDS = {  # key: max length (0 = unbounded text)
    "name": 0, "sector": 255, "procedure_type": 255, "decision": 255, "issuing_agency": 255, "steps_text": 0,
    "requirements": 0, "description": 0, "keywords": 500, "system_of_record": 40,
}
FLAG_FIELDS = {  # key: default
    "eligible_full_online": False, "no_result_document": False, "at_one_stop": True, "interagency": False,
    "postal_allowed": True, "essential_online_only": False,
}
CASE_FLAGS = {
    "signed_result_required": False, "pay_before_intake": False, "payment_pauses_clock": True,
    "authorisation_allowed": True, "online_not_offered": False,
}


def empty_content() -> dict[str, Any]:
    """The content of a procedure nobody has described yet (what an import overlays on a new code)."""
    return {
        **dict.fromkeys(TEXT_FIELDS, ""), "system_of_record": "PROVINCE", **FLAG_FIELDS,
        "levels": [], "implementing_agencies": [], "competent_agencies": [], "intake_agencies": [], "subjects": [],
        "results": [], "legal_basis": [], "online_level": "khong", "extra": {}, "cases": [],
    }


def _fail(message: str, code: str, **details: Any) -> ValidationFailed:
    return ValidationFailed(message, code=code, details=details or None)


def _text(value: Any, key: str, max_len: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(f"Trường “{key}” phải là chữ.", "invalid_field", field=key)
    value = value.strip()
    if max_len and len(value) > max_len:
        raise _fail(f"Trường “{key}” dài quá {max_len} ký tự.", "field_too_long", field=key)
    return value


def _strings(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"Trường “{key}” phải là danh sách chữ.", "invalid_field", field=key)
    return [v.strip() for v in value if v.strip()]


def _flag(value: Any, key: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _fail(f"Trường “{key}” phải là đúng/sai.", "invalid_field", field=key)
    return value


def decimal_limit(value: Any, unit: Unit, what: str = "Thời hạn") -> Decimal:
    """A time limit as a Decimal with at most 2 decimals, checked against its unit (issue "Bad input")."""
    if isinstance(value, bool) or value is None:
        raise InvalidLimit(f"{what} phải là một số.", details={"limit": str(value)})
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidLimit(f"{what} “{value}” không phải là một số hợp lệ.", details={"limit": str(value)}) from None
    if not number.is_finite() or abs(number) > MAX_LIMIT or number != number.quantize(Decimal("0.01")):
        if number.is_finite() and number < 0:
            validate_limit(number, unit)  # the engine's own message for a negative limit
        raise InvalidLimit(f"{what} phải từ 0 đến {MAX_LIMIT} với tối đa 2 chữ số thập phân (nhận {value}).",
                           details={"limit": str(value)})
    validate_limit(number, unit)
    return number.quantize(Decimal("0.01"))


def _cutoff(value: Any) -> str | None:
    if value in (None, ""):
        return None
    try:
        return time.fromisoformat(str(value)).strftime("%H:%M")
    except ValueError:
        raise _fail(f"Giờ chốt “{value}” không hợp lệ (dạng HH:MM).", "invalid_cutoff") from None


def _component(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not _text(raw.get("name"), "name", 0):
        raise _fail(f"{where}: mỗi thành phần hồ sơ cần có tên giấy tờ.", "component_name_required")
    out = {"name": _text(raw["name"], "name", 0), "national_code": _text(raw.get("national_code"), "national_code", 60),
           "form_name": _text(raw.get("form_name"), "form_name", 255), "form_url": _text(raw.get("form_url"), "form_url", 500),
           "required": _flag(raw.get("required"), "required", True),
           "replaceable_by_data": _flag(raw.get("replaceable_by_data"), "replaceable_by_data", False)}
    for key in ("originals", "copies"):
        n = raw.get(key, 0)
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 100:
            raise _fail(f"{where}: số bản chính / bản sao phải là số nguyên từ 0 đến 100.", "invalid_copies")
        out[key] = n
    return out


def _fee(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(f"{where}: phí, lệ phí không hợp lệ.", "invalid_fee")
    kind, collect = raw.get("kind") or "phi", raw.get("collect") or "before"
    if kind not in FEE_KINDS or collect not in FEE_COLLECT:
        raise _fail(f"{where}: loại phí “{kind}” hoặc hình thức thu “{collect}” không hợp lệ.", "invalid_fee")
    amount = raw.get("amount")
    if amount is not None:
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount < 10**14:
            raise _fail(f"{where}: số tiền phải là số nguyên đồng, không âm.", "invalid_fee_amount")
    if amount == 0:
        collect = "free"
    name = _text(raw.get("name"), "name", 255) or {"phi": "Phí", "le_phi": "Lệ phí", "khac": "Nghĩa vụ tài chính"}[kind]
    return {"kind": kind, "code": _text(raw.get("code"), "code", 40), "name": name, "amount": amount,
            "description": _text(raw.get("description"), "description", 0), "collect": collect}


def _case(raw: Any, index: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(f"Trường hợp thứ {index} không hợp lệ.", "invalid_case")
    code = _text(raw.get("code"), "code", 40) or f"TH{index}"
    where = f"Trường hợp {code}"
    if not CASE_CODE.match(code):
        raise _fail(f"Mã trường hợp “{code}” không hợp lệ (chữ, số, dấu . _ -).", "invalid_case_code")
    unit = parse_unit(raw.get("time_unit") or "working_days")
    limit = decimal_limit(raw.get("time_limit"), unit, f"{where}: thời hạn")
    online = raw.get("time_limit_online")
    online_limit = None if online in (None, "") else decimal_limit(online, unit, f"{where}: thời hạn trực tuyến")
    supplement = raw.get("supplement_days")
    if supplement is not None and (isinstance(supplement, bool) or not isinstance(supplement, int)
                                   or not 0 < supplement <= 365):
        raise _fail(f"{where}: thời hạn bổ sung phải từ 1 đến 365 ngày.", "invalid_supplement_days")
    out = {
        "code": code, "name": _text(raw.get("name"), "name", 500) or "Trường hợp chung",
        "time_limit": str(limit), "time_limit_online": None if online_limit is None else str(online_limit),
        "time_unit": unit.value, "same_day_cutoff": _cutoff(raw.get("same_day_cutoff")) if unit is Unit.SAME_DAY else None,
        "supplement_days": supplement,
        **{k: _flag(raw.get(k), k, d) for k, d in CASE_FLAGS.items()},
        "components": [_component(c, where) for c in (raw.get("components") or [])],
        "fees": [_fee(f, where) for f in (raw.get("fees") or [])],
    }
    for i, comp in enumerate(out["components"], 1):
        comp["order"] = i
    return out


def _records(value: Any, key: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(f"Trường “{key}” phải là danh sách.", "invalid_field", field=key)
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise _fail(f"Trường “{key}” phải là danh sách bản ghi.", "invalid_field", field=key)
        row = {f: _text(item.get(f), f"{key}.{f}", 0) for f in fields}
        if any(row.values()):
            out.append(row)
    return out


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """Check every field and return the canonical dict (stripped strings, decimals as text, defaults)."""
    base = empty_content()
    unknown = set(raw) - set(base)
    if unknown:
        raise _fail("Trường không được hỗ trợ: " + ", ".join(sorted(unknown)), "unknown_field")
    out: dict[str, Any] = {}
    for key, max_len in TEXT_FIELDS.items():
        out[key] = _text(raw.get(key, base[key]), key, max_len)
    out["system_of_record"] = out["system_of_record"] or "PROVINCE"
    if not out["name"]:
        raise _fail("Tên thủ tục là bắt buộc.", "name_required")
    for key, default in FLAG_FIELDS.items():
        out[key] = _flag(raw.get(key), key, default)
    for key in ("implementing_agencies", "competent_agencies", "intake_agencies", "subjects"):
        out[key] = _strings(raw.get(key), key)
    for key in ("competent_agencies", "intake_agencies"):
        out[key] = sorted(set(out[key]))
    levels = _strings(raw.get("levels"), "levels")
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad:
        raise _fail(f"Cấp thực hiện không hợp lệ: {', '.join(bad)} (dùng: {', '.join(LEVELS)}).", "invalid_level")
    out["levels"] = [lv for lv in LEVELS if lv in levels]  # a fixed order, so the hash ignores the input's
    online = raw.get("online_level") or "khong"
    if online not in ONLINE_LEVELS:
        raise _fail(f"Mức độ trực tuyến “{online}” không hợp lệ.", "invalid_online_level")
    out["online_level"] = online
    out["results"] = _records(raw.get("results"), "results", ("code", "name"))
    out["legal_basis"] = _records(raw.get("legal_basis"), "legal_basis", ("number", "title", "date", "issuer"))
    extra = raw.get("extra") or {}
    if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
        raise _fail("Trường “extra” phải là các cặp tên – nội dung chữ.", "invalid_field", field="extra")
    out["extra"] = {str(k): v.strip() for k, v in extra.items() if v.strip()}
    cases = raw.get("cases") or []
    if not isinstance(cases, list):
        raise _fail("Trường “cases” phải là danh sách.", "invalid_field", field="cases")
    out["cases"] = [_case(c, i) for i, c in enumerate(cases, 1)]
    codes = [c["code"] for c in out["cases"]]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise _fail(f"Mã trường hợp bị trùng: {', '.join(dupes)}.", "duplicate_case_code")
    return out


def has_fees(content: dict[str, Any]) -> bool:
    """Derived, not typed: a case has a fee that is not free."""
    return any(f["collect"] != "free" and f["amount"] != 0 for c in content["cases"] for f in c["fees"])


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the content."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
