"""Letters as PDF: a Django template per letter, laid out as Decree 30/2020 asks, printed by WeasyPrint.

The stylesheet is small and self-contained (no Bootstrap: WeasyPrint's time grows with the CSS it
parses) and is parsed once per process, with one shared font configuration; a slip then takes a few
tens of milliseconds. ``render_letter`` is what other apps call.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import segno
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from cchc.dossiers.models import Dossier
from cchc.letters import selectors
from cchc.letters.rules import Kind

_LOCK = threading.Lock()


def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url`` (error correction M: a slip may be folded or stamped)."""
    return segno.make(url, error="m", micro=False)


def qr_svg(qr: segno.QRCode) -> str:
    """Inline SVG of ``qr``, about 27 mm square: vector modules stay sharp on any printer or viewer
    (a PNG scaled up is smoothed by some viewers, and WeasyPrint gains almost nothing with one)."""
    # No width/height attributes: the stylesheet sizes it (WeasyPrint keeps an inline SVG's own size).
    return qr.svg_inline(scale=1, border=2, svgclass="qr", lineclass=None, omitsize=True, dark="#000").replace("<svg ", '<svg role="img" aria-label="Mã QR tra cứu hồ sơ" ', 1)


@lru_cache(maxsize=1)
def _weasy():
    """WeasyPrint's classes, the font configuration and the parsed letter stylesheet, built once."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(string=get_template("letters/pdf/letter.css").template.source, font_config=fonts)
    return HTML, css, fonts


def letter_html(kind: Kind | str, dossier: Dossier) -> str:
    """The HTML of letter ``kind`` of ``dossier``; NotFound (Vietnamese reason) if it has no such letter."""
    kind = selectors.check_available(kind=str(kind), dossier=dossier)
    data = selectors.letter_data(kind=kind, dossier=dossier)
    context = {"L": data, "d": dossier, "x": data.extra}
    if kind is Kind.SLIP:
        context["qr"] = mark_safe(qr_svg(qr_code(data.extra["lookup_url"])))  # noqa: S308 - segno's own markup
    # Legal forms are Vietnamese whatever the reader's language (choice labels are translated lazily).
    with translation.override("vi"):
        return render_to_string(f"letters/pdf/{kind.value}.html", context)


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a letter's HTML with the letter stylesheet."""
    HTML, css, fonts = _weasy()
    # WeasyPrint's font configuration is not documented as thread-safe; a worker thread prints one at a time.
    with _LOCK:
        return HTML(string=html, base_url=None).write_pdf(stylesheets=[css], font_config=fonts)


def render_letter(kind: str, dossier: Dossier) -> bytes:
    """PDF of letter ``kind`` (slip, supplement, refusal, apology, control) of ``dossier``.

    Raises ``cchc.common.errors.NotFound`` with a Vietnamese message when the dossier has no such
    letter (no apology letter without a re-appointment, no refusal letter unless refused…). Access is
    the caller's business: fetch the dossier through a scoped selector first.
    """
    return html_to_pdf(letter_html(kind, dossier))


def filename(kind: Kind | str, dossier: Dossier) -> str:
    """"giay-tiep-nhan-TN.TTPVHCC-261126-0001.pdf": ASCII, safe in a Content-Disposition header."""
    from cchc.letters.rules import FILE_STEMS

    safe = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in dossier.code)
    return f"{FILE_STEMS[Kind(kind)]}-{safe}.pdf"
