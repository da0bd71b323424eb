"""Reads behind the letters: the dossier a staff member may print, which letters it has, and the data
each letter prints. Access is the dossier app's scope (``dossier_get``) plus "staff only"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.common.errors import NotFound, PermissionDenied
from cchc.dossiers.lifecycle import ACTION_LABELS, Action, StepResult
from cchc.dossiers.models import Dossier, ProcessLogEntry, Reappointment, SupplementRequest
from cchc.dossiers.selectors import dossier_get
from cchc.letters import rules
from cchc.letters.rules import Facts, Kind

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
FALLBACK_LOOKUP_PATH = "/public/lookup/"


def letter_dossier(*, user: Any, code: str) -> Dossier:
    """The dossier ``user`` may print letters of: staff only, within the dossier scope (another agency's
    dossier is not found)."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Cần đăng nhập để in phiếu.", code="login_required")
    if getattr(user, "kind", "") != "staff":
        raise PermissionDenied("Chỉ cán bộ, công chức mới in được phiếu của hồ sơ.", code="staff_only")
    return dossier_get(user=user, code=code)


def letter_facts(*, dossier: Dossier) -> Facts:
    """The state and history facts that decide which letters ``dossier`` has (two EXISTS queries)."""
    return Facts(
        state=dossier.state,
        received=dossier.received_at is not None,
        supplements=int(SupplementRequest.objects.filter(dossier=dossier).exists()),
        reappointments=int(Reappointment.objects.filter(dossier=dossier).exists()),
        has_closing_reason=bool(dossier.closing_reason),
    )


# Button labels of the dossier page (UI text, translated; the letters themselves are always Vietnamese).
PANEL_LABELS = {
    Kind.SLIP: _("In giấy tiếp nhận và hẹn trả kết quả"),
    Kind.SUPPLEMENT: _("In phiếu yêu cầu bổ sung, hoàn thiện"),
    Kind.REFUSAL: _("In phiếu từ chối tiếp nhận"),
    Kind.APOLOGY: _("In phiếu xin lỗi, hẹn lại ngày trả"),
    Kind.CONTROL: _("In phiếu kiểm soát quá trình giải quyết"),
}


@dataclass
class LetterLink:
    kind: Kind
    label: Any
    title: str
    url: str


def letters_available(*, dossier: Dossier) -> list[LetterLink]:
    """The letters ``dossier`` has, with their titles and print URLs, in display order."""
    today = timezone.localdate()
    form_set = rules.form_set_on(today)
    return [LetterLink(kind=k, label=PANEL_LABELS[k], title=form_set.forms[k].title,
                       url=reverse("letters:pdf", kwargs={"code": dossier.code, "kind": k.value}))
            for k in rules.available(letter_facts(dossier=dossier))]


def check_available(*, kind: str, dossier: Dossier) -> Kind:
    """``kind`` as a :class:`Kind` if the dossier has that letter; NotFound with the reason otherwise."""
    reason = rules.unavailable_reason(kind, letter_facts(dossier=dossier))
    if reason:
        raise NotFound(reason, code="letter_not_available", details={"kind": kind})
    return Kind(kind)


# --- what the letters print --------------------------------------------------------------------


def public_lookup_url(code: str) -> str:
    """The absolute URL of the public lookup page of dossier ``code`` (what the slip's QR code opens)."""
    from urllib.parse import urlencode

    base = str(getattr(settings, "CCHC_PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL).rstrip("/")
    try:
        path = reverse("public:lookup")
    except NoReverseMatch:
        path = FALLBACK_LOOKUP_PATH
    return f"{base}{path}?{urlencode({'code': code})}"


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None


def _header(agency) -> dict[str, str]:
    parent = agency.parent if agency.parent_id else None
    return {"superior": parent.name if parent else "", "agency": agency.name}


@dataclass
class LogRow:
    seq: int
    action: str
    step: str
    handler: str
    agency: str
    started: datetime | None
    due: datetime | None
    done: datetime
    result: str
    note: str


@dataclass
class LetterData:
    """Everything a letter template needs, already resolved (no query in the templates)."""

    kind: Kind
    dossier: Dossier
    form: rules.Form
    basis: str
    date_line: str
    header: dict[str, str]
    pages: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _place() -> str:
    return str(getattr(settings, "CCHC_LETTER_PLACE", "") or getattr(settings, "CCHC_REPORT_PLACE", "")
               or "Thái Nguyên")


def _base(kind: Kind, dossier: Dossier, at: datetime | None, agency) -> LetterData:
    day = (_local(at) or timezone.localtime()).date()
    fs = rules.form_set_on(day)
    return LetterData(kind=kind, dossier=dossier, form=fs.forms[kind], basis=fs.basis,
                      date_line=rules.date_line(_place(), day), header=_header(agency))


def _step_names(dossier: Dossier) -> dict[str, str]:
    from cchc.procedures.models import ProcessStep

    return dict(ProcessStep.objects.filter(case_id=dossier.case_id).values_list("code", "name"))


def _agency_names(codes: set[str]) -> dict[str, str]:
    """Short names (else full names) of the agencies the log names by code."""
    from cchc.org.models import Agency

    return {code: short or name for code, short, name in
            Agency.objects.filter(code__in=codes).values_list("code", "short_name", "name")}


def _first_actor(dossier: Dossier, *actions: str) -> ProcessLogEntry | None:
    return ProcessLogEntry.objects.filter(dossier=dossier, action__in=actions).order_by("-seq").first()


def letter_data(*, kind: Kind, dossier: Dossier) -> LetterData:
    """The data of letter ``kind`` of ``dossier`` (call :func:`check_available` first)."""
    kind = Kind(kind)
    if kind is Kind.SLIP:
        data = _base(kind, dossier, dossier.received_at, dossier.receiving_agency)
        receiver = _first_actor(dossier, Action.RECEIVE.value, Action.ACCEPT.value)
        url = public_lookup_url(dossier.code)
        data.extra = {
            "received_at": _local(dossier.received_at),
            "due_at": _local(dossier.original_due_at or dossier.due_at),
            "limit": rules.time_limit_text(dossier.time_limit, dossier.time_unit),
            "components": dossier.components or [],
            "receiver": receiver.actor_name if receiver else "",
            "return_place": (dossier.get_return_method_display() if dossier.return_method
                             else f"Bộ phận Một cửa — {dossier.receiving_agency.name}"),
            "lookup_url": url,
        }
        return data
    if kind is Kind.SUPPLEMENT:
        rows = list(SupplementRequest.objects.filter(dossier=dossier).select_related("requested_by")
                    .order_by("requested_at"))
        last = rows[-1]
        agency = dossier.receiving_agency if last.stage == SupplementRequest.Stage.INTAKE else dossier.competent_agency
        data = _base(kind, dossier, last.requested_at, agency)
        data.pages = [{
            "round": r.round_no, "stage": r.get_stage_display(), "requested_at": _local(r.requested_at),
            "date_line": rules.date_line(_place(), _local(r.requested_at).date()),
            "reason": rules.sentence(r.reason), "components": [str(c) for c in (r.components or [])],
            "officer": (r.requested_by.display_name() if r.requested_by else ""),
            "fulfilled_at": _local(r.fulfilled_at),
        } for r in rows]
        return data
    if kind is Kind.REFUSAL:
        data = _base(kind, dossier, dossier.closed_at, dossier.receiving_agency)
        row = _first_actor(dossier, Action.REFUSE.value)
        data.extra = {"reason": rules.sentence(dossier.closing_reason), "refused_at": _local(dossier.closed_at),
                      "officer": row.actor_name if row else "",
                      "competent_hint": (row.data or {}).get("competent_hint", "") if row else "",
                      "submitted_at": _local(dossier.submitted_at)}
        return data
    if kind is Kind.APOLOGY:
        rows = list(Reappointment.objects.filter(dossier=dossier).select_related("issued_by").order_by("issued_at"))
        data = _base(kind, dossier, rows[-1].issued_at, dossier.competent_agency)
        data.pages = [{
            "issued_at": _local(r.issued_at), "date_line": rules.date_line(_place(), _local(r.issued_at).date()),
            "old_due_at": _local(r.old_due_at), "new_due_at": _local(r.new_due_at), "reason": rules.sentence(r.reason),
            "number": f"Số: {r.document_number}" if r.document_number else "Số: ……/PXL", "signer": r.issued_by.display_name() if r.issued_by else "",
        } for r in rows]
        data.extra = {"received_at": _local(dossier.received_at)}
        return data
    # Kind.CONTROL: one row per process-log entry.
    data = _base(kind, dossier, None, dossier.receiving_agency)
    names = _step_names(dossier)
    entries = list(ProcessLogEntry.objects.filter(dossier=dossier).order_by("seq"))
    agencies = _agency_names({e.agency_code for e in entries if e.agency_code})
    log = []
    for e in entries:
        label = ACTION_LABELS[Action(e.action)] if e.action in Action._value2member_map_ else e.action
        result = StepResult(e.step_result).label if e.step_result in StepResult._value2member_map_ else ""
        log.append(LogRow(seq=e.seq, action=label, step=names.get(e.step_code, e.step_code) if e.step_code else "",
                          handler=e.actor_name, agency=agencies.get(e.agency_code, e.agency_code), started=_local(e.step_started_at),
                          due=_local(e.step_due_at), done=_local(e.at), result=result, note=e.note))
    data.extra = {
        "received_at": _local(dossier.received_at), "due_at": _local(dossier.due_at),
        "original_due_at": _local(dossier.original_due_at),
        "limit": rules.time_limit_text(dossier.time_limit, dossier.time_unit), "log": log,
    }
    return data
