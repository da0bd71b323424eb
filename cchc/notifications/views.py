"""My notifications: the list, mark one or all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cchc.common.errors import NotFound
from cchc.notifications import selectors, services


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """Thông báo của tôi, newest first, 30 a page; ``?unread=1`` shows the unread ones only."""
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.my_notifications(user=request.user, unread_only=unread_only), 30).get_page(
        request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "unread_only": unread_only, "unread": selectors.unread_count(user=request.user)})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read, then follow its link (``?go=1``) or come back to the list."""
    try:
        n = services.notification_mark_read(actor=request.user, pk=pk)
    except NotFound as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    if request.POST.get("go") and n.link and url_has_allowed_host_and_scheme(n.link, allowed_hosts=None):
        return redirect(n.link)
    return redirect("notifications:list")


@login_required
def dossier_messages_panel(request: HttpRequest, code: str) -> HttpResponse:
    """The dossier page's panel (loaded with htmx): what the citizen was sent about it, and whether it left."""
    try:
        rows = selectors.dossier_messages(user=request.user, code=code)
    except NotFound as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=404)
    return render(request, "notifications/_dossier_messages.html", {"rows": rows})


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(actor=request.user)
    return redirect("notifications:list")
