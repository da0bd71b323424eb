"""API routes of public (mounted under /api/v1 by cchc.api.main): no authentication.

- ``GET /public/procedures``: procedures in force, searched without accents;
- ``GET /public/procedures/{code}``: one procedure's sheet;
- ``GET /public/lookup?code=&key=``: a dossier's public status (429 beyond the per-client rate);
- ``POST /public/rating``: the holder's one rating of a returned dossier.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from cchc.api.schemas import ErrorOut, StrictIn
from cchc.procedures.content import LEVELS
from cchc.public import conf, rules, selectors, services
from cchc.public.throttle import throttle_hit

router = Router(tags=["công khai"])

PUBLIC_READ_ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
LOOKUP_ERRORS = {**PUBLIC_READ_ERRORS, 429: ErrorOut}


class PublicAgencyOut(Schema):
    code: str
    name: str


class PublicSectorOut(Schema):
    code: str
    name: str


class PublicProcedureSummaryOut(Schema):
    code: str
    name: str
    sector: PublicSectorOut | None
    levels: list[str]
    online_level: str
    online_level_label: str
    has_fees: bool
    illustrative: bool
    url: str
    portal_url: str


class PublicProcedurePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PublicProcedureSummaryOut]


class PublicProcedureFilters(Schema):
    q: str = Field("", max_length=200, description="Tên, mã hoặc từ khoá; gõ không dấu được.")
    sector: str = Field("", max_length=40, description="Mã lĩnh vực.")
    level: str = Field("", max_length=10, description="Cấp thực hiện: tinh, xa, bo, khac.")
    agency: str = Field("", max_length=64, description="Mã cơ quan giải quyết hoặc tiếp nhận.")
    limit: int = Field(25, ge=1, le=200)
    offset: int = Field(0, ge=0)


class PublicComponentOut(Schema):
    order: int
    name: str
    required: bool
    originals: int
    copies: int
    form_name: str
    form_url: str
    replaceable_by_data: bool


class PublicFeeOut(Schema):
    kind: str
    kind_label: str
    name: str
    amount: int | None
    description: str
    collect: str
    collect_label: str


class PublicCaseOut(Schema):
    code: str
    name: str
    time_limit: float
    time_limit_online: float | None
    time_unit: str
    time_limit_text: str
    time_limit_online_text: str
    online_offered: bool
    has_eform: bool
    components: list[PublicComponentOut]
    fees: list[PublicFeeOut]


class PublicResultOut(Schema):
    code: str
    name: str


class PublicLegalOut(Schema):
    number: str
    title: str
    date: str
    issuer: str


class PublicLabelValueOut(Schema):
    label: str
    value: str


class PublicProcedureSheetOut(Schema):
    code: str
    name: str
    number: int
    illustrative: bool
    sector: PublicSectorOut | None
    levels: list[str]
    procedure_type: str
    decision: str
    issuing_agency: str
    published_at: datetime | None
    implementing_agencies: list[str]
    competent_agencies: list[PublicAgencyOut]
    intake_agencies: list[PublicAgencyOut]
    intake_address: str
    other: list[PublicLabelValueOut]
    at_one_stop: bool
    postal_allowed: bool
    interagency: bool
    subjects: list[str]
    steps_text: str = Field(description="Trình tự thực hiện.")
    requirements: str
    description: str
    online_level: str
    online_level_label: str
    eligible_full_online: bool
    essential_online_only: bool
    has_fees: bool
    results: list[PublicResultOut]
    no_result_document: bool
    legal_basis: list[PublicLegalOut]
    portal_url: str = Field(description="Trang nộp hồ sơ của thủ tục trên Cổng Dịch vụ công quốc gia.")
    cases: list[PublicCaseOut]


@router.get("/public/procedures", response={200: PublicProcedurePage, **PUBLIC_READ_ERRORS},
            summary="Thủ tục hành chính đang có hiệu lực (công khai)")
def public_procedures(request: HttpRequest, filters: Query[PublicProcedureFilters]):
    """Procedures in force, one row each, searched without accents ("cap giay phep xay dung")."""
    from django.urls import reverse

    qs = selectors.public_procedure_list(q=filters.q, sector=filters.sector,
                                         level=filters.level if filters.level in LEVELS else "",
                                         agency=filters.agency)
    page = list(qs[filters.offset:filters.offset + filters.limit])
    count = qs.count() if len(page) == filters.limit or filters.offset else len(page)
    items = [{
        "code": v.procedure.code, "name": v.name,
        "sector": {"code": v.sector.code, "name": v.sector.name} if v.sector_id else None,
        "levels": [LEVELS.get(lv, lv) for lv in v.levels], "online_level": v.online_level,
        "online_level_label": v.get_online_level_display(), "has_fees": v.has_fees,
        "illustrative": v.procedure.illustrative,
        "url": reverse("public:procedure_detail", args=[v.procedure.code]),
        "portal_url": conf.portal_procedure_url(v.procedure.code),
    } for v in page]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}


@router.get("/public/procedures/{code}", response={200: PublicProcedureSheetOut, **PUBLIC_READ_ERRORS},
            summary="Thông tin đầy đủ của một thủ tục (công khai)")
def public_procedure(request: HttpRequest, code: str):
    """Everything the printable sheet shows: where to go, steps, documents, fees, time limit, legal basis."""
    return selectors.procedure_sheet(selectors.public_procedure_get(code=code))


class PublicLookupFilters(Schema):
    code: str = Field(..., max_length=60, description="Mã hồ sơ in trên giấy tiếp nhận.")
    key: str = Field("", max_length=30, description="Số điện thoại hoặc số giấy tờ của người nộp (xem chi tiết).")


class PublicMilestoneOut(Schema):
    at: datetime
    label: str
    note: str


class PublicLookupOut(Schema):
    code: str
    detailed: bool = Field(description="Đúng số điện thoại/giấy tờ: có họ tên, địa chỉ, nội dung đầy đủ.")
    procedure_code: str
    procedure_name: str
    case_name: str
    applicant: str = Field(description="Họ tên người nộp; che một phần khi không có key.")
    applicant_address: str | None
    subject: str | None
    receiving_agency: str
    competent_agency: str
    channel: str
    channel_label: str
    state: str
    state_label: str
    national_status: int | None
    national_status_label: str
    time_limit_text: str
    received_at: datetime | None
    original_due_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    return_method: str
    timing_status: str = Field(description="Trong hạn / Sắp đến hạn / Quá hạn / Trước hạn / Đúng hạn / Tạm dừng.")
    remaining: str = Field(description="“còn x ngày y giờ” hoặc “quá x ngày y giờ”, tính theo giờ làm việc.")
    milestones: list[PublicMilestoneOut]
    result_electronic: bool
    verify_url: str | None
    rating: int | None
    rating_label: str
    can_rate: bool


def _lookup_out(r: selectors.Lookup) -> dict:
    d = r.dossier
    return {
        "code": d.code, "detailed": r.detailed, "procedure_code": d.procedure.code, "procedure_name": d.version.name,
        "case_name": d.case.name, "applicant": r.applicant,
        "applicant_address": d.applicant_address if r.detailed else None,
        "subject": d.subject if r.detailed else None,
        "receiving_agency": d.receiving_agency.name, "competent_agency": d.competent_agency.name,
        "channel": d.channel, "channel_label": d.get_channel_display(), "state": d.state,
        "state_label": r.state_label, "national_status": r.national_status, "national_status_label": r.national_label,
        "time_limit_text": r.limit_text, "received_at": d.received_at, "original_due_at": d.original_due_at,
        "due_at": d.due_at, "resolved_at": d.resolved_at, "returned_at": d.returned_at,
        "return_method": d.return_method, "timing_status": r.timing_status, "remaining": r.remaining,
        "milestones": [{"at": m.at, "label": m.label, "note": m.note} for m in r.milestones],
        "result_electronic": d.result_electronic, "verify_url": r.verify_url, "rating": d.rating,
        "rating_label": rules.SCORES.get(d.rating, "") if d.rating else "", "can_rate": r.can_rate,
    }


@router.get("/public/lookup", response={200: PublicLookupOut, **LOOKUP_ERRORS}, summary="Tra cứu hồ sơ (công khai)")
def public_lookup(request: HttpRequest, filters: Query[PublicLookupFilters]):
    """A dossier's status by its code; with ``key`` (holder's phone or ID number) the personal details too.

    An unknown code and a wrong key get the same 404. Limited per client address (429 beyond it).
    """
    throttle_hit(request)
    return _lookup_out(selectors.dossier_lookup(code=filters.code, key=filters.key))


class PublicRatingIn(StrictIn):
    code: str = Field(..., max_length=60)
    key: str = Field(..., max_length=30, description="Số điện thoại hoặc số giấy tờ của người nộp.")
    score: int = Field(..., description="1 rất không hài lòng … 5 rất hài lòng.")
    criteria: dict[str, int] = Field(default_factory=dict,
                                     description="Tiêu chí → 1 không hài lòng, 2 bình thường, 3 hài lòng: "
                                                 + ", ".join(rules.CRITERIA))
    comment: str = Field("", max_length=rules.MAX_COMMENT)
    channel: Literal["api", "kiosk", "portal", "sms", "web"] = "api"


class PublicRatingOut(Schema):
    code: str
    score: int
    score_label: str
    criteria: dict[str, int]
    comment: str
    channel: str
    at: datetime


@router.post("/public/rating", response={201: PublicRatingOut, 409: ErrorOut, **LOOKUP_ERRORS},
             summary="Đánh giá mức độ hài lòng khi nhận kết quả")
def public_rating(request: HttpRequest, body: PublicRatingIn):
    """One rating per dossier, only once its result is returned; the holder's number is required.

    409 ``not_returned`` / ``already_rated``; 404 for an unknown code or a wrong key (same answer).
    """
    throttle_hit(request)
    rating = services.rating_submit(code=body.code, key=body.key, score=body.score, criteria=body.criteria,
                                    comment=body.comment, channel=body.channel)
    return Status(201, {"code": body.code.strip(), "score": rating.score, "score_label": rules.SCORES[rating.score],
                        "criteria": rating.criteria, "comment": rating.comment, "channel": rating.channel,
                        "at": rating.at})
