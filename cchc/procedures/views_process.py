"""The process editor of one case: steps held in the form until "Lưu", checked on every change.

Add, remove and move buttons only rework the posted list and render it again (with htmx just the
editor is swapped; without JavaScript the whole page), and each render shows the check of the
list as it stands: the total against the legal limit and every problem, by step. "Lưu" goes
through :func:`services.process_save`; on a published version that opens a new draft (a copy)
and the editor follows it there.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.common.errors import DomainError
from cchc.procedures import selectors, services
from cchc.procedures.models import ProcedureCase, ProcessStep, TimeUnit, VersionStatus
from cchc.procedures.process import (
    STEP_ACTIONS,
    STEP_ROLES,
    STEP_UNITS,
    WORKING_DAY_HOURS,
    ProcessCheck,
    StepSpec,
    fmt_number,
    to_hours,
)

MAX_STEPS = 30
PLACES = {"one_stop": gettext_lazy("Bộ phận Một cửa"), "competent": gettext_lazy("Cơ quan giải quyết"),
          "coordinator": gettext_lazy("Cơ quan phối hợp")}


def _posted_steps(request: HttpRequest) -> list[dict]:
    """The steps as the form holds them (strings, unchecked): index-named fields ``s<i>-<field>``."""
    try:
        count = max(0, min(int(request.POST.get("count", "0")), MAX_STEPS))
    except ValueError:
        count = 0
    rows = []
    for i in range(count):
        get = lambda key, i=i: request.POST.get(f"s{i}-{key}", "").strip()  # noqa: E731
        rows.append({"code": get("code")[:30], "name": get("name")[:255], "role": get("role"), "place": get("place"),
                     "allotted": get("allotted").replace(",", ".")[:12], "unit": get("unit"),
                     "successors": get("successors")[:300], "agency": get("agency")[:64],
                     "actions": [a for a in request.POST.getlist(f"s{i}-actions") if a in STEP_ACTIONS]})
    return rows


def _stored_steps(case: ProcedureCase) -> list[dict]:
    return [{"code": s.code, "name": s.name, "role": s.role, "place": s.place, "allotted": fmt_number(s.allotted)
             .replace(",", "."), "unit": s.allotted_unit, "successors": ", ".join(s.successors),
             "agency": s.agency.code if s.agency_id else "", "actions": list(s.actions)} for s in case.steps.all()]


def _spec(row: dict) -> StepSpec:
    try:
        allotted = Decimal(row["allotted"] or "nan")
    except InvalidOperation:
        allotted = Decimal("NaN")
    successors = tuple(c.strip() for c in row["successors"].replace(";", ",").split(",") if c.strip())
    return StepSpec(code=row["code"], name=row["name"], role=row["role"], allotted=allotted, unit=row["unit"],
                    actions=tuple(row["actions"]), successors=successors, place=row["place"] or "competent",
                    agency=row["agency"])


def _apply(op: str, rows: list[dict]) -> list[dict]:
    """Rework the list: ``add``, ``remove:<i>``, ``up:<i>``, ``down:<i>``; anything else leaves it as is."""
    name, _sep, arg = op.partition(":")
    i = int(arg) if arg.isdigit() else -1
    if name == "add" and len(rows) < MAX_STEPS:
        used = {r["code"] for r in rows}
        n = len(rows) + 1
        while f"B{n}" in used:
            n += 1
        rows.append({"code": f"B{n}", "name": "", "role": "specialist", "place": "competent", "allotted": "1",
                     "unit": "working_hours", "successors": "", "agency": "", "actions": ["forward"]})
    elif name == "remove" and 0 <= i < len(rows):
        gone = rows.pop(i)["code"]
        for row in rows:  # nobody may point at the removed step any more
            row["successors"] = ", ".join(c.strip() for c in row["successors"].split(",") if c.strip() and c.strip() != gone)
    elif name == "up" and 0 < i < len(rows):
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
    elif name == "down" and 0 <= i < len(rows) - 1:
        rows[i + 1], rows[i] = rows[i], rows[i + 1]
    return rows


def _context(case: ProcedureCase, rows: list[dict], check: ProcessCheck, **extra) -> dict:
    by_step: dict[str, list[str]] = {}
    general = []
    for issue in check.issues:
        (by_step.setdefault(issue.step, []) if issue.step else general).append(issue.message)
    for row in rows:
        row["issues"] = by_step.get(row["code"], [])
        try:
            row["hours"] = fmt_number(to_hours(Decimal(row["allotted"]), row["unit"]))
        except (InvalidOperation, ValueError, DomainError):
            row["hours"] = ""
    version = case.version
    percent = None
    if check.limit_hours:
        percent = min(100, int(check.total_hours * 100 / check.limit_hours))
    return {
        "case": case, "version": version, "procedure": version.procedure, "rows": rows, "check": check,
        "general_issues": general, "percent": percent, "roles": STEP_ROLES, "places": PLACES,
        "units": [(u.value, TimeUnit(u.value).label) for u in STEP_UNITS], "actions": ProcessStep.Action.choices,
        "working_day_hours": fmt_number(WORKING_DAY_HOURS), "total": fmt_number(check.total_hours),
        "limit": fmt_number(check.limit_hours), "editable": True, **extra,
    }


@login_required
@permission_required("procedures.view_catalogue", raise_exception=True)
def process_editor(request: HttpRequest, code: str, number: int, case_code: str) -> HttpResponse:
    try:
        version = selectors.version_get(code=code, number=number)
        case = selectors.case_get(version=version, code=case_code)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    can_manage = request.user.has_perm("procedures.manage_catalogue")
    draft = version.procedure.versions.filter(status=VersionStatus.DRAFT).exclude(pk=version.pk).first()
    # A published version is edited by copying it into a new draft, unless a draft is already open.
    editable = can_manage and (version.status == VersionStatus.DRAFT
                               or (version.status == VersionStatus.PUBLISHED and draft is None))
    saved_message = ""
    if request.method == "POST" and editable:
        rows = _posted_steps(request)
        op = request.POST.get("op", "check")
        if op == "save":
            specs = [_spec(r) for r in rows]
            try:
                saved = services.process_save(actor=request.user, case=case, steps=specs,
                                              reason=request.POST.get("reason", "")[:1000])
            except DomainError as exc:
                saved_message = exc.message
            else:
                url = reverse("procedures:process", args=[code, saved.version.number, case_code])
                messages.success(request, _("Đã lưu quy trình (phiên bản %(n)s, dự thảo).") % {"n": saved.version.number})
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return redirect(url)
        else:
            rows = _apply(op, rows)
    else:
        rows = _stored_steps(case)
    check = selectors.process_check_of(case, [_spec(r) for r in rows])
    context = _context(case, rows, check, editable=editable, other_draft=draft, save_error=saved_message,
                       cases=list(version.cases.all()), dirty=request.method == "POST")
    template = "procedures/_process_editor.html" if request.headers.get("HX-Request") else "procedures/process.html"
    return render(request, template, context)
