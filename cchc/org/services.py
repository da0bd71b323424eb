"""Writes on the registry: create, update and reorganise agencies, each with an event.

Only the PAR secretariat and admins change the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.common.text import clean, fold
from cchc.org.models import Agency, AgencyAlias, AgencyType, Reorganisation, ReorganisationKind

MIN_DATE = date(1945, 9, 2)
MAX_DATE = date(2100, 12, 31)


def _require_registry_rights(actor: Any) -> None:
    if actor is None:  # set-up commands (demo, import from the command line) act as the system
        return
    if not actor.has_perm("org.manage_registry"):
        raise PermissionDenied("Chỉ Thường trực CCHC hoặc quản trị viên được sửa danh mục cơ quan.", code="registry_forbidden")


def _check_dates(valid_from: date, valid_to: date | None) -> None:
    for d in (valid_from, valid_to):
        if d is not None and not (MIN_DATE <= d <= MAX_DATE):
            raise ValidationFailed(f"Ngày {d:%d/%m/%Y} nằm ngoài khoảng cho phép.", code="date_out_of_range")
    if valid_to is not None and valid_to < valid_from:
        raise ValidationFailed("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", code="invalid_validity")


def _check_parent(parent: Agency | None, valid_from: date, valid_to: date | None) -> None:
    if parent is None:
        return
    if parent.valid_from > valid_from or (
        parent.valid_to is not None and (valid_to is None or valid_to > parent.valid_to)
    ):
        raise ValidationFailed(
            f"Thời gian hiệu lực nằm ngoài thời gian tồn tại của cơ quan cấp trên “{parent.name}”.",
            code="outside_parent_validity",
        )


def search_text_for(name: str, short_name: str, aliases: list[str]) -> str:
    return fold(" | ".join([name, short_name, *aliases]))


@dataclass(frozen=True)
class AgencyData:
    code: str
    name: str
    type: str
    valid_from: date
    short_name: str = ""
    parent: Agency | None = None
    valid_to: date | None = None
    aliases: tuple[str, ...] = ()
    gso_code: str = ""
    receives_dossiers: bool = False
    illustrative: bool = False
    confidence: str = "V"
    source: str = ""


def _validate(data: AgencyData) -> None:
    if not clean(data.code) or not clean(data.name):
        raise ValidationFailed("Mã và tên cơ quan là bắt buộc.", code="required")
    if data.type not in AgencyType.values:
        raise ValidationFailed(f"Loại cơ quan “{data.type}” không hợp lệ.", code="invalid_type")
    _check_dates(data.valid_from, data.valid_to)
    _check_parent(data.parent, data.valid_from, data.valid_to)


def agency_create(*, actor: Any, data: AgencyData, reason: str = "") -> Agency:
    """Register an agency with its aliases."""
    try:
        return _agency_create(actor=actor, data=data, reason=reason)
    except IntegrityError:
        # Caught outside the transaction, so no savepoint is needed on every insert.
        raise Conflict(f"Mã cơ quan “{data.code}” đã tồn tại.", code="duplicate_code") from None


@transaction.atomic
def _agency_create(*, actor: Any, data: AgencyData, reason: str = "") -> Agency:
    _require_registry_rights(actor)
    _validate(data)
    aliases = sorted({clean(a) for a in data.aliases if clean(a)})
    agency = Agency(
        code=clean(data.code), name=clean(data.name), short_name=clean(data.short_name), type=data.type,
        parent=data.parent, valid_from=data.valid_from, valid_to=data.valid_to, gso_code=data.gso_code,
        receives_dossiers=data.receives_dossiers, illustrative=data.illustrative, confidence=data.confidence,
        source=data.source, search_text=search_text_for(data.name, data.short_name, aliases),
    )
    agency.save()
    if aliases:
        AgencyAlias.objects.bulk_create([AgencyAlias(agency=agency, text=a) for a in aliases])
    record_event(actor=actor, verb="agency.create", subject=agency, reason=reason, data={"name": agency.name})
    return agency


UPDATABLE = {"name", "short_name", "type", "parent", "valid_from", "valid_to", "gso_code", "receives_dossiers",
             "illustrative", "confidence", "source", "aliases"}


@transaction.atomic
def agency_update(*, actor: Any, agency: Agency, changes: dict[str, Any], reason: str = "") -> Agency:
    """Change an agency's attributes. Renames that are reorganisations go through ``agency_reorganise``."""
    _require_registry_rights(actor)
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise ValidationFailed("Không sửa được trường: " + ", ".join(sorted(unknown)), code="unknown_field")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    aliases = changes.pop("aliases", None)
    before = {k: str(getattr(agency, k)) for k in changes}
    for key, value in changes.items():
        setattr(agency, key, clean(value) if isinstance(value, str) and key in {"name", "short_name"} else value)
    if agency.parent_id == agency.pk:
        raise ValidationFailed("Một cơ quan không thể là cấp trên của chính nó.", code="parent_cycle")
    _validate(AgencyData(code=agency.code, name=agency.name, type=agency.type, valid_from=agency.valid_from,
                         valid_to=agency.valid_to, parent=agency.parent))
    if aliases is not None:
        wanted = {clean(a) for a in aliases if clean(a)}
        agency.aliases.exclude(text__in=wanted).delete()
        have = set(agency.aliases.values_list("text", flat=True))
        AgencyAlias.objects.bulk_create([AgencyAlias(agency=agency, text=a) for a in sorted(wanted - have)])
    alias_texts = list(agency.aliases.values_list("text", flat=True))
    agency.search_text = search_text_for(agency.name, agency.short_name, alias_texts)
    agency.save()
    after = {k: str(getattr(agency, k)) for k in before}
    record_event(actor=actor, verb="agency.update", subject=agency, reason=reason,
                 data={"before": before, "after": after, "aliases": aliases})
    return agency


@transaction.atomic
def agency_add_alias(*, actor: Any, agency: Agency, text: str, learned: bool = False) -> AgencyAlias:
    """Remember another name for an agency (e.g. a mapping made while importing a plan)."""
    text = clean(text)
    if not text:
        raise ValidationFailed("Tên gọi khác không được để trống.", code="required")
    alias, created = AgencyAlias.objects.get_or_create(agency=agency, text=text, defaults={"learned": learned})
    if created:
        Agency.objects.filter(pk=agency.pk).update(
            search_text=search_text_for(agency.name, agency.short_name, list(agency.aliases.values_list("text", flat=True)))
        )
        record_event(actor=actor, verb="agency.add_alias", subject=agency, data={"alias": text, "learned": learned})
    return alias


@dataclass(frozen=True)
class NewAgency:
    """A successor created by a reorganisation (its ``valid_from`` is the effective date)."""

    code: str
    name: str
    type: str
    parent: Agency | None = None
    short_name: str = ""
    aliases: tuple[str, ...] = ()


@transaction.atomic
def agency_reorganise(
    *,
    actor: Any,
    kind: str,
    effective_date: date,
    predecessors: list[Agency],
    successors: list[Agency] | None = None,
    new_successors: list[NewAgency] | None = None,
    continuing: list[Agency] | None = None,
    legal_basis: str = "",
    note: str = "",
    illustrative: bool = False,
    confidence: str = "V",
) -> Reorganisation:
    """Merge, split, rename or abolish agencies on a date.

    Predecessors end the day before ``effective_date`` unless they continue (a department that
    absorbs another survives the merger). New successors are created valid from that date.
    """
    _require_registry_rights(actor)
    if kind not in ReorganisationKind.values:
        raise ValidationFailed(f"Loại sắp xếp “{kind}” không hợp lệ.", code="invalid_kind")
    _check_dates(effective_date, None)
    continuing_ids = {a.pk for a in continuing or []}
    # An agency that continues through a merger is one of its successors.
    existing = list(successors or [])
    existing += [a for a in continuing or [] if a.pk not in {s.pk for s in existing}]
    created_specs = list(new_successors or [])
    if not predecessors:
        raise ValidationFailed("Cần ít nhất một cơ quan trước sắp xếp.", code="no_predecessors")
    if kind != ReorganisationKind.ABOLISH and not (existing or created_specs):
        raise ValidationFailed("Cần ít nhất một cơ quan sau sắp xếp.", code="no_successors")
    last_day = effective_date - timedelta(days=1)
    locked = {a.pk: a for a in Agency.objects.select_for_update().filter(pk__in=[p.pk for p in predecessors])}
    for pred in predecessors:
        current = locked[pred.pk]
        if not current.exists_on(last_day):
            raise ValidationFailed(
                f"“{current.name}” không còn tồn tại vào ngày {last_day:%d/%m/%Y}.", code="predecessor_not_current"
            )
    for succ in existing:
        if not succ.exists_on(effective_date):
            raise ValidationFailed(
                f"“{succ.name}” chưa tồn tại vào ngày {effective_date:%d/%m/%Y}.", code="successor_not_current"
            )
    created = [
        agency_create(
            actor=actor,
            data=AgencyData(code=s.code, name=s.name, type=s.type, valid_from=effective_date, parent=s.parent,
                            short_name=s.short_name, aliases=s.aliases, illustrative=illustrative, confidence=confidence),
        )
        for s in created_specs
    ]
    ending = [locked[p.pk] for p in predecessors if p.pk not in continuing_ids and p.pk not in {s.pk for s in existing}]
    for agency in ending:
        live_children = agency.children.filter(valid_to__isnull=True) | agency.children.filter(valid_to__gt=last_day)
        if live_children.exists():
            raise ValidationFailed(
                f"“{agency.name}” còn đơn vị trực thuộc sau ngày {last_day:%d/%m/%Y}; hãy sắp xếp các đơn vị đó trước.",
                code="has_live_children",
            )
        Agency.objects.filter(pk=agency.pk).update(valid_to=last_day)
    reorg = Reorganisation.objects.create(
        kind=kind, effective_date=effective_date, legal_basis=clean(legal_basis), note=note,
        illustrative=illustrative, confidence=confidence,
    )
    reorg.predecessors.set(predecessors)
    reorg.successors.set(existing + created)
    record_event(
        actor=actor, verb="agency.reorganise", subject=reorg,
        data={"kind": kind, "effective_date": effective_date.isoformat(),
              "predecessors": [a.code for a in predecessors], "successors": [a.code for a in existing + created]},
    )
    return reorg


@transaction.atomic
def reorganisation_record(
    *,
    actor: Any,
    kind: str,
    effective_date: date,
    predecessors: list[Agency],
    successors: list[Agency],
    legal_basis: str = "",
    note: str = "",
    illustrative: bool = False,
    confidence: str = "V",
) -> Reorganisation:
    """Record a past reorganisation whose agencies already carry their validity (history imports).

    Unlike ``agency_reorganise`` it changes no dates; it checks that the dates agree with the event.
    """
    _require_registry_rights(actor)
    if kind not in ReorganisationKind.values:
        raise ValidationFailed(f"Loại sắp xếp “{kind}” không hợp lệ.", code="invalid_kind")
    last_day = effective_date - timedelta(days=1)
    succ_ids = {a.pk for a in successors}
    for pred in predecessors:
        if pred.pk not in succ_ids and pred.valid_to != last_day:
            raise ValidationFailed(
                f"“{pred.name}” phải hết hiệu lực ngày {last_day:%d/%m/%Y} theo sự kiện sắp xếp.",
                code="validity_mismatch",
            )
    for succ in successors:
        if not succ.exists_on(effective_date):
            raise ValidationFailed(
                f"“{succ.name}” chưa tồn tại vào ngày {effective_date:%d/%m/%Y}.", code="successor_not_current"
            )
    reorg = Reorganisation.objects.create(
        kind=kind, effective_date=effective_date, legal_basis=clean(legal_basis), note=note,
        illustrative=illustrative, confidence=confidence,
    )
    reorg.predecessors.set(predecessors)
    reorg.successors.set(successors)
    record_event(
        actor=actor, verb="agency.reorganisation_recorded", subject=reorg,
        data={"kind": kind, "effective_date": effective_date.isoformat(),
              "predecessors": [a.code for a in predecessors], "successors": [a.code for a in successors]},
    )
    return reorg


@transaction.atomic
def group_upsert(
    *, actor: Any, code: str, name: str, aliases: list[str], member_types: list[str], member_codes: list[str] | None = None
) -> Any:
    """Create or update a collective noun and the agency types it stands for."""
    from cchc.org.models import AgencyGroup

    _require_registry_rights(actor)
    bad = set(member_types) - set(AgencyType.values)
    if bad:
        raise ValidationFailed("Loại cơ quan không hợp lệ: " + ", ".join(sorted(bad)), code="invalid_type")
    values = {"name": clean(name), "aliases": [clean(a) for a in aliases], "member_types": member_types,
              "member_codes": list(member_codes or [])}
    group = AgencyGroup.objects.filter(code=code).first()
    if group is not None and all(getattr(group, k) == v for k, v in values.items()):
        return group  # unchanged: no write, no event (the demo re-runs this)
    group, created = AgencyGroup.objects.update_or_create(code=code, defaults=values)
    record_event(actor=actor, verb="group.create" if created else "group.update", subject=group)
    return group


@transaction.atomic
def agencies_bulk_create(*, actor: Any, rows: list[AgencyData], reason: str = "") -> list[Agency]:
    """Register many agencies at once (history imports, the demo): same checks, one event.

    Parents must come before their children in ``rows`` or already exist.
    """
    _require_registry_rights(actor)
    for data in rows:
        _validate(data)
    agencies = [
        Agency(
            code=clean(d.code), name=clean(d.name), short_name=clean(d.short_name), type=d.type, parent=d.parent,
            valid_from=d.valid_from, valid_to=d.valid_to, gso_code=d.gso_code, receives_dossiers=d.receives_dossiers,
            illustrative=d.illustrative, confidence=d.confidence, source=d.source,
            search_text=search_text_for(d.name, d.short_name, list(d.aliases)),
        )
        for d in rows
    ]
    try:
        with transaction.atomic():
            Agency.objects.bulk_create(agencies)
    except IntegrityError:
        raise Conflict("Có mã cơ quan đã tồn tại.", code="duplicate_code") from None
    if any(a.pk is None for a in agencies):  # backends that do not return ids from bulk inserts
        by_code = dict(Agency.objects.filter(code__in=[a.code for a in agencies]).values_list("code", "pk"))
        for a in agencies:
            a.pk = by_code[a.code]
    AgencyAlias.objects.bulk_create([
        AgencyAlias(agency=a, text=t) for a, d in zip(agencies, rows, strict=True)
        for t in sorted({clean(x) for x in d.aliases if clean(x)})
    ])
    record_event(actor=actor, verb="agency.bulk_create", subject=("org.agency", f"{len(agencies)} cơ quan"),
                 reason=reason, data={"codes": [a.code for a in agencies]})
    return agencies
