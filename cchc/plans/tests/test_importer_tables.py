"""Key-task tables: header detection in any column order, group rows, merges, wrapped and empty cells."""

from __future__ import annotations

import pytest

from cchc.plans.importer.blocks import Cell, Paragraph, Table
from cchc.plans.importer.columns import column_role
from cchc.plans.importer.tables import find_key_tasks
from cchc.plans.importer.text_tables import lift_text_tables
from cchc.plans.tests._importer_helpers import _fast_password_hashing, parse_text  # noqa: F401


def table(*rows: list[str]) -> Table:
    return Table(tuple(tuple(Cell((c,) if c else ()) for c in row) for row in rows))


def paragraphs(*lines: str) -> list[Paragraph]:
    return [Paragraph(x) for x in lines]


@pytest.mark.parametrize(("label", "role"), [
    ("STT", "no"), ("TT", "no"), ("Số TT", "no"), ("Số thứ tự", "no"),
    ("Nội dung", "content"), ("Nhiệm vụ", "content"), ("Nội dung công việc", "content"),
    ("Sản phẩm", "product"), ("Kết quả/sản phẩm", "product"), ("Hình thức văn bản", "product"),
    ("Cơ quan chủ trì", "lead"), ("Đơn vị chủ trì", "lead"), ("Chủ trì", "lead"), ("Cơ quan thực hiện", "lead"),
    ("Cơ quan phối hợp", "coordinating"), ("Đơn vị phối hợp", "coordinating"),
    ("Thời gian", "deadline"), ("Thời hạn hoàn thành", "deadline"), ("Thời gian thực hiện", "deadline"),
    ("Thời gian hoàn thành chậm nhất", "deadline"), ("Tiến độ", "deadline"),
    ("Ghi chú", "extra"), ("Kinh phí (triệu đồng)", "extra"),
    ("Sở Nội vụ", None), ("Năm 2020", None), ("Tổ chức Hội nghị tổng kết", None),
])
def test_it_recognises_column_labels(label, role):
    assert column_role(label) == role


def test_it_reads_columns_in_any_order_and_keeps_extra_columns():
    t = table(["Thời hạn", "Cơ quan phối hợp", "Ghi chú", "Nhiệm vụ", "TT", "Cơ quan chủ trì", "Sản phẩm"],
              ["Quý I/2021", "Sở Tư pháp", "Ưu tiên", "Việc A", "1", "Sở Nội vụ", "Báo cáo"])
    [task], used = find_key_tasks([t])
    assert used == {0}
    assert (task.no, task.content, task.product, task.lead, task.coordinating, task.deadline.text, task.extra) == (
        "1", "Việc A", "Báo cáo", ("Sở Nội vụ",), ("Sở Tư pháp",), "Quý I/2021", (("Ghi chú", "Ưu tiên"),))


def test_it_reads_a_two_row_header_and_skips_the_column_number_row():
    t = table(["STT", "Nội dung", "Cơ quan thực hiện", "Cơ quan thực hiện", "Thời gian"],
              ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
              ["(1)", "(2)", "(3)", "(4)", "(5)"],
              ["1", "Việc A", "Sở Nội vụ", "Sở Tư pháp", "Năm 2021"])
    [task], _ = find_key_tasks([t])
    assert (task.lead, task.coordinating) == (("Sở Nội vụ",), ("Sở Tư pháp",))


def test_group_heading_rows_name_the_area_of_the_following_tasks_and_are_not_tasks():
    t = table(["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
              ["I", "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỂ CHẾ"],
              ["1", "Việc A", "Sở Tư pháp", "Năm 2021"],
              ["II. CẢI CÁCH TTHC", "II. CẢI CÁCH TTHC", "II. CẢI CÁCH TTHC", "II. CẢI CÁCH TTHC"],
              ["2", "Việc B", "Văn phòng UBND tỉnh", "Quý II/2021"],
              ["3", "Cải cách tài chính công", "", ""],
              ["3.1", "Việc C", "Sở Tài chính", "Năm 2021"])
    tasks, _ = find_key_tasks([t])
    assert [(x.no, x.group) for x in tasks] == [("1", "CẢI CÁCH THỂ CHẾ"), ("2", "CẢI CÁCH TTHC"),
                                                ("3.1", "Cải cách tài chính công")]


def test_a_row_without_a_number_continues_the_task_above_as_after_a_page_break():
    page1 = table(["STT", "Nội dung", "Chủ trì", "Thời gian"], ["1", "Tổ chức tổng kết công tác", "Sở Nội vụ", "Năm 2021"])
    page2 = table(["", "cải cách hành chính năm 2021", "", ""], ["2", "Việc B", "Sở Tư pháp", "Quý IV/2021"])
    tasks, used = find_key_tasks([page1, Paragraph("2"), page2])
    assert used == {0, 2}
    assert [t.content for t in tasks] == ["Tổ chức tổng kết công tác cải cách hành chính năm 2021", "Việc B"]


def test_a_bulleted_row_without_a_number_but_with_its_own_agency_and_deadline_is_a_task():
    t = table(["STT", "Nội dung", "Chủ trì", "Thời gian"], ["1", "Cải cách TTHC, gồm:", "Văn phòng UBND tỉnh", "Năm 2021"],
              ["", "- Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý II/2021"])
    tasks, _ = find_key_tasks([t])
    assert [(x.no, x.content, x.lead) for x in tasks] == [("1", "Cải cách TTHC, gồm:", ("Văn phòng UBND tỉnh",)),
                                                          (None, "- Rà soát thủ tục hành chính", ("Sở Tư pháp",))]


def test_a_table_without_a_content_column_is_not_a_task_table():
    t = table(["Số ký hiệu", "35/KH-UBND"], ["Ngày ban hành", "14/02/2023"])
    assert find_key_tasks([t]) == ([], set())


SEED_LIKE = ["DANH MỤC", "Số TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def test_it_rebuilds_a_table_flattened_one_cell_per_line():
    blocks = lift_text_tables(paragraphs(*SEED_LIKE, "1", "Việc A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2020",
                                         "2", "Việc B", "Sở Tài chính", "Năm 2020", "Nơi nhận:"))
    assert isinstance(blocks[1], Table) and blocks[-1] == Paragraph("Nơi nhận:")
    rows = [[c.text for c in r] for r in blocks[1].rows]
    assert rows[1:] == [["1", "Việc A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2020"], ["2", "Việc B", "Sở Tài chính", "", "Năm 2020"]]


def test_it_rejoins_cells_wrapped_over_several_lines():
    blocks = lift_text_tables(paragraphs(*SEED_LIKE[1:], "I", "CẢI CÁCH THỂ CHẾ", "1",
                                         "Tổ chức tuyên truyền, phổ biến pháp luật cho", "cán bộ và", "Nhân dân trên địa bàn",
                                         "Phòng Tư pháp", "Văn phòng HĐND và UBND huyện, các cơ quan",
                                         "chuyên môn thuộc UBND huyện", "Quý I/2024", "2", "Việc B", "Sở Nội vụ",
                                         "Các Sở, Ban, ngành,", "UBND cấp huyện", "Năm 2024"))
    rows = [[c.lines for c in r] for r in blocks[0].rows]
    assert rows[1] == [("I",), ("CẢI CÁCH THỂ CHẾ",), (), (), ()]
    assert rows[2] == [("1",), ("Tổ chức tuyên truyền, phổ biến pháp luật cho cán bộ và Nhân dân trên địa bàn",),
                       ("Phòng Tư pháp",), ("Văn phòng HĐND và UBND huyện, các cơ quan chuyên môn thuộc UBND huyện",),
                       ("Quý I/2024",)]
    assert rows[3][3] == ("Các Sở, Ban, ngành, UBND cấp huyện",)


def test_numbers_may_run_on_or_restart_under_each_group():
    run_on = paragraphs(*SEED_LIKE[1:], "I", "A", "1", "Việc", "Sở Nội vụ", "Năm 2020", "II", "B", "2", "Việc",
                        "Sở Nội vụ", "Năm 2020")
    restart = paragraphs(*SEED_LIKE[1:], "I", "A", "1", "Việc", "Sở Nội vụ", "Năm 2020", "II", "B", "1", "Việc",
                         "Sở Nội vụ", "Năm 2020")
    for blocks in (run_on, restart):
        tasks, _ = find_key_tasks(lift_text_tables(blocks))
        assert [t.group for t in tasks] == ["A", "B"]


def test_the_whole_plan_reads_a_tab_separated_table():
    text = ("KẾ HOẠCH\nCải cách hành chính năm 2021\nI. MỤC ĐÍCH\n- Tốt.\n"
            "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\n"
            "1\tViệc A\tVăn phòng Sở\tCác phòng, đơn vị thuộc Sở\tQuý 1/2021\n")
    [task] = parse_text(text)["key_tasks"]
    assert task["coordinating"] == ["Các phòng, đơn vị thuộc Sở"] and task["deadline_date"] == "2021-03-31"
