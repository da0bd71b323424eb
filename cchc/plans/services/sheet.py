"""Re-importing the progress spreadsheet: a dry run with a diff and row-level errors, then all or nothing.

Every changed row goes through ``progress_report_submit`` (the same checks as the web form), each
inside its own savepoint so one bad row does not hide the others. If any row fails, or this is a
dry run, the whole transaction is rolled back: nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.common.errors import DomainError, TooLarge, ValidationFailed
from cchc.common.events import record_event
from cchc.plans import conf, rollup, sheet
from cchc.plans.models import ProgressReport
from cchc.plans.selectors.sheet import current_values, sheet_queryset
from cchc.plans.services.evidence import ReferenceIn
from cchc.plans.services.progress import ReportInput, progress_report_submit

MAX_ROWS = 5000


@dataclass
class RowChange:
    line: int
    work_item: int
    no: str
    task: str
    agency: str
    fields: dict[str, dict[str, Any]]


@dataclass
class RowError:
    line: int
    work_item: int | None
    code: str
    message: str


@dataclass
class SheetResult:
    rows: int = 0
    unchanged: int = 0
    changes: list[RowChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False
    dry_run: bool = True


def _same(key: str, old: Any, new: Any) -> bool:
    if key == "status":
        # "Hoàn thành" equals either finished status: the dates decide which one it is.
        if new == rollup.DONE:
            return old in rollup.FINISHED
        return old == new
    return (old or None) == (new or None)


def _parse(row: sheet.SheetRow) -> dict[str, Any]:
    v = row.values
    return {
        "status": sheet.parse_status(v["status"]),
        "percent": sheet.parse_percent(v["percent"]),
        "completed_on": sheet.parse_date(v["completed_on"], "Ngày hoàn thành"),
        "narrative": sheet.text(v["narrative"]),
        "reason": sheet.text(v["reason"]),
        "doc_number": sheet.text(v["doc_number"]),
        "doc_date": sheet.parse_date(v["doc_date"], "Ngày văn bản"),
    }


@transaction.atomic
def progress_sheet_import(*, actor: Any, data: bytes, dry_run: bool = True, today: date | None = None) -> SheetResult:
    """Compare a re-imported sheet with the database; apply it only if not a dry run and every row is valid."""
    limit = conf.sheet_max_bytes()
    if len(data) > limit:
        raise TooLarge(f"Bảng tính vượt giới hạn {limit // (1024 * 1024)} MB.", code="sheet_too_large")
    try:
        rows = sheet.read(data)
    except sheet.SheetError as exc:
        raise ValidationFailed(exc.message, code=exc.code, details=exc.details) from None
    if len(rows) > MAX_ROWS:
        raise ValidationFailed(f"Bảng tính có quá {MAX_ROWS} dòng; hãy chia nhỏ.", code="sheet_too_many_rows")
    today = today or timezone.localdate()
    result = SheetResult(rows=len(rows), dry_run=dry_run)
    ids = {sheet.parse_int(r.values["id"]) for r in rows} - {None}
    items = {w.pk: w for w in sheet_queryset().filter(pk__in=ids)}
    seen: dict[int, int] = {}
    for row in rows:
        wid = sheet.parse_int(row.values["id"])
        item = items.get(wid) if wid is not None else None
        if item is None:
            result.errors.append(RowError(row.line, wid, "work_item_not_found",
                                          f"Dòng {row.line}: không có phần việc mã “{row.values['id']}”."))
            continue
        if wid in seen:
            result.errors.append(RowError(row.line, wid, "duplicate_row",
                                          f"Dòng {row.line}: phần việc {wid} đã có ở dòng {seen[wid]}."))
            continue
        seen[wid] = row.line
        try:
            new = _parse(row)
        except sheet.CellError as exc:
            result.errors.append(RowError(row.line, wid, exc.code, f"Dòng {row.line}: {exc.message}"))
            continue
        old = current_values(item)
        diff = {k: {"old": old[k], "new": new[k]} for k in sheet.EDITABLE if not _same(k, old[k], new[k])}
        if not diff:
            result.unchanged += 1
            continue
        stamp = sheet.parse_int(row.values["stamp"])
        if stamp != item.latest_report_id:
            result.errors.append(RowError(
                row.line, wid, "row_outdated",
                f"Dòng {row.line}: phần việc đã có báo cáo mới hơn sau khi xuất tệp; hãy xuất lại tệp rồi cập nhật."))
            continue
        if new["status"] is None:
            result.errors.append(RowError(row.line, wid, "status_required", f"Dòng {row.line}: cần ghi tình trạng."))
            continue
        refs = []
        if new["doc_number"] or new["doc_date"]:
            refs.append(ReferenceIn(number=new["doc_number"], date=new["doc_date"]))
        report_input = ReportInput(status=new["status"], percent=new["percent"], narrative=new["narrative"],
                                   reason=new["reason"], completed_on=new["completed_on"], references=refs)
        try:
            with transaction.atomic():
                progress_report_submit(actor=actor, work_item=item, data=report_input,
                                       channel=ProgressReport.Channel.SHEET, today=today)
        except DomainError as exc:
            result.errors.append(RowError(row.line, wid, exc.code, f"Dòng {row.line}: {exc.message}"))
            continue
        result.changes.append(RowChange(line=row.line, work_item=wid, no=item.task.no, task=item.task.content[:200],
                                        agency=item.agency.name, fields=_jsonable(diff)))
    if dry_run or result.errors:
        transaction.set_rollback(True)
        return result
    result.applied = True
    record_event(actor=actor, verb="progress.sheet_import", subject=("plans.workitem", "sheet"),
                 data={"rows": result.rows, "changed": len(result.changes), "unchanged": result.unchanged,
                       "work_items": [c.work_item for c in result.changes][:1000]})
    return result


def _jsonable(diff: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    def conv(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date) else v

    return {k: {"old": conv(v["old"]), "new": conv(v["new"])} for k, v in diff.items()}
