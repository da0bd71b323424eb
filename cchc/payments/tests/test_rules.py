"""The pure rules of the contract: signatures, the callback's fields, amounts in words."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cchc.payments import rules

SECRET = "bi-mat"


def test_a_signature_verifies_only_for_the_same_body_and_secret():
    body = b'{"MaThamChieu":"TT2603100001","SoTien":205000}'
    sig = rules.sign(SECRET, body)
    assert sig.startswith("sha256=") and len(sig) == 7 + 64
    assert rules.verify(SECRET, body, sig)
    assert not rules.verify(SECRET, body.replace(b"205000", b"5000"), sig)
    assert not rules.verify("khoa-khac", body, sig)
    assert not rules.verify(SECRET, body, sig.upper())


@pytest.mark.parametrize("header", [None, "", "sha256=", "x" * 500, "sha256=" + "0" * 64, "không-phải-ascii"])
def test_missing_or_malformed_signatures_never_verify(header):
    assert not rules.verify(SECRET, b"{}", header)


def test_an_empty_secret_never_verifies_anything():
    assert not rules.verify("", b"{}", rules.sign("", b"{}"))


def test_timestamps_are_written_and_read_in_vietnam_time():
    at = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
    assert rules.stamp(at) == "20260310093000"
    assert rules.parse_stamp("20260310093000") == at
    for bad in ("2026-03-10", "20261310093000", "", "2026031009300x"):
        with pytest.raises(ValueError):
            rules.parse_stamp(bad)


GOOD = {"MaThamChieu": "TT260310ABCDEF0123", "MaGiaoDich": "GD000001", "MaHoSo": "H01.30-260310-0001",
        "SoTien": 205000, "MaLoi": "00", "ThoiGianGD": "20260310093000"}


def test_a_well_formed_callback_is_read():
    data = rules.parse_callback(json.loads(json.dumps(GOOD)))
    assert data.succeeded and data.amount == 205000 and data.reference == "TT260310ABCDEF0123"
    assert data.paid_at == datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
    assert not rules.parse_callback({**GOOD, "MaLoi": "24"}).succeeded


@pytest.mark.parametrize("change, field", [
    ({"SoTien": "205000"}, "SoTien"), ({"SoTien": 0}, "SoTien"), ({"SoTien": True}, "SoTien"),
    ({"SoTien": 10**13}, "SoTien"), ({"MaThamChieu": ""}, "MaThamChieu"), ({"MaThamChieu": "tt lower"}, "MaThamChieu"),
    ({"MaGiaoDich": None}, "MaGiaoDich"), ({"MaHoSo": 12}, "MaHoSo"), ({"MaLoi": "0 0"}, "MaLoi"),
    ({"ThoiGianGD": "10/03/2026"}, "ThoiGianGD"), ({"MaHoSo": "a\x00b"}, "MaHoSo"),
])
def test_a_malformed_callback_names_the_bad_field_in_vietnamese(change, field):
    with pytest.raises(rules.BadPayload) as exc:
        rules.parse_callback({**GOOD, **change})
    assert field in str(exc.value)


@pytest.mark.parametrize("value", [[], "x", 1, None])
def test_a_callback_that_is_not_an_object_is_refused(value):
    with pytest.raises(rules.BadPayload, match="đối tượng JSON"):
        rules.parse_callback(value)


@pytest.mark.parametrize("amount, words", [
    (0, "Không đồng"),
    (5, "Năm đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (105, "Một trăm linh năm đồng"),
    (5000, "Năm nghìn đồng"),
    (200000, "Hai trăm nghìn đồng"),
    (205000, "Hai trăm linh năm nghìn đồng"),
    (1005000, "Một triệu không trăm linh năm nghìn đồng"),
    (1250000, "Một triệu hai trăm năm mươi nghìn đồng"),
    (2000000000, "Hai tỷ đồng"),
])
def test_amounts_are_written_in_vietnamese_words(amount, words):
    assert rules.amount_in_words(amount) == words
