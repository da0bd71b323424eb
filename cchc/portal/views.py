"""Pages of the portal app: VNeID sign-in (login, callback) and the dossier panel's data."""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from cchc.common.errors import DomainError
from cchc.portal import selectors, services, vneid

logger = logging.getLogger("cchc.portal")
SESSION_KEY = "portal_vneid_pending"


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = exc.status if exc.status >= 400 else 400
    return render(request, "portal/vneid_error.html", {"error": exc}, status=status)


def _redirect_uri(request: HttpRequest, cfg: vneid.Config) -> str:
    return cfg.redirect_uri or request.build_absolute_uri(reverse("portal:vneid_callback"))


@require_GET
def vneid_login(request: HttpRequest) -> HttpResponse:
    """Send the citizen to VNeID with a fresh state, nonce and PKCE challenge kept in the session."""
    try:
        cfg = vneid.config()
    except DomainError as exc:
        return _error(request, exc)
    nxt = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        nxt = ""
    redirect_uri = _redirect_uri(request, cfg)
    attempt = vneid.start(cfg, redirect_uri)
    request.session[SESSION_KEY] = {"state": attempt.state, "nonce": attempt.nonce, "verifier": attempt.verifier,
                                    "redirect_uri": redirect_uri, "next": nxt}
    return HttpResponseRedirect(attempt.url)


@require_GET
def vneid_callback(request: HttpRequest) -> HttpResponse:
    """VNeID sends the citizen back with a code: check the state, redeem the code, log the citizen in."""
    pending = request.session.pop(SESSION_KEY, None)  # one use only, whatever happens next
    # Saved now: the middleware does not save the session of a 5xx answer (a failed token exchange).
    request.session.save()
    state = request.GET.get("state", "")
    if not pending or not state or not _same(state, pending.get("state", "")):
        return _error(request, vneid.VneidStateMismatch(
            "Phiên đăng nhập VNeID không hợp lệ hoặc đã hết hạn (state không khớp). Vui lòng đăng nhập lại."))
    if request.GET.get("error"):
        return _error(request, vneid.VneidError("Đăng nhập VNeID không thành công hoặc đã bị hủy.",
                                                code="vneid_denied", details={"error": request.GET["error"][:100]}))
    code = request.GET.get("code", "")
    if not code:
        return _error(request, vneid.VneidError("VNeID không gửi mã xác thực.", code="vneid_no_code"))
    try:
        cfg = vneid.config()
        tokens = vneid.exchange_code(cfg, code=code, redirect_uri=pending["redirect_uri"],
                                     verifier=pending["verifier"])
        claims = vneid.id_token_claims(cfg, tokens.get("id_token"), nonce=pending["nonce"])
        who = vneid.identity(cfg, claims, vneid.userinfo(cfg, tokens["access_token"]))
        user = services.vneid_account(identity=who)
    except DomainError as exc:
        logger.warning("VNeID sign-in failed: %s (%s)", exc.code, exc.message)
        return _error(request, exc)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))


def _same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode(), b.encode())


@login_required
@require_GET
def dossier_panel(request: HttpRequest, code: str) -> HttpResponse:
    """The portal facts of one dossier (for the staff dossier page, loaded with htmx)."""
    try:
        dossier, inbound = selectors.inbound_for(user=request.user, code=code)
    except DomainError as exc:
        return HttpResponse(status=exc.status)
    return render(request, "portal/_panel_body.html", {"inbound": inbound, "d": dossier})


@login_required
@require_GET
def inbound_file(request: HttpRequest, code: str, file_id: int) -> HttpResponse:
    """A file the portal sent with a dossier, for staff who may see that dossier (checked against its SHA-256)."""
    try:
        row = selectors.inbound_file_get(user=request.user, code=code, file_id=file_id)
        content = services.open_file(row)
    except DomainError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    except FileNotFoundError:
        return HttpResponse("Tệp lưu trữ không còn.", status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=row.mime or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=row.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
