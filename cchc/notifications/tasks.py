"""Periodic jobs of the notifications app, enqueued by the scheduler and run by the db_worker."""

from __future__ import annotations

from datetime import timedelta

try:  # Django 6 ships the API; on 5.2 the django-tasks backport provides it
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from cchc.common.periodic import periodic


@periodic("notifications.send_reminders", every=timedelta(minutes=15))
@task()
def send_reminders() -> dict[str, int]:
    """Send the reminders due today (7, 3, 1 working days before, on the day, weekly when overdue).

    Safe to run any number of times and on several workers: each rung is claimed once per recipient.
    """
    from dataclasses import asdict

    from cchc.notifications.services import reminders_due, reminders_send

    return asdict(reminders_send(candidates=reminders_due()))


@task()
def send_dossier_event(event_id: int) -> dict[str, int]:
    """Send the citizen's e-mail and SMS for one dossier event (enqueued after the dossier's commit).

    Idempotent: each (event, channel, recipient) is claimed once, so a re-run sends nothing more.
    """
    from dataclasses import asdict

    from cchc.notifications.citizen import dossier_event_send

    return asdict(dossier_event_send(event_id=event_id))


@periodic("notifications.retry_dossier_messages", every=timedelta(minutes=10))
@task()
def retry_dossier_messages() -> dict[str, int]:
    """Try again the citizen messages whose send failed (bounded by CCHC_NOTIFY_MAX_ATTEMPTS)."""
    from dataclasses import asdict

    from cchc.notifications.citizen import dossier_messages_retry

    return asdict(dossier_messages_retry())


@periodic("notifications.dossier_events_catch_up", every=timedelta(minutes=1))
@task()
def dossier_events_catch_up() -> int:
    """Send the messages of committed dossier events that have none yet: every event by default,
    and, with ``CCHC_NOTIFY_ON_COMMIT``, those whose own enqueue was lost (a worker was down)."""
    from django.conf import settings

    from cchc.notifications.citizen import dossier_event_send, dossier_events_unsent

    on_commit = getattr(settings, "CCHC_NOTIFY_ON_COMMIT", False)
    # Each (event, channel, recipient) is claimed once, so overlapping runs never send twice.
    ids = dossier_events_unsent(grace=timedelta(minutes=2) if on_commit else timedelta(0))
    for event_id in ids:
        dossier_event_send(event_id=event_id)
    return len(ids)


@periodic("notifications.dossier_reminders", every=timedelta(minutes=15))
@task()
def send_dossier_reminders() -> dict[str, int]:
    """Remind handlers and division heads of steps due soon or overdue, and prompt apologies (spec §4.6)."""
    from dataclasses import asdict

    from cchc.notifications.staff import dossier_reminders_due, dossier_reminders_send

    return asdict(dossier_reminders_send(candidates=dossier_reminders_due()))
