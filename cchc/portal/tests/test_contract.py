"""The pure contract: signatures, the time window and payload parsing (no database)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cchc.common.errors import TooLarge, ValidationFailed
from cchc.portal import contract
from cchc.portal.tests.standin import PDF, file_item, payload

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=contract.TZ)
LIMITS = contract.Limits(max_file_bytes=1024 * 1024)


def sample(**extra):
    comps = [file_item("a.pdf", component="TP001")]
    return payload(code="G22-1", procedure="1.000001", unit="TN.TTPVHCC", components=comps,
                   **{"NgayNopHoSo": "20260115091500", **extra})


def test_a_signature_verifies_and_gives_the_signing_instant():
    ts = str(int(NOW.timestamp()))
    sig = contract.sign("k", ts, b"{}")
    assert sig.startswith("sha256=") and len(sig) == 7 + 64
    assert contract.verify("k", sig, ts, b"{}", now=NOW, tolerance=300) == NOW


def test_a_signature_over_another_timestamp_does_not_verify():
    ts = str(int(NOW.timestamp()))
    sig = contract.sign("k", ts, b"{}")
    with pytest.raises(contract.Unauthenticated) as exc:
        contract.verify("k", sig, str(int(NOW.timestamp()) + 1), b"{}", now=NOW, tolerance=300)
    assert exc.value.code == "signature_invalid"


def test_a_timestamp_in_the_future_beyond_the_window_is_refused_too():
    ts = str(int((NOW + timedelta(minutes=10)).timestamp()))
    with pytest.raises(contract.Unauthenticated) as exc:
        contract.verify("k", contract.sign("k", ts, b"{}"), ts, b"{}", now=NOW, tolerance=300)
    assert exc.value.code == "timestamp_expired"


def test_a_non_numeric_timestamp_is_refused():
    with pytest.raises(contract.Unauthenticated) as exc:
        contract.verify("k", "sha256=00", "hôm qua", b"{}", now=NOW, tolerance=300)
    assert exc.value.code == "timestamp_invalid"


def test_a_payload_parses_into_the_dossier_and_its_files():
    parsed = contract.parse_payload(sample(), now=NOW, limits=LIMITS)
    assert parsed.code == "G22-1" and parsed.procedure_code == "1.000001" and parsed.unit_code == "TN.TTPVHCC"
    assert parsed.id_number == "019301000456" and parsed.vneid_verified is True
    assert parsed.submitted_at == datetime(2026, 1, 15, 9, 15, tzinfo=contract.TZ)
    assert parsed.components[0].content == PDF and parsed.components[0].component_code == "TP001"


def test_deleted_files_are_left_out_and_linked_files_keep_their_address():
    data = sample()
    data["TaiLieuNop"].append(file_item("old.pdf", component="TP001", IsDeleted=True))
    data["DanhSachTepDinhKemKhac"] = [{"TenTepDinhKem": "x.pdf", "DuongDanTaiTepTin": "https://dvc.example/x"}]
    parsed = contract.parse_payload(data, now=NOW, limits=LIMITS)
    assert [f.name for f in parsed.components] == ["a.pdf"]
    assert parsed.other_files[0].url == "https://dvc.example/x" and parsed.other_files[0].content is None


def test_a_file_without_content_or_address_is_refused():
    data = sample(DanhSachTepDinhKemKhac=[{"TenTepDinhKem": "x.pdf"}])
    with pytest.raises(ValidationFailed) as exc:
        contract.parse_payload(data, now=NOW, limits=LIMITS)
    assert exc.value.code == "missing_fields"


def test_a_counter_channel_dossier_is_not_a_portal_push():
    with pytest.raises(ValidationFailed) as exc:
        contract.parse_payload(sample(KenhThucHien=1), now=NOW, limits=LIMITS)
    assert exc.value.details == {"field": "KenhThucHien"}


def test_a_long_subject_is_cut_to_1000_characters_as_the_portal_does():
    parsed = contract.parse_payload(sample(TrichYeuHoSo="a" * 1500), now=NOW, limits=LIMITS)
    assert len(parsed.subject) == 1000


def test_an_old_nine_digit_id_is_type_2():
    parsed = contract.parse_payload(sample(DinhDanhCHS=[{"LoaiDinhDanh": 2, "SoDinhDanh": "090123456"}]),
                                    now=NOW, limits=LIMITS)
    assert parsed.identities[0].kind == 2
    with pytest.raises(ValidationFailed):
        contract.parse_payload(sample(DinhDanhCHS=[{"LoaiDinhDanh": 2, "SoDinhDanh": "019301000456"}]),
                               now=NOW, limits=LIMITS)


def test_a_submission_time_far_in_the_future_is_refused_and_a_little_ahead_is_clamped():
    with pytest.raises(ValidationFailed):
        contract.parse_payload(sample(NgayNopHoSo="20260115120000"), now=NOW, limits=LIMITS)
    parsed = contract.parse_payload(sample(NgayNopHoSo="20260115093100"), now=NOW, limits=LIMITS)
    assert parsed.submitted_at == NOW


def test_an_oversized_file_is_refused_before_it_is_decoded():
    data = sample()
    data["TaiLieuNop"][0]["NoiDungTep"] = "A" * 2_000_000
    with pytest.raises(TooLarge) as exc:
        contract.parse_payload(data, now=NOW, limits=LIMITS)
    assert exc.value.code == "file_too_large" and "1 MB" in exc.value.message


def test_bad_base64_is_refused():
    data = sample()
    data["TaiLieuNop"][0]["NoiDungTep"] = "không phải base64!"
    with pytest.raises(ValidationFailed) as exc:
        contract.parse_payload(data, now=NOW, limits=LIMITS)
    assert exc.value.details == {"field": "TaiLieuNop[0].NoiDungTep"}


def test_a_wrong_type_is_named_with_its_field():
    with pytest.raises(ValidationFailed) as exc:
        contract.parse_payload(sample(ChuHoSo={"ten": "A"}), now=NOW, limits=LIMITS)
    assert exc.value.code == "invalid_field" and exc.value.details == {"field": "ChuHoSo"}
