"""Progress API: report on a work item, list and read reports, review them, attach evidence (multipart
files or document references), download evidence, and re-import the progress spreadsheet."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Query, Schema, Status
from ninja.files import UploadedFile

from cchc.api.auth import AUTH
from cchc.api.schemas import WRITE_ERRORS, ErrorOut
from cchc.common.errors import NotFound, TooLarge, ValidationFailed
from cchc.plans import conf, sniff
from cchc.plans.access import agency_scope
from cchc.plans.api.base import require_file, router
from cchc.plans.api.schemas import (
    READ_AUTH_ERRORS,
    EvidenceOut,
    ReferenceInSchema,
    ReportIn,
    ReportOut,
    ReportPageOut,
    ReviewIn,
    ReviewLit,
    SheetResultOut,
    evidence_out,
    report_out,
)
from cchc.plans.models import ProgressReport, WorkItem
from cchc.plans.selectors.progress import evidence_get, report_get, report_list
from cchc.plans.services.evidence import FileIn, ReferenceIn, evidence_add
from cchc.plans.services.progress import ReportInput, progress_report_review, progress_report_submit
from cchc.plans.services.sheet import progress_sheet_import

UPLOAD_ERRORS = {**WRITE_ERRORS, 413: ErrorOut}
FILE_RESPONSE = {"responses": {200: {"description": "Tệp minh chứng", "content": {
    ct: {"schema": {"type": "string", "format": "binary"}} for _ext, ct in sniff.ALLOWED.values()}}}}


def _work_item(request: HttpRequest, pk: int) -> WorkItem:
    """The work item, if the reader may see it (404 otherwise, so another agency's rows are not revealed)."""
    qs = WorkItem.objects.all()
    scope = agency_scope(request.user)
    if scope is not None:
        qs = qs.filter(agency_id=scope)
    item = qs.filter(pk=pk).first()
    if item is None:
        raise NotFound(f"Không tìm thấy phần việc số {pk}.", code="work_item_not_found")
    return item


@router.post("/work-items/{work_item_id}/reports", auth=AUTH, response={201: ReportOut, **WRITE_ERRORS},
             summary="Báo cáo tiến độ một phần việc")
def submit_report(request: HttpRequest, work_item_id: int, body: ReportIn):
    """Report status, percent (entered, or derived from children/occurrences), narrative and document
    references. A coordinating agency's report is a contribution; a lead's report consolidates the
    contributions and goes to the secretariat. Files are attached with POST /reports/{id}/evidence."""
    item = _work_item(request, work_item_id)
    report = progress_report_submit(actor=request.user, work_item=item, channel=ProgressReport.Channel.API, data=ReportInput(
        status=body.status, percent=body.percent, percent_mode=body.percent_mode, narrative=body.narrative,
        reason=body.reason, completed_on=body.completed_on,
        references=[ReferenceIn(number=r.number, date=r.date, title=r.title) for r in body.references]))
    return Status(201, report_out(report_get(user=request.user, pk=report.pk)))


class ReportQuery(Schema):
    task: int | None = Field(None, ge=1, le=2**53)
    work_item: int | None = Field(None, ge=1, le=2**53)
    review: ReviewLit | None = None
    kind: str | None = Field(None, pattern="^(report|contribution)$")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get("/reports", auth=AUTH, response={200: ReportPageOut, **READ_AUTH_ERRORS}, summary="Các báo cáo tiến độ")
def list_reports(request: HttpRequest, filters: Query[ReportQuery]):
    """Reports the reader may see, newest first: its agency's own, and the contributions sent to it as lead
    (the secretariat sees all). ``review=submitted&kind=report`` is the secretariat's review list."""
    qs = report_list(user=request.user, task_id=filters.task, work_item_id=filters.work_item, review=filters.review,
                     kind=filters.kind)
    items = list(qs[filters.offset: filters.offset + filters.limit])
    count = qs.count() if len(items) == filters.limit or filters.offset else len(items)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [report_out(r) for r in items]}


@router.get("/reports/{report_id}", auth=AUTH, response={200: ReportOut, **READ_AUTH_ERRORS},
            summary="Một báo cáo tiến độ")
def get_report(request: HttpRequest, report_id: int):
    """A report with its evidence (404 if it is another agency's)."""
    return report_out(report_get(user=request.user, pk=report_id))


@router.post("/reports/{report_id}/review", auth=AUTH, response={200: ReportOut, **WRITE_ERRORS},
             summary="Chấp nhận hoặc trả lại báo cáo")
def review_report(request: HttpRequest, report_id: int, body: ReviewIn):
    """The secretariat accepts a lead report or returns it for rework with a reason (a returned report counts
    as not done). 409 when the report was already reviewed or replaced: of two concurrent reviews one wins."""
    report = report_get(user=request.user, pk=report_id)
    progress_report_review(actor=request.user, report=report, decision=body.decision, reason=body.reason)
    return report_out(report_get(user=request.user, pk=report_id))


@router.post("/reports/{report_id}/evidence", auth=AUTH, response={201: EvidenceOut, **UPLOAD_ERRORS},
             summary="Đính kèm tệp minh chứng")
def upload_evidence(request: HttpRequest, report_id: int, file: File[UploadedFile] = None):
    """Attach a file to a report still waiting for review. The type is read from the content and must be
    PDF, DOCX, XLSX, JPG or PNG (422 ``evidence_type_forbidden`` otherwise); the size limit is
    CCHC_EVIDENCE_MAX_BYTES (413 ``evidence_too_large``)."""
    report = report_get(user=request.user, pk=report_id)
    require_file(file)
    limit = conf.evidence_max_bytes()
    if file.size and file.size > limit:
        raise TooLarge(f"Tệp vượt giới hạn {limit // (1024 * 1024)} MB cho mỗi minh chứng.", code="evidence_too_large")
    saved = evidence_add(actor=request.user, report=report, files=[FileIn(name=file.name or "tep", data=file.read())])
    return Status(201, evidence_out(saved[0]))


@router.post("/reports/{report_id}/references", auth=AUTH, response={201: EvidenceOut, **WRITE_ERRORS},
             summary="Ghi văn bản minh chứng (số, ngày)")
def add_reference(request: HttpRequest, report_id: int, body: ReferenceInSchema):
    """Reference a document by number and date as evidence of a report still waiting for review."""
    report = report_get(user=request.user, pk=report_id)
    saved = evidence_add(actor=request.user, report=report,
                         references=[ReferenceIn(number=body.number, date=body.date, title=body.title)])
    return Status(201, evidence_out(saved[0]))


@router.get("/evidence/{evidence_id}/file", auth=AUTH, response={**READ_AUTH_ERRORS}, openapi_extra=FILE_RESPONSE,
            summary="Tải tệp minh chứng")
def download_evidence(request: HttpRequest, evidence_id: int):
    """The stored file, with its sniffed content type (404 for a reference or another agency's evidence)."""
    ev = evidence_get(user=request.user, pk=evidence_id)
    if not ev.file:
        raise NotFound("Minh chứng này là văn bản tham chiếu, không có tệp.", code="evidence_has_no_file")
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError:
        raise NotFound("Tệp minh chứng không còn trên máy chủ.", code="evidence_file_missing") from None
    return FileResponse(handle, content_type=ev.content_type, as_attachment=True, filename=ev.original_name)


@router.post("/progress/import", auth=AUTH, response={200: SheetResultOut, 413: ErrorOut, **WRITE_ERRORS},
             summary="Nhập tiến độ từ Excel (chạy thử, rồi áp dụng)")
def import_sheet(request: HttpRequest, file: File[UploadedFile] = None, dry_run: Form[bool] = True):
    """Re-import an exported progress sheet. A dry run (default) returns the diff and the row errors and
    writes nothing. Applying writes every changed row or nothing: with any row error the answer is 422
    ``sheet_has_errors`` with the rows in ``details``. Wrong columns or a non-XLSX file: 422."""
    require_file(file)
    limit = conf.sheet_max_bytes()
    if file.size and file.size > limit:
        raise TooLarge(f"Bảng tính vượt giới hạn {limit // (1024 * 1024)} MB.", code="sheet_too_large")
    result = progress_sheet_import(actor=request.user, data=file.read(), dry_run=dry_run)
    out = {"dry_run": result.dry_run, "applied": result.applied, "rows": result.rows, "unchanged": result.unchanged,
           "changes": [c.__dict__ for c in result.changes], "errors": [e.__dict__ for e in result.errors]}
    if not dry_run and result.errors:
        raise ValidationFailed(f"Bảng tính có {len(result.errors)} dòng lỗi; chưa ghi dòng nào.",
                               code="sheet_has_errors", details=out["errors"])
    return out
