"""Registry pages: browse as of a date, one agency's history, the tree, name resolution,
reorganisation and spreadsheet import/export for the secretariat."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.common.errors import DomainError
from cchc.org import registry_io, selectors, services
from cchc.org.forms import ImportForm, ReorganiseForm
from cchc.org.models import Agency, AgencyType


def _as_of(request: HttpRequest) -> tuple[date, str]:
    raw = request.GET.get("as_of", "")
    try:
        day = date.fromisoformat(raw) if raw else timezone.localdate()
        if not (date(1900, 1, 1) < day < date(2200, 1, 1)):
            raise ValueError
        return day, ""
    except ValueError:
        return timezone.localdate(), _("Ngày “%(d)s” không hợp lệ; đang hiển thị ngày hôm nay.") % {"d": raw}


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    day, warning = _as_of(request)
    q = request.GET.get("q", "").strip()[:200]
    type_ = request.GET.get("type", "")
    if type_ not in AgencyType.values:
        type_ = ""
    qs = selectors.agency_list(as_of=day, q=q, type=type_)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "org/agency_list.html", {
        "page": page, "as_of": day, "q": q, "type": type_, "types": AgencyType.choices, "warning": warning,
        "count": page.paginator.count,
    })


@login_required
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        agency = selectors.agency_get(code=code)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    lineage = selectors.agency_lineage(agency=agency)
    children = agency.children.order_by("valid_to", "name")
    return render(request, "org/agency_detail.html", {"agency": agency, "lineage": lineage, "children": children})


@login_required
def agency_tree(request: HttpRequest) -> HttpResponse:
    day, warning = _as_of(request)
    home = selectors.home_agency()
    root = request.GET.get("root") or (home.code if home and home.exists_on(day) else "")
    try:
        tree = selectors.agency_tree(as_of=day, root=root or None)
    except DomainError as exc:
        tree, warning = [], exc.message
    return render(request, "org/agency_tree.html", {"tree": tree, "as_of": day, "warning": warning})


@login_required
def resolve(request: HttpRequest) -> HttpResponse:
    day, warning = _as_of(request)
    text = request.GET.get("names", "")
    names = [line.strip() for line in text.splitlines() if line.strip()][:200]
    results = selectors.resolve_names(names=names, as_of=day) if names else []
    return render(request, "org/resolve.html", {"results": results, "names": text, "as_of": day, "warning": warning})


@login_required
@permission_required("org.manage_registry", raise_exception=True)
def reorganisations(request: HttpRequest) -> HttpResponse:
    form = ReorganiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            def pick(codes: list[str]) -> list[Agency]:
                found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
                missing = [c for c in codes if c not in found]
                if missing:
                    raise DomainError(_("Không tìm thấy cơ quan: %(c)s") % {"c": ", ".join(missing)})
                return [found[c] for c in codes]

            new = []
            if d["new_code"]:
                new.append(services.NewAgency(code=d["new_code"], name=d["new_name"], type=d["new_type"],
                                              parent=pick([d["new_parent"]])[0] if d["new_parent"] else None))
            services.agency_reorganise(
                actor=request.user, kind=d["kind"], effective_date=d["effective_date"],
                predecessors=pick(d["predecessors"]), successors=pick(d["successors"]),
                continuing=pick(d["continuing"]), new_successors=new, legal_basis=d["legal_basis"], note=d["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận sắp xếp tổ chức."))
            return redirect("org:reorganisations")
    events = selectors.reorganisation_list()
    page = Paginator(events, 25).get_page(request.GET.get("page"))
    return render(request, "org/reorganisations.html", {"form": form, "page": page})


@login_required
@permission_required("org.manage_registry", raise_exception=True)
def registry_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report, errors = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = registry_io.registry_import(
                actor=request.user, data=upload.read(), filename=upload.name, dry_run=form.cleaned_data["dry_run"]
            )
        except DomainError as exc:
            errors = {"message": exc.message, "rows": exc.details or []}
    return render(request, "org/registry_import.html", {"form": form, "report": report, "errors": errors})


@login_required
def registry_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    day_raw = request.GET.get("as_of")
    qs = selectors.agency_list(as_of=_as_of(request)[0] if day_raw else None, include_aliases=True)
    body = registry_io.registry_export(agencies=list(qs), fmt=fmt)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="co-quan-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response
