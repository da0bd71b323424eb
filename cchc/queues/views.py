"""Staff pages: the counter screen, my queue, the late list, bulk actions, the register export, the
personal-data view log. Each page runs a constant number of queries (see selectors)."""

from __future__ import annotations

import os
import tempfile
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cchc.common.errors import DomainError
from cchc.dossiers import access
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Channel
from cchc.queues import register, selectors, services, timing
from cchc.queues.rows import queue_rows_html
from cchc.workdays import TZ


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _deny(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    return render(request, "common/error.html", {"message": message}, status=status)


def _staff(request: HttpRequest) -> HttpResponse | None:
    if getattr(request.user, "kind", "") != "staff":
        return _deny(request, "Trang dành cho cán bộ, công chức.")
    return None


def _tolerant(name: str, kwargs: dict, fallback: str) -> str:
    """A URL of another app, if it is installed; otherwise the path it is agreed to have."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def _links() -> dict[str, str]:
    # Patterns with a placeholder: filled per row by the ``fill`` filter, one reverse per page.
    return {
        "slip": _tolerant("letters:pdf", {"code": "__CODE__", "kind": "slip"}, "/letters/__CODE__/slip.pdf"),
        "files": _tolerant("eforms:dossier_files", {"code": "__CODE__"}, "/eforms/dossiers/__CODE__/files/"),
        "assisted": _tolerant("eforms:assisted", {}, "/eforms/assisted/"),
    }


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


# --- counter -------------------------------------------------------------------------------------


@login_required
def counter(request: HttpRequest) -> HttpResponse:
    """The one-stop clerk's screen (reception officers)."""
    if (denied := _staff(request)) is not None:
        return denied
    roles = access.roles_of(request.user)
    if not roles & {"reception_officer", "return_officer", "admin"}:
        return _deny(request, "Màn hình quầy dành cho cán bộ tiếp nhận, trả kết quả.")
    q = request.GET.get("q", "").strip()[:60]
    try:
        board = selectors.counter_board(user=request.user, q=q)
    except DomainError as exc:
        return _deny(request, exc.message)
    if board.found:
        # The search shows phone and identity numbers: each dossier shown is a view of personal data.
        services.personal_data_views_record(actor=request.user, dossiers=board.found, context="counter_search",
                                            ip=_client_ip(request))
    lists = [(state, selectors.COUNTER_LISTS[state], board.counts.get(state, 0), board.lists[state])
             for state in selectors.COUNTER_LISTS]
    return render(request, "queues/counter.html", {
        "board": board, "lists": lists, "q": q, "links": _links(), "today": board.at.astimezone(TZ).date(),
        "can_receive": "reception_officer" in roles or "admin" in roles,
        "register_from": (board.at.astimezone(TZ).date().replace(day=1)).isoformat(),
        "register_to": board.at.astimezone(TZ).date().isoformat(),
    })


# --- my queue ------------------------------------------------------------------------------------


def _queue_filters(params) -> selectors.QueueFilters:
    state = params.get("state", "")
    window = params.get("window", "")
    channel = params.get("channel", "")
    return selectors.QueueFilters(
        procedure=params.get("procedure", "").strip()[:40],
        state=state if state in State._value2member_map_ else "",
        window=window if window in selectors.WINDOWS else "",
        channel=channel if channel in Channel.values else "",
        step=params.get("step", "").strip()[:30],
        page=max(1, _int(params.get("page"), 1)),
        size=max(1, min(_int(params.get("size"), selectors.PAGE_SIZE), selectors.MAX_PAGE_SIZE)),
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The specialist's queue: dossiers at my agency whose current step is mine."""
    if (denied := _staff(request)) is not None:
        return denied
    f = _queue_filters(request.GET)
    try:
        page = selectors.queue_mine(user=request.user, filters=f)
    except DomainError as exc:
        return _deny(request, exc.message)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "queues/mine.html", {
        "page": page, "f": f, "query": query.urlencode(), "windows": selectors.WINDOWS,
        "states": selectors.OPEN_STATE_LABELS, "channels": Channel.choices, "bulk_actions": services.BULK_ACTIONS,
        "rows_html": queue_rows_html(page.rows),
    })


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Apply one action to the selected dossiers; show what happened to each."""
    if (denied := _staff(request)) is not None:
        return denied
    back = request.POST.get("next", "")
    if not back.startswith("/queues/"):
        back = reverse("queues:mine")
    try:
        result = services.queue_bulk_action(actor=request.user, action=request.POST.get("action", ""),
                                            codes=request.POST.getlist("codes"),
                                            note=request.POST.get("note", "").strip()[:2000])
    except DomainError as exc:
        return render(request, "queues/bulk_result.html", {"error": exc.message, "back": back}, status=400)
    return render(request, "queues/bulk_result.html", {
        "result": result, "label": services.BULK_ACTIONS[result.action], "back": back,
    })


# --- the leader's late list ----------------------------------------------------------------------


@login_required
def late(request: HttpRequest) -> HttpResponse:
    """Late and at-risk dossiers of my agency, counted by step and by handler role."""
    if (denied := _staff(request)) is not None:
        return denied
    try:
        board = selectors.late_board(user=request.user, agency_code=request.GET.get("agency", "").strip()[:64])
    except DomainError as exc:
        return _deny(request, exc.message)
    return render(request, "queues/late.html", {"board": board, "status_labels": timing.STATUS_LABELS})


# --- the register --------------------------------------------------------------------------------


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def register_xlsx(request: HttpRequest) -> HttpResponse:
    """Sổ theo dõi hồ sơ of my unit, dossiers received from ``from`` to ``to`` (default: this month)."""
    if (denied := _staff(request)) is not None:
        return denied
    today = timezone.now().astimezone(TZ).date()
    start = _date(request.GET.get("from")) or today.replace(day=1)
    end = _date(request.GET.get("to")) or today
    try:
        agency = selectors._agency_for(request.user, request.GET.get("agency", "").strip()[:64])
        fd, path = tempfile.mkstemp(prefix="cchc-register-", suffix=".xlsx")
        os.close(fd)
        try:
            register.write_register(agency, start, end, path)
            handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
        finally:
            os.unlink(path)  # the open handle keeps the data until the response is sent
    except DomainError as exc:
        return _deny(request, exc.message, status=400)
    name = f"so-theo-doi-ho-so-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# --- the personal-data view log ------------------------------------------------------------------


@login_required
def views_log(request: HttpRequest) -> HttpResponse:
    """Who viewed citizens' personal data: agency leaders (their staff), administrators (everyone)."""
    if (denied := _staff(request)) is not None:
        return denied
    g = request.GET
    f = selectors.ViewFilters(user=g.get("user", "")[:150], code=g.get("code", "")[:60],
                              context=g.get("context", "")[:40], date_from=_date(g.get("from")),
                              date_to=_date(g.get("to")), page=max(1, _int(g.get("page"), 1)))
    try:
        rows, more = selectors.personal_data_views(user=request.user, filters=f,
                                                   agency_code=g.get("agency", "").strip()[:64])
    except DomainError as exc:
        return _deny(request, exc.message)
    query = g.copy()
    query.pop("page", None)
    return render(request, "queues/views_log.html", {"rows": rows, "more": more, "f": f, "query": query.urlencode(),
                                                     "g": g})


@login_required
def dossier_views_panel(request: HttpRequest, code: str) -> HttpResponse:
    """The dossier page's panel: the latest views of this dossier's personal data (leaders only)."""
    if getattr(request.user, "kind", "") != "staff":
        return HttpResponse(status=403)
    from cchc.dossiers.selectors import dossier_get

    try:
        dossier = dossier_get(user=request.user, code=code)
    except DomainError:
        return HttpResponse(status=404)
    rows = selectors.dossier_views(user=request.user, dossier=dossier)
    if rows is None:
        return HttpResponse("")
    return render(request, "queues/_views_panel_body.html", {"rows": rows, "d": dossier})

