"""Signing and storing electronic results, the dossier flag, returns by post and electronically."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from cchc.common.errors import Conflict, PermissionDenied, TooLarge, ValidationFailed
from cchc.common.models import Event
from cchc.dossiers import services as dossier_services
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.results import selectors, services
from cchc.results.models import ElectronicResult, PostalReturn, PostalStatusChange
from cchc.results.tests.conftest import reload
from cchc.results.verification import INVALID, VALID


@pytest.fixture(scope="module")
def pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Quyết định</h1><p>Kết quả giải quyết thủ tục hành chính.</p>").write_pdf()


def test_signing_an_issued_result_stores_it_and_sets_the_flag(issued, staff, pdf):
    assert not issued.result_electronic and issued.state == "result_ready"
    seq = issued.log_seq
    r = services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf, filename="qd.pdf", title="Quyết định")
    fresh = Dossier.objects.get(pk=issued.pk)
    assert fresh.result_electronic and fresh.state == "result_ready"
    # Not a transition: the process-log chain is untouched; the event says what happened.
    assert fresh.log_seq == seq and ProcessLogEntry.objects.filter(dossier=fresh).count() == seq
    event = Event.objects.get(verb="results.sign", subject_id=issued.code)
    assert event.data["sha256"] == r.sha256 and event.data["issued"] is False
    assert r.signer_name == "Sở Tư pháp (TN.STP)" and r.issuing_agency.code == "TN.STP"
    assert len(r.certificate_fingerprint) == 64 and r.signed_by == staff["signer"] and r.signer_backend == "local"
    assert r.original_name == "qd.pdf" and r.size == r.file.size and r.source == "upload"
    assert selectors.verify_stored(result=r).verdict == VALID


def test_signing_during_processing_issues_the_result_electronically(at_signing, staff):
    r = services.result_sign(actor=staff["signer"], dossier=at_signing, generate=True, result_number="45/QĐ-STP",
                             summary="Cấp phiếu lý lịch tư pháp số 1")
    d = Dossier.objects.get(pk=at_signing.pk)
    assert d.state == "result_ready" and d.result_electronic and d.result_number == "45/QĐ-STP"
    last = ProcessLogEntry.objects.filter(dossier=d).order_by("-seq").first()
    assert last.action == "issue_result" and last.data["electronic"] is True
    assert r.source == "generated" and selectors.verify_stored(result=r).verdict == VALID
    if shutil.which("pdftotext"):  # the generated document has a text layer with the code and the number
        text = subprocess.run(["pdftotext", r.file.path, "-"], capture_output=True, text=True, timeout=60).stdout
        assert d.code in text and "45/QĐ-STP" in text and "Ký số bởi" in text


def test_issuing_by_signing_needs_the_result_number(at_signing, staff):
    with pytest.raises(ValidationFailed, match="số, ký hiệu"):
        services.result_sign(actor=staff["signer"], dossier=at_signing, generate=True)
    assert Dossier.objects.get(pk=at_signing.pk).state == "in_process"
    assert not ElectronicResult.objects.exists()


def test_re_signing_supersedes_the_previous_result(issued, staff, pdf):
    first = services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    second = services.result_sign(actor=staff["signer"], dossier=reload(staff["signer"], issued), generate=True)
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert selectors.current_result(dossier=issued) == second
    assert Event.objects.filter(verb="results.sign").last().data["superseded"] == [first.pk]


def test_staff_of_another_agency_cannot_sign(issued, staff, registry, pdf):
    from cchc.accounts.services import user_create

    other_signer = user_create(actor=None, username="giamdoc.snv", password="ThaiNguyen@2026", full_name="GĐ SNV",
                               agency=registry["snv"], roles=["signer"])
    for actor in (other_signer, staff["reception"], staff["specialist"]):
        with pytest.raises(PermissionDenied):
            services.result_sign(actor=actor, dossier=issued, pdf=pdf)
    assert not ElectronicResult.objects.exists() and not Dossier.objects.get(pk=issued.pk).result_electronic


def test_an_upload_that_is_not_a_pdf_is_refused_and_nothing_changes(issued, staff, settings):
    with pytest.raises(ValidationFailed, match="không phải là tệp PDF"):
        services.result_sign(actor=staff["signer"], dossier=issued, pdf=b"\x89PNG\r\n fake.pdf")
    with pytest.raises(ValidationFailed, match="bị hỏng"):
        services.result_sign(actor=staff["signer"], dossier=issued, pdf=b"%PDF-1.7\nbroken")
    with pytest.raises(ValidationFailed, match="chỉ một trong hai"):
        services.result_sign(actor=staff["signer"], dossier=issued)
    settings.CCHC_RESULTS_MAX_BYTES = 100
    with pytest.raises(TooLarge):
        services.result_sign(actor=staff["signer"], dossier=issued, pdf=b"%PDF-" + b"x" * 200)
    assert not ElectronicResult.objects.exists() and not Dossier.objects.get(pk=issued.pk).result_electronic


def test_a_missing_agency_key_refuses_without_a_trace(issued, staff, pdf, tmp_path, settings):
    settings.CCHC_RESULTS_KEY_DIR = str(tmp_path)  # no key for TN.STP
    with pytest.raises(Conflict, match="Chưa cấu hình chứng thư số"):
        services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    assert not ElectronicResult.objects.exists() and not Event.objects.filter(verb="results.sign").exists()


def test_a_dossier_not_yet_processed_cannot_be_signed(cat, staff, pdf):
    from cchc.dossiers.testing import intake_data

    d = dossier_services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    admin_like = staff["signer"]
    with pytest.raises(Conflict, match="chưa thể ký"):
        services.result_sign(actor=admin_like, dossier=reload(admin_like, d), pdf=pdf)


def test_a_file_changed_in_storage_is_reported_invalid(issued, staff, pdf):
    r = services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    path = r.file.path
    data = bytearray(open(path, "rb").read())
    data[100] ^= 0x20
    open(path, "wb").write(bytes(data))
    report = selectors.verify_stored(result=r)
    assert report.verdict == INVALID and "không khớp mã băm" in report.problems[0]


def _postal(staff, dossier, **over):
    values = dict(recipient_name="Nguyễn Văn An", recipient_address="Số 1 đường Hoàng Văn Thụ, Thái Nguyên",
                  recipient_phone="0912345678", postal_service="VNPost Thái Nguyên", tracking_number="eb 123 456 789 vn",
                  fee=25000)
    values.update(over)
    return services.result_return_postal(actor=staff["return"], dossier=reload(staff["return"], dossier), **values)


def test_postal_return_records_tracking_and_status_history(issued, staff):
    p = _postal(staff, issued)
    d = Dossier.objects.get(pk=issued.pk)
    assert d.state == "result_returned" and d.return_method == "postal" and d.recipient_name == "Nguyễn Văn An"
    assert p.tracking_number == "EB123456789VN" and p.status == "sent" and int(p.fee) == 25000
    delivered_at = timezone.now()
    services.postal_status_update(actor=staff["return"], postal=p, status="delivered", at=delivered_at,
                                  note="Người nhận ký nhận")
    p = PostalReturn.objects.get(pk=p.pk)
    assert p.status == "delivered" and p.delivered_at == delivered_at
    history = list(PostalStatusChange.objects.filter(postal_return=p).values_list("status", flat=True))
    assert history == ["sent", "delivered"]
    assert Event.objects.filter(verb="results.postal_status", subject_id=issued.code).count() == 1


def test_a_returned_parcel_can_be_resent_under_a_new_tracking_number(issued, staff):
    p = _postal(staff, issued)
    p = services.postal_status_update(actor=staff["return"], postal=p, status="returned_to_sender")
    assert p.returned_to_sender_at is not None
    p = services.postal_status_update(actor=staff["return"], postal=PostalReturn.objects.get(pk=p.pk), status="sent",
                                      tracking_number="EB000000001VN")
    p = PostalReturn.objects.get(pk=p.pk)
    assert p.status == "sent" and p.tracking_number == "EB000000001VN" and p.returned_to_sender_at is None
    assert p.history.count() == 3


def test_postal_status_moves_and_times_are_checked(issued, staff):
    p = _postal(staff, issued)
    with pytest.raises(ValidationFailed, match="tương lai"):
        services.postal_status_update(actor=staff["return"], postal=p, status="delivered",
                                      at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationFailed, match="trước ngày gửi"):
        services.postal_status_update(actor=staff["return"], postal=p, status="delivered",
                                      at=timezone.now() - timedelta(days=3))
    services.postal_status_update(actor=staff["return"], postal=p, status="delivered")
    with pytest.raises(Conflict, match="không thể chuyển"):
        services.postal_status_update(actor=staff["return"], postal=PostalReturn.objects.get(pk=p.pk),
                                      status="returned_to_sender")
    assert PostalReturn.objects.get(pk=p.pk).status == "delivered"


def test_bad_postal_details_change_nothing(issued, staff):
    with pytest.raises(ValidationFailed, match="Mã vận đơn"):
        _postal(staff, issued, tracking_number="??")
    with pytest.raises(ValidationFailed, match="điện thoại"):
        _postal(staff, issued, recipient_phone="abc")
    with pytest.raises(ValidationFailed, match="địa chỉ"):
        _postal(staff, issued, recipient_address="  ")
    d = Dossier.objects.get(pk=issued.pk)
    assert d.state == "result_ready" and not PostalReturn.objects.exists()


def test_a_tracking_number_cannot_be_used_twice(issued, staff, cat):
    _postal(staff, issued)
    from cchc.dossiers.testing import intake_data

    s = staff
    d = dossier_services.dossier_receive(actor=s["reception"], data=intake_data(cat))
    d = dossier_services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], d))
    d = dossier_services.dossier_forward(actor=s["specialist"], dossier=reload(s["specialist"], d))
    d = dossier_services.dossier_forward(actor=s["head"], dossier=reload(s["head"], d))
    d = dossier_services.dossier_issue_result(actor=s["signer"], dossier=reload(s["signer"], d), result_number="2/X")
    with pytest.raises(Conflict, match="đã được dùng"):
        _postal(staff, d)
    assert Dossier.objects.get(pk=d.pk).state == "result_ready"


def test_staff_of_another_agency_cannot_return_or_update_the_post(issued, staff):
    with pytest.raises(PermissionDenied):
        services.result_return_postal(actor=staff["other_reception"], dossier=issued, recipient_name="A",
                                      recipient_address="B", recipient_phone="0912345678", postal_service="VNPost",
                                      tracking_number="EB1234VN")
    p = _postal(staff, issued)
    with pytest.raises(PermissionDenied):
        services.postal_status_update(actor=staff["other_reception"], postal=p, status="delivered")
    with pytest.raises(PermissionDenied):
        services.postal_status_update(actor=staff["signer"], postal=p, status="delivered")


def test_electronic_return_needs_a_signed_result(issued, staff):
    with pytest.raises(Conflict, match="chưa có kết quả điện tử"):
        services.result_return_electronic(actor=staff["return"], dossier=issued)
    assert Dossier.objects.get(pk=issued.pk).state == "result_ready"


def test_electronic_return_marks_the_dossier_returned(issued, staff, pdf):
    services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    d = services.result_return_electronic(actor=staff["return"], dossier=reload(staff["return"], issued))
    assert d.state == "result_returned" and d.return_method == "electronic" and d.result_electronic


def test_a_result_returned_at_the_counter_can_still_get_its_electronic_copy(issued, staff, pdf):
    dossier_services.dossier_return_result(actor=staff["return"], dossier=reload(staff["return"], issued),
                                           method="counter", recipient_name="An")
    services.result_sign(actor=staff["signer"], dossier=reload(staff["signer"], issued), pdf=pdf)
    d = Dossier.objects.get(pk=issued.pk)
    assert d.state == "result_returned" and d.return_method == "counter" and d.result_electronic


def test_the_holder_downloads_with_phone_or_id_and_a_wrong_key_gets_nothing(issued, staff, pdf):
    from cchc.common.errors import NotFound

    r = services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    for wrong in ("0912345679", "", "019201000124", "   "):
        with pytest.raises(NotFound):
            services.result_download(dossier=issued, key=wrong)
    found, data = services.result_download(dossier=issued, key="+84 912.345.678")
    assert found.pk == r.pk and data.startswith(b"%PDF-") and len(data) == r.size
    services.result_download(dossier=issued, key="019201000123")
    r.refresh_from_db()
    assert r.download_count == 2 and r.first_downloaded_at is not None
