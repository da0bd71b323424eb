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


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: ``"Sở Nội vụ"`` → ``"so noi vu"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return collapse_ws(stripped).lower()
