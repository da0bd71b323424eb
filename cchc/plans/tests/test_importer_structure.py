"""Header, signature, outline, content areas and duties of plans laid out in the genre's many ways."""

from __future__ import annotations

import pytest

from cchc.plans.importer.header import parse_header, signature
from cchc.plans.importer.outline import items
from cchc.plans.tests._importer_helpers import _fast_password_hashing, parse_text  # noqa: F401

BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao chất lượng phục vụ.
II. NHIỆM VỤ TRỌNG TÂM
1. Cải cách thể chế
a) Rà soát văn bản.
2. Cải cách thủ tục hành chính
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
a) Theo dõi, đôn đốc.
"""


def plan(header: str, signer: str = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn An", body: str = BODY) -> dict:
    return parse_text(f"{header}\n{body}\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n{signer}\n")


STACKED = """ỦY BAN NHÂN DÂN
HUYỆN ĐẠI TỪ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 125 /KH-UBND
Đại Từ, ngày 5 tháng 1 năm 2022
KẾ HOẠCH
Cải cách hành chính năm 2022"""


def test_it_reads_a_plan_of_a_district_without_a_decision_wrapper():
    got = plan(STACKED)
    assert (got["document_type"], got["document_number"], got["issuer"], got["place"], got["signed_date"],
            got["title"], got["plan_year"]) == ("Kế hoạch", "125/KH-UBND", "Ủy ban nhân dân huyện Đại Từ", "Đại Từ",
                                                "2022-01-05", "Cải cách hành chính năm 2022", 2022)
    assert got["sections"] == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]
    assert got["duties"] == [{"heading": "Sở Nội vụ", "agencies": ["Sở Nội vụ"], "tasks": ["Theo dõi, đôn đốc."]}]


def test_it_reads_a_two_column_header_interleaved_on_each_line():
    header = ("UBND TỈNH BẮC KẠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG Độc lập - Tự do - Hạnh phúc\n"
              "Số: 07/KH-STNMT Bắc Kạn, ngày 11 tháng 01 năm 2023\nKẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023")
    got = plan(header)
    assert (got["issuer"], got["issuer_parent"], got["document_number"], got["place"], got["signed_date"]) == (
        "Sở Tài nguyên và Môi trường", "UBND tỉnh Bắc Kạn", "07/KH-STNMT", "Bắc Kạn", "2023-01-11")
    assert got["title"] == "CẢI CÁCH HÀNH CHÍNH NĂM 2023" and got["plan_year"] == 2023


def test_it_reads_the_issuer_and_motto_on_alternating_lines():
    header = ("UBND TỈNH THÁI NGUYÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 12/KH-SNV\nThái Nguyên, ngày 05 tháng 01 năm 2021\nKẾ HOẠCH\nCải cách hành chính năm 2021")
    got = plan(header)
    assert (got["issuer"], got["issuer_parent"], got["place"]) == ("Sở Nội vụ", "UBND tỉnh Thái Nguyên", "Thái Nguyên")


def test_an_unsigned_draft_has_no_number_and_no_date():
    got = plan(STACKED.replace("Số: 125 /KH-UBND", "Số:      /KH-UBND").replace("ngày 5 tháng 1 năm 2022",
                                                                                 "ngày    tháng    năm 2022"))
    assert got["document_number"] is None and got["signed_date"] is None and got["place"] == "Đại Từ"


@pytest.mark.parametrize(("block", "name", "position"), [
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn An", "Nguyễn Văn An", "Chủ tịch"),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nLê Thị Bình", "Lê Thị Bình", "Phó Chủ tịch"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nHoàng Văn Cường", "Hoàng Văn Cường", "Phó Giám đốc"),
    ("GIÁM ĐỐC\n\nMa Thị Dung", "Ma Thị Dung", "Giám đốc"),
    ("Q. GIÁM ĐỐC\nĐinh Văn Em", "Đinh Văn Em", "Quyền Giám đốc"),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTrần Văn Phúc", "Trần Văn Phúc", "Phó Chánh Văn phòng"),
    ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ\nVũ Thị Giang", "Vũ Thị Giang", "Giám đốc Sở Nội vụ"),
    ("CHỦ TỊCH\n[daky]\nLưu Quang Huy", "Lưu Quang Huy", "Chủ tịch"),
])
def test_it_reads_the_signer_and_the_signers_own_position(block, name, position):
    got = plan(STACKED, signer=block)
    assert (got["signer"], got["signer_title"]) == (name, position)


def test_it_finds_a_signer_interleaved_with_the_recipients():
    lines = ["Nơi nhận: KT. CHỦ TỊCH", "- Như trên; PHÓ CHỦ TỊCH", "- Lưu: VT.", "", "Nguyễn Văn An"]
    name, position, _ = signature(lines, 0, len(lines))
    assert (name, position) == ("Nguyễn Văn An", "Phó Chủ tịch")


def test_the_header_parser_finds_the_document_type_from_the_number_when_there_is_no_heading():
    h = parse_header(["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 35/KH-UBND"])
    assert h.document_type == "Kế hoạch"


def test_items_nest_by_label_kind():
    tree = items(["1. A", "1.1. B", "a) C", "- D", "+ E", "tiếp theo của E", "b) F", "2. G", "(Ghi chú cho cả phần)"])
    assert [(i.label, i.text) for i in tree] == [("1.", "A"), ("2.", "G"), ("", "(Ghi chú cho cả phần)")]
    one_one = tree[0].children[0]
    assert [c.label for c in one_one.children] == ["a)", "b)"]
    assert one_one.children[0].children[0].children[0].children[0].text == "tiếp theo của E"


def test_it_accepts_slash_labels_and_dashes_after_roman_numerals():
    body = "I - MỤC ĐÍCH\n1/ Mục đích\nII/ NỘI DUNG\n1/ Cải cách thể chế\na/ Rà soát.\n2/ Cải cách công vụ\n"
    got = plan(STACKED, body=body)
    assert [p["label"] for p in got["parts"]] == ["I", "II"]
    assert got["sections"] == ["Cải cách thể chế", "Cải cách công vụ"]


def test_an_area_heading_and_its_text_may_share_a_line():
    body = "II. NỘI DUNG\n1. Cải cách thể chế: Rà soát, hệ thống hóa văn bản quy phạm pháp luật.\n2. Cải cách TTHC:\n- Một.\n"
    assert plan(STACKED, body=body)["sections"] == ["Cải cách thể chế", "Cải cách TTHC"]


@pytest.mark.parametrize(("line", "heading", "agencies", "tasks"), [
    ("1. Sở Tư pháp: Chủ trì rà soát văn bản.", "Sở Tư pháp", ["Sở Tư pháp"], ["Chủ trì rà soát văn bản."]),
    ("1. Phòng Nội vụ chủ trì, theo dõi việc thực hiện.", "Phòng Nội vụ", ["Phòng Nội vụ"],
     ["chủ trì, theo dõi việc thực hiện."]),
    ("1. Các Sở: Tài chính, Xây dựng: Tham mưu thực hiện.", "Các Sở: Tài chính, Xây dựng",
     ["Sở Tài chính", "Sở Xây dựng"], ["Tham mưu thực hiện."]),
    ("1. Trách nhiệm của Sở Nội vụ: Tổng hợp, báo cáo.", "Trách nhiệm của Sở Nội vụ", ["Sở Nội vụ"],
     ["Tổng hợp, báo cáo."]),
    ("1. Chủ tịch UBND các xã, thị trấn: Chỉ đạo thực hiện.", "Chủ tịch UBND các xã, thị trấn",
     ["UBND các xã, thị trấn"], ["Chỉ đạo thực hiện."]),
])
def test_it_reads_a_duty_whatever_way_the_agency_is_introduced(line, heading, agencies, tasks):
    got = plan(STACKED, body=f"III. TỔ CHỨC THỰC HIỆN\n{line}\n")
    assert got["duties"] == [{"heading": heading, "agencies": agencies, "tasks": tasks}]


def test_it_joins_hard_wrapped_lines_of_a_plain_text_copy():
    body = ("II. NỘI DUNG\n1. Cải cách thể chế\na) Tiếp tục đổi mới, nâng cao chất lượng ban hành văn bản quy phạm pháp\n"
            "luật của HĐND và UBND các cấp; tổ chức tổng kết, đánh giá thực hiện Đề án nâng cao chất lượng\n"
            "Thái Nguyên giai đoạn 2017 - 2020.\nb) Nâng cao hiệu quả kiểm tra.\n")
    area = plan(STACKED, body=body)["parts"][0]["items"][0]
    assert [c["label"] for c in area["children"]] == ["a)", "b)"]
    assert area["children"][0]["text"].endswith("nâng cao chất lượng Thái Nguyên giai đoạn 2017 - 2020.")


def test_the_plan_attached_to_a_decision_has_its_own_title():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 10/QĐ-UBND\n"
            "Thái Nguyên, ngày 02 tháng 01 năm 2024\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch kiểm soát thủ tục hành chính\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định có hiệu lực từ ngày ký./.\n"
            "Nơi nhận:\n- Như Điều 2;\nCHỦ TỊCH\nNguyễn Văn An\nKẾ HOẠCH\nKIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2024\n"
            "(Ban hành kèm theo Quyết định số 10/QĐ-UBND)\n" + BODY)
    got = parse_text(text)
    assert (got["document_type"], got["title"], got["plan_title"], got["plan_year"]) == (
        "Quyết định", "Về việc ban hành Kế hoạch kiểm soát thủ tục hành chính",
        "KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2024", 2024)
    assert [a["number"] for a in got["articles"]] == ["1", "2"] and got["legal_bases"] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương"]
    assert got["signer"] == "Nguyễn Văn An" and got["sections"] == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]
