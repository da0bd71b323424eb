"""The receiver that turns dossier events into queued citizen messages at once (optional).

By default citizen messages are sent by the ``notifications.dispatch_dossier_events`` job, which
runs every minute and sends what committed events have no message row yet: dossier intake then
pays nothing for notifications (an enqueue is one more INSERT and commit on every intake, the
hottest write). With ``CCHC_NOTIFY_ON_COMMIT`` on, this receiver also enqueues each event's
messages right after its transaction commits, for a province that wants them within seconds.
It runs inside every dossier transaction, so it reads nothing: it checks the verb and registers an
on-commit hook; a rolled-back event never sends anything.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction

from cchc.notifications.citizen import enqueue_event
from cchc.notifications.citizen_texts import CITIZEN_VERBS


def on_event_saved(sender, instance, created: bool = False, using: str | None = None, **kwargs) -> None:
    """post_save of ``common.Event``: a citizen-facing dossier verb enqueues its messages after commit."""
    if not created or instance.verb not in CITIZEN_VERBS:
        return
    if not getattr(settings, "CCHC_NOTIFY_ON_COMMIT", False):
        return
    if not getattr(settings, "CCHC_CITIZEN_NOTIFICATIONS", True):
        return
    transaction.on_commit(partial(enqueue_event, instance.pk), using=using, robust=True)
