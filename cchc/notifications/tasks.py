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
