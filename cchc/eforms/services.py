"""Writes of the e-forms: drafts, component files (checked by content, size and checksum), submission
through the dossier intake services, and scanned components attached to an existing dossier.

Who may use the e-form (spec §7.1): since 1/7/2025 citizens submit online on the national portal, so the
province's e-form serves ASSISTED submission by a reception officer at the counter or a kiosk, recorded as
the citizen's own transaction (the applicant block is the citizen's, the clerk is the acting user). A
citizen's own submission here is possible only where CCHC_EFORM_CITIZEN_SUBMISSION is on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cchc.common.errors import Conflict, NotFound, PermissionDenied, TooLarge, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.selectors import dossier_scope
from cchc.dossiers.services import ComponentData, IntakeData, dossier_receive, dossier_submit
from cchc.eforms import conf, schema, selectors, sniff
from cchc.eforms.models import ComponentFile, EformDraft
from cchc.portal.selectors import vneid_verified
from cchc.procedures.models import Component

RECEPTION = "reception_officer"
ASSISTED_CHANNELS = (Channel.KIOSK, Channel.COUNTER)
PAPER_KEY = "_paper"  # component ids whose paper original the clerk has in hand (assisted only)
MAX_FILES_PER_DRAFT = 40


def size_text(n: int) -> str:
    """1536 → "1,5 KB", 10485760 → "10 MB" (Vietnamese decimal comma)."""
    unit, value = ("MB", n / 2**20) if n >= 2**20 else ("KB", n / 2**10) if n >= 2**10 else ("byte", float(n))
    return f"{f'{value:.1f}'.rstrip('0').rstrip('.').replace('.', ',')} {unit}"


def mode_for(user: Any) -> str:
    """The e-form mode ``user`` works in, or PermissionDenied with the reason in Vietnamese."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Cần đăng nhập để khai biểu mẫu điện tử.", code="not_authenticated")
    if getattr(user, "kind", "") == "citizen":
        if not conf.citizen_submission_open():
            raise PermissionDenied(
                "Từ ngày 01/7/2025, công dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia "
                f"({conf.national_portal_url()}). Bạn cũng có thể đến Bộ phận Một cửa để được cán bộ hỗ trợ "
                "khai và nộp.", code="citizen_submission_closed",
                details={"portal": conf.national_portal_url()})
        return EformDraft.Mode.CITIZEN
    if user.has_role(RECEPTION):
        return EformDraft.Mode.ASSISTED
    raise PermissionDenied("Chỉ cán bộ tiếp nhận (một cửa) được khai biểu mẫu hỗ trợ người dân.",
                           code="role_required", details={"roles": [RECEPTION]})


def _own_open(actor: Any, draft: EformDraft) -> None:
    if draft.owner_id != getattr(actor, "pk", None):
        raise PermissionDenied("Đây không phải bản khai của bạn.", code="not_your_draft")
    if draft.status != EformDraft.Status.DRAFT:
        raise Conflict("Bản khai đã được nộp, không sửa được nữa.", code="draft_submitted",
                       details={"dossier": draft.dossier.code if draft.dossier_id else None})


def _clip(form: schema.FormSchema, data: dict[str, Any]) -> dict[str, Any]:
    """What a draft keeps of ``data``: the form's fields as text (raw, so nothing typed is lost)."""
    out: dict[str, Any] = {}
    for spec in form.fields:
        if spec.name in data and data[spec.name] is not None:
            # NUL is refused by PostgreSQL's JSON: it never belongs in a typed value anyway.
            out[spec.name] = str(data[spec.name]).replace("\x00", "")[: spec.max_length * 2]
    return out


def draft_create(*, actor: Any, procedure_code: str, case_code: str = "", data: dict[str, Any] | None = None
                 ) -> EformDraft:
    """Start an e-form for a published procedure case (step 1 of the form)."""
    mode = mode_for(actor)
    definition = selectors.form_definition(procedure_code=procedure_code.strip(), case_code=case_code.strip())
    with transaction.atomic():
        draft = EformDraft.objects.create(owner=actor, case=definition.case, procedure_code=definition.procedure_code,
                                          mode=mode, data=_clip(definition.form, data or {}), step="fields")
        record_event(actor=actor, verb="eforms.draft_create", subject=draft,
                     data={"procedure": definition.procedure_code, "case": definition.case.code, "mode": mode})
    return draft


def draft_save(*, actor: Any, draft: EformDraft, data: dict[str, Any], step: str = "", strict: bool = False,
               paper: list[int] | None = None) -> EformDraft:
    """Save what was typed (autosave keeps raw text). With ``strict`` (leaving the fields step) every value
    must be valid and every required field filled, else nothing is saved."""
    _own_open(actor, draft)
    form = schema.form_of(draft.case.eform_schema)
    merged = {**{k: v for k, v in draft.data.items() if k != PAPER_KEY}, **_clip(form, data)}
    if strict:
        merged = schema.require_valid(form, merged)
    if paper is not None:
        if draft.mode != EformDraft.Mode.ASSISTED:
            raise PermissionDenied("Chỉ cán bộ tiếp nhận mới xác nhận đã nhận bản giấy.", code="paper_assisted_only")
        known = set(Component.objects.filter(case_id=draft.case_id).values_list("id", flat=True))
        merged[PAPER_KEY] = sorted({int(p) for p in paper if int(p) in known})
    elif PAPER_KEY in draft.data:
        merged[PAPER_KEY] = draft.data[PAPER_KEY]
    with transaction.atomic():
        updated = EformDraft.objects.filter(pk=draft.pk, status=EformDraft.Status.DRAFT).update(
            data=merged, step=step or draft.step, updated_at=timezone.now())
        if not updated:
            raise Conflict("Bản khai đã được nộp, không sửa được nữa.", code="draft_submitted")
    draft.refresh_from_db()
    return draft


def draft_delete(*, actor: Any, draft: EformDraft) -> None:
    """Discard an unsubmitted e-form and its files."""
    _own_open(actor, draft)
    files = list(draft.files.all())
    with transaction.atomic():
        ComponentFile.objects.filter(draft=draft, dossier__isnull=True).delete()
        record_event(actor=actor, verb="eforms.draft_delete", subject=draft, data={"files": len(files)})
        draft.delete()
    for f in files:
        f.file.delete(save=False)


def read_upload(upload: Any) -> bytes:
    """An uploaded file's bytes; one over the size limit is refused (413) without being read whole."""
    limit = conf.max_bytes()
    name = PurePosixPath((getattr(upload, "name", "") or "tep").replace("\\", "/")).name
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise TooLarge(f"Tệp “{name}” ({size_text(size)}) vượt giới hạn {size_text(limit)} cho mỗi tệp.",
                       code="file_too_large", details={"name": name, "size": size, "limit": limit})
    chunks, total = [], 0
    for chunk in upload.chunks():
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            break  # check_upload refuses it by size
    return b"".join(chunks)


@dataclass(frozen=True)
class Checked:
    name: str
    kind: str
    size: int
    sha256: str


def check_upload(name: str, data: bytes) -> Checked:
    """Refuse a file over the size limit (413) or whose real type is not accepted or not what its
    extension claims (422)."""
    name = PurePosixPath((name or "tep").replace("\x00", "").replace("\\", "/")).name[:255] or "tep"
    limit = conf.max_bytes()
    if len(data) > limit:
        raise TooLarge(f"Tệp “{name}” ({size_text(len(data))}) vượt giới hạn {size_text(limit)} cho mỗi tệp.",
                       code="file_too_large", details={"name": name, "size": len(data), "limit": limit})
    if not data:
        raise ValidationFailed(f"Tệp “{name}” rỗng.", code="file_empty", details={"name": name})
    verdict = sniff.check(name, data)
    if verdict.error:
        raise ValidationFailed(verdict.error, code="file_type_mismatch",
                               details={"name": name, "detected": sniff.describe(data),
                                        "allowed": sorted(sniff.KINDS)})
    return Checked(name=name, kind=verdict.kind or "", size=len(data), sha256=hashlib.sha256(data).hexdigest())


def _store(*, actor: Any, checked: Checked, data: bytes, component: Component, draft: EformDraft | None = None,
           dossier: Dossier | None = None, scanned: bool = False) -> ComponentFile:
    row = ComponentFile(draft=draft, dossier=dossier, component=component, original_name=checked.name,
                        kind=checked.kind, content_type=sniff.KINDS[checked.kind].content_type, size=checked.size,
                        sha256=checked.sha256, scanned=scanned, uploaded_by=actor)
    # The bytes are written first (the row needs the path); a failed insert removes them again.
    row.file.save(checked.name, ContentFile(data), save=False)
    try:
        row.save()
    except Exception:
        row.file.delete(save=False)
        raise
    return row


def _component(case_id: int, component_id: Any) -> Component:
    try:
        cid = int(component_id)
    except (TypeError, ValueError):
        cid = 0
    if not 0 < cid < 2**62:
        cid = 0
    component = Component.objects.filter(case_id=case_id, pk=cid).first()
    if component is None:
        raise ValidationFailed("Thành phần hồ sơ không thuộc trường hợp thủ tục này.", code="unknown_component",
                               details={"component_id": component_id})
    return component


def file_add(*, actor: Any, draft: EformDraft, component_id: Any, name: str, data: bytes) -> ComponentFile:
    """Attach one file to a component of a draft: size limit, real type, SHA-256 stored."""
    _own_open(actor, draft)
    component = _component(draft.case_id, component_id)
    checked = check_upload(name, data)
    if draft.files.count() >= MAX_FILES_PER_DRAFT:
        raise ValidationFailed(f"Mỗi bản khai có tối đa {MAX_FILES_PER_DRAFT} tệp.", code="too_many_files")
    written: list[ComponentFile] = []
    try:
        with transaction.atomic():
            row = _store(actor=actor, checked=checked, data=data, component=component, draft=draft)
            written.append(row)
            EformDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
            record_event(actor=actor, verb="eforms.file_add", subject=draft,
                         data={"file": row.pk, "component": component.pk, "kind": row.kind, "size": row.size,
                               "sha256": row.sha256})
    except Exception:
        _unlink(written)  # the row was rolled back: do not leave its bytes behind
        raise
    return row


def file_remove(*, actor: Any, file: ComponentFile) -> None:
    """Remove a file from an unsubmitted draft."""
    if file.draft is None or file.dossier_id:
        raise Conflict("Tệp đã thuộc hồ sơ, không xoá được.", code="file_locked")
    _own_open(actor, file.draft)
    with transaction.atomic():
        record_event(actor=actor, verb="eforms.file_remove", subject=file.draft,
                     data={"file": file.pk, "sha256": file.sha256})
        file.delete()
    file.file.delete(save=False)


def missing_components(draft: EformDraft, files: list[ComponentFile] | None = None) -> list[Component]:
    """Required components with neither a file nor (assisted) a paper original in hand."""
    files = files if files is not None else selectors.draft_files(draft=draft)
    have = {f.component_id for f in files} | set(draft.data.get(PAPER_KEY, []))
    return [c for c in Component.objects.filter(case_id=draft.case_id, required=True).order_by("order", "id")
            if c.pk not in have]


def draft_submit(*, actor: Any, draft: EformDraft, channel: str = "", receive_now: bool = True,
                 receiving_agency_code: str = "") -> Dossier:
    """Submit the e-form: a dossier through the intake services, the files moved onto it, the draft closed.

    - Assisted (reception officer): the dossier's applicant is the citizen named on the form, the clerk the
      acting user. Channel "kiosk" (assisted online submission) or "counter"; received at once
      (``dossier_receive``: RECEIVED with code and appointment) or, at a kiosk, left for checking
      (``dossier_submit``: SUBMITTED).
    - Citizen (only with CCHC_EFORM_CITIZEN_SUBMISSION): an online submission awaiting acceptance.

    All or nothing: an unpublished procedure, an invalid field or a missing required component creates
    nothing.
    """
    mode = mode_for(actor)
    _own_open(actor, draft)
    definition = selectors.form_definition(procedure_code=draft.procedure_code, case_code=draft.case.code)
    cleaned = schema.require_valid(definition.form, draft.data)
    files = selectors.draft_files(draft=draft)
    missing = missing_components(draft, files)
    if missing:
        names = [c.name for c in missing]
        raise ValidationFailed("Còn thiếu thành phần hồ sơ bắt buộc: " + "; ".join(names) + ".",
                               code="missing_components", details={"missing": names})
    if mode == EformDraft.Mode.CITIZEN:
        channel, receive_now = Channel.ONLINE, False
        if not receiving_agency_code and len(definition.receiving_agencies) == 1:
            receiving_agency_code = definition.receiving_agencies[0].code
    else:
        channel = channel or Channel.KIOSK
        if channel not in ASSISTED_CHANNELS:
            raise ValidationFailed("Nộp có hỗ trợ chỉ qua ki-ốt hoặc tại quầy.", code="wrong_channel",
                                   details={"allowed": list(ASSISTED_CHANNELS)})
        if channel == Channel.COUNTER:
            receive_now = True  # a counter dossier is received on the spot
        receiving_agency_code = ""
    with_file = {f.component_id for f in files}
    paper = set(draft.data.get(PAPER_KEY, []))
    components = [ComponentData(component_id=c.pk, originals=c.originals if c.pk in paper else 0,
                                copies=c.copies if c.pk in paper else 0, digitised=c.pk in with_file)
                  for c in definition.components if c.pk in with_file or c.pk in paper]
    extra = {k: v for k, v in cleaned.items() if k not in schema.COMMON_NAMES}
    data = IntakeData(
        procedure_code=draft.procedure_code, case_code=draft.case.code, channel=channel,
        receiving_agency_code=receiving_agency_code, applicant_name=cleaned.get("applicant_name", ""),
        applicant_id_number=cleaned.get("applicant_id_number", ""), applicant_phone=cleaned.get("applicant_phone", ""),
        applicant_email=cleaned.get("applicant_email", ""), applicant_address=cleaned.get("applicant_address", ""),
        subject=cleaned.get("subject") or definition.procedure_name[:1000], components=components,
        # A citizen's own submission carries their VNeID proof; an assisted one is the clerk's session.
        vneid_verified=mode != EformDraft.Mode.ASSISTED and vneid_verified(actor),
        note=("Nộp qua biểu mẫu điện tử có hỗ trợ của cán bộ tiếp nhận" if mode == EformDraft.Mode.ASSISTED
              else "Công dân tự nộp qua biểu mẫu điện tử"),
    )
    with transaction.atomic():
        # Claim the draft first: a double click submits once.
        if not EformDraft.objects.filter(pk=draft.pk, status=EformDraft.Status.DRAFT).update(
                status=EformDraft.Status.SUBMITTED, submitted_at=timezone.now()):
            raise Conflict("Bản khai đã được nộp.", code="draft_submitted")
        if receive_now:
            dossier = dossier_receive(actor=actor, data=data)
        else:
            dossier = dossier_submit(actor=actor, data=data)
        EformDraft.objects.filter(pk=draft.pk).update(dossier=dossier, data={**cleaned, PAPER_KEY: sorted(paper)},
                                                      step="done", updated_at=timezone.now())
        ComponentFile.objects.filter(draft=draft).update(dossier=dossier)
        record_event(actor=actor, verb="eforms.submit", subject=("dossiers.dossier", dossier.code),
                     data={"draft": draft.pk, "mode": mode, "channel": channel, "state": dossier.state,
                           "assisted": mode == EformDraft.Mode.ASSISTED, "files": len(files),
                           "applicant_id_number": data.applicant_id_number, "fields": extra})
    draft.refresh_from_db()
    return dossier


def dossier_attach_scan(*, actor: Any, dossier: Dossier, component_id: Any, name: str, data: bytes) -> ComponentFile:
    """A clerk attaches a SCANNED component to an existing dossier: the file is checked and stored, the
    component is marked digitised in the dossier's component list and the dossier's digitised flag
    (``has_digitised_components``, reported to the national portal) is set — a guarded update, so two clerks
    scanning at once both keep their marks."""
    if not (getattr(actor, "kind", "") == "staff" and actor.has_role(RECEPTION, "return_officer", "admin")):
        raise PermissionDenied("Chỉ cán bộ một cửa được đính kèm bản quét thành phần hồ sơ.", code="role_required")
    dossier = dossier_scope(user=actor).filter(pk=dossier.pk).first() or _not_yours(dossier)
    component = _component(dossier.case_id, component_id)
    checked = check_upload(name, data)
    written: list[ComponentFile] = []
    try:
        row = _attach(actor=actor, dossier=dossier, component=component, checked=checked, data=data, written=written)
    except Exception:
        _unlink(written)
        raise
    return row


def _attach(*, actor: Any, dossier: Dossier, component: Component, checked: Checked, data: bytes,
            written: list[ComponentFile]) -> ComponentFile:
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().only("id", "components", "has_digitised_components").get(
            pk=dossier.pk)
        comps = list(locked.components or [])
        entry = next((c for c in comps if c.get("component") == component.pk), None)
        if entry is None:
            comps.append({"component": component.pk, "name": component.name, "originals": 0, "copies": 0,
                          "digitised": True, "from_national_store": False, "reused": False})
        else:
            entry["digitised"] = True
        Dossier.objects.filter(pk=dossier.pk).update(components=comps, has_digitised_components=True,
                                                     updated_at=timezone.now())
        row = _store(actor=actor, checked=checked, data=data, component=component, dossier=dossier, scanned=True)
        written.append(row)
        record_event(actor=actor, verb="eforms.scan_attach", subject=("dossiers.dossier", dossier.code),
                     data={"file": row.pk, "component": component.pk, "kind": row.kind, "size": row.size,
                           "sha256": row.sha256, "was_digitised": locked.has_digitised_components})
    return row


def _unlink(rows: list[ComponentFile]) -> None:
    for row in rows:
        row.file.delete(save=False)


def _not_yours(dossier: Dossier) -> Dossier:
    raise NotFound(f"Không tìm thấy hồ sơ “{dossier.code}”.", code="dossier_not_found")
