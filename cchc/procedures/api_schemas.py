"""Schemas of the catalogue API. Input bodies are strict (no string for a number, no 1 for true) so
that the OpenAPI schema says exactly what the API accepts; business rules (a negative time limit,
allotments over the limit) are refused by the services with their own error codes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict

from cchc.api.schemas import IsoDate, StrictIn
from cchc.procedures.content import LEVELS, ONLINE_LEVELS
from cchc.procedures.process import STEP_ACTIONS, STEP_PLACES, STEP_ROLES

CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$"
CASE_PATTERN = r"^[A-Za-z0-9_.-]{1,40}$"
STEP_PATTERN = r"^[A-Za-z0-9_.-]{1,30}$"
Level = Literal[tuple(LEVELS)]  # type: ignore[valid-type]
OnlineLevel = Literal[tuple(ONLINE_LEVELS)]  # type: ignore[valid-type]
TimeUnit = Literal["working_days", "working_hours", "calendar_days", "same_day", "no_appointment"]
StepUnit = Literal["working_hours", "working_days", "calendar_days"]
Role = Literal[tuple(STEP_ROLES)]  # type: ignore[valid-type]
Action = Literal[STEP_ACTIONS]  # type: ignore[valid-type]
Place = Literal[STEP_PLACES]  # type: ignore[valid-type]
Status = Literal["draft", "published", "repealed"]


def _whole(value: Any) -> Any:
    """JSON Schema's "integer" includes 5.0: let a whole float through as an int (strings stay refused)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def whole(ge: int, le: int) -> Any:
    """An integer of a strict body, as JSON Schema defines integers, within ``ge``..``le``."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_whole)]


class TthcStrictBody(StrictIn):
    """A JSON body: unknown fields and loose types are refused (422)."""

    model_config = ConfigDict(extra="forbid", strict=True)


# --- input --------------------------------------------------------------------------------------


class TthcComponentIn(TthcStrictBody):
    name: str = Field(..., min_length=1, max_length=2000)
    national_code: str = Field("", max_length=60)
    form_name: str = Field("", max_length=255)
    form_url: str = Field("", max_length=500)
    required: bool = True
    originals: whole(0, 100) = 0
    copies: whole(0, 100) = 0
    replaceable_by_data: bool = False


class TthcFeeIn(TthcStrictBody):
    kind: Literal["phi", "le_phi", "khac"] = "phi"
    code: str = Field("", max_length=40)
    name: str = Field("", max_length=255)
    amount: whole(0, 10**13) | None = Field(None, description="Số tiền (đồng); để trống nếu tính theo công thức.")
    description: str = Field("", max_length=2000)
    collect: Literal["before", "after", "free"] = "before"


class TthcCaseIn(TthcStrictBody):
    code: str = Field(..., pattern=CASE_PATTERN)
    name: str = Field("", max_length=500)
    time_limit: float = Field(..., description="Thời hạn; 0 chỉ hợp lệ với đơn vị same_day (hoặc no_appointment).")
    time_limit_online: float | None = None
    time_unit: TimeUnit = "working_days"
    same_day_cutoff: str | None = Field(None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    supplement_days: whole(1, 365) | None = None
    signed_result_required: bool = False
    pay_before_intake: bool = False
    payment_pauses_clock: bool = True
    authorisation_allowed: bool = True
    online_not_offered: bool = False
    components: list[TthcComponentIn] = Field(default_factory=list, max_length=200)
    fees: list[TthcFeeIn] = Field(default_factory=list, max_length=50)


class TthcResultIn(TthcStrictBody):
    code: str = Field("", max_length=60)
    name: str = Field("", max_length=1000)


class TthcLegalIn(TthcStrictBody):
    number: str = Field("", max_length=100)
    title: str = Field("", max_length=2000)
    date: str = Field("", max_length=40)
    issuer: str = Field("", max_length=255)


class TthcContentPatch(TthcStrictBody):
    """Content fields of a version; in a PATCH only the fields sent change (``cases`` replaces all cases)."""

    name: str | None = Field(None, min_length=1, max_length=5000)
    sector: str | None = Field(None, max_length=255)
    levels: list[Level] | None = Field(None, max_length=4)
    procedure_type: str | None = Field(None, max_length=255)
    decision: str | None = Field(None, max_length=255)
    issuing_agency: str | None = Field(None, max_length=255)
    implementing_agencies: list[str] | None = Field(None, max_length=200)
    competent_agencies: list[str] | None = Field(None, max_length=500, description="Mã cơ quan có thẩm quyền.")
    intake_agencies: list[str] | None = Field(None, max_length=500, description="Mã nơi tiếp nhận.")
    subjects: list[str] | None = Field(None, max_length=50)
    steps_text: str | None = Field(None, max_length=20000)
    requirements: str | None = Field(None, max_length=20000)
    results: list[TthcResultIn] | None = Field(None, max_length=50)
    legal_basis: list[TthcLegalIn] | None = Field(None, max_length=100)
    online_level: OnlineLevel | None = None
    eligible_full_online: bool | None = None
    no_result_document: bool | None = None
    at_one_stop: bool | None = None
    interagency: bool | None = None
    postal_allowed: bool | None = None
    essential_online_only: bool | None = None
    description: str | None = Field(None, max_length=20000)
    keywords: str | None = Field(None, max_length=500)
    extra: dict[str, str] | None = None
    cases: list[TthcCaseIn] | None = Field(None, max_length=50)
    reason: str = Field("", max_length=1000)


class TthcProcedureIn(TthcContentPatch):
    code: str = Field(..., pattern=CODE_PATTERN)
    name: str = Field(..., min_length=1, max_length=5000)  # type: ignore[assignment]


class TthcDraftIn(TthcStrictBody):
    base: whole(1, 1_000_000) | None = Field(None, description="Phiên bản để sao chép (mặc định: bản đang có hiệu lực).")
    reason: str = Field("", max_length=1000)


class TthcReasonIn(TthcStrictBody):
    reason: str = Field("", max_length=1000)


class TthcRepealIn(TthcStrictBody):
    reason: str = Field(..., min_length=1, max_length=1000, description="Lý do, ví dụ số quyết định bãi bỏ.")


class TthcStepIn(TthcStrictBody):
    code: str = Field(..., pattern=STEP_PATTERN)
    name: str = Field(..., min_length=1, max_length=255)
    role: Role
    place: Place = "competent"
    agency: str = Field("", max_length=64, description="Mã cơ quan thực hiện bước, nếu không phải cơ quan giải quyết.")
    allotted: float
    unit: StepUnit = "working_hours"
    actions: list[Action] = Field(default_factory=lambda: ["forward"], max_length=9)
    successors: list[str] = Field(default_factory=list, max_length=20)


class TthcProcessIn(TthcStrictBody):
    steps: list[TthcStepIn] = Field(..., max_length=30)
    reason: str = Field("", max_length=1000)


class TthcCatalogueFilters(Schema):
    q: str = Field("", max_length=200, description="Tìm theo mã, tên, lĩnh vực; không phân biệt dấu.")
    sector: str = Field("", max_length=40, description="Mã lĩnh vực.")
    level: Level | None = Field(None, description="Cấp thực hiện.")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


class TthcAsOfFilter(Schema):
    as_of: IsoDate | None = Field(None, description="Ngày (YYYY-MM-DD): phiên bản có hiệu lực vào cuối ngày đó.")


# --- output -------------------------------------------------------------------------------------


class TthcAgencyRef(Schema):
    code: str
    name: str


class TthcComponentOut(Schema):
    order: int
    name: str
    national_code: str
    form_name: str
    form_url: str
    required: bool
    originals: int
    copies: int
    replaceable_by_data: bool


class TthcFeeOut(Schema):
    kind: str
    code: str
    name: str
    amount: int | None
    description: str
    collect: str


class TthcStepOut(Schema):
    order: int
    code: str
    name: str
    role: str
    place: str
    agency: str | None
    allotted: float
    unit: str
    hours: float
    actions: list[str]
    successors: list[str]


class TthcIssueOut(Schema):
    code: str
    message: str
    step: str | None


class TthcCaseOut(Schema):
    code: str
    name: str
    time_limit: float
    time_limit_online: float | None
    time_unit: str
    same_day_cutoff: str | None
    supplement_days: int | None
    signed_result_required: bool
    pay_before_intake: bool
    payment_pauses_clock: bool
    authorisation_allowed: bool
    online_not_offered: bool
    components: list[TthcComponentOut]
    fees: list[TthcFeeOut]
    steps: list[TthcStepOut]
    process_hours: float
    limit_hours: float | None


class TthcResultOut(Schema):
    code: str
    name: str


class TthcLegalOut(Schema):
    number: str
    title: str
    date: str
    issuer: str


class TthcVersionOut(Schema):
    code: str
    number: int
    status: Status
    name: str
    sector: str | None
    levels: list[str]
    procedure_type: str
    decision: str
    issuing_agency: str
    implementing_agencies: list[str]
    competent_agencies: list[TthcAgencyRef]
    intake_agencies: list[TthcAgencyRef]
    subjects: list[str]
    steps_text: str
    requirements: str
    results: list[TthcResultOut]
    legal_basis: list[TthcLegalOut]
    online_level: str
    eligible_full_online: bool
    has_fees: bool
    no_result_document: bool
    at_one_stop: bool
    interagency: bool
    postal_allowed: bool
    essential_online_only: bool
    system_of_record: str
    description: str
    keywords: str
    extra: dict[str, str]
    illustrative: bool
    source: str
    published_at: datetime | None
    repealed_at: datetime | None
    based_on: int | None
    content_hash: str
    cases: list[TthcCaseOut]


class TthcSummaryOut(Schema):
    code: str
    number: int
    status: Status
    name: str
    sector: str | None
    levels: list[str]
    online_level: str
    has_fees: bool
    illustrative: bool
    published_at: datetime | None


class TthcCataloguePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TthcSummaryOut]


class TthcHistoryOut(Schema):
    number: int
    status: Status
    name: str
    created_at: datetime
    published_at: datetime | None
    repealed_at: datetime | None
    based_on: int | None
    content_hash: str


class TthcProcessOut(Schema):
    code: str
    version: int
    version_status: Status
    case: str
    steps: list[TthcStepOut]
    total_hours: float
    limit_hours: float | None
    working_day_hours: float
    ok: bool
    issues: list[TthcIssueOut]


class TthcSourceOut(Schema):
    file: str
    row: int | None


class TthcImportIssueOut(Schema):
    file: str
    row: int | None
    message: str


class TthcImportItemOut(Schema):
    code: str
    name: str
    issuing_agency: str
    implementing_agencies: list[str]
    field: str
    levels: list[str]
    procedure_type: str
    decision: str
    online_level: str | None
    subjects: list[str]
    cases: list[dict[str, Any]]
    results: list[dict[str, str]]
    legal_basis: list[dict[str, str]]
    sources: list[TthcSourceOut]
    action: Literal["created", "new_version", "updated_draft", "unchanged"]
    competent_agencies: list[str]
    unresolved_agencies: list[str]
    version: int | None


class TthcImportOut(Schema):
    count: int
    procedures: list[TthcImportItemOut]
    errors: list[TthcImportIssueOut]
    warnings: list[TthcImportIssueOut]
    dry_run: bool
    written: bool
    summary: dict[str, int]
