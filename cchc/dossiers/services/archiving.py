"""Archiving returned dossiers (spec §2.4 T21, §7.11): the system closes the file into the archive.

A dossier whose result was returned is handed to the agency's archive some time later (the
Archives Law 33/2024/QH15 gives agencies up to a year after the work ends to file its records
[READ-2ND S27]; the delay here is ``CCHC_ARCHIVE_AFTER_DAYS``, default 90 [INFERRED]). Archiving
changes nothing the citizen sees: the dossier stays "result returned" (national status 10); it
records when it was archived and under which reference, in the dossier and in its process log.
Only the system does it (T21 has no human role); the daily job below calls it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q

from cchc.common.errors import DomainError, ValidationFailed
from cchc.dossiers import access
from cchc.dossiers.lifecycle import Action, State
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import _core
from cchc.dossiers.services._core import Change

log = logging.getLogger(__name__)

ARCHIVIST = access.SystemActor(name="luutru", label="Hệ thống lưu trữ hồ sơ điện tử",
                               actions=frozenset({Action.ARCHIVE}))
BATCH = 500


def archive_after() -> timedelta:
    days = float(getattr(settings, "CCHC_ARCHIVE_AFTER_DAYS", 90))
    if days < 0:
        raise ValueError("CCHC_ARCHIVE_AFTER_DAYS must not be negative")
    return timedelta(days=days)


def dossier_archive(*, actor: Any, dossier: Dossier, reference: str = "", note: str = "") -> Dossier:
    """Archive a returned dossier (T21) under ``reference`` (default: its own code)."""
    tr = _core.legal(Action.ARCHIVE, dossier)
    role = access.authorise(actor, tr, dossier)
    reference = (reference or dossier.code).strip()
    if len(reference) > 80:
        raise ValidationFailed("Số, ký hiệu hồ sơ lưu trữ tối đa 80 ký tự.", code="archive_reference_too_long")
    at = _core.now()
    change = Change(transition=tr, to_state=State.RESULT_RETURNED, role=role, at=at,
                    note=note or "Đưa hồ sơ vào lưu trữ", fields={"archived_at": at, "archive_reference": reference},
                    data={"reference": reference})
    return _core.commit_transition(dossier, change, actor=actor)


def dossiers_archive_due(*, now: datetime | None = None, limit: int = 5000) -> int:
    """Archive the returned dossiers whose return is older than :func:`archive_after` (oldest
    first, at most ``limit`` looked at); the number archived. Synthetic dossiers are left alone."""
    cutoff = (now or _core.now()) - archive_after()
    done, seen = 0, 0
    after: tuple[datetime, int] | None = None
    while seen < limit:
        qs = (Dossier.objects.select_related("receiving_agency", "competent_agency", "current_step")
              .filter(state=State.RESULT_RETURNED, archived_at__isnull=True, returned_at__lt=cutoff, synthetic=False))
        if after is not None:  # keyset: a dossier that could not be archived is not read again
            qs = qs.filter(Q(returned_at__gt=after[0]) | Q(returned_at=after[0], id__gt=after[1]))
        batch = list(qs.order_by("returned_at", "id")[:min(BATCH, limit - seen)])
        if not batch:
            break
        for dossier in batch:
            seen += 1
            try:
                dossier_archive(actor=ARCHIVIST, dossier=dossier)
                done += 1
            except DomainError as exc:  # changed meanwhile (a concurrent run): the other one archived it
                log.info("archive %s: %s", dossier.code, exc)
        after = (batch[-1].returned_at, batch[-1].id)
    return done
