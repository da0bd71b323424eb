"""The receiver that turns dossier events into queued citizen messages.

It runs inside every dossier transaction (intake is performance-critical), so it reads nothing:
it checks the verb and registers an on-commit hook. The enqueue happens only if the transaction
commits; a rolled-back event never sends anything.
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
    if not getattr(settings, "CCHC_CITIZEN_NOTIFICATIONS", True):
        return
    transaction.on_commit(partial(enqueue_event, instance.pk), using=using, robust=True)
