"""E-form API: a procedure's form definition, one's own drafts, component file upload, submission.

Paths live under ``/eforms``; drafts are registered before ``/eforms/{procedure_code}`` so "drafts" is never
read as a procedure code. Only the draft's owner sees it (another person's draft answers 404).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from cchc.api.auth import AUTH
from cchc.api.schemas import READ_ERRORS, WRITE_ERRORS, ErrorOut, StrictIn
from cchc.common.errors import NotFound, ValidationFailed
from cchc.eforms import conf, selectors, services
from cchc.eforms.models import ComponentFile, EformDraft

router = Router(tags=["biểu mẫu điện tử"])
UPLOAD_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 413: ErrorOut}
READ_AUTH_ERRORS: dict[int, Any] = {**READ_ERRORS, 401: ErrorOut, 403: ErrorOut}


class EformChoiceOut(Schema):
    value: str
    label: str


class EformFieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    choices: list[EformChoiceOut]
    help: str
    max_length: int
    common: bool = Field(description="Trường chung về người nộp (có ở mọi biểu mẫu).")


class EformComponentOut(Schema):
    id: int
    order: int
    name: str
    required: bool
    originals: int
    copies: int
    form_name: str
    form_url: str


class EformCaseOut(Schema):
    code: str
    name: str


class EformAgencyOut(Schema):
    code: str
    name: str


class EformFormOut(Schema):
    procedure_code: str
    procedure_name: str
    case_code: str
    case_name: str
    cases: list[EformCaseOut]
    fields: list[EformFieldOut]
    components: list[EformComponentOut]
    receiving_agencies: list[EformAgencyOut]
    max_file_bytes: int
    citizen_submission_open: bool


class EformFileOut(Schema):
    id: int
    component_id: int
    original_name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    scanned: bool
    uploaded_at: datetime


class EformDraftOut(Schema):
    id: int
    procedure_code: str
    case_code: str
    mode: str
    step: str
    status: str
    data: dict[str, Any]
    files: list[EformFileOut]
    missing_components: list[str]
    dossier_code: str | None
    updated_at: datetime


class EformDraftIn(StrictIn):
    procedure_code: str = Field(max_length=40)
    case_code: str = Field("", max_length=40)
    data: dict[str, str] = Field(default_factory=dict)


class EformDraftPatch(StrictIn):
    data: dict[str, str] = Field(default_factory=dict)
    step: Literal["fields", "files", "summary", ""] = ""
    strict: bool = Field(False, description="Kiểm tra đầy đủ (bắt buộc, đúng dạng) trước khi lưu.")
    paper: list[int] | None = Field(None, description="Thành phần đã nhận bản giấy (chỉ cán bộ tiếp nhận).")


class EformSubmitIn(StrictIn):
    channel: Literal["kiosk", "counter", ""] = ""
    receive_now: bool = True
    receiving_agency_code: str = Field("", max_length=60)


class EformSubmittedOut(Schema):
    code: str
    state: str
    channel: str
    due_at: datetime | None
    slip_url: str
    lookup_url: str


def _file(f: ComponentFile) -> dict[str, Any]:
    return {"id": f.pk, "component_id": f.component_id, "original_name": f.original_name, "kind": f.kind,
            "content_type": f.content_type, "size": f.size, "sha256": f.sha256, "scanned": f.scanned,
            "uploaded_at": f.uploaded_at}


def _draft(d: EformDraft) -> dict[str, Any]:
    files = selectors.draft_files(draft=d) if d.status == EformDraft.Status.DRAFT else list(d.files.all())
    return {"id": d.pk, "procedure_code": d.procedure_code, "case_code": d.case.code, "mode": d.mode, "step": d.step,
            "status": d.status, "data": d.data, "files": [_file(f) for f in files],
            "missing_components": [c.name for c in services.missing_components(d, files)]
            if d.status == EformDraft.Status.DRAFT else [],
            "dossier_code": d.dossier.code if d.dossier_id else None, "updated_at": d.updated_at}


@router.get("/eforms/drafts", auth=AUTH, response={200: list[EformDraftOut], **READ_AUTH_ERRORS}, summary="Bản khai của tôi")
def list_drafts(request: HttpRequest):
    return [_draft(d) for d in selectors.drafts_of(user=request.user)[:100]]


@router.post("/eforms/drafts", auth=AUTH, response={201: EformDraftOut, **WRITE_ERRORS}, summary="Bắt đầu khai biểu mẫu")
def create_draft(request: HttpRequest, payload: EformDraftIn):
    d = services.draft_create(actor=request.user, procedure_code=payload.procedure_code,
                              case_code=payload.case_code, data=payload.data)
    return Status(201, _draft(d))


@router.get("/eforms/drafts/{draft_id}", auth=AUTH, response={200: EformDraftOut, **READ_AUTH_ERRORS}, summary="Một bản khai")
def get_draft(request: HttpRequest, draft_id: int):
    return _draft(selectors.draft_get(user=request.user, draft_id=draft_id))


@router.patch("/eforms/drafts/{draft_id}", auth=AUTH, response={200: EformDraftOut, **WRITE_ERRORS},
              summary="Lưu nội dung khai")
def patch_draft(request: HttpRequest, draft_id: int, payload: EformDraftPatch):
    d = selectors.draft_get(user=request.user, draft_id=draft_id)
    d = services.draft_save(actor=request.user, draft=d, data=payload.data, step=payload.step, strict=payload.strict,
                            paper=payload.paper)
    return _draft(d)


@router.delete("/eforms/drafts/{draft_id}", auth=AUTH, response={204: None, **WRITE_ERRORS}, summary="Huỷ bản khai")
def delete_draft(request: HttpRequest, draft_id: int):
    services.draft_delete(actor=request.user, draft=selectors.draft_get(user=request.user, draft_id=draft_id))
    return Status(204, None)


@router.post("/eforms/drafts/{draft_id}/files", auth=AUTH, response={201: EformFileOut, **UPLOAD_ERRORS},
             summary="Tải lên tệp thành phần hồ sơ (multipart)")
def upload_file(request: HttpRequest, draft_id: int, component_id: Form[int], file: File[UploadedFile] = None):
    d = selectors.draft_get(user=request.user, draft_id=draft_id)
    if file is None:
        raise ValidationFailed("Chưa chọn tệp để tải lên.", code="file_required")
    data = services.read_upload(file)
    return Status(201, _file(services.file_add(actor=request.user, draft=d, component_id=component_id,
                                               name=file.name or "", data=data)))


@router.delete("/eforms/drafts/{draft_id}/files/{file_id}", auth=AUTH, response={204: None, **WRITE_ERRORS},
               summary="Xoá tệp khỏi bản khai")
def delete_file(request: HttpRequest, draft_id: int, file_id: int):
    d = selectors.draft_get(user=request.user, draft_id=draft_id)
    f = d.files.filter(pk=file_id).first() if 0 < file_id < 2**62 else None
    if f is None:
        raise NotFound("Không tìm thấy tệp.", code="file_not_found")
    services.file_remove(actor=request.user, file=f)
    return Status(204, None)


@router.post("/eforms/drafts/{draft_id}/submit", auth=AUTH, response={201: EformSubmittedOut, **WRITE_ERRORS},
             summary="Nộp hồ sơ từ bản khai")
def submit_draft(request: HttpRequest, draft_id: int, payload: EformSubmitIn):
    d = selectors.draft_get(user=request.user, draft_id=draft_id)
    dossier = services.draft_submit(actor=request.user, draft=d, channel=payload.channel,
                                    receive_now=payload.receive_now,
                                    receiving_agency_code=payload.receiving_agency_code)
    return Status(201, {"code": dossier.code, "state": dossier.state, "channel": dossier.channel,
                        "due_at": dossier.due_at, "slip_url": slip_url(dossier.code),
                        "lookup_url": lookup_url(dossier.code)})


@router.get("/eforms/{procedure_code}", response={200: EformFormOut, **READ_ERRORS}, summary="Biểu mẫu điện tử của thủ tục")
def form_definition(request: HttpRequest, procedure_code: str, case: str = ""):
    fd = selectors.form_definition(procedure_code=procedure_code, case_code=case)
    return {"procedure_code": fd.procedure_code, "procedure_name": fd.procedure_name, "case_code": fd.case.code,
            "case_name": fd.case.name, "cases": [{"code": c.code, "name": c.name} for c in fd.cases],
            "fields": [f.as_dict() for f in fd.form.fields],
            "components": [{"id": c.pk, "order": c.order, "name": c.name, "required": c.required,
                            "originals": c.originals, "copies": c.copies, "form_name": c.form_name,
                            "form_url": c.form_url} for c in fd.components],
            "receiving_agencies": [{"code": a.code, "name": a.name} for a in fd.receiving_agencies],
            "max_file_bytes": conf.max_bytes(), "citizen_submission_open": conf.citizen_submission_open()}


def slip_url(code: str) -> str:
    return f"/letters/{code}/slip.pdf"


def lookup_url(code: str) -> str:
    return f"/public/lookup/?code={code}"
