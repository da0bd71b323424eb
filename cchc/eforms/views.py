"""E-form pages: choose a procedure, fill the fields (autosaved), upload components, check the summary,
submit; "my drafts"; scanned components of an existing dossier; the panel on the staff dossier page.

Every page calls the same services as the API.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError, PermissionDenied, ValidationFailed
from cchc.dossiers.models import Channel
from cchc.dossiers.selectors import dossier_get
from cchc.eforms import conf, schema, selectors, services
from cchc.eforms.api import lookup_url, slip_url
from cchc.eforms.models import EformDraft

STEPS = (("choose", "Chọn thủ tục"), ("fields", "Khai thông tin"), ("files", "Thành phần hồ sơ"),
         ("summary", "Kiểm tra và nộp"))


def _error(request: HttpRequest, exc: DomainError, status: int | None = None) -> HttpResponse:
    return render(request, "common/error.html", {"message": exc.message}, status=status or exc.status)


def _closed(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "eforms/closed.html", {"message": exc.message, "portal": conf.national_portal_url()},
                  status=403)


def _mode(request: HttpRequest) -> tuple[str | None, HttpResponse | None]:
    try:
        return services.mode_for(request.user), None
    except PermissionDenied as exc:
        if exc.code == "citizen_submission_closed":
            return None, _closed(request, exc)
        return None, _error(request, exc)


def _start(request: HttpRequest, mode: str) -> HttpResponse:
    procedure = request.GET.get("procedure", request.POST.get("procedure", "")).strip()[:40]
    ctx: dict[str, Any] = {"mode": mode, "procedure": procedure, "steps": STEPS, "current": "choose",
                           "drafts": selectors.drafts_of(user=request.user)[:20]}
    if procedure:
        try:
            ctx["definition"] = selectors.form_definition(procedure_code=procedure)
        except DomainError as exc:
            # Not a code: perhaps words of the name ("ly lich tu phap").
            ctx["matches"] = selectors.published_search(q=procedure) if exc.code == "procedure_not_found" else []
            if not ctx["matches"]:
                ctx["error"] = exc.message
    if request.method == "POST" and "definition" in ctx:
        try:
            draft = services.draft_create(actor=request.user, procedure_code=procedure,
                                          case_code=request.POST.get("case", ""))
        except DomainError as exc:
            ctx["error"] = exc.message
        else:
            return redirect("eforms:draft", draft.pk)
    return render(request, "eforms/start.html", ctx, status=422 if ctx.get("error") and request.method == "POST"
                  else 200)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Citizens' self-service (only where the setting opens it); staff go to assisted submission."""
    mode, denied = _mode(request)
    if denied is not None:
        return denied
    if mode == EformDraft.Mode.ASSISTED:
        return redirect("eforms:assisted")
    return _start(request, mode)


@login_required
def assisted(request: HttpRequest) -> HttpResponse:
    """Assisted submission at the counter or a kiosk by a reception officer."""
    mode, denied = _mode(request)
    if denied is not None:
        return denied
    if mode != EformDraft.Mode.ASSISTED:
        return redirect("eforms:index")
    return _start(request, mode)


@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    """My unfinished e-forms, to resume."""
    return render(request, "eforms/drafts.html", {"drafts": selectors.drafts_of(user=request.user)})


def _draft(request: HttpRequest, draft_id: int) -> tuple[EformDraft | None, HttpResponse | None]:
    try:
        draft = selectors.draft_get(user=request.user, draft_id=draft_id)
    except DomainError as exc:
        return None, _error(request, exc)
    if draft.status == EformDraft.Status.SUBMITTED:
        return draft, redirect("eforms:done", draft.pk)
    return draft, None


def _input_value(spec: schema.FieldSpec, value: str) -> str:
    if spec.type == "date" and value:
        cleaned, error = schema.clean_value(spec, value)
        return cleaned if not error else value
    return value


def _shown(spec: schema.FieldSpec, value: str) -> str:
    """A value as people read it: dates as dd/mm/yyyy, a choice by its label."""
    if spec.type == "date" and len(value) == 10 and value[4] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if spec.type == "select":
        return next((c.label for c in spec.choices if c.value == value), value)
    return value


def _fields_ctx(draft: EformDraft, form: schema.FormSchema, errors: dict[str, str] | None = None) -> list[dict]:
    errors = errors or {}
    return [{"spec": s, "value": _input_value(s, str(draft.data.get(s.name, ""))), "error": errors.get(s.name, ""),
             "id": f"f-{s.name}"} for s in form.fields]


def _step_ctx(draft: EformDraft, step: str) -> dict[str, Any]:
    definition = selectors.form_definition(procedure_code=draft.procedure_code, case_code=draft.case.code)
    files = selectors.draft_files(draft=draft)
    by_component = {c.pk: [f for f in files if f.component_id == c.pk] for c in definition.components}
    paper = set(draft.data.get(services.PAPER_KEY, []))
    return {"draft": draft, "definition": definition, "steps": STEPS, "current": step, "mode": draft.mode,
            "components": [{"c": c, "files": by_component[c.pk], "paper": c.pk in paper} for c in definition.components],
            "max_bytes": services.size_text(conf.max_bytes()),
            "missing": services.missing_components(draft, files), "files": files,
            "accept": ",".join("." + e for k in services.sniff.KINDS.values() for e in k.extensions)}


@login_required
def draft(request: HttpRequest, draft_id: int) -> HttpResponse:
    """One step of the e-form (``?step=fields|files|summary``; the draft remembers the last one)."""
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    step = request.GET.get("step") or d.step
    if step not in {"fields", "files", "summary"}:
        step = "fields"
    try:
        ctx = _step_ctx(d, step)
    except DomainError as exc:
        return _error(request, exc)
    if step == "fields":
        ctx["fields"] = _fields_ctx(d, ctx["definition"].form)
    elif step == "summary":
        form = ctx["definition"].form
        cleaned, errors = schema.clean_data(form, d.data)
        ctx["summary"] = [{"spec": s, "value": _shown(s, cleaned.get(s.name) or d.data.get(s.name, "")),
                           "error": errors.get(s.name, "")} for s in form.fields]
        ctx["errors"] = errors
        ctx["channels"] = [(Channel.KIOSK, Channel.KIOSK.label), (Channel.COUNTER, Channel.COUNTER.label)]
    return render(request, f"eforms/step_{step}.html", ctx)


def _posted_data(request: HttpRequest, form: schema.FormSchema) -> dict[str, str]:
    return {s.name: request.POST.get(s.name, "") for s in form.fields if s.name in request.POST}


@login_required
@require_POST
def draft_fields(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Save the fields; "continue" checks them all (required, well formed) before the files step."""
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    form = schema.form_of(d.case.eform_schema)
    data = _posted_data(request, form)
    go_on = request.POST.get("go") == "next"
    try:
        services.draft_save(actor=request.user, draft=d, data=data, step="files" if go_on else "fields", strict=go_on)
    except DomainError as exc:
        if exc.code != "eform_invalid":
            return _error(request, exc)
        services.draft_save(actor=request.user, draft=d, data=data, step="fields")  # keep what was typed
        d.refresh_from_db()
        ctx = _step_ctx(d, "fields")
        ctx["fields"] = _fields_ctx(d, form, (exc.details or {}).get("fields"))
        ctx["error"] = "Hãy sửa các trường được đánh dấu bên dưới."
        return render(request, "eforms/step_fields.html", ctx, status=422)
    if not go_on:
        messages.success(request, "Đã lưu nháp. Bạn có thể quay lại tiếp tục từ mục “Bản khai của tôi”.")
        return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=fields")
    return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=files")


@login_required
@require_POST
def draft_autosave(request: HttpRequest, draft_id: int) -> HttpResponse:
    """htmx autosave of the fields step: keeps raw text, answers a small status line."""
    try:
        d = selectors.draft_get(user=request.user, draft_id=draft_id)
        services.draft_save(actor=request.user, draft=d, data=_posted_data(request, schema.form_of(d.case.eform_schema)))
    except DomainError as exc:
        return render(request, "eforms/_saved.html", {"error": exc.message})
    return render(request, "eforms/_saved.html", {"at": timezone.localtime()})


@login_required
@require_POST
def draft_upload(request: HttpRequest, draft_id: int) -> HttpResponse:
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationFailed("Chưa chọn tệp để tải lên.", code="file_required")
        row = services.file_add(actor=request.user, draft=d, component_id=request.POST.get("component"),
                                name=upload.name or "", data=services.read_upload(upload))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã tải lên “{row.original_name}” ({services.size_text(row.size)}).")
    return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=files")


@login_required
@require_POST
def draft_file_delete(request: HttpRequest, draft_id: int, file_id: int) -> HttpResponse:
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    f = d.files.filter(pk=file_id).first()
    if f is not None:
        try:
            services.file_remove(actor=request.user, file=f)
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=files")


@login_required
@require_POST
def draft_files_next(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Leave the files step (assisted: with the components whose paper original is in hand)."""
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    paper = [int(v) for v in request.POST.getlist("paper") if v.isdigit()] if d.mode == EformDraft.Mode.ASSISTED \
        else None
    try:
        services.draft_save(actor=request.user, draft=d, data={}, step="summary", paper=paper)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=files")
    return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=summary")


@login_required
@require_POST
def draft_submit(request: HttpRequest, draft_id: int) -> HttpResponse:
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    try:
        services.draft_submit(actor=request.user, draft=d, channel=request.POST.get("channel", ""),
                              receive_now=request.POST.get("receive_now", "1") == "1",
                              receiving_agency_code=request.POST.get("receiving_agency", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("eforms:draft", args=[d.pk]) + "?step=summary")
    return redirect("eforms:done", d.pk)


@login_required
@require_POST
def draft_delete(request: HttpRequest, draft_id: int) -> HttpResponse:
    d, out = _draft(request, draft_id)
    if out is not None:
        return out
    try:
        services.draft_delete(actor=request.user, draft=d)
    except DomainError as exc:
        return _error(request, exc)
    messages.success(request, "Đã huỷ bản khai.")
    return redirect("eforms:drafts")


@login_required
def done(request: HttpRequest, draft_id: int) -> HttpResponse:
    """After submission: the dossier code, the slip and the public lookup."""
    try:
        d = selectors.draft_get(user=request.user, draft_id=draft_id)
    except DomainError as exc:
        return _error(request, exc)
    if d.dossier_id is None:
        return redirect("eforms:draft", d.pk)
    return render(request, "eforms/done.html", {
        "draft": d, "d": d.dossier, "slip_url": slip_url(d.dossier.code), "lookup_url": lookup_url(d.dossier.code),
        "files": list(d.files.all())})


@login_required
def file_download(request: HttpRequest, file_id: int) -> HttpResponse:
    try:
        f = selectors.file_get(user=request.user, file_id=file_id)
    except DomainError as exc:
        return _error(request, exc)
    return FileResponse(f.file.open("rb"), content_type=f.content_type, as_attachment=True,
                        filename=f.original_name)


@login_required
def dossier_scans(request: HttpRequest, code: str) -> HttpResponse:
    """A clerk attaches SCANNED components to an existing dossier (linked from the counter screen)."""
    if request.user.kind != "staff":
        return render(request, "common/error.html", {"message": "Trang dành cho cán bộ, công chức."}, status=403)
    try:
        dossier = dossier_get(user=request.user, code=code)
    except DomainError as exc:
        return _error(request, exc)
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed("Chưa chọn tệp để tải lên.", code="file_required")
            row = services.dossier_attach_scan(actor=request.user, dossier=dossier,
                                               component_id=request.POST.get("component"), name=upload.name or "",
                                               data=services.read_upload(upload))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã đính kèm bản quét “{row.original_name}”; hồ sơ được đánh dấu có thành phần "
                                      "số hóa.")
        return redirect("eforms:dossier_scans", code)
    from cchc.procedures.models import Component

    files = selectors.dossier_files(dossier=dossier)
    comps = list(Component.objects.filter(case_id=dossier.case_id).order_by("order", "id"))
    return render(request, "eforms/scans.html", {
        "d": dossier, "files": files, "components": comps, "max_bytes": services.size_text(conf.max_bytes()),
        "accept": ",".join("." + e for k in services.sniff.KINDS.values() for e in k.extensions),
        "can_attach": request.user.has_role(services.RECEPTION, "return_officer", "admin")})


@login_required
def dossier_panel(request: HttpRequest, code: str) -> HttpResponse:
    """The e-forms panel of the staff dossier page (loaded with htmx)."""
    try:
        dossier = dossier_get(user=request.user, code=code)
    except DomainError:
        return HttpResponse("")
    return render(request, "eforms/_panel_body.html", {"d": dossier, "files": selectors.dossier_files(dossier=dossier)})
