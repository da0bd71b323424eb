"""Plans API: import a decision (multipart), list plans, read a plan version."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile

from cchc.api.auth import AUTH
from cchc.api.schemas import WRITE_ERRORS, ErrorOut
from cchc.common.errors import DomainError, TooLarge, ValidationFailed
from cchc.plans import selectors
from cchc.plans.api.base import require_file, router
from cchc.plans.services import plan_import


class KeyTaskOut(Schema):
    no: str | None
    content: str
    product: str | None
    lead: list[str]
    coordinating: list[str]
    deadline_text: str | None
    deadline_date: date | None
    recurrence: str | None
    deadline_granularity: str
    recurrence_until: date | None


class ImportOut(Schema):
    document_number: str | None
    document_type: str | None
    issuer: str | None
    place: str | None
    signed_date: date | None
    signer: str | None
    signer_title: str | None
    title: str | None
    plan_year: int | None
    sections: list[str]
    key_tasks: list[KeyTaskOut]
    unresolved_agencies: list[str]
    plan_id: int | None = None
    version: int | None = None
    extra: dict[str, Any] = {}


CORE_KEYS = set(ImportOut.model_fields) - {"extra", "plan_id", "version"}


@router.post("/plans/import", auth=AUTH, response={200: ImportOut, 201: ImportOut, 413: ErrorOut, **WRITE_ERRORS},
             summary="Nhập quyết định/kế hoạch thành kế hoạch có cấu trúc")
def import_plan(request: HttpRequest, file: File[UploadedFile] = None, dry_run: Form[bool] = False):
    """Upload a decision (txt, html, docx, pdf). With ``dry_run`` nothing is written (200); otherwise the
    plan and its first version are created (201). The JSON is the same as ``cchc import-plan --json``."""
    from django.conf import settings

    # An empty file goes on to the importer, which names that refusal itself ("empty_file").
    require_file(file, allow_empty=True)
    if file.size and file.size > settings.CCHC_PLAN_MAX_BYTES:
        raise TooLarge(f"Tệp lớn hơn giới hạn {settings.CCHC_PLAN_MAX_BYTES // (1024 * 1024)} MB.", code="file_too_large")
    try:
        result = plan_import(actor=request.user, data=file.read(), filename=file.name or "upload", dry_run=dry_run)
    except DomainError as exc:
        if exc.status != 415:
            raise
        # The importer says 415 for a binary or unreadable file; the API answers every business-rule
        # refusal (what JSON Schema cannot state, like "a real .docx") with 422 and the rule's own code.
        raise ValidationFailed(exc.message, code=exc.code, details=exc.details) from None
    payload = {k: result.payload.get(k) for k in CORE_KEYS}
    payload["sections"] = payload["sections"] or []
    payload["key_tasks"] = payload["key_tasks"] or []
    payload["extra"] = {k: v for k, v in result.payload.items() if k not in CORE_KEYS}
    if result.plan is None:
        return payload
    payload.update(plan_id=result.plan.pk, version=result.version.number)
    return Status(201, payload)


class PlanOut(Schema):
    id: int
    title: str
    year: int | None
    owner: str | None
    versions: int
    baseline_version: int | None
    period_start: date | None
    period_end: date | None


@router.get("/plans", auth=AUTH, response={200: list[PlanOut], **WRITE_ERRORS}, summary="Danh sách kế hoạch")
def list_plans(request: HttpRequest):
    """Every plan, newest year first."""
    return [{"id": p.pk, "title": p.title, "year": p.year, "owner": p.owner.code if p.owner_id else None,
             "versions": p.version_count, "baseline_version": p.baseline.number if p.baseline_id else None,
             "period_start": p.period_start, "period_end": p.period_end} for p in selectors.plan_list()[:1000]]


class TaskAgencyOut(Schema):
    role: str
    text: str
    agency: str | None
    group: str | None


class TaskOut(Schema):
    no: str
    group: str
    content: str
    product: str
    deadline_text: str
    deadline_date: date | None
    deadline_granularity: str
    recurrence: str
    recurrence_until: date | None
    agencies: list[TaskAgencyOut]


class VersionOut(Schema):
    plan_id: int
    plan_title: str
    number: int
    document_number: str
    signed_date: date | None
    sections: list[str]
    key_tasks: list[TaskOut]


@router.get("/plans/{plan_id}", auth=AUTH, response={200: VersionOut, **WRITE_ERRORS},
            summary="Một kế hoạch (phiên bản mới nhất)")
def get_plan(request: HttpRequest, plan_id: int):
    """The latest version of a plan with its content areas and key tasks and their agencies."""
    plan = selectors.plan_get(pk=plan_id)
    v = selectors.version_get(plan=plan)
    return {
        "plan_id": plan.pk, "plan_title": plan.title, "number": v.number, "document_number": v.document_number,
        "signed_date": v.signed_date, "sections": [s.title for s in v.sections.all()],
        "key_tasks": [{
            "no": t.no, "group": t.group, "content": t.content, "product": t.product, "deadline_text": t.deadline_text,
            "deadline_date": t.deadline_date, "deadline_granularity": t.deadline_granularity,
            "recurrence": t.recurrence, "recurrence_until": t.recurrence_until,
            "agencies": [{"role": a.role, "text": a.text, "agency": a.agency.code if a.agency_id else None,
                          "group": a.group.code if a.group_id else None} for a in t.agencies.all()],
        } for t in v.key_tasks.all()],
    }
