"""The seed decision (QĐ 4203/QĐ-UBND, Thái Nguyên) is read exactly: the issue's quality bar."""

from __future__ import annotations

import pytest

from cchc.plans.importer import agency_names, parse_document
from cchc.plans.tests._importer_helpers import SEED, _fast_password_hashing, parse_json  # noqa: F401

SIXTEEN = ["Sở Tài nguyên và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tư pháp", "Sở Nội vụ",
           "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương", "Văn phòng UBND tỉnh", "Bảo hiểm xã hội tỉnh",
           "UBND cấp huyện"]


@pytest.fixture(scope="module")
def seed() -> dict:
    return parse_json(SEED.read_bytes(), SEED.name)


def test_it_reads_the_header_of_the_decision(seed):
    assert {k: seed[k] for k in ("document_number", "document_type", "place", "signed_date", "signer",
                                 "signer_title", "plan_year")} == {
        "document_number": "4203/QĐ-UBND", "document_type": "Quyết định", "place": "Thái Nguyên",
        "signed_date": "2019-12-27", "signer": "Vũ Hồng Bắc", "signer_title": "Chủ tịch", "plan_year": 2020}
    assert seed["issuer"] == "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert seed["title"] == "BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2020"


def test_it_reads_the_eight_content_areas(seed):
    assert seed["sections"] == [
        "Cải cách thể chế",
        "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông",
        "Cải cách tổ chức bộ máy",
        "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
        "Cải cách tài chính công",
        "Hiện đại hóa hành chính",
        "Tuyên truyền về cải cách hành chính",
        "Kiểm tra cải cách hành chính",
    ]


def test_it_reads_twenty_one_key_tasks_each_with_lead_and_coordinating_agencies(seed):
    tasks = seed["key_tasks"]
    assert [t["no"] for t in tasks] == [str(i) for i in range(1, 22)]
    assert all(t["lead"] and t["coordinating"] and t["content"] for t in tasks)
    assert tasks[0]["lead"] == ["Sở Nội vụ"]
    assert tasks[0]["coordinating"] == ["Văn phòng UBND tỉnh", "các Sở, Ban, ngành", "UBND cấp huyện"]
    assert tasks[7]["lead"] == ["Các Sở, Ban, ngành liên quan", "UBND cấp huyện"]


def test_it_expands_task_16_to_eleven_coordinating_agencies(seed):
    task = seed["key_tasks"][15]
    assert task["coordinating"] == SIXTEEN
    assert task["content"].endswith("(Trục LGSP tỉnh Thái Nguyên")  # the unclosed parenthesis, as written


def test_it_reads_the_recurring_deadlines_of_tasks_8_and_11(seed):
    t8, t11 = seed["key_tasks"][7], seed["key_tasks"][10]
    assert (t8["deadline_text"], t8["deadline_date"], t8["recurrence"], t8["deadline_granularity"],
            t8["recurrence_until"]) == ("Thường xuyên", None, "continuous", "recurring", None)
    assert (t11["deadline_text"], t11["deadline_date"], t11["recurrence"], t11["deadline_granularity"],
            t11["recurrence_until"]) == ("Hàng quý, năm 2020", None, "quarterly", "recurring", "2020-12-31")


def test_it_dates_every_other_task_at_the_end_of_its_period(seed):
    dates = {t["no"]: (t["deadline_date"], t["deadline_granularity"]) for t in seed["key_tasks"]}
    assert dates["1"] == ("2020-03-31", "quarter")
    assert dates["4"] == ("2020-07-31", "month")
    assert dates["5"] == ("2020-09-30", "quarter")
    assert dates["7"] == ("2020-12-31", "quarter")
    assert dates["15"] == ("2020-06-30", "quarter")
    assert dates["21"] == ("2020-12-31", "year")
    assert all(t["recurrence"] is None for t in seed["key_tasks"] if t["no"] not in ("8", "11"))


def test_it_ignores_the_page_noise_before_the_document(seed):
    everything = repr(seed)
    assert "Hệ thống pháp luật" not in everything
    assert "Đang tải nội dung" not in everything


def test_it_reads_legal_bases_articles_recipients_and_duties(seed):
    assert len(seed["legal_bases"]) == 5 and seed["legal_bases"][0] == "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015"
    assert [a["number"] for a in seed["articles"]] == ["1", "2"]
    assert seed["recipients"][0] == "Như Điều 2" and seed["recipients"][-1] == "Lưu: VT, KSTT.huongnt.CCHC"
    assert [d["heading"] for d in seed["duties"]][:2] == ["Thủ trưởng các Sở, Ban, ngành, Chủ tịch UBND cấp huyện",
                                                          "Sở Nội vụ"]
    assert seed["duties"][0]["agencies"] == ["các Sở, Ban, ngành", "UBND cấp huyện"]
    assert seed["duties"][7]["agencies"] == ["Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
                                             "Sở Giao thông Vận tải", "Ban Quản lý các Khu Công nghiệp"]
    assert len(seed["solutions"]) == 9
    assert [p["kind"] for p in seed["parts"]] == ["purpose", "contents", "solutions", "implementation"]


def test_it_lists_every_agency_for_the_registry_to_resolve():
    names = agency_names(parse_document(SEED.read_bytes(), SEED.name))
    assert set(SIXTEEN) <= set(names)
    assert "Sở Khoa học và Công nghệ" in names and "Ban Quản lý các Khu Công nghiệp" in names
    assert len(names) == len(set(names))
