"""Catalogue API: public reads of the procedures in force; drafts, writes, processes and import for staff.

The catalogue is public information (NĐ 63/2010: procedures must be published), so listing and
reading the version in force need no login. Drafts are read by staff only; writes are for the
catalogue managers (admins and the PAR secretariat).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from cchc.api.auth import AUTH
from cchc.api.schemas import READ_ERRORS, WRITE_ERRORS, ErrorOut
from cchc.common.errors import NotFound, PermissionDenied, TooLarge, ValidationFailed
from cchc.procedures import selectors, services
from cchc.procedures.api_schemas import (
    TthcAsOfFilter,
    TthcCatalogueFilters,
    TthcCataloguePage,
    TthcDraftIn,
    TthcHistoryOut,
    TthcImportOut,
    TthcProcedureIn,
    TthcProcessIn,
    TthcProcessOut,
    TthcReasonIn,
    TthcRepealIn,
    TthcVersionOut,
)
from cchc.procedures.api_schemas import TthcContentPatch as VersionPatch
from cchc.procedures.importer import MAX_FILE_BYTES
from cchc.procedures.importing import catalogue_import
from cchc.procedures.models import Procedure, ProcedureCase, ProcedureVersion, VersionStatus
from cchc.procedures.process import WORKING_DAY_HOURS, StepSpec, to_hours
from cchc.workdays import TZ

router = Router(tags=["thủ tục"])
MAX_UPLOAD = 5 * MAX_FILE_BYTES


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _steps(case: ProcedureCase) -> list[dict[str, Any]]:
    return [{"order": s.order, "code": s.code, "name": s.name, "role": s.role, "place": s.place,
             "agency": s.agency.code if s.agency_id else None, "allotted": float(s.allotted), "unit": s.allotted_unit,
             "hours": float(to_hours(s.allotted, s.allotted_unit) or 0), "actions": list(s.actions),
             "successors": list(s.successors)} for s in case.steps.all()]


def _case(case: ProcedureCase) -> dict[str, Any]:
    check = selectors.process_check_of(case)
    return {
        "code": case.code, "name": case.name, "time_limit": float(case.time_limit),
        "time_limit_online": _f(case.time_limit_online), "time_unit": case.time_unit,
        "same_day_cutoff": case.same_day_cutoff.strftime("%H:%M") if case.same_day_cutoff else None,
        "supplement_days": case.supplement_days, "signed_result_required": case.signed_result_required,
        "pay_before_intake": case.pay_before_intake, "payment_pauses_clock": case.payment_pauses_clock,
        "authorisation_allowed": case.authorisation_allowed, "online_not_offered": case.online_not_offered,
        "components": [{"order": c.order, "name": c.name, "national_code": c.national_code, "form_name": c.form_name,
                        "form_url": c.form_url, "required": c.required, "originals": c.originals, "copies": c.copies,
                        "replaceable_by_data": c.replaceable_by_data} for c in case.components.all()],
        "fees": [{"kind": f.kind, "code": f.code, "name": f.name,
                  "amount": None if f.amount is None else int(f.amount), "description": f.description,
                  "collect": f.collect} for f in case.fees.all()],
        "steps": _steps(case), "process_hours": float(check.total_hours), "limit_hours": _f(check.limit_hours),
    }


def version_out(v: ProcedureVersion) -> dict[str, Any]:
    """A version with its cases, as the API and the public portal show it."""
    plain = ("name", "levels", "procedure_type", "decision", "issuing_agency", "implementing_agencies", "subjects",
             "steps_text", "requirements", "results", "legal_basis", "online_level", "eligible_full_online", "has_fees",
             "no_result_document", "at_one_stop", "interagency", "postal_allowed", "essential_online_only",
             "system_of_record", "description", "keywords", "source", "published_at", "repealed_at", "content_hash")
    return {
        **{k: getattr(v, k) for k in plain}, "code": v.procedure.code, "number": v.number, "status": v.status,
        "sector": v.sector.name if v.sector_id else None, "extra": dict(v.extra or {}),
        "competent_agencies": [{"code": a.code, "name": a.name} for a in v.competent_agencies.all()],
        "intake_agencies": [{"code": a.code, "name": a.name} for a in v.intake_agencies.all()],
        "illustrative": v.procedure.illustrative, "based_on": v.based_on.number if v.based_on_id else None,
        "cases": [_case(c) for c in v.cases.all()],
    }


def _summary(v: ProcedureVersion) -> dict[str, Any]:
    return {"code": v.procedure.code, "number": v.number, "status": v.status, "name": v.name,
            "sector": v.sector.name if v.sector_id else None, "levels": v.levels, "online_level": v.online_level,
            "has_fees": v.has_fees, "illustrative": v.procedure.illustrative, "published_at": v.published_at}


@router.get("/procedures", response={200: TthcCataloguePage, **READ_ERRORS}, summary="Tra cứu thủ tục hành chính")
def list_procedures(request: HttpRequest, filters: Query[TthcCatalogueFilters]):
    """Procedures in force, searched without accents ("cap giay phep xay dung"), by sector and level."""
    qs = selectors.catalogue_list(q=filters.q, sector=filters.sector, level=filters.level or "", public=True)
    items = list(qs[filters.offset: filters.offset + filters.limit])
    count = qs.count() if len(items) == filters.limit or filters.offset else len(items)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [_summary(v) for v in items]}


# Declared before /procedures/{code}: otherwise that path would catch "import" as a code (405).
@router.post("/procedures/import", auth=AUTH, response={200: TthcImportOut, 201: TthcImportOut, 413: ErrorOut, **WRITE_ERRORS},
             summary="Nhập danh mục từ tệp xuất của CSDL quốc gia")
def import_procedures(request: HttpRequest, files: File[list[UploadedFile]] = None, dry_run: Form[bool] = False):
    """List exports (XLSX/CSV) and detail exports (DOCX/HTML/.doc). With ``dry_run`` nothing is written (200);
    otherwise 201. Any error refuses the whole import (422, ``details`` holds the same report)."""
    files = files or []  # no file at all is refused by the importer, in the same shape as any other refusal
    if sum(f.size or 0 for f in files) > MAX_UPLOAD:
        raise TooLarge(f"Tổng dung lượng tệp vượt {MAX_UPLOAD // (1024 * 1024)} MB.", code="files_too_large")
    report = catalogue_import(actor=request.user, files=[(f.name or "tep", f.read()) for f in files],
                              dry_run=dry_run)
    payload = report.as_json()
    if report.errors:
        raise ValidationFailed(f"Tệp nhập bị từ chối ({len(report.errors)} lỗi); chưa ghi gì.", code="import_refused",
                               details=payload)
    return Status(201, payload) if report.written else payload


@router.get("/procedures/{code}", response={200: TthcVersionOut, **READ_ERRORS}, summary="Thủ tục và phiên bản đang có hiệu lực")
def get_procedure(request: HttpRequest, code: str, filters: Query[TthcAsOfFilter]):
    """The version in force (now, or at the end of ``as_of``) with its cases, components, fees and process."""
    at = None
    if filters.as_of is not None:
        if not (1900 < filters.as_of.year < 2200):
            raise ValidationFailed(f"Ngày {filters.as_of.isoformat()} nằm ngoài khoảng cho phép.",
                                   code="date_out_of_range")
        at = datetime.combine(filters.as_of + timedelta(days=1), time.min, tzinfo=TZ) - timedelta(microseconds=1)
    return version_out(selectors.version_in_force(code, at=at))


@router.get("/procedures/{code}/versions", response={200: list[TthcHistoryOut], **READ_ERRORS},
            summary="Lịch sử phiên bản của thủ tục")
def list_versions(request: HttpRequest, code: str):
    """Published and repealed versions, newest first (drafts are not public)."""
    return [{"number": v.number, "status": v.status, "name": v.name, "created_at": v.created_at,
             "published_at": v.published_at, "repealed_at": v.repealed_at,
             "based_on": v.based_on.number if v.based_on_id else None, "content_hash": v.content_hash}
            for v in selectors.version_history(code=code, public=True)]


def _version(request: HttpRequest, code: str, number: int) -> ProcedureVersion:
    version = selectors.version_get(code=code, number=number)
    if version.status == VersionStatus.DRAFT and not request.user.has_perm("procedures.view_catalogue"):
        raise PermissionDenied("Bản dự thảo chỉ dành cho cán bộ.", code="draft_forbidden")
    return version


@router.get("/procedures/{code}/versions/{number}", auth=AUTH, response={200: TthcVersionOut, **WRITE_ERRORS},
            summary="Một phiên bản (kể cả dự thảo)")
def get_version(request: HttpRequest, code: str, number: int):
    """Any version by number; drafts are shown to staff only."""
    return version_out(_version(request, code, number))


def _changes(body: VersionPatch) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True)
    changes.pop("reason", None)
    changes.pop("code", None)
    return changes


@router.post("/procedures", auth=AUTH, response={201: TthcVersionOut, **WRITE_ERRORS}, summary="Thêm thủ tục (dự thảo)")
def create_procedure(request: HttpRequest, body: TthcProcedureIn):
    """A new procedure and its first version, as a draft (catalogue managers)."""
    version = services.procedure_create(actor=request.user, code=body.code, content=_changes(body), reason=body.reason)
    return Status(201, version_out(selectors.version_get(code=version.procedure.code, number=version.number)))


def _procedure(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        raise NotFound(f"Không tìm thấy thủ tục “{code}”.", code="procedure_not_found")
    return procedure


@router.post("/procedures/{code}/versions", auth=AUTH, response={201: TthcVersionOut, **WRITE_ERRORS},
             summary="Mở bản dự thảo mới (sao chép một phiên bản)")
def create_draft(request: HttpRequest, code: str, body: TthcDraftIn):
    """Copy a version (default: the one in force) with its cases, fees, components and process into a new draft."""
    procedure = _procedure(code)
    base = selectors.version_get(code=code, number=body.base) if body.base else None
    draft = services.version_create_draft(actor=request.user, procedure=procedure, base=base, reason=body.reason)
    return Status(201, version_out(selectors.version_get(code=code, number=draft.number)))


@router.patch("/procedures/{code}/versions/{number}", auth=AUTH, response={200: TthcVersionOut, **WRITE_ERRORS},
              summary="Sửa bản dự thảo")
def update_version(request: HttpRequest, code: str, number: int, body: VersionPatch):
    """Change a draft's content; only the fields sent change (``cases`` replaces every case, keeping the
    process of cases whose code stays)."""
    version = selectors.version_get(code=code, number=number)
    services.version_update(actor=request.user, version=version, changes=_changes(body), reason=body.reason)
    return version_out(selectors.version_get(code=code, number=number))


@router.post("/procedures/{code}/versions/{number}/publish", auth=AUTH, response={200: TthcVersionOut, **WRITE_ERRORS},
             summary="Công bố phiên bản")
def publish_version(request: HttpRequest, code: str, number: int, body: TthcReasonIn):
    """Put a draft in force; the previous version in force is repealed at the same instant."""
    version = selectors.version_get(code=code, number=number)
    services.version_publish(actor=request.user, version=version, reason=body.reason)
    return version_out(selectors.version_get(code=code, number=number))


@router.post("/procedures/{code}/versions/{number}/repeal", auth=AUTH, response={200: TthcVersionOut, **WRITE_ERRORS},
             summary="Bãi bỏ phiên bản đang có hiệu lực")
def repeal_version(request: HttpRequest, code: str, number: int, body: TthcRepealIn):
    """Take the version in force out of force (the procedure is abolished)."""
    version = selectors.version_get(code=code, number=number)
    services.version_repeal(actor=request.user, version=version, reason=body.reason)
    return version_out(selectors.version_get(code=code, number=number))


def _process(case: ProcedureCase) -> dict[str, Any]:
    check = selectors.process_check_of(case)
    version = case.version
    return {"code": version.procedure.code, "version": version.number, "version_status": version.status,
            "case": case.code, "steps": _steps(case), "total_hours": float(check.total_hours),
            "limit_hours": _f(check.limit_hours), "working_day_hours": float(WORKING_DAY_HOURS), "ok": check.ok,
            "issues": [i.__dict__ for i in check.issues]}


@router.get("/procedures/{code}/versions/{number}/cases/{case}/steps", auth=AUTH,
            response={200: TthcProcessOut, **WRITE_ERRORS}, summary="Quy trình nội bộ của một trường hợp")
def get_process(request: HttpRequest, code: str, number: int, case: str):
    """The steps of a case's internal process, their total in working hours and the case's limit."""
    return _process(selectors.case_get(version=_version(request, code, number), code=case))


@router.put("/procedures/{code}/versions/{number}/cases/{case}/steps", auth=AUTH,
            response={200: TthcProcessOut, **WRITE_ERRORS}, summary="Ghi quy trình nội bộ của một trường hợp")
def put_process(request: HttpRequest, code: str, number: int, case: str, body: TthcProcessIn):
    """Replace the steps. On a published version a new draft (copy) is opened and changed: see ``version``."""
    target = selectors.case_get(version=selectors.version_get(code=code, number=number), code=case)
    steps = [StepSpec(code=s.code, name=s.name, role=s.role, place=s.place, agency=s.agency,
                      allotted=Decimal(repr(s.allotted)), unit=s.unit, actions=tuple(s.actions),
                      successors=tuple(s.successors)) for s in body.steps]
    saved = services.process_save(actor=request.user, case=target, steps=steps, reason=body.reason)
    fresh = selectors.version_get(code=code, number=saved.version.number)
    return _process(selectors.case_get(version=fresh, code=case))
