"""Messages to citizens about their dossiers: e-mail over SMTP and SMS through the adapter.

The path of one message:

1. a dossier service records an ``Event`` (``dossier.receive`` …) in its transaction;
2. the post_save receiver (:mod:`cchc.notifications.signals`) registers an on-commit hook that
   enqueues :func:`cchc.notifications.tasks.send_dossier_event` with the event id;
3. the task calls :func:`dossier_event_send`: for each channel it CLAIMS a ``DossierMessage`` row
   (unique per event, channel and recipient) before sending, then marks it sent or failed;
4. :func:`dossier_messages_retry` (periodic) re-claims failed rows with a guarded update and tries
   again, a bounded number of times; :func:`dossier_events_unsent` (periodic catch-up) finds recent
   events that have no row at all (the worker was down, the enqueue was lost) and enqueues them.

A row that is "sending" when a worker dies stays so: whether the message left is unknown, and a
message must never reach a person twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from cchc.common.models import Event
from cchc.notifications import sms
from cchc.notifications.citizen_texts import CITIZEN_VERBS, DossierFacts, EventFacts, compose
from cchc.notifications.models import Channel, DeliveryStatus, DossierMessage

log = logging.getLogger(__name__)

SUBJECT_TYPE = "dossiers.dossier"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def max_attempts() -> int:
    return int(getattr(settings, "CCHC_NOTIFY_MAX_ATTEMPTS", 6))


def lookup_url(code: str) -> str:
    """The public lookup page of a dossier, absolute."""
    base = str(getattr(settings, "CCHC_PUBLIC_BASE_URL", DEFAULT_BASE_URL)).rstrip("/")
    return f"{base}/public/lookup/?{urlencode({'code': code})}"


@dataclass
class EventOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # already claimed by an earlier run, or nobody to send to


def _deliver(channel: str, recipient: str, subject: str, body: str) -> str:
    """Send one message; the provider's id (SMS) or ""; raises on failure."""
    if channel == Channel.EMAIL:
        # A mail server that accepts the connection and then hangs must not hold the worker forever.
        connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 30)
        EmailMessage(subject, body, to=[recipient], connection=connection).send(fail_silently=False)
        return ""
    return sms.get_backend().send(to=recipient, text=sms.sms_text(body))


def _finish(row_id: int, *, attempts: int, error: Exception | None, provider_id: str = "") -> str:
    if error is None:
        DossierMessage.objects.filter(pk=row_id).update(status=DeliveryStatus.SENT, sent_at=timezone.now(),
                                                        last_error="", provider_id=provider_id[:100])
        return DeliveryStatus.SENT
    status = DeliveryStatus.GAVE_UP if attempts >= max_attempts() else DeliveryStatus.FAILED
    DossierMessage.objects.filter(pk=row_id).update(status=status,
                                                    last_error=(str(error) or error.__class__.__name__)[:2000])
    return status


def _facts(code: str):
    """The dossier of ``code`` and the facts its messages need (one query); None if it is gone."""
    from cchc.dossiers.models import Dossier

    d = (Dossier.objects.select_related("version", "receiving_agency", "competent_agency")
         .filter(code=code).first())
    if d is None:
        return None
    return DossierFacts(code=d.code, procedure=d.version.name, applicant_name=d.applicant_name,
                        receiving_agency=d.receiving_agency.name, competent_agency=d.competent_agency.name,
                        received_at=d.received_at, original_due_at=d.original_due_at, due_at=d.due_at), d


def dossier_event_send(*, event_id: int) -> EventOutcome:
    """Send the citizen's e-mail and SMS for one dossier event, each at most once ever.

    Safe to call any number of times, from any number of workers: a channel already claimed (sent,
    failed or being sent) is skipped. No e-mail address: SMS only; neither: one "skipped" row, so
    the catch-up does not come back to it.
    """
    out = EventOutcome()
    event = Event.objects.filter(pk=event_id, subject_type=SUBJECT_TYPE, verb__in=CITIZEN_VERBS).first()
    if event is None:
        return out
    done = set(DossierMessage.objects.filter(event_id=event.pk).values_list("channel", "recipient"))
    found = _facts(event.subject_id)
    if found is None:
        log.warning("citizen message: dossier %s of event %s not found", event.subject_id, event.pk)
        return out
    facts, dossier = found
    msg = compose(facts, EventFacts(verb=event.verb, at=event.at, reason=event.reason, data=event.data or {}),
                  lookup_url=lookup_url(facts.code))
    targets = []
    if dossier.applicant_email.strip():
        targets.append((Channel.EMAIL, dossier.applicant_email.strip(), msg.subject, msg.body))
    phone = sms.normalise_phone(dossier.applicant_phone)
    if phone:
        targets.append((Channel.SMS, phone, "", msg.sms))
    if not targets:
        _claim(event, Channel.NONE, "", "", "", status=DeliveryStatus.SKIPPED)
        out.skipped += 1
        return out
    for channel, recipient, subject, body in targets:
        if (channel, recipient) in done:
            out.skipped += 1
            continue
        row_id = _claim(event, channel, recipient, subject, body)
        if row_id is None:
            out.skipped += 1
            continue
        try:
            provider_id = _deliver(channel, recipient, subject, body)
        except Exception as exc:  # noqa: BLE001 - any transport failure is recorded and retried later
            log.warning("citizen %s to %s for %s failed: %s", channel, recipient, facts.code, exc)
            _finish(row_id, attempts=1, error=exc)
            out.failed += 1
            continue
        _finish(row_id, attempts=1, error=None, provider_id=provider_id)
        out.sent += 1
    return out


def _claim(event: Event, channel: str, recipient: str, subject: str, body: str,
           status: str = DeliveryStatus.SENDING) -> int | None:
    """Insert the ledger row; its id, or None when another run already holds this (event, channel, recipient)."""
    try:
        with transaction.atomic():
            row = DossierMessage.objects.create(event=event, dossier_code=event.subject_id, verb=event.verb,
                                                channel=channel, recipient=recipient, subject=subject, body=body,
                                                status=status)
    except IntegrityError:
        return None
    return row.pk


@dataclass
class RetryOutcome:
    tried: int = 0
    sent: int = 0
    failed: int = 0
    gave_up: int = 0


def dossier_messages_retry(*, limit: int = 500) -> RetryOutcome:
    """Try again the messages whose last send failed, oldest first, until ``CCHC_NOTIFY_MAX_ATTEMPTS``.

    Each row is re-claimed by a guarded UPDATE (status and attempt count as read): two retry jobs
    never send the same row twice.
    """
    out = RetryOutcome()
    rows = list(DossierMessage.objects.filter(status=DeliveryStatus.FAILED)
                .order_by("pk").values("pk", "attempts", "channel", "recipient", "subject", "body")[:limit])
    for row in rows:
        claimed = DossierMessage.objects.filter(pk=row["pk"], status=DeliveryStatus.FAILED,
                                                attempts=row["attempts"]).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1)
        if claimed != 1:
            continue
        out.tried += 1
        attempts = row["attempts"] + 1
        try:
            provider_id = _deliver(row["channel"], row["recipient"], row["subject"], row["body"])
        except Exception as exc:  # noqa: BLE001 - recorded; retried again until the bound
            status = _finish(row["pk"], attempts=attempts, error=exc)
            if status == DeliveryStatus.GAVE_UP:
                out.gave_up += 1
            else:
                out.failed += 1
            continue
        _finish(row["pk"], attempts=attempts, error=None, provider_id=provider_id)
        out.sent += 1
    return out


def dossier_events_unsent(*, hours: float | None = None, now: datetime | None = None,
                          grace: timedelta = timedelta(minutes=2), limit: int = 5000) -> list[int]:
    """Ids of citizen-facing dossier events of the last ``hours`` with no ledger row at all.

    Events younger than ``grace`` are left to the normal path (their task is probably queued).
    """
    now = now or timezone.now()
    hours = float(hours if hours is not None else getattr(settings, "CCHC_NOTIFY_CATCHUP_HOURS", 24))
    ledger = DossierMessage.objects.filter(event_id=OuterRef("pk"))
    return list(Event.objects.filter(at__gte=now - timedelta(hours=hours), at__lte=now - grace,
                                     verb__in=sorted(CITIZEN_VERBS), subject_type=SUBJECT_TYPE)
                .filter(~Exists(ledger)).order_by("at", "pk").values_list("pk", flat=True)[:limit])


def enqueue_event(event_id: int) -> None:
    """Put the event's messages on the task queue; a failure is logged (the catch-up will find the event)."""
    try:
        from cchc.notifications.tasks import send_dossier_event

        send_dossier_event.enqueue(event_id)
    except Exception:  # noqa: BLE001 - never break the committer; the periodic catch-up recovers
        log.exception("citizen message: could not enqueue event %s", event_id)
