"""Writes of notifications: reminders (claimed in the ledger, then mailed and posted in-app), read marks.

Two workers running the reminder job at once both compute the same candidates; each claims a
(work item, rung, recipient) by inserting a ``ReminderSent`` row, and only the worker whose
insert succeeded sends. The in-app notification is created in the same transaction as the claim.
E-mail goes out after the commit, one message per recipient listing that run's reminders.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cchc.common.errors import NotFound
from cchc.notifications import ladder
from cchc.notifications.models import Notification, ReminderSent
from cchc.plans.models import WorkItem
from cchc.workdays.selectors import calendar_for

log = logging.getLogger(__name__)

# Who at an agency is reminded of its work.
REMINDED_ROLES = ("agency_leader", "agency_officer")
REMINDER_VERB = "task.reminder"


@dataclass(frozen=True)
class Candidate:
    """A reminder that is due: one work item, the rung reached today, one recipient."""

    work_item_id: int
    rung: str
    recipient_id: int
    due_date: date
    text: str
    link: str


@dataclass
class SendResult:
    candidates: int = 0
    claimed: int = 0
    emails: int = 0
    failed: int = 0


def _link(task_id: int) -> str:
    try:
        return reverse("plans:task", args=[task_id])
    except NoReverseMatch:  # plans pages not mounted (API-only deployment)
        return ""


def reminder_text(item: WorkItem, today: date) -> str:
    """One line naming the task, the agency's role and how the deadline stands on ``today``."""
    due = item.due_date
    if due is None:
        when = "chưa có hạn"
    elif today < due:
        when = f"hạn {due:%d/%m/%Y}"
    elif today == due:
        when = f"đến hạn hôm nay ({due:%d/%m/%Y})"
    else:
        when = f"đã quá hạn {(today - due).days} ngày (hạn {due:%d/%m/%Y})"
    role = item.get_role_display()
    no = f"{item.task.no}. " if item.task.no else ""
    period = f" – {item.occurrence.label}" if item.occurrence.label else ""
    content = item.task.content[:200].rstrip(" .;")
    return f"[{role}] {no}{content}{period}: {when}."


def reminders_due(*, today: date | None = None) -> list[Candidate]:
    """Every reminder due today and not yet sent, for open work items.

    A fixed number of queries (plus one calendar per agency), whatever the number of items.
    """
    today = today or timezone.localdate()
    national = calendar_for(agency_code=None)
    horizon = national.add_working_days(today, max(ladder.BEFORE) + 1)
    items = list(WorkItem.objects.filter(is_open=True, cancelled=False, due_date__isnull=False,
                                         due_date__lte=horizon)
                 .select_related("task", "occurrence", "agency").order_by("due_date", "pk"))
    if not items:
        return []
    User = get_user_model()
    people: dict[int, list[int]] = defaultdict(list)
    for uid, agency_id in (User.objects.filter(is_active=True, agency_id__in={w.agency_id for w in items},
                                               role_assignments__role__in=REMINDED_ROLES)
                           .exclude(email="").distinct().values_list("pk", "agency_id")):
        people[agency_id].append(uid)
    # Reminders already sent are skipped here (one query), so a run does not retry thousands of
    # claims that would fail; the claim itself still decides when two workers race.
    sent = set(ReminderSent.objects.filter(work_item_id__in=[w.pk for w in items])
               .values_list("work_item_id", "rung", "recipient_id"))
    calendars: dict[str, Any] = {}
    out = []
    for w in items:
        code = w.agency.code
        cal = calendars.get(code)
        if cal is None:
            cal = calendars[code] = calendar_for(agency_code=code)
        rung = ladder.rung_for(w.due_date, today, cal.add_working_days)
        if rung is None:
            continue
        text, link = reminder_text(w, today), _link(w.task_id)
        for uid in people.get(w.agency_id, []):
            if (w.pk, rung, uid) not in sent:
                out.append(Candidate(w.pk, rung, uid, w.due_date, text, link))
    return out


def _claim(c: Candidate) -> int | None:
    """Insert the ledger row and the in-app notification together; the ledger row's id, None if already claimed."""
    try:
        with transaction.atomic():
            row = ReminderSent.objects.create(work_item_id=c.work_item_id, rung=c.rung, recipient_id=c.recipient_id,
                                              due_date=c.due_date)
            Notification.objects.create(recipient_id=c.recipient_id, verb=REMINDER_VERB, text=c.text, link=c.link)
    except IntegrityError:
        return None
    return row.pk


def _email_body(name: str, lines: list[Candidate]) -> str:
    base = getattr(settings, "CCHC_SITE_URL", "").rstrip("/")
    rows = "\n".join(f"- {c.text}" + (f"\n  {base}{c.link}" if c.link else "") for c in lines)
    return (f"Kính gửi {name},\n\nHệ thống theo dõi kế hoạch cải cách hành chính nhắc các việc sau của "
            f"cơ quan:\n\n{rows}\n\nThư này được gửi tự động; mỗi mốc nhắc chỉ gửi một lần.\n")


def reminders_send(*, candidates: list[Candidate]) -> SendResult:
    """Claim each candidate, then send one e-mail per recipient for the reminders this call claimed."""
    result = SendResult(candidates=len(candidates))
    claimed: dict[int, list[Candidate]] = defaultdict(list)
    rows: dict[int, list[int]] = defaultdict(list)
    for c in candidates:
        pk = _claim(c)
        if pk is not None:
            claimed[c.recipient_id].append(c)
            rows[c.recipient_id].append(pk)
            result.claimed += 1
    if not claimed:
        return result
    users = get_user_model().objects.in_bulk(list(claimed))
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - the mail server is down: record it on every claim of this run
        log.warning("reminder e-mail: cannot connect: %s", exc)
        ReminderSent.objects.filter(pk__in=[pk for pks in rows.values() for pk in pks]).update(
            email_error=str(exc)[:1000] or exc.__class__.__name__)
        result.failed = len(claimed)
        return result
    try:
        for uid, lines in claimed.items():
            user = users[uid]
            subject = f"[CCHC] Nhắc việc: {len(lines)} việc cần chú ý"
            message = EmailMessage(subject, _email_body(user.display_name(), lines), to=[user.email],
                                   connection=connection)
            ledger = ReminderSent.objects.filter(pk__in=rows[uid])
            try:
                message.send()
            except Exception as exc:  # noqa: BLE001 - any transport failure is recorded, the run goes on
                log.warning("reminder e-mail to %s failed: %s", user.email, exc)
                ledger.update(email_error=str(exc)[:1000])
                result.failed += 1
                continue
            ledger.update(emailed_at=timezone.now())
            result.emails += 1
    finally:
        connection.close()
    return result


def notification_mark_read(*, actor: Any, pk: int) -> Notification:
    """Mark one of the actor's notifications read (idempotent); another person's is not found."""
    n = Notification.objects.filter(pk=pk, recipient_id=getattr(actor, "pk", None)).first()
    if n is None:
        raise NotFound(f"Không tìm thấy thông báo số {pk}.", code="notification_not_found")
    if n.read_at is None:
        Notification.objects.filter(pk=n.pk, read_at__isnull=True).update(read_at=timezone.now())
        n.refresh_from_db(fields=["read_at"])
    return n


def notification_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.filter(recipient_id=getattr(actor, "pk", None), read_at__isnull=True).update(
        read_at=timezone.now())


def notify(*, recipient: Any, verb: str, text: str, link: str = "") -> Notification:
    """Post an in-app notification (for other apps: a report returned, a snapshot published…)."""
    return Notification.objects.create(recipient=recipient, verb=verb, text=text, link=link)
