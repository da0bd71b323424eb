"""Vietnamese text helpers: NFC normalisation, accent folding, whitespace collapsing.

Pure functions, no Django: used by the name resolver, search and the plan importer.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
# đ/Đ are letters of their own, not d + a combining mark, so NFD does not split them.
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def collapse_ws(text: str) -> str:
    """Trim and collapse every run of white space (incl. non-breaking spaces) to one space."""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def clean(text: str) -> str:
    """NFC, trimmed, inner white space collapsed: the canonical form of any stored string."""
    return collapse_ws(nfc(text))


# "Hoà"/"Hòa", "Thuỷ"/"Thủy": two accepted tone placements in open syllables oa, oe, uy.
# Names are compared in the older placement (tone on the first vowel), which documents mostly use.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_TONE_MOVE = re.compile(rf"([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_])")


def tone_style(text: str) -> str:
    """Put the tone of a final oa/oe/uy on the first vowel: "Hoà" → "Hòa", "Thuỷ" → "Thủy"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_MOVE.sub(r"\1\3\2", decomposed))


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: ``"Sở Nội vụ"`` → ``"so noi vu"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return collapse_ws(stripped).lower()
