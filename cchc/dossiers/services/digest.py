"""The daily digest over every dossier's process-log head (see ``cchc.dossiers.processlog``)."""

from __future__ import annotations

from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from cchc.common.errors import Conflict
from cchc.common.events import record_event
from cchc.dossiers import processlog
from cchc.dossiers.models import LogDigest
from cchc.workdays import TZ


def start_of_local_day(at: datetime | None = None) -> datetime:
    at = (at or timezone.now()).astimezone(TZ)
    return datetime.combine(at.date(), time(0, 0), tzinfo=TZ)


def log_digest_create(*, actor=None, cutoff: datetime | None = None) -> LogDigest:
    """Digest the log rows before ``cutoff`` (default: the start of today, local time).

    Digests must move forward in time: one before the latest cut-off would not chain. A second
    digest of the same cut-off is refused (the scheduler runs the job once per day anyway).
    """
    cutoff = cutoff or start_of_local_day()
    last = LogDigest.objects.order_by("-cutoff").first()
    if last is not None and cutoff <= last.cutoff:
        raise Conflict("Đã có bản tóm lược nhật ký đến thời điểm này hoặc muộn hơn.", code="digest_exists")
    summary = processlog.heads_as_of(cutoff)
    prev = last.hash if last else ""
    digest = LogDigest(cutoff=cutoff, created_at=timezone.now(), dossier_count=summary.dossier_count,
                       row_count=summary.row_count, heads_hash=summary.heads_hash, prev_hash=prev,
                       hash=processlog.digest_hash(cutoff=cutoff, dossier_count=summary.dossier_count,
                                                   row_count=summary.row_count, heads_hash=summary.heads_hash,
                                                   prev_hash=prev))
    try:
        with transaction.atomic():
            digest.save(force_insert=True)
            record_event(actor=actor, verb="dossier_log.digest", subject=("dossiers.logdigest", digest.hash[:16]),
                         data={"cutoff": cutoff.isoformat(), "dossiers": digest.dossier_count,
                               "rows": digest.row_count})
    except IntegrityError:
        raise Conflict("Bản tóm lược của thời điểm này vừa được lập.", code="digest_exists") from None
    return digest
