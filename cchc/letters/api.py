"""API routes of letters (mounted under /api/v1 by cchc.api.main): a dossier's letters as PDF."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from cchc.api.auth import AUTH
from cchc.api.schemas import AUTH_ERRORS, READ_ERRORS
from cchc.letters import render as letters_render
from cchc.letters import selectors
from cchc.letters.rules import ORDER

router = Router(tags=["phiếu in"])

KindLit = Literal[tuple(k.value for k in ORDER)]  # type: ignore[valid-type]

PDF_RESPONSE = {"responses": {200: {"description": "Phiếu dạng PDF (A4, trình bày theo Nghị định 30/2020/NĐ-CP)",
                                    "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}}


class LetterOut(Schema):
    kind: KindLit
    title: str
    url: str = Field(description="Đường dẫn trang in (PDF) cho người dùng đã đăng nhập.")


@router.get("/letters/{code}", auth=AUTH, response={200: list[LetterOut], **READ_ERRORS, **AUTH_ERRORS},
            summary="Các phiếu in được của một hồ sơ")
def list_letters(request: HttpRequest, code: str):
    """The letters the dossier has given its state and history (staff of an agency that sees the dossier)."""
    dossier = selectors.letter_dossier(user=request.user, code=code)
    return [{"kind": link.kind.value, "title": link.title, "url": link.url}
            for link in selectors.letters_available(dossier=dossier)]


@router.get("/letters/{code}/{kind}", auth=AUTH, response={**READ_ERRORS, **AUTH_ERRORS}, openapi_extra=PDF_RESPONSE,
            summary="Một phiếu của hồ sơ dạng PDF")
def letter_pdf(request: HttpRequest, code: str, kind: KindLit):
    """Letter ``kind`` (slip, supplement, refusal, apology, control) of the dossier as ``application/pdf``.

    404 with the reason (Vietnamese) when the dossier has no such letter, or is another agency's.
    """
    dossier = selectors.letter_dossier(user=request.user, code=code)
    pdf = letters_render.render_letter(kind, dossier)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters_render.filename(kind, dossier)}"'
    response["Cache-Control"] = "private, no-store"
    return response
