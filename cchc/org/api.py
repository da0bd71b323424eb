"""Registry API: public reads (the registry is public information), writes for the secretariat."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from cchc.api.auth import AUTH
from cchc.api.schemas import READ_ERRORS, WRITE_ERRORS, IsoDate, StrictIn
from cchc.common.errors import NotFound, ValidationFailed
from cchc.org import selectors, services
from cchc.org.models import Agency, AgencyType, ReorganisationKind

router = Router(tags=["cơ quan"])

AgencyTypeLit = Literal[tuple(AgencyType.values)]  # type: ignore[valid-type]
KindLit = Literal[tuple(ReorganisationKind.values)]  # type: ignore[valid-type]
CODE_PATTERN = r"^[A-Za-z0-9._-]{1,64}$"
# AgencyAlias.text is a varchar(255): longer items were a DataError (500) on PostgreSQL.
AliasText = Annotated[str, Field(max_length=255)]


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    type: str
    type_label: str
    parent: str | None
    valid_from: date
    valid_to: date | None
    gso_code: str
    illustrative: bool
    confidence: str


def _out(a: Agency) -> dict:
    return {
        "code": a.code, "name": a.name, "short_name": a.short_name, "type": a.type,
        "type_label": str(AgencyType(a.type).label), "parent": a.parent.code if a.parent_id else None,
        "valid_from": a.valid_from, "valid_to": a.valid_to, "gso_code": a.gso_code,
        "illustrative": a.illustrative, "confidence": a.confidence,
    }


class AgencyPage(Schema):
    count: int
    limit: int
    offset: int
    as_of: date | None
    items: list[AgencyOut]


class AgencyFilters(Schema):
    as_of: IsoDate | None = Field(None, description="Ngày tra cứu (YYYY-MM-DD): cơ quan tồn tại vào ngày đó.")
    q: str = Field("", max_length=200, description="Tìm theo tên, không phân biệt dấu.")
    type: AgencyTypeLit | None = Field(None, description="Loại cơ quan.")
    parent: str = Field("", max_length=64, description="Mã cơ quan cấp trên.")
    limit: int = Field(100, ge=1, le=settings.CCHC_API_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


def _check_date(d: date | None) -> None:
    if d is not None and not (date(1900, 1, 1) < d < date(2200, 1, 1)):
        raise ValidationFailed(f"Ngày {d.isoformat()} nằm ngoài khoảng cho phép.", code="date_out_of_range")


@router.get("/agencies", response={200: AgencyPage, **READ_ERRORS}, summary="Danh sách cơ quan")
def list_agencies(request: HttpRequest, filters: Query[AgencyFilters]):
    """Agencies that existed on ``as_of`` (all periods if omitted), filtered by text and type."""
    _check_date(filters.as_of)
    qs = selectors.agency_list(as_of=filters.as_of, q=filters.q, type=filters.type or "", parent=filters.parent)
    items = list(qs[filters.offset : filters.offset + filters.limit])
    count = qs.count() if len(items) == filters.limit or filters.offset else len(items)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "as_of": filters.as_of,
            "items": [_out(a) for a in items]}


class LinkOut(Schema):
    kind: str
    effective_date: date
    legal_basis: str
    agency: AgencyOut


class AgencyDetailOut(AgencyOut):
    aliases: list[str]
    source: str
    predecessors: list[LinkOut]
    successors: list[LinkOut]


@router.get("/agencies/{code}", response={200: AgencyDetailOut, **READ_ERRORS}, summary="Một cơ quan và lịch sử")
def get_agency(request: HttpRequest, code: str):
    """One agency with its aliases, predecessors and successors."""
    agency = selectors.agency_get(code=code)
    lineage = selectors.agency_lineage(agency=agency)

    def link(pair):
        reorg, other = pair
        return {"kind": reorg.kind, "effective_date": reorg.effective_date, "legal_basis": reorg.legal_basis,
                "agency": _out(other)}

    return {**_out(agency), "aliases": sorted(a.text for a in agency.aliases.all()), "source": agency.source,
            "predecessors": [link(p) for p in lineage.predecessors],
            "successors": [link(s) for s in lineage.successors]}


class TreeNode(Schema):
    code: str
    name: str
    short_name: str
    type: str
    children: list[TreeNode]


TreeNode.model_rebuild()


class TreeFilters(Schema):
    as_of: IsoDate | None = Field(None, description="Ngày (mặc định: hôm nay).")
    root: str = Field("", max_length=64, description="Mã cơ quan gốc (mặc định: mọi cơ quan gốc).")


@router.get("/agency-tree", response={200: list[TreeNode], **READ_ERRORS}, summary="Cây tổ chức tại một ngày")
def agency_tree(request: HttpRequest, filters: Query[TreeFilters]):
    """The nested tree of agencies that existed on a date."""
    _check_date(filters.as_of)
    return selectors.agency_tree(as_of=filters.as_of or timezone.localdate(), root=filters.root or None)


class GroupOut(Schema):
    code: str
    name: str
    aliases: list[str]
    member_types: list[str]


class GroupMembersOut(GroupOut):
    as_of: date
    members: list[AgencyOut]


@router.get("/groups", response={200: list[GroupOut], **READ_ERRORS}, summary="Các nhóm cơ quan")
def list_groups(request: HttpRequest):
    """Collective nouns of plans ("các Sở, Ban, ngành", "UBND cấp xã", ...)."""
    from cchc.org.models import AgencyGroup

    return [GroupOut.from_orm(g) for g in AgencyGroup.objects.order_by("code")]


class AsOf(Schema):
    as_of: IsoDate | None = Field(None, description="Ngày (mặc định: hôm nay).")


@router.get("/groups/{code}", response={200: GroupMembersOut, **READ_ERRORS}, summary="Thành viên của nhóm tại một ngày")
def group_members(request: HttpRequest, code: str, filters: Query[AsOf]):
    """The member agencies of a group as of a date."""
    _check_date(filters.as_of)
    day = filters.as_of or timezone.localdate()
    group = selectors.group_get(code=code)
    members = selectors.group_members(group=group, as_of=day)
    return {"code": group.code, "name": group.name, "aliases": group.aliases, "member_types": group.member_types,
            "as_of": day, "members": [_out(a) for a in members]}


class ResolveIn(StrictIn):
    names: list[str] = Field(..., min_length=1, max_length=500)
    as_of: IsoDate | None = None


class ResolutionOut(Schema):
    text: str
    kind: Literal["agency", "group", "unresolved"]
    agency: AgencyOut | None = None
    group: GroupOut | None = None
    members: list[AgencyOut] = []
    candidates: list[str] = []


@router.post("/names/resolve", response={200: list[ResolutionOut], **READ_ERRORS}, summary="Nhận diện tên cơ quan")
def resolve_names(request: HttpRequest, body: ResolveIn):
    """Map free-text names to agencies or groups as of a date; unresolved names come back as such."""
    _check_date(body.as_of)
    day = body.as_of or timezone.localdate()
    out = []
    for r in selectors.resolve_names(names=[n[:300] for n in body.names], as_of=day):
        out.append({
            "text": r.text, "kind": r.kind, "agency": _out(r.agency) if r.agency else None,
            "group": GroupOut.from_orm(r.group) if r.group else None,
            "members": [_out(m) for m in r.members], "candidates": list(r.candidates),
        })
    return out


class AgencyIn(StrictIn):
    code: str = Field(..., pattern=CODE_PATTERN)
    name: str = Field(..., min_length=1, max_length=255)
    short_name: str = Field("", max_length=120)
    type: AgencyTypeLit
    parent: str | None = Field(None, max_length=64)
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    aliases: list[AliasText] = Field(default_factory=list, max_length=50)
    gso_code: str = Field("", max_length=10)
    reason: str = Field("", max_length=1000)


def _parent(code: str | None) -> Agency | None:
    if not code:
        return None
    try:
        return Agency.objects.get(code=code)
    except Agency.DoesNotExist:
        raise ValidationFailed(f"Không có cơ quan cấp trên mã “{code}”.", code="unknown_parent") from None


@router.post("/agencies", auth=AUTH, response={201: AgencyOut, **WRITE_ERRORS}, summary="Thêm cơ quan")
def create_agency(request: HttpRequest, body: AgencyIn):
    """Register an agency (PAR secretariat and admins)."""
    _check_date(body.valid_from)
    _check_date(body.valid_to)
    agency = services.agency_create(
        actor=request.user,
        data=services.AgencyData(
            code=body.code, name=body.name, short_name=body.short_name, type=body.type, parent=_parent(body.parent),
            valid_from=body.valid_from, valid_to=body.valid_to, aliases=tuple(body.aliases), gso_code=body.gso_code,
        ),
        reason=body.reason,
    )
    return Status(201, _out(agency))


class AgencyPatch(StrictIn):
    name: str | None = Field(None, min_length=1, max_length=255)
    short_name: str | None = Field(None, max_length=120)
    type: AgencyTypeLit | None = None
    parent: str | None = Field(None, max_length=64)
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    aliases: list[AliasText] | None = Field(None, max_length=50)
    gso_code: str | None = Field(None, max_length=10)
    reason: str = Field("", max_length=1000)


@router.patch("/agencies/{code}", auth=AUTH, response={200: AgencyOut, **WRITE_ERRORS}, summary="Sửa cơ quan")
def update_agency(request: HttpRequest, code: str, body: AgencyPatch):
    """Change an agency's attributes (PAR secretariat and admins)."""
    agency = selectors.agency_get(code=code)
    changes = body.model_dump(exclude_unset=True)
    reason = changes.pop("reason", "")
    if "parent" in changes:
        changes["parent"] = _parent(changes["parent"])
    for key in ("valid_from", "valid_to"):
        _check_date(changes.get(key))
    for key in ("name", "type", "valid_from"):
        if key in changes and changes[key] is None:
            raise ValidationFailed(f"Trường “{key}” không được để trống.", code="required")
    return _out(services.agency_update(actor=request.user, agency=agency, changes=changes, reason=reason))


class NewAgencyIn(StrictIn):
    code: str = Field(..., pattern=CODE_PATTERN)
    name: str = Field(..., min_length=1, max_length=255)
    type: AgencyTypeLit
    parent: str | None = Field(None, max_length=64)
    short_name: str = Field("", max_length=120)


class ReorganiseIn(StrictIn):
    kind: KindLit
    effective_date: IsoDate
    predecessors: list[str] = Field(..., min_length=1, max_length=200)
    successors: list[str] = Field(default_factory=list, max_length=200)
    new_successors: list[NewAgencyIn] = Field(default_factory=list, max_length=50)
    continuing: list[str] = Field(default_factory=list, max_length=200)
    legal_basis: str = Field("", max_length=255)
    note: str = Field("", max_length=2000)


class ReorganisationOut(Schema):
    id: int
    kind: str
    effective_date: date
    legal_basis: str
    predecessors: list[str]
    successors: list[str]


def _agencies(codes: list[str]) -> list[Agency]:
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise NotFound("Không tìm thấy cơ quan: " + ", ".join(missing), code="agency_not_found")
    return [found[c] for c in codes]


@router.post("/reorganisations", auth=AUTH, response={201: ReorganisationOut, **WRITE_ERRORS},
             summary="Sắp xếp tổ chức (hợp nhất, chia tách, đổi tên, giải thể)")
def reorganise(request: HttpRequest, body: ReorganiseIn):
    """Merge, split, rename or abolish agencies on a date (PAR secretariat and admins)."""
    _check_date(body.effective_date)
    with transaction.atomic():
        reorg = services.agency_reorganise(
            actor=request.user, kind=body.kind, effective_date=body.effective_date,
            predecessors=_agencies(body.predecessors), successors=_agencies(body.successors),
            continuing=_agencies(body.continuing),
            new_successors=[services.NewAgency(code=n.code, name=n.name, type=n.type, parent=_parent(n.parent),
                                               short_name=n.short_name) for n in body.new_successors],
            legal_basis=body.legal_basis, note=body.note,
        )
    return Status(201, {"id": reorg.pk, "kind": reorg.kind, "effective_date": reorg.effective_date,
                 "legal_basis": reorg.legal_basis,
                 "predecessors": sorted(reorg.predecessors.values_list("code", flat=True)),
                 "successors": sorted(reorg.successors.values_list("code", flat=True))})
