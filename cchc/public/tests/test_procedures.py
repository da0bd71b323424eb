"""Public procedure pages and API: search without accents, only versions in force, the full sheet."""

from __future__ import annotations

from django.urls import reverse


def test_search_without_diacritics_finds_the_procedure(client, building, cat):
    resp = client.get(reverse("public:procedure_list"), {"q": "cap giay phep xay dung"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in body
    assert "Cấp phiếu lý lịch tư pháp" not in body


def test_the_list_shows_no_draft_and_filters_by_level_and_agency(client, building, cat, registry):
    body = client.get(reverse("public:procedure_list")).content.decode()
    assert "Thủ tục chưa công bố" not in body and "1.009999" in body
    body = client.get(reverse("public:procedure_list"), {"level": "xa"}).content.decode()
    assert "1.009999" not in body
    body = client.get(reverse("public:procedure_list"), {"agency": "TN.STP"}).content.decode()
    assert "1.009999" in body and "Chứng thực bản sao" not in body


def test_a_repealed_or_draft_procedure_has_no_public_page(client, cat):
    assert client.get(reverse("public:procedure_detail", args=[cat.unpublished_code])).status_code == 404
    assert client.get(reverse("public:procedure_detail", args=["khong-co"])).status_code == 404


def test_the_sheet_shows_everything_an_eregulations_sheet_shows(client, building, settings):
    settings.CCHC_NATIONAL_PORTAL_PROCEDURE_URL = "https://dvc.example/tt?ma={code}"
    resp = client.get(reverse("public:procedure_detail", args=["1.009999"]))
    assert resp.status_code == 200
    body = resp.content.decode()
    for text in ("Số 18 đường Cách Mạng Tháng Tám", "Sở Tư pháp", "Bước 2: Cơ quan thẩm định hồ sơ",
                 "Đơn đề nghị cấp giấy phép xây dựng", "https://example.gov.vn/mau-01.docx", "Mẫu số 01",
                 "75.000", "15 ngày làm việc", "12 ngày làm việc", "Luật Xây dựng", "50/2014/QH13", "Một phần",
                 "Giấy phép xây dựng", "https://dvc.example/tt?ma=1.009999", "Công dân Việt Nam"):
        assert text in body, text
    # number of originals and copies of the drawing: 0 originals, 2 copies
    assert '<td class="text-end">0</td><td class="text-end">2</td>' in body


def test_the_pages_link_a_print_stylesheet_for_a4_without_navigation(client, building):
    from django.contrib.staticfiles import finders

    body = client.get(reverse("public:procedure_detail", args=["1.009999"])).content.decode()
    assert "public/print.css" in body
    css = open(finders.find("public/print.css"), encoding="utf-8").read()
    assert "@media print" in css and "size: A4" in css and "nav" in css and "display: none" in css


def test_api_lists_and_searches_without_accents(client, building, cat):
    resp = client.get("/api/v1/public/procedures", {"q": "giay phep xay dung"})
    assert resp.status_code == 200
    data = resp.json()
    assert data["count"] == 1 and data["items"][0]["code"] == "1.009999"
    assert data["items"][0]["url"] == "/public/procedures/1.009999/"


def test_api_returns_the_sheet_and_404_for_an_unpublished_code(client, building, cat):
    data = client.get("/api/v1/public/procedures/1.009999").json()
    case = data["cases"][0]
    assert case["time_limit_text"] == "15 ngày làm việc"
    assert case["components"][0]["form_url"] == "https://example.gov.vn/mau-01.docx"
    assert case["fees"][0]["amount"] == 75000
    assert data["legal_basis"][0]["number"] == "50/2014/QH13"
    assert data["online_level"] == "mot_phan" and "ma_thu_tuc=1.009999" in data["portal_url"]
    resp = client.get(f"/api/v1/public/procedures/{cat.unpublished_code}")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "procedure_not_found"


def test_the_api_schema_declares_the_public_operations():
    from cchc.api.main import api

    schema = api.get_openapi_schema()
    paths = schema["paths"]
    assert "/api/v1/public/procedures" in paths and "/api/v1/public/procedures/{code}" in paths
    lookup = paths["/api/v1/public/lookup"]["get"]
    assert {200, 404, 429} <= {int(k) for k in lookup["responses"]}
    assert "security" not in lookup
    rating = paths["/api/v1/public/rating"]["post"]
    assert {201, 404, 409, 422, 429} <= {int(k) for k in rating["responses"]}
