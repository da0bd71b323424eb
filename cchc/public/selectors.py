"""Reads of the public pages: the published catalogue as procedure sheets, and the dossier lookup.

Nothing here needs a login. The catalogue shows only the version of each procedure in force now;
the lookup shows what the receipt slip shows, the applicant's name masked unless the caller gives
the holder's phone or identity number, and answers a wrong code and a wrong key identically.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cchc import workdays
from cchc.common.errors import NotFound
from cchc.dossiers.lifecycle import NATIONAL_STATUSES, OPEN_STATES, STATE_LABELS, State
from cchc.dossiers.models import Dossier, Pause, Reappointment, ReturnMethod, SupplementRequest

# The dossier services' calendar, re-read every few seconds per process (two queries saved per lookup).
from cchc.dossiers.services._core import calendar as cached_calendar
from cchc.org.models import Agency
from cchc.procedures import selectors as catalogue
from cchc.procedures.content import LEVELS
from cchc.procedures.models import Fee, OnlineLevel, Procedure, ProcedureCase, ProcedureVersion, TimeUnit
from cchc.public import conf, rules

NOT_FOUND_MESSAGE = ("Không tìm thấy hồ sơ với thông tin đã nhập. Vui lòng kiểm tra lại mã hồ sơ "
                     "(và số điện thoại hoặc số giấy tờ, nếu có nhập).")
_OPEN = frozenset(s.value for s in OPEN_STATES)


# --- the catalogue ------------------------------------------------------------------------------

def _in_force(qs: QuerySet[ProcedureVersion], at: datetime) -> QuerySet[ProcedureVersion]:
    # Same rule as procedures.selectors.version_in_force: a published row without a date counts.
    return qs.filter(Q(published_at__isnull=True) | Q(published_at__lte=at)).filter(
        Q(repealed_at__isnull=True) | Q(repealed_at__gt=at))


def public_procedure_list(*, q: str = "", sector: str = "", level: str = "", agency: str = "",
                          at: datetime | None = None) -> QuerySet[ProcedureVersion]:
    """Procedures in force, one row each, searched without accents and filtered by sector, level, agency.

    ``agency`` is an agency code: the procedures it decides or receives.
    """
    qs = _in_force(catalogue.catalogue_list(q=q, sector=sector, level=level if level in LEVELS else "",
                                            public=True), at or timezone.now())
    if agency:
        qs = qs.filter(Q(competent_agencies__code=agency) | Q(intake_agencies__code=agency)).distinct()
    return qs


def public_agencies() -> QuerySet[Agency]:
    """Agencies that decide or receive some published procedure (the agency filter's choices)."""
    published = Q(competent_for__status="published") | Q(intake_for__status="published")
    return Agency.objects.filter(published).distinct().order_by("name").only("code", "name")


def public_procedure_get(*, code: str, at: datetime | None = None) -> ProcedureVersion:
    """The version of procedure ``code`` in force now, with its details; NotFound otherwise (drafts too)."""
    try:
        return catalogue.version_in_force((code or "").strip()[:40], at=at)
    except NotFound:
        raise NotFound(f"Không tìm thấy thủ tục “{code[:40]}” đang có hiệu lực.", code="procedure_not_found") from None


def _num(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def limit_text(amount: Decimal | None, unit: str) -> str:
    """ "10 ngày làm việc", "4 giờ làm việc", "trong ngày", "không hẹn ngày trả"."""
    label = str(dict(TimeUnit.choices).get(unit, unit)).lower()
    if unit in (TimeUnit.SAME_DAY, TimeUnit.NO_APPOINTMENT):
        return label
    return f"{_num(amount)} {label}"


def _agency(a: Agency) -> dict[str, str]:
    return {"code": a.code, "name": a.name}


_EXTRA_LABELS = {"intake_address": "Địa chỉ tiếp nhận", "coordinating": "Cơ quan phối hợp",
                 "authorised": "Cơ quan được ủy quyền"}


def procedure_sheet(version: ProcedureVersion) -> dict[str, Any]:
    """Everything an eRegulations-style sheet shows, as plain data (the page and the API both use it).

    ``version`` should come from :func:`public_procedure_get` (details prefetched: no further queries).
    """
    fee_kinds, collect = dict(Fee.Kind.choices), dict(Fee.Collect.choices)
    extra = {str(k): str(v) for k, v in (version.extra or {}).items()}
    cases = []
    for case in version.cases.all():
        cases.append({
            "code": case.code, "name": case.name,
            "time_limit": float(case.time_limit), "time_limit_online": None if case.time_limit_online is None
            else float(case.time_limit_online), "time_unit": case.time_unit,
            "time_limit_text": limit_text(case.time_limit, case.time_unit),
            "time_limit_online_text": "" if case.time_limit_online is None
            else limit_text(case.time_limit_online, case.time_unit),
            "online_offered": not case.online_not_offered, "has_eform": bool(case.eform_schema),
            "components": [{
                "order": c.order, "name": c.name, "required": c.required, "originals": c.originals,
                "copies": c.copies, "form_name": c.form_name, "form_url": c.form_url,
                "replaceable_by_data": c.replaceable_by_data,
            } for c in case.components.all()],
            "fees": [{
                "kind": f.kind, "kind_label": str(fee_kinds.get(f.kind, f.kind)), "name": f.name,
                "amount": None if f.amount is None else int(f.amount), "description": f.description,
                "collect": f.collect, "collect_label": str(collect.get(f.collect, f.collect)),
            } for f in case.fees.all()],
        })
    return {
        "code": version.procedure.code, "name": version.name, "number": version.number,
        "illustrative": version.procedure.illustrative,
        "sector": {"code": version.sector.code, "name": version.sector.name} if version.sector_id else None,
        "levels": [LEVELS.get(lv, lv) for lv in version.levels],
        "procedure_type": version.procedure_type, "decision": version.decision,
        "issuing_agency": version.issuing_agency, "published_at": version.published_at,
        "implementing_agencies": list(version.implementing_agencies),
        "competent_agencies": [_agency(a) for a in version.competent_agencies.all()],
        "intake_agencies": [_agency(a) for a in version.intake_agencies.all()],
        "intake_address": extra.pop("intake_address", ""),
        "other": [{"label": _EXTRA_LABELS.get(k, k), "value": v} for k, v in extra.items()],
        "at_one_stop": version.at_one_stop, "postal_allowed": version.postal_allowed,
        "interagency": version.interagency, "subjects": list(version.subjects),
        "steps_text": version.steps_text, "requirements": version.requirements, "description": version.description,
        "online_level": version.online_level,
        "online_level_label": str(dict(OnlineLevel.choices).get(version.online_level, version.online_level)),
        "eligible_full_online": version.eligible_full_online, "essential_online_only": version.essential_online_only,
        "has_fees": version.has_fees,
        "results": [{"code": str(r.get("code", "")), "name": str(r.get("name", ""))} if isinstance(r, dict)
                    else {"code": "", "name": str(r)} for r in version.results],
        "no_result_document": version.no_result_document,
        "legal_basis": [{k: str(d.get(k, "") or "") for k in ("number", "title", "date", "issuer")}
                        if isinstance(d, dict) else {"number": "", "title": str(d), "date": "", "issuer": ""}
                        for d in version.legal_basis],
        "portal_url": conf.portal_procedure_url(version.procedure.code),
        "cases": cases,
    }


# --- the lookup ---------------------------------------------------------------------------------

@dataclass
class Milestone:
    at: datetime
    label: str
    note: str = ""


@dataclass
class Lookup:
    """What the lookup shows of one dossier; ``detailed`` when the caller gave the holder's number."""

    dossier: Dossier
    detailed: bool
    applicant: str
    national_status: int | None
    national_label: str
    state_label: str
    timing_status: str
    remaining: str
    milestones: list[Milestone] = field(default_factory=list)
    verify_url: str | None = None

    @property
    def limit_text(self) -> str:
        return limit_text(self.dossier.time_limit, self.dossier.time_unit)

    @property
    def can_rate(self) -> bool:
        return self.detailed and self.dossier.state == State.RESULT_RETURNED and self.dossier.rating is None


def _reverse(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the results app's page may not exist (yet)
        return None


# The columns the lookup, its milestones and the rating read; anything else stays deferred (and unread).
_LOOKUP_FIELDS = (
    "id", "code", "state", "national_status", "channel", "applicant_name", "applicant_phone",
    "applicant_id_number", "applicant_address", "subject", "time_limit", "time_unit", "submitted_at",
    "received_at", "due_at", "original_due_at", "statutory_due_at", "paused_since", "resolved_at", "returned_at",
    "closed_at", "closing_reason", "return_method", "result_number", "result_electronic", "rating", "rating_at",
    "rating_channel", "intake_supplement_count", "supplement_count", "reappointment_count", "fee_amount", "procedure",
    "version", "case", "receiving_agency", "competent_agency",
)


@functools.cache
def _lookup_sql() -> str:
    """One statement by the unique index on ``code``, joined to the names the page shows.

    Written out (through ``Dossier.objects.raw``, which still converts the columns) because compiling
    the ORM query over these wide models cost more than running it.
    """
    q = connection.ops.quote_name
    D, P, V, C, A = Dossier, Procedure, ProcedureVersion, ProcedureCase, Agency

    def col(model, name: str) -> str:
        return q(model._meta.get_field(name).column)

    cols = ", ".join(f"d.{col(D, f)}" for f in _LOOKUP_FIELDS)
    return (
        f"SELECT {cols}, p.{col(P, 'code')} AS pub_procedure_code, v.{col(V, 'name')} AS pub_version_name, "
        f"v.{col(V, 'number')} AS pub_version_number, c.{col(C, 'name')} AS pub_case_name, "
        f"c.{col(C, 'code')} AS pub_case_code, ra.{col(A, 'code')} AS pub_recv_code, "
        f"ra.{col(A, 'name')} AS pub_recv_name, ca.{col(A, 'code')} AS pub_comp_code, "
        f"ca.{col(A, 'name')} AS pub_comp_name, "
        # Most dossiers never paused: knowing it here saves the pause query (a round trip) for them.
        f"EXISTS (SELECT 1 FROM {q(Pause._meta.db_table)} pz WHERE pz.{col(Pause, 'dossier')} = d.{col(D, 'id')}) "
        f"AS pub_has_pause "
        f"FROM {q(D._meta.db_table)} d "
        f"JOIN {q(P._meta.db_table)} p ON p.{col(P, 'id')} = d.{col(D, 'procedure')} "
        f"JOIN {q(V._meta.db_table)} v ON v.{col(V, 'id')} = d.{col(D, 'version')} "
        f"JOIN {q(C._meta.db_table)} c ON c.{col(C, 'id')} = d.{col(D, 'case')} "
        f"JOIN {q(A._meta.db_table)} ra ON ra.{col(A, 'id')} = d.{col(D, 'receiving_agency')} "
        f"JOIN {q(A._meta.db_table)} ca ON ca.{col(A, 'id')} = d.{col(D, 'competent_agency')} "
        f"WHERE d.{col(D, 'code')} = %s"
    )


def _dossier_by_code(code: str) -> Dossier | None:
    rows = list(Dossier.objects.raw(_lookup_sql(), [code]))
    if not rows:
        return None
    d = rows[0]
    # The related rows the page names, as light instances (never saved) in the foreign keys' caches.
    d.procedure = Procedure(id=d.procedure_id, code=d.pub_procedure_code)
    d.version = ProcedureVersion(id=d.version_id, name=d.pub_version_name, number=d.pub_version_number,
                                 procedure=d.procedure)
    d.case = ProcedureCase(id=d.case_id, name=d.pub_case_name, code=d.pub_case_code)
    d.receiving_agency = Agency(id=d.receiving_agency_id, code=d.pub_recv_code, name=d.pub_recv_name)
    d.competent_agency = Agency(id=d.competent_agency_id, code=d.pub_comp_code, name=d.pub_comp_name)
    return d


def dossier_by_key(*, code: str, key: str = "") -> tuple[Dossier, bool]:
    """The dossier of ``code`` and whether ``key`` (phone or identity number) matched it.

    An unknown code, a draft and a wrong key all raise the same NotFound (``lookup_not_found``) after
    the same work, so the answer tells nothing about which codes exist. One query, by the unique index.
    """
    code = rules.clean_code(code)
    dossier = _dossier_by_code(code) if code else None
    if dossier is not None and dossier.state == State.DRAFT:
        dossier = None
    stored = (dossier.applicant_phone, dossier.applicant_id_number) if dossier else ("", "")
    matched = rules.key_matches(key, *stored) if key else False
    if dossier is None or (key and not matched):
        raise NotFound(NOT_FOUND_MESSAGE, code="lookup_not_found")
    return dossier, matched


def _timing(d: Dossier, at: datetime) -> tuple[str, str]:
    """(on-time status, "còn/quá x ngày y giờ"): working time, only while the clock runs."""
    if d.resolved_at:
        reference = d.statutory_due_at or d.original_due_at
        return workdays.classify_completed(d.resolved_at, reference).label, ""
    if d.state in _OPEN and d.paused_since is None:
        cal = cached_calendar(d.competent_agency.code)
        return (workdays.classify_open(d.due_at, at, calendar=cal).label,
                workdays.format_remaining(d.due_at, at, calendar=cal))
    if d.paused_since is not None:
        return "Tạm dừng", ""
    return "", ""


def _milestones(d: Dossier, detailed: bool) -> list[Milestone]:
    out: list[Milestone] = []
    if d.submitted_at and d.channel != "counter":
        out.append(Milestone(d.submitted_at, "Nộp hồ sơ", d.get_channel_display()))
    if d.received_at:
        note = f"Hẹn trả kết quả: {timezone.localtime(d.original_due_at):%H:%M ngày %d/%m/%Y}" \
            if d.original_due_at else "Không hẹn ngày trả"
        out.append(Milestone(d.received_at, "Tiếp nhận hồ sơ", note))
    if d.intake_supplement_count or d.supplement_count:
        for s in SupplementRequest.objects.filter(dossier_id=d.pk).order_by("requested_at"):
            label = (f"Hướng dẫn bổ sung trước khi tiếp nhận (lần {s.round_no})"
                     if s.stage == SupplementRequest.Stage.INTAKE
                     else f"Yêu cầu bổ sung, hoàn thiện hồ sơ (lần {s.round_no})")
            out.append(Milestone(s.requested_at, label, s.reason if detailed else ""))
            if s.fulfilled_at:
                out.append(Milestone(s.fulfilled_at, f"Đã nhận hồ sơ bổ sung (lần {s.round_no})"))
    has_pause = getattr(d, "pub_has_pause", True)  # read by the lookup query; unknown: look
    pauses = Pause.objects.filter(dossier_id=d.pk).order_by("started_at") if has_pause else []
    for p in pauses:
        out.append(Milestone(p.started_at, f"Tạm dừng tính thời hạn: {p.get_kind_display().lower()}"))
        if p.ended_at:
            note = f"Hẹn trả mới: {timezone.localtime(p.due_after):%H:%M ngày %d/%m/%Y}" if p.due_after else ""
            out.append(Milestone(p.ended_at, "Tiếp tục giải quyết", note))
    if d.reappointment_count:
        for r in Reappointment.objects.filter(dossier_id=d.pk).order_by("issued_at"):
            note = (f"Hẹn trả cũ {timezone.localtime(r.old_due_at):%H:%M %d/%m/%Y}, "
                    f"hẹn trả mới {timezone.localtime(r.new_due_at):%H:%M %d/%m/%Y}")
            if detailed and r.reason:
                note += f". Lý do: {r.reason}"
            out.append(Milestone(r.issued_at, "Cơ quan xin lỗi và hẹn lại ngày trả kết quả", note))
    if d.resolved_at:
        note = f"Số {d.result_number}" if detailed and d.result_number else ""
        out.append(Milestone(d.resolved_at, "Đã có kết quả giải quyết", note))
    if d.returned_at:
        method = dict(ReturnMethod.choices).get(d.return_method, "")
        out.append(Milestone(d.returned_at, "Đã trả kết quả", str(method)))
    if d.closed_at:
        out.append(Milestone(d.closed_at, STATE_LABELS[State(d.state)], d.closing_reason if detailed else ""))
    if d.rating_at:
        out.append(Milestone(d.rating_at, "Người dân đã đánh giá mức độ hài lòng"))
    out.sort(key=lambda m: m.at)
    return out


def dossier_lookup(*, code: str, key: str = "", at: datetime | None = None) -> Lookup:
    """The public view of one dossier: status, milestones and dates, time left in working time.

    Raises NotFound (``lookup_not_found``, one message) for an unknown code and for a wrong key alike.
    """
    at = at or timezone.now()
    d, detailed = dossier_by_key(code=code, key=key)
    national = d.national_status
    if national is None:
        national = State(d.state).national
    status, remaining = _timing(d, at)
    return Lookup(
        dossier=d, detailed=detailed,
        applicant=d.applicant_name if detailed else rules.mask_name(d.applicant_name),
        national_status=national, national_label=NATIONAL_STATUSES[national][0] if national else "",
        state_label=STATE_LABELS[State(d.state)], timing_status=status, remaining=remaining,
        milestones=_milestones(d, detailed),
        verify_url=_reverse("results:verify", d.code) if d.result_electronic else None,
    )


def rating_of(*, dossier: Dossier) -> Any:
    """The rating row of a dossier (criteria, comment), or None."""
    from cchc.public.models import Rating

    return Rating.objects.filter(dossier=dossier).first()
