"""Cell values of the national exports, table-driven."""

from decimal import Decimal

import pytest

from cchc.procedures.importer.values import (
    comma_list,
    lines,
    parse_copies,
    parse_cutoff,
    parse_fees,
    parse_levels,
    parse_time_limit,
)


@pytest.mark.parametrize("text, amount, unit", [
    ("15 Ngày làm việc", "15", "working_days"),
    ("10 Ngày", "10", "calendar_days"),
    ("Trong ngày", "0", "same_day"),
    ("Ngay trong ngày tiếp nhận hồ sơ", "0", "same_day"),
    ("0,5 Ngày làm việc", "0.5", "working_days"),
    ("08 giờ làm việc", "8", "working_hours"),
    ("4 Giờ", "4", "working_hours"),
    ("Không quá 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "3", "working_days"),
    ("Trong 05 ngày làm việc", "5", "working_days"),
    ("Không hẹn ngày trả", "0", "no_appointment"),
])
def test_time_limits_are_read_as_the_export_writes_them(text, amount, unit):
    limit = parse_time_limit(text)
    assert (limit.amount, limit.unit) == (Decimal(amount), unit)


@pytest.mark.parametrize("text", ["", "Không có thông tin", "3 tháng", "Theo quy định"])
def test_no_countable_limit_gives_none(text):
    assert parse_time_limit(text) is None


def test_a_same_day_limit_keeps_its_cut_off_hour():
    assert parse_time_limit("Trong ngày; nếu tiếp nhận sau 15 giờ thì trả ngày làm việc tiếp theo").cutoff == "15:00"
    assert parse_cutoff("nhận sau 15h30") == "15:30"
    assert parse_cutoff("sau 25 giờ") is None


@pytest.mark.parametrize("text, expected", [
    ("Phí : 0 Đồng", [("phi", 0, "free")]),
    ("160,000 Việt Nam Đồng", [("phi", 160000, "before")]),
    ("Lệ phí : 1.500.000 đồng (Cấp lần đầu)", [("le_phi", 1500000, "before")]),
    ("Phí : 2,000 Đồng (Trang 1, 2)\nPhí : 1,000 Đồng (Từ trang 3)", [("phi", 2000, "before"), ("phi", 1000, "before")]),
    ("Miễn phí", [("phi", 0, "free")]),
    ("Không", []),
    ("Theo biểu phí của HĐND tỉnh", [("phi", None, "before")]),
])
def test_fees_are_read_with_kind_amount_and_collection(text, expected):
    assert [(f.kind, f.amount, f.collect) for f in parse_fees(text)] == expected


def test_a_fee_keeps_what_follows_the_amount_as_its_description():
    assert parse_fees("Lệ phí : 100,000 Đồng (Cấp lần đầu)")[0].description == "Cấp lần đầu"


@pytest.mark.parametrize("text, expected", [
    ("Bản chính: 1\nBản sao: 0", (1, 0)),
    ("Bản chính: 0 Bản sao: 2", (0, 2)),
    ("Bản sao: 1", (0, 1)),
    ("", (0, 0)),
])
def test_copies_are_read(text, expected):
    assert parse_copies(text) == expected


def test_levels_map_to_keys_and_report_what_is_unknown():
    assert parse_levels("Cấp Tỉnh, Cấp Xã") == (["tinh", "xa"], [])
    assert parse_levels("Cấp Bộ, Cấp Huyện") == (["bo"], ["Cấp Huyện"])


def test_cells_split_on_line_breaks_and_drop_empty_trailing_ones():
    assert lines("Sở Xây dựng\r\nUBND cấp xã\n\n") == ["Sở Xây dựng", "UBND cấp xã"]
    assert lines("A_x000D_\nB") == ["A", "B"]


def test_comma_lists_keep_commas_inside_parentheses():
    assert comma_list("Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)") == [
        "Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"]
