"""Registry pages render what the selectors return, and the secretariat's forms go through services."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.org.models import Agency, Reorganisation


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_list_as_of_2020_shows_districts_and_2026_does_not(people):
    client = logged_in(people["officer_stp"])
    page_2020 = client.get("/registry/", {"as_of": "2020-01-01", "type": "ubnd_huyen"}).content.decode()
    page_2026 = client.get("/registry/", {"as_of": "2026-01-01", "type": "ubnd_huyen"}).content.decode()
    assert "huyện Định Hóa" in page_2020 and "huyện Định Hóa" not in page_2026


def test_a_bad_date_falls_back_to_today_with_a_warning(people):
    page = logged_in(people["officer_stp"]).get("/registry/", {"as_of": "31/02/2020"}).content.decode()
    assert "không hợp lệ" in page


def test_search_without_diacritics(people):
    page = logged_in(people["officer_stp"]).get("/registry/", {"q": "so tu phap"}).content.decode()
    assert "Sở Tư pháp" in page and "Sở Nội vụ</a>" not in page


def test_the_detail_page_shows_predecessors(people):
    page = logged_in(people["officer_stp"]).get("/registry/TN.SNV/").content.decode()
    assert "Sở Nội vụ tỉnh Bắc Kạn" in page


def test_the_tree_of_2020_nests_communes(people):
    page = logged_in(people["officer_stp"]).get("/registry/tree/", {"as_of": "2020-01-01"}).content.decode()
    assert "xã Tân Cương" in page


def test_resolve_page_marks_unresolved_names(people):
    page = logged_in(people["officer_stp"]).get(
        "/registry/resolve/", {"names": "VP UBND tỉnh\nSở Ma", "as_of": "2020-01-01"}).content.decode()
    assert "Văn phòng Ủy ban nhân dân tỉnh" in page and "Chưa nhận diện được" in page


def test_an_officer_cannot_open_the_secretariat_forms(people):
    client = logged_in(people["officer_stp"])
    assert client.get("/registry/reorganisations/").status_code == 403
    assert client.get("/registry/import/").status_code == 403


def test_the_secretariat_records_a_merger_through_the_form(people):
    client = logged_in(people["secretariat"])
    resp = client.post("/registry/reorganisations/", {
        "kind": "merge", "effective_date": "2026-01-01", "predecessors": "TN.STP, TN.BQLKCN",
        "continuing": "TN.STP", "legal_basis": "QĐ minh hoạ",
    })
    assert resp.status_code == 302
    assert Agency.objects.get(code="TN.BQLKCN").valid_to.isoformat() == "2025-12-31"
    assert Reorganisation.objects.filter(effective_date="2026-01-01").exists()


def test_an_import_with_an_unknown_parent_shows_row_errors(people):
    client = logged_in(people["secretariat"])
    csv = "code,name,type,parent_code,valid_from\nTN.SYT,Sở Y tế,so,KHONG.CO,2020-01-01\n".encode()
    page = client.post("/registry/import/", {"file": SimpleUploadedFile("a.csv", csv)}).content.decode()
    assert "Dòng 2" in page and "KHONG.CO" in page
    assert not Agency.objects.filter(code="TN.SYT").exists()


def test_export_downloads_a_spreadsheet(people):
    resp = logged_in(people["officer_stp"]).get("/registry/export.xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert resp.content[:2] == b"PK"
    assert logged_in(people["officer_stp"]).get("/registry/export.pdf").status_code == 404


def test_anonymous_visitors_are_sent_to_login(db):
    resp = Client().get("/registry/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]
