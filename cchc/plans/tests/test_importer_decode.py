"""Bytes → NFC text: UTF-8 (BOM or not), UTF-16 with BOM, Windows-1258; refuse what is not faithful."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from cchc.plans.importer.decode import decode_text, looks_vietnamese
from cchc.plans.importer.errors import BinaryFile, UndecodableText
from cchc.plans.tests._importer_helpers import CORPUS, _fast_password_hashing  # noqa: F401

TEXT = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc; Nghị định số 61; Ủy ban; Hưng Yên; “Đề án”"


def cp1258(text: str) -> bytes:
    import sys

    sys.path.insert(0, str(CORPUS))
    from make_corpus import encode_cp1258

    return encode_cp1258(text)


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM, little endian
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    unicodedata.normalize("NFD", TEXT).encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf8-nfd"])
def test_it_decodes_unicode_files_to_nfc(data):
    assert decode_text(data) == TEXT


def test_it_decodes_windows_1258_with_tones_as_combining_marks():
    data = cp1258(TEXT)
    assert "\u0323".encode("cp1258") in data  # the dot below of "ộ" is a separate byte
    assert decode_text(data) == TEXT


@pytest.mark.parametrize("data", [
    "Céng hßa x· héi chñ nghÜa ViÖt Nam".encode("cp1252"),  # TCVN3 (ABC) font encoding
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode("cp1252"),  # VNI font encoding
    "日本語のテキストです。行政改革計画".encode("shift_jis"),
    b"abc \x81\x8d\x8f def",  # bytes Windows-1258 does not define
])
def test_it_refuses_what_it_cannot_decode_faithfully(data):
    with pytest.raises(UndecodableText) as info:
        decode_text(data)
    assert info.value.code == "undecodable_encoding"


def test_it_refuses_binary_data():
    with pytest.raises(BinaryFile):
        decode_text(b"\x00\x01\x02binary\x00" * 50)


def test_it_accepts_vietnamese_letters_and_typographic_punctuation_only():
    assert looks_vietnamese("Hưởng ứng “Ngày Pháp luật” – 100% hồ sơ…")
    assert not looks_vietnamese("Ñoà ¸n ®­îc ph¸t")
