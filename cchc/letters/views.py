"""Staff pages of the letters: the PDF of one letter of a dossier, and the dossier-page panel listing them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cchc.common.errors import DomainError
from cchc.letters import render as letters_render
from cchc.letters import selectors


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = exc.status if exc.status in (403, 404) else 404
    return render(request, "common/error.html", {"message": exc.message}, status=status)


@login_required
@require_GET
def letter_pdf(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """The PDF of letter ``kind`` of dossier ``code``, inline (the browser's viewer prints it)."""
    try:
        dossier = selectors.letter_dossier(user=request.user, code=code)
        pdf = letters_render.render_letter(kind, dossier)
    except DomainError as exc:
        return _error(request, exc)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters_render.filename(kind, dossier)}"'
    # A letter carries personal data: not for shared caches, and re-rendered after each change.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def dossier_panel(request: HttpRequest, code: str) -> HttpResponse:
    """The letters of dossier ``code`` as print links (loaded into the dossier page with htmx)."""
    try:
        dossier = selectors.letter_dossier(user=request.user, code=code)
    except DomainError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    return render(request, "letters/panel.html", {"d": dossier,
                                                  "letters": selectors.letters_available(dossier=dossier)})
