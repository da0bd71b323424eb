"""Public pages (no login): procedure sheets, the dossier lookup with the holder's rating, staff's panel.

The holder's number (phone or identity number) is sent by POST from the page's forms, so it stays
out of addresses, browser history and access logs; ``?key=`` in the address is accepted too (API parity).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.common.errors import DomainError, NotFound
from cchc.dossiers.selectors import dossier_get
from cchc.procedures.content import LEVELS
from cchc.procedures.selectors import sector_list
from cchc.public import rules, selectors, services
from cchc.public.throttle import RateLimited, throttle_hit


@require_GET
def procedure_list(request: HttpRequest) -> HttpResponse:
    """Search the procedures in force, without accents, by sector, level and agency."""
    q = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("sector", "")[:40]
    level = request.GET.get("level", "")
    level = level if level in LEVELS else ""
    agency = request.GET.get("agency", "")[:64]
    qs = selectors.public_procedure_list(q=q, sector=sector, level=level, agency=agency)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "public/procedure_list.html", {
        "page": page, "count": page.paginator.count, "q": q, "sector": sector, "level": level, "agency": agency,
        "sectors": sector_list(), "levels": LEVELS.items(), "agencies": selectors.public_agencies(),
        "query": query.urlencode(),
    })


@require_GET
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The procedure's sheet (printable)."""
    try:
        version = selectors.public_procedure_get(code=code)
    except NotFound as exc:
        return render(request, "public/not_found.html", {"message": exc.message}, status=404)
    return render(request, "public/procedure_detail.html", {"s": selectors.procedure_sheet(version)})


def _rating_input(post: Any) -> dict[str, Any]:
    def as_int(value: str) -> Any:
        value = (value or "").strip()
        return int(value) if value.isdigit() else (value or None)

    return {
        "score": as_int(post.get("score", "")),
        "criteria": {k: as_int(post.get(f"criterion_{k}", "")) for k in rules.CRITERIA
                     if post.get(f"criterion_{k}", "")},
        "comment": post.get("comment", "")[: rules.MAX_COMMENT + 1],
    }


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Look a dossier up by code (the slip's QR opens ``?code=``); with the holder's number, details and rating."""
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("code", "").strip()[:60]
    key = data.get("key", "").strip()[:30]
    ctx: dict[str, Any] = {"code": code, "key": key, "scores": rules.SCORES.items(),
                           "criteria": rules.CRITERIA.items(), "levels": rules.LEVELS.items()}
    if not code:
        return render(request, "public/lookup.html", ctx)
    status = 200
    try:
        throttle_hit(request)
        if request.method == "POST" and data.get("action") == "rate":
            try:
                services.rating_submit(code=code, key=key, channel="web", **_rating_input(data))
                ctx["rated"] = True
            except NotFound:
                raise
            except DomainError as exc:
                ctx["rating_error"] = exc.message
                ctx["rating_form"] = data
                status = exc.status
        ctx["r"] = selectors.dossier_lookup(code=code, key=key)
    except RateLimited as exc:
        ctx["error"] = exc.message
        response = render(request, "public/lookup.html", ctx, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except NotFound as exc:
        ctx["error"] = exc.message
        status = 404
    response = render(request, "public/lookup.html", ctx, status=status)
    # The page may carry the holder's details: never cached by a shared or back-forward cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def rating_panel(request: HttpRequest, code: str) -> HttpResponse:
    """The rating's criteria and comment on the staff dossier page (loaded with htmx)."""
    if getattr(request.user, "kind", "") != "staff":
        return HttpResponse(_("Trang dành cho cán bộ, công chức."), status=403)
    try:
        dossier = dossier_get(user=request.user, code=code)
    except NotFound as exc:
        return HttpResponse(exc.message, status=404)
    rating = selectors.rating_of(dossier=dossier)
    rows = []
    if rating is not None:
        rows = [(rules.CRITERIA.get(k, k), rules.LEVELS.get(v, v)) for k, v in rating.criteria.items()]
    return render(request, "public/_rating_detail.html", {"d": dossier, "rating": rating, "rows": rows})
