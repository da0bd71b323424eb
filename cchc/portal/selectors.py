"""Reads of the portal app, scoped by the dossier's visibility (cchc.dossiers.selectors.dossier_get)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from cchc.common.errors import NotFound
from cchc.dossiers import selectors as dossier_selectors
from cchc.dossiers.models import Dossier
from cchc.portal.models import InboundDossier, InboundFile, VneidLink


def inbound_for(*, user: Any, code: str) -> tuple[Dossier, InboundDossier | None]:
    """A dossier the user may see and the portal push it came from (None for other channels), with its files."""
    dossier = dossier_selectors.dossier_get(user=user, code=code)
    files = Prefetch("files", queryset=InboundFile.objects.select_related("component"))
    return dossier, InboundDossier.objects.filter(dossier=dossier).prefetch_related(files).first()


def inbound_file_get(*, user: Any, code: str, file_id: int) -> InboundFile:
    """One file pushed with a dossier the user may see; NotFound otherwise (another agency's too)."""
    dossier = dossier_selectors.dossier_get(user=user, code=code)
    row = InboundFile.objects.filter(pk=file_id, inbound__dossier=dossier).first()
    if row is None:
        raise NotFound("Không có tệp này trong hồ sơ.", code="file_not_found")
    return row


def vneid_verified(user: Any) -> bool:
    """Whether a citizen account was proven by VNeID (for ``IntakeData.vneid_verified`` of their submissions)."""
    if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return False
    return VneidLink.objects.filter(user_id=user.pk).exists()


def vneid_enabled() -> bool:
    """Whether VNeID sign-in is configured (the login page offers it only then)."""
    from cchc.portal.vneid import VneidNotConfigured, config

    try:
        config()
    except VneidNotConfigured:
        return False
    return True
