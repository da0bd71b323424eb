"""The national portal pushes dossiers: accepted ones wait at the counter, bad ones change nothing."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.conf import settings

from cchc.common.models import Event
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.dossiers.services import dossier_accept
from cchc.portal.models import InboundDossier, InboundFile
from cchc.portal.tests.standin import PNG, file_item

pytestmark = pytest.mark.django_db


def assert_nothing_written():
    assert Dossier.objects.count() == 0
    assert ProcessLogEntry.objects.count() == 0
    assert InboundDossier.objects.count() == 0
    assert InboundFile.objects.count() == 0
    assert not Event.objects.filter(verb__in=["dossier.submit", "portal.dossier_receive"]).exists()


def test_a_good_dossier_arrives_and_waits_for_the_counter_as_submitted(portal, good, cat, staff):
    answer = portal.push(good())
    assert answer.status == 200, answer.body
    ack = answer.body
    assert ack["error_code"] == "00" and ack["MaHoSo"] == "G22.99-260115-0001" and ack["TrangThaiHoSo"] == 1
    d = Dossier.objects.get(code=ack["MaHoSoTiepNhan"])
    assert d.state == State.SUBMITTED and d.channel == "online_portal" and d.national_status == 1
    assert d.other_code == "G22.99-260115-0001"
    assert d.receiving_agency == cat.centre and d.received_at is None and d.submitted_at is not None
    assert d.applicant_name == "Trần Thị Bình" and d.applicant_id_number == "019301000456"
    assert d.applicant_phone == "0987654321" and d.vneid_verified is True
    assert {c["component"] for c in d.components} == {cat.components[0].pk, cat.components[1].pk}
    assert d.has_digitised_components is True
    entry = d.log.get()
    assert entry.role == "system:dvcqg" and entry.actor_name == "Cổng Dịch vụ công quốc gia"
    inbound = InboundDossier.objects.get(portal_code="G22.99-260115-0001")
    assert inbound.dossier == d and json.loads(inbound.ack) == ack and len(inbound.body_sha256) == 64
    assert "NoiDungTep" in inbound.payload["TaiLieuNop"][0]
    assert inbound.payload["TaiLieuNop"][0]["NoiDungTep"] == "<đã lưu riêng>"
    files = list(inbound.files.order_by("id"))
    assert [f.component_id for f in files] == [cat.components[0].pk, cat.components[1].pk]
    stored = Path(settings.MEDIA_ROOT) / files[0].path
    assert stored.read_bytes().startswith(b"%PDF-") and files[0].path.endswith(files[0].sha256)
    # A clerk of the receiving centre accepts it (T3): the legal clock starts.
    accepted = dossier_accept(actor=staff["reception"], dossier=d)
    assert accepted.state == State.RECEIVED and accepted.due_at is not None


def test_a_retry_of_the_same_push_gets_the_same_acknowledgement_and_no_second_dossier(portal, good):
    data = good()
    first = portal.push(data)
    again = portal.push(data)
    # The portal may re-serialise the same dossier: key order and spacing do not make it different.
    reordered = json.dumps(dict(reversed(list(data.items()))), indent=2, ensure_ascii=False).encode()
    third = portal.push(reordered)
    assert first.status == again.status == third.status == 200
    assert first.body == again.body == third.body
    assert again.headers.get("X-Idempotent-Replay") == "true"
    assert Dossier.objects.count() == 1 and InboundDossier.objects.get().repeats == 2


def test_the_same_portal_code_with_different_content_is_a_conflict(portal, good):
    first = portal.push(good())
    other = portal.push(good(ChuHoSo="Người Khác"))
    assert other.status == 409 and other.body["error_code"] == "conflicting_duplicate"
    assert other.body["error"]["details"]["MaHoSoTiepNhan"] == first.body["MaHoSoTiepNhan"]
    assert Dossier.objects.count() == 1


def test_malformed_json_is_refused_and_nothing_is_written(portal):
    answer = portal.push(b'{"MaHoSo": "X-1", ')
    assert answer.status == 400 and answer.body["error_code"] == "malformed_json"
    assert "JSON" in answer.body["message"]
    answer = portal.push(b'["not", "an", "object"]')
    assert answer.status == 400 and answer.body["error"]["code"] == "malformed_json"
    assert_nothing_written()


def test_missing_fields_are_listed_in_vietnamese(portal, good):
    data = good()
    del data["ChuHoSo"], data["DinhDanhCHS"]
    answer = portal.push(data)
    assert answer.status == 422 and answer.body["error_code"] == "missing_fields"
    assert answer.body["message"].startswith("Hồ sơ thiếu trường bắt buộc")
    assert answer.body["error"]["details"]["missing"] == ["ChuHoSo", "DinhDanhCHS"]
    assert answer.body["MaHoSo"] == "G22.99-260115-0001"
    assert_nothing_written()


def test_an_unknown_procedure_is_refused(portal, good):
    answer = portal.push(good(MaTTHC="9.999999"))
    assert answer.status == 404 and answer.body["error_code"] == "procedure_not_found"
    assert "9.999999" in answer.body["message"]
    assert_nothing_written()


def test_an_unpublished_procedure_is_refused(portal, good, cat):
    answer = portal.push(good(MaTTHC=cat.unpublished_code))
    assert answer.status == 422 and answer.body["error_code"] == "procedure_not_published"
    assert "chưa được công bố" in answer.body["message"]
    assert_nothing_written()


def test_an_unknown_unit_is_refused(portal, good):
    answer = portal.push(good(MaDonVi="000.00.99.H99"))
    assert answer.status == 422 and answer.body["error_code"] == "unknown_unit"
    assert_nothing_written()


def test_a_unit_is_found_by_its_electronic_identifier(portal, good, cat):
    cat.centre.identifier = "000.00.01.H56"
    cat.centre.save(update_fields=["identifier"])
    answer = portal.push(good(MaDonVi="000.00.01.H56"))
    assert answer.status == 200
    assert Dossier.objects.get().receiving_agency == cat.centre


def test_a_component_not_of_the_case_is_refused(portal, good, cat):
    data = good()
    data["TaiLieuNop"].append(file_item("la.pdf", component="KHONG-CO"))
    answer = portal.push(data)
    assert answer.status == 422 and answer.body["error_code"] == "unknown_component"
    assert_nothing_written()


def test_a_missing_required_component_is_refused_before_any_file_is_stored(portal, good):
    data = good()
    data["TaiLieuNop"] = data["TaiLieuNop"][:1]
    answer = portal.push(data)
    assert answer.status == 422 and answer.body["error_code"] == "missing_components"
    assert "Bản chụp căn cước" in answer.body["message"]
    assert_nothing_written()
    assert not (Path(settings.MEDIA_ROOT) / "portal").exists()


def test_components_are_matched_by_their_national_code(portal, good, cat):
    for i, comp in enumerate(cat.components, start=1):
        comp.national_code = f"TP{i:03}"
        comp.save(update_fields=["national_code"])
    data = good()
    data["TaiLieuNop"] = [file_item("a.pdf", component="TP001"), file_item("b.png", PNG, mime="image/png",
                                                                           component="TP002")]
    data["DanhSachTepDinhKemKhac"] = [{"TenTepDinhKem": "ghi-chu.pdf",
                                       "DuongDanTaiTepTin": "https://dichvucong.gov.vn/files/abc"}]
    answer = portal.push(data)
    assert answer.status == 200, answer.body
    files = list(InboundFile.objects.order_by("id"))
    assert [f.component_id for f in files] == [cat.components[0].pk, cat.components[1].pk, None]
    assert files[2].url.startswith("https://") and files[2].path == "" and files[1].mime == "image/png"


def test_a_forged_signature_is_refused(portal, good):
    answer = portal.push(good(), secret="khoa-gia-mao")
    assert answer.status == 401 and answer.body["error_code"] == "signature_invalid"
    assert answer.body["MaHoSo"] == ""  # nothing from an unproven body is echoed
    assert_nothing_written()


def test_a_body_changed_after_signing_is_refused(portal, good):
    body = json.dumps(good()).encode()
    headers = portal.headers(body)
    answer = portal.push(body.replace(b"Tr\\u1ea7n", b"Tr\\u1ea5n"), headers=headers)
    assert answer.status == 401 and answer.body["error_code"] == "signature_invalid"
    assert_nothing_written()


def test_a_push_without_signature_headers_is_refused(portal, good):
    answer = portal.push(good(), headers={})
    assert answer.status == 401 and answer.body["error_code"] == "signature_missing"
    assert_nothing_written()


def test_an_expired_timestamp_is_refused_as_a_replay(portal, good):
    old = str(int(time.time()) - 3600)
    answer = portal.push(good(), timestamp=old)
    assert answer.status == 401 and answer.body["error_code"] == "timestamp_expired"
    assert "gửi lại" in answer.body["message"]
    assert_nothing_written()


def test_a_replay_of_an_accepted_push_outside_the_window_is_refused(portal, good):
    body = json.dumps(good()).encode()
    ts = str(int(time.time()) - 10)
    headers = portal.headers(body, timestamp=ts)
    assert portal.push(body, headers=headers).status == 200
    # Captured and sent again an hour later: the same headers no longer pass.
    stale = {**portal.headers(body, timestamp=str(int(time.time()) - 3600))}
    assert portal.push(body, headers=stale).status == 401
    assert Dossier.objects.count() == 1


def test_an_oversized_body_is_refused_with_413(portal, good, settings):
    settings.CCHC_DVCQG_MAX_BODY_BYTES = 500
    answer = portal.push(good())
    assert answer.status == 413 and answer.body["error_code"] == "body_too_large"
    assert answer.body["message"] == "Nội dung gửi lên lớn quá 500 byte."
    assert_nothing_written()


def test_an_oversized_file_is_refused_with_413(portal, good, settings):
    settings.CCHC_DVCQG_MAX_FILE_BYTES = 50
    answer = portal.push(good())
    assert answer.status == 413 and answer.body["error_code"] == "file_too_large"
    assert_nothing_written()


def test_a_body_over_django_upload_limit_is_still_read_when_within_ours(portal, good, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    answer = portal.push(good())
    assert answer.status == 200, answer.body


def test_a_file_whose_checksum_does_not_match_is_refused(portal, good):
    data = good()
    data["TaiLieuNop"][0]["MaKiemTraSHA256"] = "0" * 64
    answer = portal.push(data)
    assert answer.status == 422 and answer.body["error_code"] == "checksum_mismatch"
    assert_nothing_written()


def test_a_file_whose_content_is_not_its_declared_type_is_refused(portal, good):
    data = good()
    data["TaiLieuNop"][0] = file_item("to-khai.pdf", PNG, component_name=data["TaiLieuNop"][0]["TenThanhPhanHoSo"])
    answer = portal.push(data)
    assert answer.status == 422 and answer.body["error_code"] == "file_type_mismatch"
    assert_nothing_written()


def test_an_unset_secret_is_a_clear_refusal(portal, good, settings, monkeypatch):
    settings.CCHC_DVCQG_SECRET = ""
    monkeypatch.delenv("CCHC_DVCQG_SECRET", raising=False)
    answer = portal.push(good())
    assert answer.status == 503 and answer.body["error_code"] == "portal_not_configured"
    assert "CCHC_DVCQG_SECRET" in answer.body["message"]
    assert_nothing_written()


def test_a_bad_id_number_or_date_is_refused(portal, good):
    answer = portal.push(good(DinhDanhCHS=[{"LoaiDinhDanh": 1, "SoDinhDanh": "12345"}]))
    assert answer.status == 422 and answer.body["error"]["details"]["field"] == "DinhDanhCHS[0].SoDinhDanh"
    answer = portal.push(good(NgayNopHoSo="2026-01-15"))
    assert answer.status == 422 and answer.body["error"]["details"]["field"] == "NgayNopHoSo"
    assert_nothing_written()


def test_a_dossier_the_core_refuses_leaves_no_inbound_row(portal, good, cat):
    cat.case.online_not_offered = True
    cat.case.save(update_fields=["online_not_offered"])
    answer = portal.push(good())
    assert answer.status == 422 and answer.body["error_code"] == "online_not_offered"
    assert_nothing_written()
    # Once the catalogue is corrected, the same push is accepted.
    cat.case.online_not_offered = False
    cat.case.save(update_fields=["online_not_offered"])
    assert portal.push(good()).status == 200


def test_losing_the_race_on_the_portal_code_answers_as_a_repeat(portal, good, monkeypatch):
    """Two pushes checked for a repeat before either committed: the second fails on the unique key."""
    from cchc.portal import services

    first = portal.push(good())
    real = services._repeat
    calls = {"n": 0}

    def late(code, checksum):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(code, checksum)  # the first look saw nothing yet

    monkeypatch.setattr(services, "_repeat", late)
    again = portal.push(good())
    assert again.status == 200 and again.body == first.body and calls["n"] == 2
    assert Dossier.objects.count() == 1 and InboundDossier.objects.get().repeats == 1


def test_the_dossier_page_shows_the_portal_code_and_files(client, portal, good, staff):
    ack = portal.push(good()).body
    client.force_login(staff["reception"])
    page = client.get(f"/dossiers/{ack['MaHoSoTiepNhan']}/")
    assert page.status_code == 200 and f"/portal/dossiers/{ack['MaHoSoTiepNhan']}/panel/" in page.content.decode()
    panel = client.get(f"/portal/dossiers/{ack['MaHoSoTiepNhan']}/panel/").content.decode()
    assert ack["MaHoSo"] in panel and "to-khai.pdf" in panel and "Tờ khai yêu cầu cấp phiếu" in panel
    f = InboundFile.objects.first()
    download = client.get(f"/portal/dossiers/{ack['MaHoSoTiepNhan']}/files/{f.pk}/")
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")
    assert download["Content-Type"] == "application/pdf"


def test_another_agency_cannot_read_the_files(client, portal, good, staff):
    ack = portal.push(good()).body
    client.force_login(staff["other_reception"])
    f = InboundFile.objects.first()
    assert client.get(f"/portal/dossiers/{ack['MaHoSoTiepNhan']}/files/{f.pk}/").status_code == 404
    assert client.get(f"/portal/dossiers/{ack['MaHoSoTiepNhan']}/panel/").status_code == 404


def test_a_damaged_stored_file_is_not_served(client, portal, good, staff):
    ack = portal.push(good()).body
    f = InboundFile.objects.first()
    (Path(settings.MEDIA_ROOT) / f.path).write_bytes(b"%PDF-tampered")
    client.force_login(staff["reception"])
    response = client.get(f"/portal/dossiers/{ack['MaHoSoTiepNhan']}/files/{f.pk}/")
    assert response.status_code == 409 and "sai lệch" in response.content.decode()


def test_the_pushed_dossier_is_in_the_receiving_centres_list_waiting_for_acceptance(client, portal, good, staff):
    ack = portal.push(good()).body
    client.force_login(staff["reception"])
    page = client.get("/dossiers/", {"state": State.SUBMITTED.value}).content.decode()
    assert ack["MaHoSoTiepNhan"] in page
    client.force_login(staff["other_reception"])
    assert ack["MaHoSoTiepNhan"] not in client.get("/dossiers/").content.decode()


def test_the_admin_shows_pushes_read_only(client, portal, good, people):
    portal.push(good())
    admin_user = people["admin"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(admin_user)
    inbound = InboundDossier.objects.get()
    assert "G22.99-260115-0001" in client.get("/admin/portal/inbounddossier/").content.decode()
    page = client.get(f"/admin/portal/inbounddossier/{inbound.pk}/change/")
    assert page.status_code == 200 and "to-khai.pdf" in page.content.decode()
    assert client.get("/admin/portal/inbounddossier/add/").status_code == 403
