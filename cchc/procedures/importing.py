"""Import of the national TTHC exports into the catalogue (``cchc import-procedures``, the import page, the API).

All or nothing: the files are parsed and every procedure is checked first; any error (wrong
columns, an unreadable or legacy file, a bad value) refuses the whole import and nothing is
written. Otherwise, per procedure: a new code becomes version 1 (draft); changed content lands on
the open draft or a new draft copied from the latest version; unchanged content writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.common.errors import DomainError
from cchc.common.events import record_event
from cchc.org.selectors import Resolution, resolve_names
from cchc.procedures import selectors, services
from cchc.procedures.content import content_hash, empty_content, normalise
from cchc.procedures.importer import Issue, ProcedureRecord, parse_files, record_content, record_json
from cchc.procedures.importer.legacy import convert_doc
from cchc.procedures.models import ProcedureVersion, VersionStatus

# Agency type → level of the procedure, for list-only imports (the list export has no level column).
_TYPE_LEVEL = {"ubnd_xa": "xa", "so": "tinh", "ban": "tinh", "nganh": "tinh", "ubnd_tinh": "tinh",
               "ttpvhcc": "tinh", "trung_uong": "bo", "nganh_doc": "khac", "su_nghiep": "khac"}
ACTIONS = {"created": "Thêm mới (dự thảo phiên bản 1)", "new_version": "Nội dung đổi: tạo bản dự thảo mới",
           "updated_draft": "Nội dung đổi: cập nhật bản dự thảo đang mở", "unchanged": "Không đổi"}


@dataclass
class ImportReport:
    dry_run: bool
    written: bool = False
    procedures: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(ACTIONS, 0)
        for p in self.procedures:
            out[p["action"]] += 1
        return out

    def as_json(self) -> dict[str, Any]:
        """The shape ``--json`` prints: count, procedures, errors (then warnings and a summary)."""
        return {"count": len(self.procedures), "procedures": self.procedures,
                "errors": [e.as_dict() for e in self.errors], "warnings": [w.as_dict() for w in self.warnings],
                "dry_run": self.dry_run, "written": self.written, "summary": self.counts}


def _agency_codes(texts: list[str], resolutions: dict[str, Resolution]) -> tuple[list[str], list[str], set[str]]:
    """Codes of the agencies the names denote (a group gives its members), the unresolved names, the levels."""
    codes: list[str] = []
    unresolved: list[str] = []
    levels: set[str] = set()
    for text in texts:
        res = resolutions.get(text)
        agencies = [] if res is None else ([res.agency] if res.kind == "agency" else list(res.members))
        if not agencies:
            unresolved.append(text)
        for agency in agencies:
            codes.append(agency.code)
            level = _TYPE_LEVEL.get(agency.type)
            if agency.type == "ttpvhcc" and agency.parent_id and agency.parent.type == "ubnd_xa":
                level = "xa"
            if level:
                levels.add(level)
    return sorted(set(codes)), unresolved, levels


def _latest(codes: list[str]) -> dict[str, ProcedureVersion]:
    out: dict[str, ProcedureVersion] = {}
    qs = selectors.with_details(ProcedureVersion.objects.filter(procedure__code__in=codes)).order_by("-number")
    for version in qs:
        out.setdefault(version.procedure.code, version)
    return out


@dataclass
class _Plan:
    record: ProcedureRecord
    content: dict[str, Any]
    action: str
    latest: ProcedureVersion | None


def _plan(records: list[ProcedureRecord], report: ImportReport, today: date) -> list[_Plan]:
    names: list[str] = []
    for r in records:
        names += r.implementing_agencies + (r.detail.competent_agencies if r.detail else [])
    resolutions = {r.text: r for r in resolve_names(names=list(dict.fromkeys(names)), as_of=today)} if names else {}
    latest = _latest([r.code for r in records])
    plans = []
    for record in records:
        partial = record_content(record, report.warnings)
        competent = (record.detail.competent_agencies if record.detail else []) or partial.get(
            "implementing_agencies", [])
        codes, unresolved, levels = _agency_codes(competent, resolutions)
        where = record.sources[0] if record.sources else {"file": "", "row": None}
        if unresolved:
            report.warnings.append(Issue(where["file"], where["row"], f"Thủ tục {record.code}: chưa nhận diện được cơ "
                                         f"quan “{'”, “'.join(unresolved)}”; hãy gán cơ quan có thẩm quyền trước khi công bố."))
        if codes:
            partial["competent_agencies"] = codes
        current = latest.get(record.code)
        base = selectors.version_content(current) if current else empty_content()
        merged = {**base, **partial}
        if not merged["levels"] and levels:
            merged["levels"] = sorted(levels)
        try:
            content = normalise(merged)
        except DomainError as exc:
            report.errors.append(Issue(where["file"], where["row"], f"Thủ tục {record.code}: {exc.message}"))
            continue
        if current is None:
            action = "created"
        elif content_hash(content) == current.content_hash:
            action = "unchanged"
        else:
            action = "updated_draft" if current.status == VersionStatus.DRAFT else "new_version"
        plans.append(_Plan(record, content, action, current))
        item = record_json(record, content)
        item.update(action=action, competent_agencies=content["competent_agencies"], unresolved_agencies=unresolved,
                    version=current.number if current else None)
        report.procedures.append(item)
    return plans


def catalogue_import(*, actor: Any, files: Sequence[tuple[str, bytes]], dry_run: bool = False,
                     convert: Callable[[bytes, str], bytes] = convert_doc, source: str = "") -> ImportReport:
    """Parse, check and (unless ``dry_run`` or an error) write the catalogue, in one transaction."""
    services.require_manager(actor)
    report = ImportReport(dry_run=dry_run)
    batch = parse_files(list(files), convert=convert)
    report.errors += batch.errors
    report.warnings += batch.warnings
    plans = _plan(batch.records, report, timezone.localdate())
    if report.errors or dry_run:
        return report
    names = [name for name, _ in files]
    with transaction.atomic():
        for plan, item in zip(plans, report.procedures, strict=True):
            if plan.action == "created":
                version = services.procedure_create(actor=actor, code=plan.record.code, content=plan.content,
                                                    source=(source or ", ".join(names))[:255], reason="Nhập từ tệp")
            elif plan.action == "new_version":
                draft = services.version_create_draft(actor=actor, procedure=plan.latest.procedure, base=plan.latest,
                                                      reason="Nhập từ tệp: nội dung thay đổi")
                version = services.version_update(actor=actor, version=draft, changes=plan.content,
                                                  reason="Nhập từ tệp")
            elif plan.action == "updated_draft":
                version = services.version_update(actor=actor, version=plan.latest, changes=plan.content,
                                                  reason="Nhập từ tệp")
            else:
                continue
            item["version"] = version.number
        record_event(actor=actor, verb="procedure.import", subject=("procedures.import", timezone.now().isoformat()),
                     data={"files": names[:50], "summary": report.counts})
    report.written = True
    return report

