"""Reads of the catalogue: search, the version in force at an instant, a case, history, content.

The catalogue is public information (published versions); drafts are shown to staff only, which
the views and the API decide by passing ``public=True`` or not.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from cchc.common.errors import NotFound
from cchc.common.text import fold
from cchc.procedures.content import CASE_FLAGS, FLAG_FIELDS, TEXT_FIELDS
from cchc.procedures.models import (
    Component,
    Fee,
    ProcedureCase,
    ProcedureVersion,
    ProcessStep,
    Sector,
    VersionStatus,
)
from cchc.procedures.process import ProcessCheck, StepSpec, check_process


def with_details(qs: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    """A version with everything its page shows, in a fixed number of queries."""
    return qs.select_related("procedure", "sector").prefetch_related(
        "competent_agencies", "intake_agencies",
        Prefetch("cases", queryset=ProcedureCase.objects.order_by("code").prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("order")),
            Prefetch("fees", queryset=Fee.objects.order_by("pk")),
            Prefetch("steps", queryset=ProcessStep.objects.select_related("agency").order_by("order")),
        )),
    )


def version_in_force(procedure_code: str, *, at: datetime | None = None) -> ProcedureVersion:
    """The version a dossier received at ``at`` (default: now) must keep: published by then, not yet replaced.

    Raises NotFound (``procedure_not_in_force``) when the procedure had no version in force then.
    """
    at = at or timezone.now()
    # A published row without a date (bulk-inserted synthetic data, rows written by hand) counts as in
    # force since ever, rather than making its procedure vanish.
    since = Q(published_at__lte=at) | Q(published_at__isnull=True, status=VersionStatus.PUBLISHED)
    version = with_details(ProcedureVersion.objects.filter(
        since, procedure__code=procedure_code, status__in=[VersionStatus.PUBLISHED, VersionStatus.REPEALED],
    ).filter(Q(repealed_at__isnull=True) | Q(repealed_at__gt=at))).order_by(
        F("published_at").desc(nulls_last=True)).first()
    if version is None:
        raise NotFound(f"Thủ tục “{procedure_code}” không có phiên bản nào đang có hiệu lực vào thời điểm "
                       f"{timezone.localtime(at):%H:%M %d/%m/%Y}.", code="procedure_not_in_force")
    return version


def case_get(*, version: ProcedureVersion, code: str) -> ProcedureCase:
    """A case of a version by its code, or NotFound (``case_not_found``)."""
    for case in version.cases.all():  # uses the prefetch when there is one
        if case.code == code:
            return case
    raise NotFound(f"Phiên bản {version.number} của thủ tục {version.procedure.code} không có trường hợp “{code}”.",
                   code="case_not_found")


def version_get(*, code: str, number: int | None = None, public: bool = False) -> ProcedureVersion:
    """One version with its details: ``number``, or the in-force one, else the latest (staff only)."""
    qs = with_details(ProcedureVersion.objects.filter(procedure__code=code))
    if public:
        qs = qs.exclude(status=VersionStatus.DRAFT)
    if number is not None:
        version = qs.filter(number=number).first()
    else:
        version = qs.filter(status=VersionStatus.PUBLISHED).first() or qs.order_by("-number").first()
    if version is None:
        what = f"phiên bản {number} của thủ tục" if number is not None else "thủ tục"
        raise NotFound(f"Không tìm thấy {what} “{code}”.", code="procedure_not_found")
    return version


def version_history(*, code: str, public: bool = False) -> list[ProcedureVersion]:
    """Every version of a procedure, newest first (drafts left out for the public)."""
    qs = ProcedureVersion.objects.filter(procedure__code=code).select_related("created_by", "based_on")
    if public:
        qs = qs.exclude(status=VersionStatus.DRAFT)
    versions = list(qs.order_by("-number"))
    if not versions:
        raise NotFound(f"Không tìm thấy thủ tục “{code}”.", code="procedure_not_found")
    return versions


def catalogue_list(*, q: str = "", sector: str = "", level: str = "", status: str = "", public: bool = False,
                   ) -> QuerySet[ProcedureVersion]:
    """One row per procedure, searched without accents ("cap giay phep xay dung").

    Without ``status``: the version in force, or the latest draft of a procedure never published.
    With ``status``: the latest version in that status. The public sees published versions only.
    """
    if public:
        status = VersionStatus.PUBLISHED
    qs = ProcedureVersion.objects.all()
    if status:
        latest = ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), status=status).order_by("-number")
        qs = qs.filter(status=status, number=Subquery(latest.values("number")[:1]))
    else:
        published = ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), status=VersionStatus.PUBLISHED)
        latest = ProcedureVersion.objects.filter(procedure=OuterRef("procedure")).order_by("-number")
        qs = qs.annotate(has_published=Exists(published)).filter(
            Q(status=VersionStatus.PUBLISHED) | Q(has_published=False, number=Subquery(latest.values("number")[:1])))
    for word in fold(q).split()[:20]:
        qs = qs.filter(search_text__contains=word)
    if sector:
        qs = qs.filter(sector__code=sector)
    if level:
        qs = qs.filter(level_index__contains=f" {level} ")
    return qs.select_related("procedure", "sector").order_by("procedure__code")


def sector_list() -> QuerySet[Sector]:
    """Every sector, by name (for the filters)."""
    return Sector.objects.order_by("name")


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def version_content(version: ProcedureVersion) -> dict[str, Any]:
    """The version's catalogue content in the canonical shape of :mod:`cchc.procedures.content`."""
    out: dict[str, Any] = {key: getattr(version, key) or "" for key in TEXT_FIELDS if key != "sector"}
    out["sector"] = version.sector.name if version.sector_id else ""
    out.update({key: getattr(version, key) for key in FLAG_FIELDS})
    out.update(levels=list(version.levels), implementing_agencies=list(version.implementing_agencies),
               subjects=list(version.subjects), results=list(version.results), legal_basis=list(version.legal_basis),
               online_level=version.online_level, extra=dict(version.extra or {}),
               competent_agencies=sorted(a.code for a in version.competent_agencies.all()),
               intake_agencies=sorted(a.code for a in version.intake_agencies.all()))
    cases = []
    for case in sorted(version.cases.all(), key=lambda c: c.code):
        cases.append({
            "code": case.code, "name": case.name, "time_limit": _dec(case.time_limit),
            "time_limit_online": _dec(case.time_limit_online), "time_unit": case.time_unit,
            "same_day_cutoff": case.same_day_cutoff.strftime("%H:%M") if case.same_day_cutoff else None,
            "supplement_days": case.supplement_days, **{k: getattr(case, k) for k in CASE_FLAGS},
            "components": [{
                "name": c.name, "national_code": c.national_code, "form_name": c.form_name, "form_url": c.form_url,
                "required": c.required, "replaceable_by_data": c.replaceable_by_data, "originals": c.originals,
                "copies": c.copies, "order": c.order,
            } for c in sorted(case.components.all(), key=lambda c: c.order)],
            "fees": [{
                "kind": f.kind, "code": f.code, "name": f.name, "amount": None if f.amount is None else int(f.amount),
                "description": f.description, "collect": f.collect,
            } for f in sorted(case.fees.all(), key=lambda f: f.pk)],
        })
    out["cases"] = cases
    return out


def step_specs(case: ProcedureCase) -> list[StepSpec]:
    """The case's stored steps as the pure checker takes them."""
    return [StepSpec(code=s.code, name=s.name, role=s.role, allotted=s.allotted, unit=s.allotted_unit,
                     actions=tuple(s.actions), successors=tuple(s.successors), place=s.place,
                     agency=s.agency.code if s.agency_id else "")
            for s in sorted(case.steps.all(), key=lambda s: s.order)]


def process_check_of(case: ProcedureCase, steps: list[StepSpec] | None = None) -> ProcessCheck:
    """The stored (or proposed) process of a case checked against the case's legal limit."""
    return check_process(step_specs(case) if steps is None else steps, limit=case.time_limit, unit=case.time_unit,
                         limit_online=case.time_limit_online)
