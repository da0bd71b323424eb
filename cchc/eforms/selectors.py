"""Reads of the e-forms: a procedure's form definition, one's own drafts, files one may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from cchc.common.errors import NotFound, ValidationFailed
from cchc.dossiers import catalogue
from cchc.dossiers.selectors import dossier_scope
from cchc.eforms import schema
from cchc.eforms.models import ComponentFile, EformDraft
from cchc.procedures.models import Component, Procedure, ProcedureCase


@dataclass
class FormDefinition:
    procedure_code: str
    procedure_name: str
    case: ProcedureCase
    cases: list[ProcedureCase]
    form: schema.FormSchema
    components: list[Component]
    receiving_agencies: list[Any] = field(default_factory=list)


def published_cases(procedure_code: str) -> list[ProcedureCase]:
    """The cases of the published version of ``procedure_code``; NotFound / ValidationFailed (unpublished)."""
    if not procedure_code or len(procedure_code) > 40 or "\x00" in procedure_code:
        raise NotFound(f"Không có thủ tục mã “{procedure_code[:40]}”.", code="procedure_not_found")
    rows = catalogue.published_cases(procedure_code)
    if not rows:
        if not Procedure.objects.filter(code=procedure_code).exists():
            raise NotFound(f"Không có thủ tục mã “{procedure_code}”.", code="procedure_not_found")
        raise ValidationFailed(
            f"Thủ tục “{procedure_code}” chưa được công bố (hoặc đã bãi bỏ): chưa thể khai và nộp hồ sơ.",
            code="procedure_not_published")
    ids = [row.case.pk for row in rows]
    return list(ProcedureCase.objects.select_related("version", "version__procedure").filter(pk__in=ids)
                .order_by("code"))


def published_search(*, q: str, limit: int = 20) -> list[Any]:
    """Published procedure versions whose name matches ``q`` (accent-insensitive), for choosing one."""
    from cchc.procedures.selectors import catalogue_list

    if not q.strip():
        return []
    return list(catalogue_list(q=q[:100], public=True)[:limit])


def form_definition(*, procedure_code: str, case_code: str = "") -> FormDefinition:
    """The e-form of a published procedure case: common applicant fields, the case's fields, its components.

    Without ``case_code`` the first case is chosen (the caller lists ``cases`` so the user can change it).
    """
    cases = published_cases(procedure_code)
    case = cases[0]
    if case_code:
        case_code = case_code[:40]
        case = next((c for c in cases if c.code == case_code), None)
        if case is None:
            raise ValidationFailed(f"Thủ tục “{procedure_code}” không có trường hợp “{case_code}”.",
                                   code="unknown_case", details={"cases": [c.code for c in cases]})
    version = case.version
    intake = list(version.intake_agencies.order_by("code")) or list(version.competent_agencies.order_by("code"))
    return FormDefinition(procedure_code=procedure_code, procedure_name=version.name, case=case, cases=cases,
                          form=schema.form_of(case.eform_schema),
                          components=list(Component.objects.filter(case=case).order_by("order", "id")),
                          receiving_agencies=intake)


def drafts_of(*, user: Any) -> QuerySet[EformDraft]:
    """The user's e-forms still being filled in, most recently touched first."""
    if not getattr(user, "is_authenticated", False):
        return EformDraft.objects.none()
    return (EformDraft.objects.filter(owner=user, status=EformDraft.Status.DRAFT)
            .select_related("case", "case__version").order_by("-updated_at"))


def draft_get(*, user: Any, draft_id: int) -> EformDraft:
    """One of the user's own e-forms (another person's answers not found)."""
    if not 0 < draft_id < 2**62:  # an id no database row can have (and SQLite cannot bind)
        raise NotFound("Không tìm thấy bản khai.", code="draft_not_found")
    draft = (EformDraft.objects.select_related("case", "case__version", "dossier")
             .filter(pk=draft_id, owner_id=getattr(user, "pk", None)).first())
    if draft is None:
        raise NotFound("Không tìm thấy bản khai.", code="draft_not_found")
    return draft


def draft_files(*, draft: EformDraft) -> list[ComponentFile]:
    return list(draft.files.select_related("component").order_by("component__order", "uploaded_at", "id"))


def dossier_files(*, dossier: Any) -> list[ComponentFile]:
    """The component files attached to a dossier (uploaded with its e-form or scanned at the counter)."""
    return list(ComponentFile.objects.filter(dossier=dossier).select_related("component", "uploaded_by")
                .order_by("component__order", "uploaded_at", "id"))


def file_get(*, user: Any, file_id: int) -> ComponentFile:
    """A file the user may download: on their own draft, or on a dossier they can see."""
    if not 0 < file_id < 2**62:
        raise NotFound("Không tìm thấy tệp.", code="file_not_found")
    f = ComponentFile.objects.select_related("draft", "dossier", "component").filter(pk=file_id).first()
    if f is None:
        raise NotFound("Không tìm thấy tệp.", code="file_not_found")
    if f.draft_id and f.draft.owner_id == getattr(user, "pk", None):
        return f
    if f.dossier_id and dossier_scope(user=user).filter(pk=f.dossier_id).exists():
        return f
    raise NotFound("Không tìm thấy tệp.", code="file_not_found")
