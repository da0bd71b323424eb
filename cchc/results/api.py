"""API routes of results (mounted under /api/v1 by cchc.api.main), all under ``/results/``.

Public (no authentication): the verification of a dossier's electronic result, its download with
the holder's phone or ID number (rate-limited per client), the check of an uploaded PDF.
Staff (token or session): the dossier's e-result and postal return, signing, returning by post or
electronically, the postal status.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from cchc.api.auth import AUTH
from cchc.api.schemas import READ_ERRORS, WRITE_ERRORS, ErrorOut, StrictIn, error
from cchc.common.errors import NotFound, TooLarge, ValidationFailed
from cchc.dossiers.access import SystemActor
from cchc.dossiers.selectors import dossier_get
from cchc.results import selectors, services, throttle
from cchc.results.models import ElectronicResult, PostalReturn
from cchc.results.signing import trust_roots
from cchc.results.verification import Verification, verify_pdf

router = Router(tags=["kết quả điện tử, bưu chính"])
CODE = r"^[A-Za-z0-9._-]{1,60}$"
PUBLIC_ERRORS: dict[int, Any] = {**READ_ERRORS, 413: ErrorOut, 429: ErrorOut}
UPLOAD_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 413: ErrorOut}


class ResultSignatureOut(Schema):
    field: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    signer: str
    signer_common_name: str
    issuer: str
    issuer_common_name: str
    signing_time: datetime | None
    timestamp_time: datetime | None
    certificate_sha256: str
    problems: list[str]


class ResultVerificationOut(Schema):
    verdict: Literal["valid", "untrusted", "invalid", "unsigned", "unreadable"]
    valid: bool
    intact: bool
    trusted: bool
    message: str
    sha256: str
    problems: list[str]
    signatures: list[ResultSignatureOut]


class ElectronicResultOut(Schema):
    dossier: str
    sha256: str
    size: int
    source: str
    title: str
    issuing_agency: str
    signer_subject: str
    signer_name: str
    certificate_sha256: str
    certificate_issuer: str
    signer_backend: str
    signed_at: datetime
    download_count: int


class PublicElectronicResultOut(Schema):
    dossier: str
    issuing_agency: str
    result_number: str
    signed_at: datetime
    verification: ResultVerificationOut


class PostalStatusChangeOut(Schema):
    status: str
    at: datetime
    note: str
    tracking_number: str


class PostalReturnOut(Schema):
    dossier: str
    recipient_name: str
    recipient_address: str
    recipient_phone: str
    postal_service: str
    tracking_number: str
    fee: int
    status: str
    status_label: str
    sent_at: datetime
    delivered_at: datetime | None
    returned_to_sender_at: datetime | None
    history: list[PostalStatusChangeOut]


class DossierResultsOut(Schema):
    dossier: str
    state: str
    result_electronic: bool
    return_method: str
    result: ElectronicResultOut | None
    verification: ResultVerificationOut | None
    postal: PostalReturnOut | None


class ResultKeyIn(StrictIn):
    key: str = Field(..., min_length=1, max_length=40, description="Số điện thoại hoặc số giấy tờ tùy thân đã khai.")


class PostalReturnIn(StrictIn):
    recipient_name: str = Field(..., min_length=1, max_length=255)
    recipient_address: str = Field(..., min_length=1, max_length=500)
    recipient_phone: str = Field(..., min_length=1, max_length=20)
    postal_service: str = Field(..., min_length=1, max_length=120)
    tracking_number: str = Field(..., min_length=1, max_length=40)
    fee: int = Field(0, ge=0, le=10**11)
    fee_collected: bool = False
    note: str = Field("", max_length=2000)


class PostalStatusUpdateIn(StrictIn):
    status: Literal["sent", "delivered", "returned_to_sender"]
    at: datetime | None = None
    note: str = Field("", max_length=500)
    tracking_number: str = Field("", max_length=40)


class ResultReturnNoteIn(StrictIn):
    note: str = Field("", max_length=2000)


def _result(r: ElectronicResult) -> dict[str, Any]:
    return {
        "dossier": r.dossier.code, "sha256": r.sha256, "size": r.size, "source": r.source, "title": r.title,
        "issuing_agency": r.issuing_agency.code, "signer_subject": r.signer_subject, "signer_name": r.signer_name,
        "certificate_sha256": r.certificate_fingerprint, "certificate_issuer": r.certificate_issuer,
        "signer_backend": r.signer_backend, "signed_at": r.signed_at, "download_count": r.download_count,
    }


def _postal(p: PostalReturn) -> dict[str, Any]:
    return {
        "dossier": p.dossier.code, "recipient_name": p.recipient_name, "recipient_address": p.recipient_address,
        "recipient_phone": p.recipient_phone, "postal_service": p.postal_service,
        "tracking_number": p.tracking_number, "fee": int(p.fee), "status": p.status, "status_label": p.status_label,
        "sent_at": p.sent_at, "delivered_at": p.delivered_at, "returned_to_sender_at": p.returned_to_sender_at,
        "history": [{"status": h.status, "at": h.at, "note": h.note, "tracking_number": h.tracking_number}
                    for h in p.history.all().order_by("id")],
    }


def _verification(v: Verification) -> dict[str, Any]:
    return v.as_dict()


def _throttled(message: str):
    return Status(429, error("too_many_requests", message))


# --- public ----------------------------------------------------------------------------------

@router.get("/results/{code}/verification", auth=None, response={200: PublicElectronicResultOut, **PUBLIC_ERRORS},
            summary="Kiểm tra chữ ký số của kết quả điện tử (công khai)")
def public_verification(request: HttpRequest, code: str):
    """The stored signed result of the dossier, validated now against the configured trust roots."""
    dossier = selectors.public_dossier(code=code)
    result = selectors.current_result(dossier=dossier) if dossier else None
    if result is None:
        raise NotFound("Không có kết quả điện tử cho mã hồ sơ này.", code="no_electronic_result")
    return {"dossier": dossier.code, "issuing_agency": result.issuing_agency.name,
            "result_number": dossier.result_number, "signed_at": result.signed_at,
            "verification": _verification(selectors.verify_stored(result=result))}


@router.post("/results/{code}/download", auth=None, response={200: None, **PUBLIC_ERRORS},
             summary="Tải kết quả điện tử bằng số điện thoại hoặc số giấy tờ (công khai)")
def public_download(request: HttpRequest, code: str, body: ResultKeyIn):
    """The signed PDF (application/pdf) when ``key`` is the holder's phone or ID number; 404 otherwise."""
    if not throttle.allow(request, "key", throttle.KEY_TRIES):
        return _throttled("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút.")
    dossier = selectors.public_dossier(code=code)
    if dossier is None:
        raise NotFound("Không có kết quả điện tử khớp với mã hồ sơ và thông tin đã nhập.", code="no_match")
    result, data = services.result_download(dossier=dossier, key=body.key, client=throttle.client_of(request))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{dossier.code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@router.post("/results/verify-file", auth=None, response={200: ResultVerificationOut, **PUBLIC_ERRORS},
             summary="Kiểm tra chữ ký số của một tệp PDF (công khai, multipart)")
def verify_file(request: HttpRequest, file: File[UploadedFile] = None):
    """Validate an uploaded PDF; the file is not kept. A changed or unsigned file says so."""
    if not throttle.allow(request, "verify", throttle.VERIFY_UPLOADS):
        return _throttled("Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau ít phút.")
    if file is None:
        raise ValidationFailed("Chưa chọn tệp PDF cần kiểm tra.", code="file_required")
    if file.size > services.max_bytes():
        raise TooLarge("Tệp lớn hơn giới hạn cho phép.", code="file_too_large")
    return _verification(verify_pdf(file.read(), trust_roots()))


# --- staff -----------------------------------------------------------------------------------

@router.get("/results/{code}", auth=AUTH, response={200: DossierResultsOut, **WRITE_ERRORS},
            summary="Kết quả điện tử và trả kết quả của hồ sơ")
def dossier_results(request: HttpRequest, code: str):
    """Another agency's dossier answers 404."""
    d = dossier_get(user=request.user, code=code)
    result = selectors.current_result(dossier=d)
    postal = selectors.postal_of(dossier=d)
    return {"dossier": d.code, "state": d.state, "result_electronic": d.result_electronic,
            "return_method": d.return_method, "result": _result(result) if result else None,
            "verification": _verification(selectors.verify_stored(result=result)) if result else None,
            "postal": _postal(postal) if postal else None}


@router.post("/results/{code}/sign", auth=AUTH, response={201: ElectronicResultOut, **UPLOAD_ERRORS},
             summary="Ký số kết quả điện tử (multipart: file, hoặc generate=true)")
def sign(request: HttpRequest, code: str, file: File[UploadedFile] = None, generate: Form[bool] = False,
         title: Form[str] = "", result_number: Form[str] = "", summary: Form[str] = ""):
    """Sign with the competent agency's certificate; while in processing this also issues the result."""
    d = dossier_get(user=request.user, code=code)
    data = b""
    if file is not None:
        if file.size > services.max_bytes():
            raise TooLarge("Tệp kết quả lớn hơn giới hạn cho phép.", code="file_too_large")
        data = file.read()
    if len(title) > 255 or len(result_number) > 100 or len(summary) > 2000:
        raise ValidationFailed("Tên, số hoặc trích yếu kết quả quá dài.", code="too_long")
    r = services.result_sign(actor=request.user, dossier=d, pdf=data or None, filename=getattr(file, "name", "") or "",
                             generate=generate, title=title, result_number=result_number, summary=summary)
    return Status(201, _result(r))


@router.post("/results/{code}/return/postal", auth=AUTH, response={201: PostalReturnOut, **WRITE_ERRORS},
             summary="Trả kết quả qua bưu chính")
def return_postal(request: HttpRequest, code: str, body: PostalReturnIn):
    d = dossier_get(user=request.user, code=code)
    p = services.result_return_postal(actor=request.user, dossier=d, **body.model_dump())
    return Status(201, _postal(p))


@router.post("/results/{code}/return/electronic", auth=AUTH, response={200: DossierResultsOut, **WRITE_ERRORS},
             summary="Trả kết quả điện tử (người dân tải bản ký số)")
def return_electronic(request: HttpRequest, code: str, body: ResultReturnNoteIn):
    d = dossier_get(user=request.user, code=code)
    services.result_return_electronic(actor=request.user, dossier=d, note=body.note)
    return dossier_results(request, code)


@router.post("/results/{code}/postal/status", auth=AUTH, response={200: PostalReturnOut, **WRITE_ERRORS},
             summary="Cập nhật trạng thái bưu gửi (đã phát, chuyển hoàn, gửi lại)")
def postal_status(request: HttpRequest, code: str, body: PostalStatusUpdateIn):
    d = dossier_get(user=request.user, code=code)
    postal = selectors.postal_of(dossier=d)
    if postal is None:
        raise NotFound("Hồ sơ không trả qua bưu chính.", code="no_postal_return")
    p = services.postal_status_update(actor=request.user, postal=postal, status=body.status, at=body.at,
                                      note=body.note, tracking_number=body.tracking_number)
    return _postal(PostalReturn.objects.get(pk=p.pk))


# --- the postal operator's status push (stand-in contract, docs/signing-service.md §6) ---------

class PostalPushIn(StrictIn):
    service: str = Field(..., min_length=1, max_length=120, description="Tên đơn vị bưu chính như khi gửi.")
    tracking_number: str = Field(..., min_length=1, max_length=40)
    status: Literal["sent", "delivered", "returned_to_sender"]
    at: datetime
    note: str = Field("", max_length=500)


# The operator acts without a person: named in events and the status history, never a user row.
POSTAL_ACTOR = SystemActor(name="postal", label="Doanh nghiệp bưu chính (cập nhật tự động)")


@router.post("/results/postal/push", auth=None, response={200: PostalReturnOut, 401: ErrorOut, **WRITE_ERRORS},
             summary="Đơn vị bưu chính đẩy trạng thái bưu gửi (ký HMAC-SHA256)")
def postal_push(request: HttpRequest, body: PostalPushIn):
    """Headers ``X-Postal-Timestamp`` (Unix seconds, ±300 s) and ``X-Postal-Signature: sha256=<hex>`` of
    HMAC-SHA256(``CCHC_RESULTS_POSTAL_SECRET``, timestamp + "." + raw body). A repeated push of the
    status the parcel already has answers 200 and changes nothing."""
    from cchc.results.postal import normalise_tracking
    from cchc.results.postal_push import check_signature

    check_signature(request.body, request.headers.get("X-Postal-Timestamp", ""),
                    request.headers.get("X-Postal-Signature", ""))
    postal = (PostalReturn.objects.select_related("dossier__receiving_agency")
              .filter(postal_service=body.service.strip(), tracking_number=normalise_tracking(body.tracking_number))
              .first())
    if postal is None:
        raise NotFound("Không có bưu gửi với mã vận đơn này.", code="unknown_tracking")
    if postal.status != body.status:
        services.postal_status_update(actor=POSTAL_ACTOR, postal=postal, status=body.status, at=body.at,
                                      note=body.note)
    return _postal(PostalReturn.objects.get(pk=postal.pk))
