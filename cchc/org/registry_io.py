"""Registry import and export as XLSX or CSV. Imports are all-or-nothing, with row-level messages."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction

from cchc.common.errors import ValidationFailed
from cchc.common.text import clean
from cchc.org.models import Agency, AgencyType, Confidence
from cchc.org.naming import canonical
from cchc.org.services import AgencyData, _require_registry_rights, agency_create, agency_update

COLUMNS = [
    "code", "name", "short_name", "aliases", "type", "parent_code", "valid_from", "valid_to",
    "gso_code", "receives_dossiers", "illustrative", "confidence", "source",
]
REQUIRED = {"code", "name", "type", "valid_from"}
# Vietnamese headers a person may type instead of the technical ones.
HEADER_ALIASES = {
    "ma": "code", "mã": "code", "ten": "name", "tên": "name", "tên đầy đủ": "name", "tên viết tắt": "short_name",
    "tên gọi khác": "aliases", "loại": "type", "loại cơ quan": "type", "mã cấp trên": "parent_code",
    "hiệu lực từ": "valid_from", "hiệu lực đến": "valid_to",
}
TYPE_BY_LABEL = {str(label).lower(): value for value, label in AgencyType.choices}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged, "dry_run": self.dry_run}


def _read_rows(data: bytes, filename: str) -> list[dict[str, Any]]:
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception:
            raise ValidationFailed("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.", code="bad_xlsx") from None
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationFailed("Tệp CSV phải được lưu với mã UTF-8.", code="bad_encoding") from None
        values = list(csv.reader(io.StringIO(text)))
    values = [r for r in values if any(c not in (None, "") for c in r)]
    if not values:
        raise ValidationFailed("Tệp không có dữ liệu.", code="empty_file")
    header = [HEADER_ALIASES.get(clean(str(h or "")).lower(), clean(str(h or "")).lower()) for h in values[0]]
    missing = REQUIRED - set(header)
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("thiếu cột " + ", ".join(sorted(missing)))
        if unknown:
            parts.append("cột không nhận ra: " + ", ".join(unknown))
        raise ValidationFailed(
            "Sai cấu trúc cột: " + "; ".join(parts) + ". Các cột hợp lệ: " + ", ".join(COLUMNS) + ".",
            code="wrong_columns", details=[RowError(1, "", "; ".join(parts)).as_dict()],
        )
    return [
        {"_row": i, **{header[j]: (r[j] if j < len(r) else None) for j in range(len(header)) if header[j]}}
        for i, r in enumerate(values[1:], start=2)
    ]


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(str(value))
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _bool(value: Any) -> bool:
    return clean(str(value or "")).lower() in {"1", "true", "x", "có", "co", "yes"}


@dataclass
class _Parsed:
    row: int
    data: dict[str, Any]


def _parse(rows: list[dict[str, Any]]) -> tuple[list[_Parsed], list[RowError]]:
    errors: list[RowError] = []
    parsed: list[_Parsed] = []
    for r in rows:
        n = r["_row"]
        d: dict[str, Any] = {}
        for col in ("code", "name", "short_name", "parent_code", "gso_code", "source"):
            d[col] = clean(str(r.get(col) or ""))
        for col in ("code", "name"):
            if not d[col]:
                errors.append(RowError(n, col, "Không được để trống."))
        raw_type = clean(str(r.get("type") or ""))
        d["type"] = raw_type if raw_type in AgencyType.values else TYPE_BY_LABEL.get(raw_type.lower(), "")
        if not d["type"]:
            errors.append(RowError(n, "type", f"Loại cơ quan “{raw_type}” không hợp lệ."))
        for col in ("valid_from", "valid_to"):
            try:
                d[col] = _date(r.get(col))
            except ValueError as exc:
                errors.append(RowError(n, col, f"Ngày “{exc}” không đúng dạng dd/mm/yyyy."))
                d[col] = None
        if d.get("valid_from") is None and not any(e.row == n and e.column == "valid_from" for e in errors):
            errors.append(RowError(n, "valid_from", "Không được để trống."))
        if d.get("valid_from") and d.get("valid_to") and d["valid_to"] < d["valid_from"]:
            errors.append(RowError(n, "valid_to", "Ngày hết hiệu lực trước ngày bắt đầu."))
        d["aliases"] = tuple(a for a in (clean(x) for x in str(r.get("aliases") or "").split(";")) if a)
        d["receives_dossiers"] = _bool(r.get("receives_dossiers"))
        d["illustrative"] = _bool(r.get("illustrative"))
        conf = clean(str(r.get("confidence") or "V")).upper() or "V"
        if conf not in Confidence.values:
            errors.append(RowError(n, "confidence", f"Độ tin cậy “{conf}” không hợp lệ (V, S, P, U)."))
        d["confidence"] = conf
        parsed.append(_Parsed(n, d))
    return parsed, errors


def _overlaps(a_from: date, a_to: date | None, b_from: date, b_to: date | None) -> bool:
    return a_from <= (b_to or date.max) and b_from <= (a_to or date.max)


def _cross_check(parsed: list[_Parsed]) -> list[RowError]:
    errors: list[RowError] = []
    by_code: dict[str, _Parsed] = {}
    for p in parsed:
        code = p.data["code"]
        if code in by_code:
            errors.append(RowError(p.row, "code", f"Mã “{code}” trùng với dòng {by_code[code].row}."))
        else:
            by_code[code] = p
    in_file = set(by_code)
    db = {a.code: a for a in Agency.objects.filter(code__in={p.data["parent_code"] for p in parsed} | in_file)}
    seen: dict[tuple[str, str], list[_Parsed]] = {}
    for p in parsed:
        d = p.data
        if d["parent_code"]:
            if d["parent_code"] == d["code"]:
                errors.append(RowError(p.row, "parent_code", "Cơ quan không thể là cấp trên của chính nó."))
            elif d["parent_code"] in by_code:
                parent = by_code[d["parent_code"]].data
                _parent_window(p, parent["valid_from"], parent["valid_to"], errors)
            elif d["parent_code"] in db:
                parent_obj = db[d["parent_code"]]
                _parent_window(p, parent_obj.valid_from, parent_obj.valid_to, errors)
            else:
                errors.append(RowError(p.row, "parent_code", f"Không có cơ quan cấp trên mã “{d['parent_code']}”."))
        if d.get("valid_from") is None:
            continue
        key = (canonical(d["name"]), d["parent_code"])
        for other in seen.get(key, []):
            o = other.data
            if _overlaps(d["valid_from"], d["valid_to"], o["valid_from"], o["valid_to"]):
                errors.append(RowError(
                    p.row, "valid_from",
                    f"Trùng tên và cấp trên với dòng {other.row} trong thời gian hiệu lực chồng lấn.",
                ))
        seen.setdefault(key, []).append(p)
    return errors


def _parent_window(p: _Parsed, p_from: date | None, p_to: date | None, errors: list[RowError]) -> None:
    d = p.data
    if p_from is None or d.get("valid_from") is None:
        return
    if d["valid_from"] < p_from or (p_to is not None and (d["valid_to"] is None or d["valid_to"] > p_to)):
        errors.append(RowError(p.row, "valid_from", "Thời gian hiệu lực nằm ngoài thời gian của cơ quan cấp trên."))


@transaction.atomic
def registry_import(*, actor: Any, data: bytes, filename: str, dry_run: bool = False) -> ImportReport:
    """Create or update agencies from a spreadsheet. Any row error refuses the whole file."""
    _require_registry_rights(actor)
    parsed, errors = _parse(_read_rows(data, filename))
    if not errors:
        errors = _cross_check(parsed)
    if errors:
        raise ValidationFailed(
            f"Tệp có {len(errors)} lỗi; chưa có thay đổi nào được ghi.", code="import_rejected",
            details=[e.as_dict() for e in sorted(errors, key=lambda e: e.row)],
        )
    report = ImportReport(dry_run=dry_run)
    existing = {a.code: a for a in Agency.objects.filter(code__in=[p.data["code"] for p in parsed]).prefetch_related("aliases")}
    pending = list(parsed)
    # Parents before children: repeat passes until every row's parent exists.
    created: dict[str, Agency] = {}
    while pending:
        progress, rest = False, []
        for p in pending:
            d = p.data
            parent_code = d["parent_code"]
            parent = created.get(parent_code) or existing.get(parent_code) or (
                Agency.objects.filter(code=parent_code).first() if parent_code else None
            )
            if parent_code and parent is None:
                rest.append(p)
                continue
            progress = True
            current = existing.get(d["code"])
            if current is None:
                created[d["code"]] = agency_create(actor=actor, data=AgencyData(
                    code=d["code"], name=d["name"], type=d["type"], valid_from=d["valid_from"], valid_to=d["valid_to"],
                    short_name=d["short_name"], parent=parent, aliases=d["aliases"], gso_code=d["gso_code"],
                    receives_dossiers=d["receives_dossiers"], illustrative=d["illustrative"],
                    confidence=d["confidence"], source=d["source"],
                ), reason=f"Nhập từ tệp {filename}")
                report.created.append(d["code"])
                continue
            changes = {
                k: v for k, v in {
                    "name": d["name"], "short_name": d["short_name"], "type": d["type"], "parent": parent,
                    "valid_from": d["valid_from"], "valid_to": d["valid_to"], "gso_code": d["gso_code"],
                    "receives_dossiers": d["receives_dossiers"], "illustrative": d["illustrative"],
                    "confidence": d["confidence"], "source": d["source"],
                }.items() if getattr(current, k) != v
            }
            if set(d["aliases"]) != {a.text for a in current.aliases.all()}:
                changes["aliases"] = list(d["aliases"])
            if changes:
                agency_update(actor=actor, agency=current, changes=changes, reason=f"Nhập từ tệp {filename}")
                report.updated.append(d["code"])
            else:
                report.unchanged.append(d["code"])
        if not progress:
            raise ValidationFailed("Quan hệ cấp trên trong tệp bị vòng lặp.", code="parent_cycle",
                                   details=[RowError(p.row, "parent_code", "Vòng lặp cấp trên.").as_dict() for p in rest])
        pending = rest
    if dry_run:
        transaction.set_rollback(True)
    return report


def _export_rows(agencies: list[Agency]) -> list[list[Any]]:
    rows = []
    for a in agencies:
        rows.append([
            a.code, a.name, a.short_name, "; ".join(sorted(x.text for x in a.aliases.all())), a.type,
            a.parent.code if a.parent else "", a.valid_from.isoformat(), a.valid_to.isoformat() if a.valid_to else "",
            a.gso_code, "1" if a.receives_dossiers else "", "1" if a.illustrative else "", a.confidence, a.source,
        ])
    return rows


def registry_export(*, agencies: list[Agency], fmt: str) -> bytes:
    """The registry as XLSX or CSV with the same columns the import reads (a round trip)."""
    rows = _export_rows(agencies)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Co quan"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    for col, width in zip("ABCDEFGHIJKLM", (22, 48, 24, 40, 14, 18, 12, 12, 9, 9, 9, 9, 40), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
