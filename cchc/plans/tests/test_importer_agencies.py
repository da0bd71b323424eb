"""Splitting an agency cell into agency names (issue 3, item 3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.plans.importer.agencies import is_agency_like, split_agencies, strip_role
from cchc.plans.tests._importer_helpers import _fast_password_hashing  # noqa: F401  (see there)

SEED_16 = ("Các sở: Tài nguyên và Môi trường, Y tế, Giáo dục và Đào tạo, Tư pháp, Nội vụ, Kế hoạch và Đầu tư, "
           "Tài chính, Công Thương, Văn phòng UBND tỉnh, Bảo hiểm xã hội tỉnh, UBND cấp huyện")

SPLITS = [
    ("Sở Nội vụ", ["Sở Nội vụ"]),
    ("Các Sở, Ban, ngành liên quan, UBND cấp huyện", ["Các Sở, Ban, ngành liên quan", "UBND cấp huyện"]),
    ("Văn phòng UBND tỉnh, các Sở, Ban, ngành, UBND cấp huyện",
     ["Văn phòng UBND tỉnh", "các Sở, Ban, ngành", "UBND cấp huyện"]),
    ("Sở Nội vụ, Sở Thông tin và Truyền thông, các cơ quan, đơn vị liên quan",
     ["Sở Nội vụ", "Sở Thông tin và Truyền thông", "các cơ quan, đơn vị liên quan"]),
    ("Các Sở, Ban ngành, UBND cấp huyện", ["Các Sở, Ban ngành", "UBND cấp huyện"]),
    ("Các cơ quan, đơn vị, địa phương", ["Các cơ quan, đơn vị, địa phương"]),
    ("Các đơn vị, địa phương liên quan", ["Các đơn vị, địa phương liên quan"]),
    ("UBND các huyện, thành phố, thị xã", ["UBND các huyện, thành phố, thị xã"]),
    ("UBND các xã, thị trấn", ["UBND các xã, thị trấn"]),
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
    ("Sở Nội vụ và Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Sở Kế hoạch và Đầu tư", ["Sở Kế hoạch và Đầu tư"]),
    ("Trung tâm Thông tin và các cơ quan báo chí trên địa bàn tỉnh",
     ["Trung tâm Thông tin", "các cơ quan báo chí trên địa bàn tỉnh"]),
    ("Văn phòng HĐND và UBND huyện, Phòng Nội vụ", ["Văn phòng HĐND và UBND huyện", "Phòng Nội vụ"]),
    ("Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    ("Sở Nội vụ (Ban Thi đua - Khen thưởng, Ban Tôn giáo)", ["Sở Nội vụ (Ban Thi đua - Khen thưởng, Ban Tôn giáo)"]),
    ("VNPT Thái Nguyên, Viettel Thái Nguyên", ["VNPT Thái Nguyên", "Viettel Thái Nguyên"]),
    ("Các phòng, ban chuyên môn thuộc UBND huyện", ["Các phòng, ban chuyên môn thuộc UBND huyện"]),
    ("Phòng Tổ chức, biên chế và TCPCP", ["Phòng Tổ chức, biên chế và TCPCP"]),
    ("Các cơ quan hành chính nhà nước cấp tỉnh, cấp huyện", ["Các cơ quan hành chính nhà nước cấp tỉnh, cấp huyện"]),
    ("", []),
    ("-", []),
]

DISTRIBUTIVE = [
    (SEED_16, ["Sở Tài nguyên và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tư pháp", "Sở Nội vụ",
               "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương", "Văn phòng UBND tỉnh",
               "Bảo hiểm xã hội tỉnh", "UBND cấp huyện"]),
    ("Các Sở: Kế hoạch và Đầu tư, Xây dựng, Tài nguyên và Môi trường, Giao thông Vận tải, Ban Quản lý các Khu "
     "Công nghiệp", ["Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Tài nguyên và Môi trường", "Sở Giao thông Vận tải",
                     "Ban Quản lý các Khu Công nghiệp"]),
    ("Các Sở: Tài chính, Thông tin và Truyền thông, Văn hóa, Thể thao và Du lịch",
     ["Sở Tài chính", "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch"]),
    ("Các Sở: Tư pháp, Nội vụ và Tài chính", ["Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính"]),
    ("Các Sở Tài chính, Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("UBND các huyện: Phú Bình, Đại Từ", ["UBND huyện Phú Bình", "UBND huyện Đại Từ"]),
]


@pytest.mark.parametrize(("cell", "names"), SPLITS)
def test_it_splits_a_cell_into_agencies_without_breaking_collective_nouns(cell, names):
    assert split_agencies(cell) == names


@pytest.mark.parametrize(("cell", "names"), DISTRIBUTIVE)
def test_it_expands_the_distributive_prefix(cell, names):
    assert split_agencies(cell) == names


def test_it_keeps_members_that_are_already_full_names_in_a_distributive_list():
    names = split_agencies(SEED_16)
    assert len(names) == 11
    assert names[-3:] == ["Văn phòng UBND tỉnh", "Bảo hiểm xã hội tỉnh", "UBND cấp huyện"]


def test_it_reads_one_agency_per_line_of_a_cell():
    assert split_agencies(["- Văn phòng UBND tỉnh;", "- Các sở, ban, ngành;", "- UBND các huyện, thành phố."]) == [
        "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "UBND các huyện, thành phố"]


def test_it_lists_each_agency_once():
    assert split_agencies(["Sở Nội vụ", "Sở Nội vụ; Sở Tư pháp"]) == ["Sở Nội vụ", "Sở Tư pháp"]


@pytest.mark.parametrize(("name", "stripped"), [
    ("Thủ trưởng các Sở, Ban, ngành", "các Sở, Ban, ngành"),
    ("Chủ tịch UBND cấp huyện", "UBND cấp huyện"),
    ("Chánh Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
    ("Giám đốc Sở Nội vụ", "Sở Nội vụ"),
    ("Sở Nội vụ", "Sở Nội vụ"),
])
def test_it_strips_the_leaders_title_from_a_duty_heading(name, stripped):
    assert strip_role(name) == stripped


@pytest.mark.parametrize(("text", "agency"), [
    ("Sở Nội vụ", True), ("UBND cấp huyện", True), ("các cơ quan, đơn vị", True), ("Báo Thái Nguyên", True),
    ("Báo cáo kết quả", False), ("Hội nghị tổng kết", False), ("Quý I/2020", False), ("Năm 2020", False),
    ("Tổ chức thực hiện", False),
])
def test_it_tells_agency_names_from_other_cells(text, agency):
    assert is_agency_like(text) is agency


@given(st.lists(st.sampled_from(["Sở Nội vụ", "Sở Y tế", "UBND cấp huyện", "Văn phòng UBND tỉnh", "Công an tỉnh",
                                 "Sở Kế hoạch và Đầu tư", "các cơ quan, đơn vị liên quan"]), min_size=1, max_size=6,
                unique=True), st.sampled_from([", ", "; "]))
def test_it_splits_any_list_of_full_names_back_into_its_members(names, sep):
    assert split_agencies(sep.join(names)) == names
