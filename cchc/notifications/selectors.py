"""Reads of notifications: only the reader's own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cchc.notifications.models import Notification


def my_notifications(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The reader's notifications, newest first."""
    qs = Notification.objects.filter(recipient_id=getattr(user, "pk", None))
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def unread_count(*, user: Any) -> int:
    """How many of the reader's notifications are unread."""
    return my_notifications(user=user, unread_only=True).count()


def dossier_messages(*, user: Any, code: str) -> list[Any]:
    """The messages sent to the citizen about a dossier the reader may see, newest first (NotFound otherwise)."""
    from cchc.dossiers.selectors import dossier_get
    from cchc.notifications.models import DossierMessage

    dossier = dossier_get(user=user, code=code)
    return list(DossierMessage.objects.filter(dossier_code=dossier.code).exclude(channel="none")
                .order_by("-claimed_at", "-pk")[:100])
