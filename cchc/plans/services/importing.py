"""Plan import: a decision file becomes a plan version, all in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cchc.common.errors import PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.org.models import Agency
from cchc.org.selectors import Resolution, resolve_names
from cchc.org.services import agency_add_alias
from cchc.plans.importer import agency_names, draft_to_json, parse_document
from cchc.plans.models import KeyTask, Plan, PlanVersion, Section, TaskAgency


@dataclass
class Extraction:
    payload: dict[str, Any]
    resolutions: dict[str, Resolution]
    as_of: date
    sha256: str


def _as_of(payload: dict[str, Any]) -> date:
    if payload.get("signed_date"):
        return date.fromisoformat(payload["signed_date"])
    if payload.get("plan_year"):
        return date(int(payload["plan_year"]), 1, 1)
    return timezone.localdate()


def plan_extract(*, data: bytes, filename: str) -> Extraction:
    """Read a decision and resolve every agency it names against the registry of its signing date."""
    draft = parse_document(data, filename, max_bytes=settings.CCHC_PLAN_MAX_BYTES)
    payload = draft_to_json(draft)
    as_of = _as_of(payload)
    names = list(dict.fromkeys(agency_names(draft)))
    resolutions = {r.text: r for r in resolve_names(names=names, as_of=as_of)}
    payload["unresolved_agencies"] = [n for n in names if resolutions[n].kind == "unresolved"]
    return Extraction(payload=payload, resolutions=resolutions, as_of=as_of, sha256=hashlib.sha256(data).hexdigest())


def _require_import_rights(actor: Any) -> None:
    if actor is not None and not actor.has_perm("plans.import_plan"):
        raise PermissionDenied("Chỉ Thường trực CCHC hoặc quản trị viên được nhập kế hoạch.", code="plan_import_forbidden")


def _apply_mappings(actor: Any, mappings: dict[str, str], as_of: date) -> None:
    """Remember each mapping chosen by a person as an alias of the agency, so the next import resolves it."""
    for text, code in mappings.items():
        if not code:
            continue
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise ValidationFailed(f"Không có cơ quan mã “{code}” để ánh xạ “{text}”.", code="unknown_agency")
        if not agency.exists_on(as_of):
            raise ValidationFailed(
                f"“{agency.name}” không tồn tại vào ngày {as_of:%d/%m/%Y} để ánh xạ “{text}”.", code="agency_not_current"
            )
        agency_add_alias(actor=actor, agency=agency, text=text, learned=True)


def _plan_title(payload: dict[str, Any]) -> str:
    """"CẢI CÁCH HÀNH CHÍNH NĂM 2020" (a heading in capitals) → "Kế hoạch cải cách hành chính năm 2020"."""
    title = payload.get("plan_title") or payload.get("title") or ""
    if title.isupper():
        title = title.lower()
        if not title.startswith("kế hoạch"):
            title = "kế hoạch " + title
        title = title[0].upper() + title[1:]
    return title[:500]


@dataclass
class ImportResult:
    payload: dict[str, Any]
    plan: Plan | None = None
    version: PlanVersion | None = None


@transaction.atomic
def plan_import(
    *,
    actor: Any,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    into: Plan | None = None,
    mappings: dict[str, str] | None = None,
) -> ImportResult:
    """Create a plan (or a new version of ``into``) from a decision file. Nothing is written on refusal."""
    _require_import_rights(actor)
    if mappings:
        first = plan_extract(data=data, filename=filename)
        _apply_mappings(actor, mappings, first.as_of)
    extraction = plan_extract(data=data, filename=filename)
    payload = extraction.payload
    if dry_run:
        transaction.set_rollback(True)
        return ImportResult(payload=payload)
    if not payload.get("key_tasks") and not payload.get("sections"):
        raise ValidationFailed("Văn bản không có nội dung kế hoạch hay nhiệm vụ nào để tạo kế hoạch.", code="empty_plan")
    plan = into
    title = _plan_title(payload) or filename
    if plan is None:
        owner = None
        issuer = payload.get("issuer")
        if issuer:
            res = resolve_names(names=[issuer], as_of=extraction.as_of)[0]
            owner = res.agency
        plan = Plan.objects.create(title=title[:500], year=payload.get("plan_year"), owner=owner)
    else:
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, document_type=payload.get("document_type") or "",
        document_number=payload.get("document_number") or "", issuer=payload.get("issuer") or "",
        place=payload.get("place") or "", signed_date=payload.get("signed_date"), signer=payload.get("signer") or "",
        signer_title=payload.get("signer_title") or "", title=(payload.get("title") or "")[:500],
        source_name=filename[:255], source_sha256=extraction.sha256, extracted=payload,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    Section.objects.bulk_create(
        [Section(version=version, order=i, title=t[:500]) for i, t in enumerate(payload.get("sections") or [], 1)]
    )
    tasks = []
    for i, t in enumerate(payload.get("key_tasks") or [], 1):
        tasks.append(KeyTask(
            version=version, order=i, no=str(t.get("no") or "")[:20], group=(t.get("group") or "")[:500],
            content=t.get("content") or "", product=t.get("product") or "", deadline_text=(t.get("deadline_text") or "")[:255],
            deadline_date=t.get("deadline_date"), deadline_granularity=t.get("deadline_granularity") or "unspecified",
            recurrence=t.get("recurrence") or "", recurrence_until=t.get("recurrence_until"),
        ))
    KeyTask.objects.bulk_create(tasks)
    links = []
    for task, t in zip(tasks, payload.get("key_tasks") or [], strict=True):
        for role, names in (("lead", t.get("lead") or []), ("coordinating", t.get("coordinating") or [])):
            for j, name in enumerate(names, 1):
                res = extraction.resolutions.get(name)
                links.append(TaskAgency(
                    task=task, role=role, order=j, text=name[:500],
                    agency=res.agency if res else None, group=res.group if res else None,
                ))
    TaskAgency.objects.bulk_create(links)
    record_event(
        actor=actor, verb="plan.import" if number == 1 else "plan.new_version", subject=plan,
        data={"version": number, "document_number": version.document_number, "tasks": len(tasks),
              "unresolved": payload["unresolved_agencies"], "sha256": extraction.sha256},
    )
    return ImportResult(payload=payload, plan=plan, version=version)

