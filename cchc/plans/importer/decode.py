"""Bytes → NFC text, faithfully or not at all.

Vietnamese files come in three encodings in practice: UTF-8 (with or without a BOM), UTF-16 with
a BOM (Notepad's "Unicode"), and the legacy Windows-1258 code page, which writes tones as
separate combining marks after a precomposed base ("ê" + U+0323 for "ệ"). All are normalised to
NFC. Windows-1258 decodes almost any byte string, so a decoded text is accepted only if every
non-ASCII letter is a Vietnamese letter: text in TCVN3/VNI font encodings, or in another code
page, is refused instead of being imported as mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata

from cchc.common.text import nfc

from .errors import BinaryFile, UndecodableText

# Combining marks a Vietnamese letter can carry (NFD): the five tones plus circumflex, breve, horn.
_VN_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
# Non-letters that legitimately appear in Windows-1258 documents.
_PUNCT_OK = set("“”‘’„…–—•·°§±«»©®€₫×÷\u00a0\u00ad¹²³¼½¾")
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


def sniff_binary(data: bytes) -> bool:
    """True when the bytes cannot be text: NUL bytes (without a UTF-16/32 BOM) or many controls."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and chr(b) not in _CONTROL_OK)
    return controls > max(2, len(head) // 200)


def decode_text(data: bytes) -> str:
    """Decode ``data`` to NFC text or raise ``UndecodableText`` / ``BinaryFile``."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(nfc(data.decode(codec)))
            except UnicodeDecodeError as exc:
                raise UndecodableText(details={"encoding": codec, "position": exc.start}) from exc
    if sniff_binary(data):
        raise BinaryFile()
    try:
        return _checked(nfc(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise UndecodableText(details={"encoding": "unknown", "position": exc.start}) from exc
    text = nfc(text)
    if not looks_vietnamese(text):
        raise UndecodableText(details={"encoding": "unknown"})
    return _checked(text)


def looks_vietnamese(text: str) -> bool:
    """True when every non-ASCII letter of ``text`` is a Vietnamese letter (after NFC).

    A few stray symbols are tolerated (one in two hundred non-ASCII characters), since real
    Windows-1258 files do contain the odd bullet or degree sign.
    """
    odd = 0
    non_ascii = 0
    for ch in text:
        if ch < "\x80":
            continue
        non_ascii += 1
        if ch in _PUNCT_OK:
            continue
        if ch.isalpha() and _vietnamese_letter(ch):
            continue
        odd += 1
    return non_ascii > 0 and odd <= max(2, non_ascii // 200)


def _vietnamese_letter(ch: str) -> bool:
    if ch in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    return base in "aeiouyAEIOUY" and all(m in _VN_MARKS for m in marks) or (base in "dD" and not marks)


def _checked(text: str) -> str:
    # A decoded text full of control characters is a binary file that happened to decode.
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in _CONTROL_OK)
    if controls > max(2, len(sample) // 200):
        raise BinaryFile()
    return text
