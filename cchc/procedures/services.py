"""Writes on the catalogue: create, copy, update, publish and repeal versions, save a case's process.

Every service is keyword-only, runs in one transaction, checks the actor (admins and the PAR
secretariat manage the catalogue; ``actor=None`` is the system: commands and the demo) and records
an event on the procedure. Only drafts change; a published version is replaced, never edited, so
a dossier keeps the version in force at its intake.
"""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.common.text import fold
from cchc.org.models import Agency
from cchc.procedures import selectors
from cchc.procedures.content import content_hash, has_fees, normalise
from cchc.procedures.models import (
    Component,
    Fee,
    Procedure,
    ProcedureCase,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from cchc.procedures.process import StepSpec

CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
_VERSION_FIELDS = ("name", "procedure_type", "decision", "issuing_agency", "steps_text", "requirements", "description",
                   "keywords", "system_of_record", "eligible_full_online", "no_result_document", "at_one_stop",
                   "interagency", "postal_allowed", "essential_online_only", "levels", "implementing_agencies",
                   "subjects", "results", "legal_basis", "online_level", "extra")
_CASE_FIELDS = ("name", "time_limit", "time_limit_online", "time_unit", "supplement_days", "signed_result_required",
                "pay_before_intake", "payment_pauses_clock", "authorisation_allowed", "online_not_offered")


def require_manager(actor: Any) -> None:
    """Admins and the PAR secretariat manage the catalogue; ``None`` is the system (commands, demo)."""
    if actor is None:
        return
    if not actor.has_perm("procedures.manage_catalogue"):
        raise PermissionDenied("Chỉ Thường trực CCHC hoặc quản trị viên được sửa danh mục thủ tục hành chính.",
                               code="catalogue_forbidden")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _sector(name: str) -> Sector | None:
    """The sector of that name (compared without accents), created on first use."""
    if not name:
        return None
    key = fold(name)
    for sector in Sector.objects.all():
        if fold(sector.name) == key:
            return sector
    base = slugify(key)[:34] or "linh-vuc"
    code, n = base, 1
    while Sector.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return Sector.objects.create(code=code, name=name[:255])


def _agencies(codes: list[str]) -> list[Agency]:
    """Agencies by code that exist today; a missing one refuses the write."""
    if not codes:
        return []
    found = {a.code: a for a in Agency.objects.as_of(timezone.localdate()).filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationFailed("Không có cơ quan mã " + ", ".join(missing[:10]) + " (hoặc cơ quan không còn tồn tại).",
                               code="unknown_agency", details={"codes": missing})
    return [found[c] for c in codes]


def _write_content(version: ProcedureVersion, content: dict[str, Any]) -> None:
    """Store a normalised content on a draft; cases are matched by code so their process steps stay."""
    for key in _VERSION_FIELDS:
        setattr(version, key, content[key])
    version.sector = _sector(content["sector"])
    version.has_fees = has_fees(content)
    version.level_index = f" {' '.join(content['levels'])} " if content["levels"] else ""
    version.search_text = fold(" | ".join([
        version.procedure.code, content["name"], content["sector"], content["keywords"], content["issuing_agency"],
        *content["implementing_agencies"]]))
    version.content_hash = content_hash(content)
    version.save()
    version.competent_agencies.set(_agencies(content["competent_agencies"]))
    version.intake_agencies.set(_agencies(content["intake_agencies"]))
    existing = {c.code: c for c in version.cases.all()}
    for data in content["cases"]:
        case = existing.pop(data["code"], None) or ProcedureCase(version=version, code=data["code"])
        for key in _CASE_FIELDS:
            setattr(case, key, data[key])
        case.same_day_cutoff = time.fromisoformat(data["same_day_cutoff"]) if data["same_day_cutoff"] else None
        case.save()
        case.components.all().delete()
        case.fees.all().delete()
        Component.objects.bulk_create([Component(case=case, **c) for c in data["components"]])
        Fee.objects.bulk_create([Fee(case=case, **f) for f in data["fees"]])
    for gone in existing.values():
        gone.delete()


@transaction.atomic
def procedure_create(*, actor: Any, code: str, content: dict[str, Any], illustrative: bool = False,
                     source: str = "", reason: str = "") -> ProcedureVersion:
    """A new procedure with its first version, as a draft."""
    require_manager(actor)
    code = (code or "").strip()
    if not CODE.match(code):
        raise ValidationFailed(f"Mã thủ tục “{code}” không hợp lệ (chữ, số, dấu . _ -; tối đa 40 ký tự).",
                               code="invalid_procedure_code")
    normalised = normalise(content)
    try:
        with transaction.atomic():
            procedure = Procedure.objects.create(code=code, illustrative=illustrative)
    except IntegrityError:
        raise Conflict(f"Thủ tục mã “{code}” đã có trong danh mục.", code="procedure_exists") from None
    version = ProcedureVersion(procedure=procedure, number=1, status=VersionStatus.DRAFT, name=normalised["name"],
                               source=source[:255], created_by=_user(actor))
    _write_content(version, normalised)
    record_event(actor=actor, verb="procedure.create", subject=procedure, reason=reason,
                 data={"version": 1, "name": version.name, "hash": version.content_hash})
    return version


def _copy(base: ProcedureVersion, number: int, actor: Any) -> ProcedureVersion:
    """A draft copy of ``base`` with its cases, components, fees and process steps."""
    draft = ProcedureVersion.objects.get(pk=base.pk)
    draft.pk = draft.id = None
    draft._state.adding = True
    draft.number, draft.status, draft.based_on, draft.created_by = number, VersionStatus.DRAFT, base, _user(actor)
    draft.published_at = draft.repealed_at = None
    draft.save()
    draft.competent_agencies.set(base.competent_agencies.all())
    draft.intake_agencies.set(base.intake_agencies.all())
    for case in base.cases.prefetch_related("components", "fees", "steps"):
        components, fees, steps = list(case.components.all()), list(case.fees.all()), list(case.steps.all())
        case.pk = case.id = None
        case._state.adding = True
        case.version = draft
        case.save()
        for rows in (components, fees, steps):
            for row in rows:
                row.pk = row.id = None
                row._state.adding = True
                row.case = case
        Component.objects.bulk_create(components)
        Fee.objects.bulk_create(fees)
        ProcessStep.objects.bulk_create(steps)
    return draft


@transaction.atomic
def version_create_draft(*, actor: Any, procedure: Procedure, base: ProcedureVersion | None = None,
                         reason: str = "") -> ProcedureVersion:
    """A new draft copied from ``base`` (default: the version in force, else the latest). One draft at a time."""
    require_manager(actor)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    versions = list(procedure.versions.order_by("-number"))
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    if draft is not None:
        raise Conflict(f"Thủ tục {procedure.code} đã có bản dự thảo (phiên bản {draft.number}); hãy sửa trên bản đó.",
                       code="draft_exists", details={"number": draft.number})
    if base is None:
        base = next((v for v in versions if v.status == VersionStatus.PUBLISHED), versions[0] if versions else None)
    if base is None:
        raise ValidationFailed(f"Thủ tục {procedure.code} chưa có phiên bản nào để sao chép.", code="no_version")
    try:
        with transaction.atomic():
            new = _copy(base, versions[0].number + 1, actor)
    except IntegrityError:  # another person opened a draft at the same instant
        raise Conflict(f"Thủ tục {procedure.code} vừa có bản dự thảo khác.", code="draft_exists") from None
    record_event(actor=actor, verb="procedure.draft", subject=procedure, reason=reason,
                 data={"version": new.number, "based_on": base.number})
    return new


def _locked_draft(version: ProcedureVersion) -> ProcedureVersion:
    locked = ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise Conflict(f"Phiên bản {locked.number} của thủ tục {locked.procedure.code} không còn là dự thảo "
                       f"({locked.get_status_display().lower()}); chỉ bản dự thảo được sửa.", code="version_not_draft")
    return locked


@transaction.atomic
def version_update(*, actor: Any, version: ProcedureVersion, changes: dict[str, Any],
                   reason: str = "") -> ProcedureVersion:
    """Change a draft's content: ``changes`` holds the content keys to replace (``cases`` replaces all cases)."""
    require_manager(actor)
    draft = _locked_draft(version)
    before = selectors.version_content(draft)
    content = normalise({**before, **changes})
    if content_hash(content) == draft.content_hash:
        return draft
    _write_content(draft, content)
    changed = sorted(k for k in content if content[k] != before.get(k))
    record_event(actor=actor, verb="procedure.update", subject=draft.procedure, reason=reason,
                 data={"version": draft.number, "changed": changed, "hash": draft.content_hash})
    return draft


def _check_publishable(version: ProcedureVersion) -> None:
    cases = list(version.cases.prefetch_related("steps"))
    if not cases:
        raise ValidationFailed("Phiên bản chưa có trường hợp nào (thời hạn, thành phần hồ sơ): chưa công bố được.",
                               code="no_cases")
    if not version.competent_agencies.exists():
        raise ValidationFailed("Phiên bản chưa có cơ quan có thẩm quyền giải quyết: chưa công bố được.",
                               code="no_competent_agency")
    for case in cases:
        check = selectors.process_check_of(case)
        if not check.ok:
            first = check.issues[0]
            raise ValidationFailed(f"Trường hợp {case.code}: {first.message}", code=first.code,
                                   details=[i.__dict__ for i in check.issues])


@transaction.atomic
def version_publish(*, actor: Any, version: ProcedureVersion, reason: str = "") -> ProcedureVersion:
    """Put a draft in force; the version in force until now is marked repealed at the same instant.

    Guarded twice: the procedure row is locked (``select_for_update``; SQLite's IMMEDIATE transactions
    serialise writers anyway) and each status change is a conditional UPDATE, so of two people
    publishing at once exactly one succeeds and the other gets a conflict.
    """
    require_manager(actor)
    Procedure.objects.select_for_update().get(pk=version.procedure_id)
    draft = _locked_draft(version)
    _check_publishable(draft)
    now = timezone.now()
    previous = list(ProcedureVersion.objects.select_for_update().filter(
        procedure_id=draft.procedure_id, status=VersionStatus.PUBLISHED).values_list("number", flat=True))
    ProcedureVersion.objects.filter(procedure_id=draft.procedure_id, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.REPEALED, repealed_at=now)
    try:
        with transaction.atomic():
            won = ProcedureVersion.objects.filter(pk=draft.pk, status=VersionStatus.DRAFT).update(
                status=VersionStatus.PUBLISHED, published_at=now)
    except IntegrityError:
        won = 0
    if won != 1:
        raise Conflict(f"Phiên bản {draft.number} của thủ tục {draft.procedure.code} vừa được người khác công bố "
                       "hoặc thay đổi.", code="publish_conflict")
    draft.refresh_from_db()
    record_event(actor=actor, verb="procedure.publish", subject=draft.procedure, reason=reason,
                 data={"version": draft.number, "replaces": previous, "hash": draft.content_hash})
    return draft


@transaction.atomic
def version_repeal(*, actor: Any, version: ProcedureVersion, reason: str) -> ProcedureVersion:
    """Take the version in force out of force (the procedure is abolished); the reason is required."""
    require_manager(actor)
    if not (reason or "").strip():
        raise ValidationFailed("Hãy ghi lý do bãi bỏ (ví dụ số quyết định công bố).", code="reason_required")
    locked = ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)
    done = ProcedureVersion.objects.filter(pk=locked.pk, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.REPEALED, repealed_at=timezone.now())
    if done != 1:
        raise Conflict(f"Phiên bản {locked.number} của thủ tục {locked.procedure.code} không đang có hiệu lực.",
                       code="version_not_published")
    locked.refresh_from_db()
    record_event(actor=actor, verb="procedure.repeal", subject=locked.procedure, reason=reason.strip(),
                 data={"version": locked.number})
    return locked


def draft_for_edit(*, actor: Any, version: ProcedureVersion) -> ProcedureVersion:
    """The draft to edit instead of ``version``: itself if a draft, else a new copy of it."""
    if version.status == VersionStatus.DRAFT:
        return version
    return version_create_draft(actor=actor, procedure=version.procedure, base=version,
                                reason=f"Sửa quy trình từ phiên bản {version.number}")


@transaction.atomic
def process_save(*, actor: Any, case: ProcedureCase, steps: list[StepSpec], reason: str = "") -> ProcedureCase:
    """Replace a case's process. On a published version this first copies it into a new draft.

    Refused whole (nothing saved, no draft opened) when a step is invalid, a successor does not
    exist, or the allotments exceed the case's legal limit.
    """
    require_manager(actor)
    check = selectors.process_check_of(case, steps)
    if not check.ok:
        first = check.issues[0]
        raise ValidationFailed(first.message, code=first.code, details=[i.__dict__ for i in check.issues])
    agencies = {a.code: a for a in _agencies(sorted({s.agency for s in steps if s.agency}))}
    draft = draft_for_edit(actor=actor, version=case.version)
    target = ProcedureCase.objects.get(version=_locked_draft(draft), code=case.code)
    target.steps.all().delete()
    ProcessStep.objects.bulk_create([
        ProcessStep(case=target, order=i, code=s.code, name=s.name.strip(), role=s.role, place=s.place,
                    agency=agencies.get(s.agency), allotted=Decimal(s.allotted), allotted_unit=s.unit, actions=list(s.actions),
                    successors=list(s.successors))
        for i, s in enumerate(steps, 1)])
    record_event(actor=actor, verb="procedure.process", subject=draft.procedure, reason=reason,
                 data={"version": draft.number, "case": target.code, "steps": [s.code for s in steps],
                       "total_hours": str(check.total_hours)})
    return target
