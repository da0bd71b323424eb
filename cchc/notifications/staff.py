"""Deadline reminders to staff about dossiers (spec §4.6), in working time, each sent once.

Four kinds, each keyed by (dossier, kind, step code, due instant, recipient) in ``DossierReminder``:

- ``step_due_soon``: the current step is due within ``CCHC_STEP_DUE_SOON_HOURS`` working hours
  (default 4) of the step's agency calendar — to the step's handlers (users of the step's agency
  holding the step's role) and the agency's division heads;
- ``step_overdue``: the current step's due instant has passed — to the same people;
- ``supplement_lapse``: a supplement request's allowance (the case's ``supplement_days``, see
  :mod:`cchc.dossiers.lapse`) ran out and the dossier still waits — to the competent agency's
  division heads (they may stop it, T13) or, at intake, to the one-stop unit's reception officers
  (they may refuse it, T7);
- ``apology``: the appointment is within ``CCHC_APOLOGY_PROMPT_DAYS`` working days (default 1) of
  the competent agency's calendar and still ahead, the dossier is being processed — to the
  agency's signers and division heads: issue the apology and new appointment before it passes.

The scan reads windows, never single dossiers: open dossiers whose step is due between
``now - CCHC_STEP_OVERDUE_LOOKBACK_HOURS`` (default 72: a job that was down catches up, an
ancient backlog is not mailed at deployment) and the due-soon horizon; open dossiers whose
appointment lies within the apology horizon (the ``dossier_open_due`` partial index); waiting
supplement requests whose allowance ran out within the look-back (the ``supplement_open_lapse``
partial index). Steps, agencies, people and already-sent reminders are then read in a fixed
number of queries per batch of dossiers. A paused dossier (waiting for a supplement or a
payment) is not reminded of its step or appointment: those deadlines will move.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cchc import workdays
from cchc.dossiers import lapse
from cchc.notifications.models import DossierReminder, Notification, ReminderKind
from cchc.workdays.selectors import calendar_for

log = logging.getLogger(__name__)

BATCH = 1000
DIVISION_HEAD = "division_head"
SIGNER = "signer"
# Where an apology is possible (T16): the competent agency is processing the dossier.
PROCESSING_STATES = ("in_process", "overdue_extended")
RECEPTION = "reception_officer"
VERBS = {ReminderKind.STEP_DUE_SOON: "dossier.step_due_soon", ReminderKind.STEP_OVERDUE: "dossier.step_overdue",
         ReminderKind.APOLOGY: "dossier.apology_prompt", ReminderKind.SUPPLEMENT_LAPSE: "dossier.supplement_lapsed"}


def due_soon_seconds() -> int:
    return int(float(getattr(settings, "CCHC_STEP_DUE_SOON_HOURS", 4)) * 3600)


def apology_days() -> float:
    return float(getattr(settings, "CCHC_APOLOGY_PROMPT_DAYS", 1))


def overdue_lookback() -> timedelta:
    return timedelta(hours=float(getattr(settings, "CCHC_STEP_OVERDUE_LOOKBACK_HOURS", 72)))


@dataclass(frozen=True)
class Candidate:
    """A reminder that is due and not yet sent: one deadline of one dossier, one recipient."""

    dossier_id: int
    code: str
    kind: str
    step_code: str
    due_at: datetime
    recipient_id: int
    text: str
    link: str


@dataclass
class SendResult:
    candidates: int = 0
    claimed: int = 0
    emails: int = 0
    failed: int = 0


_CODE = "0CODE0"


def _link_pattern() -> str:
    """The dossier page's URL with a placeholder for the code (``reverse`` costs about 1 ms a call)."""
    try:
        return reverse("dossiers:detail", args=[_CODE])
    except NoReverseMatch:  # pages not mounted (API-only deployment)
        return ""


def _link(pattern: str, code: str) -> str:
    return pattern.replace(_CODE, quote(code, safe="")) if pattern else ""


def _local(dt: datetime) -> str:
    return f"{dt.astimezone(workdays.TZ):%H:%M %d/%m/%Y}"


class _Calendars:
    """Calendars by agency id, built once per run.

    An agency with neither its own override rows nor its own working schedule has exactly the
    national calendar (overrides are scoped by exact agency, sessions default): it gets that one
    instead of its own ``calendar_for`` call (two queries each, for hundreds of agencies).
    """

    def __init__(self, codes: dict[int, str]) -> None:
        from cchc.workdays.models import CalendarOverride, WorkingSchedule

        self.codes = codes
        self.own = set(CalendarOverride.objects.filter(agency__isnull=False).values_list("agency_id", flat=True)
                       .distinct()) | set(WorkingSchedule.objects.values_list("agency_id", flat=True))
        self._by_code: dict[str | None, Any] = {}

    def of(self, agency_id: int | None):
        code = self.codes.get(agency_id) if agency_id and agency_id in self.own else None
        cal = self._by_code.get(code)
        if cal is None:
            cal = self._by_code[code] = calendar_for(agency_code=code)
        return cal


def _people(agency_ids: Iterable[int], roles: Iterable[str]) -> dict[tuple[int, str], list[int]]:
    """Active users by (agency id, role), one query."""
    out: dict[tuple[int, str], list[int]] = defaultdict(list)
    agency_ids, roles = sorted(set(agency_ids)), sorted(set(r for r in roles if r))
    if not agency_ids or not roles:
        return out
    for uid, agency_id, role in (get_user_model().objects
                                 .filter(is_active=True, agency_id__in=agency_ids, role_assignments__role__in=roles)
                                 .values_list("pk", "agency_id", "role_assignments__role").order_by("pk")):
        out[(agency_id, role)].append(uid)
    return out


def _sent(dossier_ids: list[int]) -> set[tuple]:
    keys: set[tuple] = set()
    for i in range(0, len(dossier_ids), BATCH):
        keys.update(DossierReminder.objects.filter(dossier_id__in=dossier_ids[i:i + BATCH])
                    .values_list("dossier_id", "kind", "step_code", "due_at", "recipient_id"))
    return keys


def _open_dossiers():
    """Open dossiers through the partial index (see ``cchc.dossiers.selectors.open_dossiers``)."""
    from cchc.dossiers.selectors import open_dossiers

    return open_dossiers()


def _step_rows(now: datetime, horizon: datetime) -> list[dict[str, Any]]:
    qs = _open_dossiers().filter(step_due_at__gte=now - overdue_lookback(), step_due_at__lte=horizon,
                                 paused_since__isnull=True, current_step__isnull=False)
    if not getattr(settings, "CCHC_REMIND_SYNTHETIC", False):
        qs = qs.filter(synthetic=False)
    return list(qs.values("pk", "code", "step_due_at", "current_step_id", "receiving_agency_id",
                          "competent_agency_id", "version__name"))


def _apology_rows(now: datetime, horizon: datetime) -> list[dict[str, Any]]:
    # The partial index's condition, then the window on its column.
    qs = _open_dossiers().filter(due_at__gt=now, due_at__lte=horizon)
    if not getattr(settings, "CCHC_REMIND_SYNTHETIC", False):
        qs = qs.filter(synthetic=False)
    return [r for r in qs.values("pk", "code", "due_at", "state", "paused_since", "competent_agency_id",
                                 "version__name")
            if r["state"] in PROCESSING_STATES and r["paused_since"] is None]


def _lapse_rows(now: datetime) -> list[dict[str, Any]]:
    """Supplement requests whose allowance ran out (within the look-back) while the dossier still waits."""
    from cchc.dossiers.models import SupplementRequest

    # The partial index's condition, then the window on its column.
    qs = SupplementRequest.objects.filter(fulfilled_at__isnull=True, lapses_at__isnull=False,
                                          lapses_at__gte=now - overdue_lookback(), lapses_at__lte=now)
    if not getattr(settings, "CCHC_REMIND_SYNTHETIC", False):
        qs = qs.filter(dossier__synthetic=False)
    rows = qs.values("stage", "lapses_at", "requested_at", "dossier_id", "dossier__code", "dossier__state",
                     "dossier__receiving_agency_id", "dossier__competent_agency_id", "dossier__version__name")
    return [{"pk": r["dossier_id"], "code": r["dossier__code"], "stage": r["stage"], "lapses_at": r["lapses_at"],
             "requested_at": r["requested_at"], "receiving_agency_id": r["dossier__receiving_agency_id"],
             "competent_agency_id": r["dossier__competent_agency_id"], "version__name": r["dossier__version__name"]}
            for r in rows if lapse.WAITING_STATE[r["stage"]] == r["dossier__state"]]


def _horizon(now: datetime, seconds: int) -> datetime:
    """The national calendar's instant ``seconds`` of working time after ``now``: the SQL window's end.

    Each dossier is then judged on its own agency's calendar; one whose calendar reaches further
    is simply reminded by a later run, still before its deadline.
    """
    return workdays.add_working_time(now, seconds, calendar=calendar_for(agency_code=None))


def dossier_reminders_due(*, now: datetime | None = None) -> list[Candidate]:
    """Every dossier reminder due at ``now`` and not yet sent (see the module docstring)."""
    from cchc.org.models import Agency
    from cchc.procedures.models import ProcessStep

    now = now or timezone.now()
    soon = due_soon_seconds()
    steps_rows = _step_rows(now, _horizon(now, soon))
    day = calendar_for(agency_code=None).day_seconds
    apology_rows = _apology_rows(now, _horizon(now, max(0, int(apology_days() * day))))
    lapse_rows = _lapse_rows(now)
    if not steps_rows and not apology_rows and not lapse_rows:
        return []
    steps = {s["pk"]: s for s in ProcessStep.objects.filter(pk__in={r["current_step_id"] for r in steps_rows})
             .values("pk", "code", "name", "role", "agency_id", "place")}

    def step_agency(r: dict[str, Any]) -> int:
        s = steps[r["current_step_id"]]
        if s["agency_id"]:
            return s["agency_id"]
        return r["receiving_agency_id"] if s["place"] == "one_stop" else r["competent_agency_id"]

    for r in steps_rows:
        r["agency_id"] = step_agency(r)
    for r in lapse_rows:
        # Who decides: the competent agency's division head stops the dossier (T13); at intake, the
        # one-stop unit refuses it (T7).
        r["agency_id"] = r["competent_agency_id"] if r["stage"] == "processing" else r["receiving_agency_id"]
    agency_ids = ({r["agency_id"] for r in steps_rows} | {r["competent_agency_id"] for r in apology_rows}
                  | {r["agency_id"] for r in lapse_rows})
    calendars = _Calendars(dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "code")))
    roles = {s["role"] for s in steps.values()} | {DIVISION_HEAD, SIGNER, RECEPTION}
    people = _people(agency_ids, roles)
    sent = _sent(sorted({r["pk"] for r in steps_rows} | {r["pk"] for r in apology_rows} | {r["pk"] for r in lapse_rows}))
    out: list[Candidate] = []
    pattern = _link_pattern()

    def add(r: dict[str, Any], kind: str, step_code: str, due: datetime, recipients: list[int], text: str) -> None:
        link = _link(pattern, r["code"])
        for uid in dict.fromkeys(recipients):  # a handler who is also a division head: once
            if (r["pk"], kind, step_code, due, uid) not in sent:
                out.append(Candidate(r["pk"], r["code"], kind, step_code, due, uid, text, link))

    for r in steps_rows:
        s, due = steps[r["current_step_id"]], r["step_due_at"]
        cal = calendars.of(r["agency_id"])
        if due < now:
            kind = ReminderKind.STEP_OVERDUE
            state = f"đã quá hạn ({workdays.format_remaining(due, now, calendar=cal)})"
        elif workdays.working_time(now, due, calendar=cal) <= soon:
            kind = ReminderKind.STEP_DUE_SOON
            state = f"sắp đến hạn ({workdays.format_remaining(due, now, calendar=cal)})"
        else:
            continue
        recipients = [*(people.get((r["agency_id"], s["role"]), []) if s["role"] else []),
                      *people.get((r["agency_id"], DIVISION_HEAD), [])]
        text = (f"Hồ sơ {r['code']} ({r['version__name']}) – bước “{s['name']}” {state}, "
                f"hạn {_local(due)}.")
        add(r, kind, s["code"], due, recipients, text)

    for r in apology_rows:
        due = r["due_at"]
        cal = calendars.of(r["competent_agency_id"])
        if workdays.working_time(now, due, calendar=cal) > apology_days() * cal.day_seconds:
            continue
        recipients = [*people.get((r["competent_agency_id"], SIGNER), []),
                      *people.get((r["competent_agency_id"], DIVISION_HEAD), [])]
        text = (f"Hồ sơ {r['code']} ({r['version__name']}) sắp đến ngày hẹn trả {_local(due)} "
                f"({workdays.format_remaining(due, now, calendar=cal)}): nếu không kịp trả kết quả, đề nghị ban "
                "hành văn bản xin lỗi và hẹn lại ngày trả trước ngày hẹn.")
        add(r, ReminderKind.APOLOGY, "", due, recipients, text)

    for r in lapse_rows:
        role = DIVISION_HEAD if r["stage"] == "processing" else RECEPTION
        recipients = people.get((r["agency_id"], role), [])
        text = (f"Hồ sơ {r['code']} ({r['version__name']}) đã quá thời hạn bổ sung (yêu cầu ngày "
                f"{r['requested_at'].astimezone(workdays.TZ):%d/%m/%Y}, hạn đến hết ngày "
                f"{lapse.last_day(r['lapses_at']):%d/%m/%Y}) mà chưa nhận được hồ sơ bổ sung: "
                f"{lapse.PROPOSAL[r['stage']]}.")
        add(r, ReminderKind.SUPPLEMENT_LAPSE, "", r["lapses_at"], recipients, text)
    return out


def _claim(candidates: list[Candidate], run: str) -> list[Candidate]:
    """Insert the ledger rows (conflicts ignored) and the in-app notifications of the rows this run won."""
    by_key = {(c.dossier_id, c.kind, c.step_code, c.recipient_id): c for c in candidates}
    with transaction.atomic():
        DossierReminder.objects.bulk_create(
            [DossierReminder(dossier_id=c.dossier_id, kind=c.kind, step_code=c.step_code, due_at=c.due_at,
                             recipient_id=c.recipient_id, run=run) for c in candidates],
            ignore_conflicts=True, batch_size=500)
        mine = [by_key[k] for k in DossierReminder.objects.filter(
            run=run, dossier_id__in={c.dossier_id for c in candidates}).values_list(
            "dossier_id", "kind", "step_code", "recipient_id") if k in by_key]
        Notification.objects.bulk_create(
            [Notification(recipient_id=c.recipient_id, verb=VERBS[ReminderKind(c.kind)], text=c.text, link=c.link)
             for c in mine], batch_size=500)
    return mine


def _email_body(name: str, lines: list[Candidate]) -> str:
    base = str(getattr(settings, "CCHC_SITE_URL", "") or getattr(settings, "CCHC_PUBLIC_BASE_URL", "")).rstrip("/")
    rows = "\n".join(f"- {c.text}" + (f"\n  {base}{c.link}" if c.link else "") for c in lines)
    return (f"Kính gửi {name},\n\nHệ thống giải quyết thủ tục hành chính nhắc các hồ sơ sau:\n\n{rows}\n\n"
            "Thư này được gửi tự động; mỗi lời nhắc chỉ gửi một lần.\n")


def dossier_reminders_send(*, candidates: list[Candidate]) -> SendResult:
    """Claim the candidates (in batches), post them in-app, then send one e-mail per recipient with an address."""
    result = SendResult(candidates=len(candidates))
    run = uuid.uuid4().hex
    claimed: dict[int, list[Candidate]] = defaultdict(list)
    for i in range(0, len(candidates), BATCH):
        for c in _claim(candidates[i:i + BATCH], run):
            claimed[c.recipient_id].append(c)
            result.claimed += 1
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=list(claimed)).exclude(email="")}
    if not users:
        return result
    mine = DossierReminder.objects.filter(run=run)
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - the mail server is down: recorded on every row of the run
        log.warning("dossier reminder e-mail: cannot connect: %s", exc)
        mine.update(email_error=str(exc)[:1000] or exc.__class__.__name__)
        result.failed = len(users)
        return result
    mailed: list[int] = []
    try:
        for uid, user in users.items():
            lines = claimed[uid]
            subject = f"[CCHC] Nhắc hạn hồ sơ: {len(lines)} hồ sơ cần chú ý"
            message = EmailMessage(subject, _email_body(user.display_name(), lines), to=[user.email],
                                   connection=connection)
            try:
                message.send()
            except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
                log.warning("dossier reminder e-mail to %s failed: %s", user.email, exc)
                mine.filter(recipient_id=uid).update(email_error=str(exc)[:1000])
                result.failed += 1
                continue
            mailed.append(uid)
            result.emails += 1
    finally:
        connection.close()
        # One UPDATE for everyone mailed (even if the loop was interrupted): never re-mailed, and marked so.
        for i in range(0, len(mailed), BATCH):
            mine.filter(recipient_id__in=mailed[i:i + BATCH]).update(emailed_at=timezone.now())
    return result
