"""Evidence: files checked by content against an allow-list and a size limit, stored under MEDIA_ROOT
by their SHA-256 (so the same file uploaded twice is stored once), or references to documents."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from cchc.common.errors import Conflict, DomainError, TooLarge, ValidationFailed
from cchc.common.events import record_event
from cchc.common.text import clean
from cchc.plans import conf, sniff
from cchc.plans.models import Evidence, ProgressReport, Review, WorkItem

MAX_FILES = 20


class UnsupportedEvidenceType(DomainError):
    """A file whose content is not an allowed type: a business rule JSON Schema cannot state, so 422
    with its own code, as every such refusal of the API."""

    status = 422
    default_code = "evidence_type_forbidden"


@dataclass(frozen=True)
class FileIn:
    name: str
    data: bytes


@dataclass(frozen=True)
class ReferenceIn:
    number: str
    date: date | None
    title: str = ""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    kind: str
    ext: str
    content_type: str
    sha256: str


def size_text(n: int) -> str:
    """1536 → "1,5 KB", 20971520 → "20 MB" (Vietnamese decimal comma)."""
    unit, value = ("MB", n / 2**20) if n >= 2**20 else ("KB", n / 2**10) if n >= 2**10 else ("byte", float(n))
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} {unit}"


def check_file(f: FileIn) -> CheckedFile:
    """Refuse a file over the size limit (413) or whose content is not an allowed type (422)."""
    limit = conf.evidence_max_bytes()
    name = PurePosixPath((f.name or "tep").replace("\\", "/")).name[:255] or "tep"
    if len(f.data) > limit:
        raise TooLarge(f"Tệp “{name}” ({size_text(len(f.data))}) vượt giới hạn {size_text(limit)} cho mỗi minh chứng.",
                       code="evidence_too_large", details={"name": name, "size": len(f.data), "limit": limit})
    kind = sniff.sniff(f.data)
    if kind is None:
        raise UnsupportedEvidenceType(
            f"Tệp “{name}” là {sniff.describe(f.data)}, không được chấp nhận làm minh chứng. "
            f"Chỉ nhận: {sniff.ALLOWED_LABEL}.",
            details={"name": name, "allowed": sorted(sniff.ALLOWED)},
        )
    ext, content_type = sniff.ALLOWED[kind]
    return CheckedFile(name=name, data=f.data, kind=kind, ext=ext, content_type=content_type,
                       sha256=hashlib.sha256(f.data).hexdigest())


def check_reference(ref: ReferenceIn, *, today: date) -> None:
    if not clean(ref.number or ""):
        raise ValidationFailed("Cần ghi số, ký hiệu văn bản minh chứng.", code="reference_number_required")
    if ref.date is None:
        raise ValidationFailed("Cần ghi ngày của văn bản minh chứng.", code="reference_date_required")
    if ref.date > today:
        raise ValidationFailed(f"Ngày văn bản {ref.date:%d/%m/%Y} ở tương lai.", code="date_in_future")


def store_file(*, report: ProgressReport, checked: CheckedFile, actor: Any) -> Evidence:
    path = f"evidence/{checked.sha256[:2]}/{checked.sha256}.{checked.ext}"
    if not default_storage.exists(path):
        saved = default_storage.save(path, ContentFile(checked.data))
        path = saved
    return Evidence.objects.create(
        report=report, kind=Evidence.Kind.FILE, file=path, original_name=checked.name, file_type=checked.kind,
        content_type=checked.content_type, size=len(checked.data), sha256=checked.sha256, created_by=actor,
    )


def store_reference(*, report: ProgressReport, ref: ReferenceIn, actor: Any) -> Evidence:
    return Evidence.objects.create(report=report, kind=Evidence.Kind.REFERENCE, doc_number=clean(ref.number)[:80],
                                   doc_date=ref.date, doc_title=clean(ref.title or "")[:500], created_by=actor)


@transaction.atomic
def evidence_add(*, actor: Any, report: ProgressReport, files: Sequence[FileIn] = (),
                 references: Sequence[ReferenceIn] = ()) -> list[Evidence]:
    """Attach evidence to a report of the actor's agency that is still waiting for review.

    Every file and reference is checked before the first one is stored: all or nothing.
    """
    from cchc.plans.services.progress import _require_reporter

    work_item_id = ProgressReport.objects.filter(pk=report.pk).values_list("work_item_id", flat=True).get()
    # Work item first, then the report: the same lock order as submitting and reviewing.
    WorkItem.objects.select_for_update().filter(pk=work_item_id).first()
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("work_item").get(pk=report.pk)
    _require_reporter(actor, report.work_item)
    if report.review not in (Review.SUBMITTED, Review.CONSOLIDATED):
        raise Conflict("Chỉ bổ sung minh chứng cho báo cáo đang chờ duyệt; hãy gửi báo cáo mới.",
                       code="report_not_pending")
    if not files and not references:
        raise ValidationFailed("Chưa có minh chứng nào.", code="evidence_required")
    if report.evidence.count() + len(files) + len(references) > MAX_FILES:
        raise ValidationFailed(f"Mỗi báo cáo có tối đa {MAX_FILES} minh chứng.", code="too_many_evidence")
    today = timezone.localdate()
    checked = [check_file(f) for f in files]
    for ref in references:
        check_reference(ref, today=today)
    user = actor if getattr(actor, "is_authenticated", False) else None
    out = [store_file(report=report, checked=c, actor=user) for c in checked]
    out += [store_reference(report=report, ref=r, actor=user) for r in references]
    record_event(actor=actor, verb="progress.evidence", subject=report,
                 data={"files": [{"name": c.name, "sha256": c.sha256, "size": len(c.data)} for c in checked],
                       "references": [{"number": r.number, "date": r.date.isoformat() if r.date else None}
                                      for r in references]})
    return out
