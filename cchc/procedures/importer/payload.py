"""A record as the part of a version's content it provides, and as the ``--json`` item. Pure.

The list export provides the spine (name, agencies, field); a detail export adds the rest. Keys a
record does not provide are absent from :func:`record_content`, so the service keeps what is stored
for them (a list-only re-import never erases the details of an earlier detail import).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc.common.text import fold

from .model import ChannelDraft, FeeDraft, Issue, ProcedureRecord, TimeLimit


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _pick_limit(channels: list[ChannelDraft], word: str) -> TimeLimit | None:
    for ch in channels:
        if fold(ch.channel).startswith(word) and ch.limit is not None:
            return ch.limit
    return None


def _fees(channels: list[ChannelDraft]) -> list[FeeDraft]:
    """The fees of every channel, once each (the export repeats them per channel)."""
    out: list[FeeDraft] = []
    for ch in channels:
        for fee in ch.fees:
            if all((f.kind, f.amount, f.description) != (fee.kind, fee.amount, fee.description) for f in out):
                out.append(fee)
    return out


def _cases(record: ProcedureRecord, warnings: list[Issue]) -> list[dict[str, Any]] | None:
    detail = record.detail
    if detail is None:
        return None
    direct = _pick_limit(detail.channels, "truc tiep") or next(
        (ch.limit for ch in detail.channels if ch.limit is not None), None)
    if direct is None:
        if detail.cases:
            warnings.append(Issue(detail.file, None, f"Thủ tục {record.code}: không có thời hạn giải quyết, "
                                                     "chưa tạo trường hợp."))
        return None
    online = _pick_limit(detail.channels, "truc tuyen")
    if online is not None and online.unit != direct.unit:
        warnings.append(Issue(detail.file, None, f"Thủ tục {record.code}: thời hạn trực tuyến ({online.text}) khác đơn "
                                                 "vị với thời hạn trực tiếp; bỏ qua."))
        online = None
    fees = [f.as_dict() for f in _fees(detail.channels)]
    drafts = detail.cases or []
    cases = []
    for i, case in enumerate(drafts or [None], 1):
        name = (case.name if case else "") or ("Trường hợp chung" if len(drafts) <= 1 else f"Trường hợp {i}")
        cases.append({
            "code": f"TH{i}", "name": name[:500], "time_limit": _number(direct.amount), "time_unit": direct.unit,
            "time_limit_online": _number(online.amount) if online and online.amount != direct.amount else None,
            "same_day_cutoff": direct.cutoff,
            "components": [c.as_dict() for c in case.components] if case else [],
            "fees": fees,
        })
    return cases


def record_content(record: ProcedureRecord, warnings: list[Issue]) -> dict[str, Any]:
    """The content keys this record provides (see module doc); agencies stay names here."""
    out: dict[str, Any] = {"name": record.name}
    if record.sources and record.sources[0]["row"] is not None:  # a list row: the spine's columns
        out.update(issuing_agency=record.issuing_agency, implementing_agencies=record.implementing_agencies,
                   sector=record.field)
    d = record.detail
    if d is None:
        return out
    out.setdefault("implementing_agencies", d.implementing_agencies)
    out.setdefault("sector", d.field)
    for key in ("decision", "procedure_type", "steps_text", "requirements", "keywords", "description"):
        out[key] = getattr(d, key)
    for key in ("subjects", "results", "legal_basis"):
        out[key] = getattr(d, key)
    if d.levels:
        out["levels"] = d.levels
    if d.extra:
        out["extra"] = d.extra
    if d.extra.get("coordinating"):
        out["interagency"] = True
    channels = [fold(ch.channel) for ch in d.channels]
    if channels:
        # The export says whether an online channel exists, not whether it is toàn trình: one online
        # row is read as "một phần", the level that promises least; a person raises it if it is more.
        out["online_level"] = "mot_phan" if any(c.startswith("truc tuyen") for c in channels) else "khong"
        out["postal_allowed"] = any("buu chinh" in c for c in channels)
    cases = _cases(record, warnings)
    if cases is not None:
        out["cases"] = cases
    return out


def record_json(record: ProcedureRecord, content: dict[str, Any]) -> dict[str, Any]:
    """The ``--json`` item: the spine's names exactly as written (trimmed), then what the detail adds."""
    return {
        "code": record.code,
        "name": record.name,
        "issuing_agency": record.issuing_agency,
        "implementing_agencies": list(record.implementing_agencies),
        "field": record.field,
        "levels": content.get("levels", []),
        "procedure_type": content.get("procedure_type", ""),
        "decision": content.get("decision", ""),
        "online_level": content.get("online_level"),
        "subjects": content.get("subjects", []),
        "cases": content.get("cases", []),
        "results": content.get("results", []),
        "legal_basis": content.get("legal_basis", []),
        "sources": record.sources,
    }
