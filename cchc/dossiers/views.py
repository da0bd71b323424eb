"""Staff pages: the dossier list, a dossier with its timeline and the actions its state allows, counter intake.

Every action is a form posting to :func:`dossier_act`, which calls the same service as the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.dossiers import lifecycle, selectors, services
from cchc.dossiers.forms import IntakeForm, action_form, service_kwargs
from cchc.dossiers.lifecycle import STATE_LABELS, Action, State, StepResult
from cchc.dossiers.panels import dossier_panels
from cchc.dossiers.services import ComponentData, IntakeData


def _staff(request: HttpRequest) -> HttpResponse | None:
    if request.user.kind != "staff":
        return render(request, "common/error.html", {"message": "Trang dành cho cán bộ, công chức."}, status=403)
    return None


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    state = request.GET.get("state", "")
    if state not in State._value2member_map_:
        state = ""
    q = request.GET.get("q", "").strip()[:100]
    overdue = request.GET.get("overdue") == "1"
    qs = selectors.dossier_list(user=request.user, state=state, q=q, overdue=True if overdue else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    can_receive = lifecycle.RECEPTION in request.user.role_set
    return render(request, "dossiers/list.html", {
        "page": page, "state": state, "q": q, "overdue": overdue, "states": [(s.value, s.label) for s in State],
        "can_receive": can_receive,
    })


def _label(value: str) -> str:
    try:
        return STATE_LABELS[State(value)]
    except ValueError:
        return value or "—"


@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    try:
        dossier = selectors.dossier_get(user=request.user, code=code)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    # The page shows the applicant's identity number, phone and address: log who saw them (one INSERT).
    from cchc.queues.services import personal_data_view_record

    personal_data_view_record(actor=request.user, dossier=dossier, context="dossier_detail",
                              ip=request.META.get("REMOTE_ADDR") or None)
    log = selectors.dossier_log(dossier=dossier)
    rows = [{
        "entry": e, "action": Action(e.action).label if e.action in Action._value2member_map_ else e.action,
        "from": _label(e.from_state), "to": _label(e.to_state),
        "result": StepResult(e.step_result).label if e.step_result else "",
    } for e in log]
    actions = [{"transition": t, "form": action_form(t.action, prefix=t.action.value)}
               for t in selectors.dossier_actions(user=request.user, dossier=dossier)]
    history = selectors.dossier_history(dossier=dossier)
    return render(request, "dossiers/detail.html", {
        "d": dossier, "rows": rows, "actions": actions, "history": history,
        "wait": selectors.supplement_wait(dossier=dossier, history=history),
        "timing": selectors.dossier_timing(dossier=dossier), "national": lifecycle.NATIONAL_STATUSES.get(
            dossier.national_status or 0, ("", ""))[0],
        "panels": dossier_panels(),
    })


@login_required
@require_POST
def dossier_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    if (denied := _staff(request)) is not None:
        return denied
    if action not in Action._value2member_map_ or Action(action) not in services.ACTION_SERVICES:
        return render(request, "common/error.html", {"message": "Thao tác không tồn tại."}, status=404)
    act = Action(action)
    try:
        dossier = selectors.dossier_get(user=request.user, code=code)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    form = action_form(act, data=request.POST, prefix=act.value)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields)
        messages.error(request, f"{act.label}: {errors or 'dữ liệu không hợp lệ.'}")
        return redirect("dossiers:detail", code=code)
    try:
        services.ACTION_SERVICES[act](actor=request.user, dossier=dossier, **service_kwargs(act, form.cleaned_data))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã thực hiện: {act.label}.")
    return redirect("dossiers:detail", code=code)


@login_required
def dossier_new(request: HttpRequest) -> HttpResponse:
    """Counter intake: pick the procedure (and case), then the applicant and the documents handed in."""
    if (denied := _staff(request)) is not None:
        return denied
    from cchc.procedures.models import Component, ProcedureCase

    procedure = (request.GET.get("procedure") or request.POST.get("procedure") or "").strip()[:40]
    case_code = (request.GET.get("case") or request.POST.get("case_code") or "").strip()[:40]
    cases = list(ProcedureCase.objects.select_related("version__procedure").filter(
        version__procedure__code=procedure, version__status="published").order_by("code")) if procedure else []
    case = next((c for c in cases if c.code == case_code), cases[0] if len(cases) == 1 else None)
    components = list(Component.objects.filter(case=case).order_by("order")) if case else []
    form = IntakeForm(request.POST or None, initial={"case_code": case.code if case else ""})
    if request.method == "POST" and case is not None and form.is_valid():
        given = [ComponentData(component_id=c.pk, originals=1, digitised=bool(request.POST.get(f"digitised-{c.pk}")))
                 for c in components if request.POST.get(f"component-{c.pk}")]
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("case_code", "fee_amount")}
        fee = form.cleaned_data.get("fee_amount") or 0
        data = IntakeData(procedure_code=procedure, case_code=case.code, components=given, fee_amount=fee,
                          fee_paid=fee > 0, **fields)
        try:
            dossier = services.dossier_receive(actor=request.user, data=data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã tiếp nhận hồ sơ {dossier.code}.")
            return redirect("dossiers:detail", code=dossier.code)
    return render(request, "dossiers/new.html", {"form": form, "procedure": procedure, "cases": cases, "case": case,
                                                 "components": components})
