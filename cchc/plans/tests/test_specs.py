"""What an approved version asks to be tracked (pure): numbering, containers, areas, keys."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.plans.specs import content_key, content_specs, dedupe_keys, duty_specs, key_task_specs, match_area
from cchc.plans.tests.conftest import CONTENTS, DUTIES, IMPLEMENTATION

AREAS = ["Cải cách thể chế", "Hiện đại hóa hành chính"]


def test_content_items_are_numbered_by_part_and_label():
    specs = content_specs([CONTENTS], AREAS, content_leads=["các Sở, Ban, ngành"])
    assert [(s.no, s.container) for s in specs] == [
        ("II.1.a", False), ("II.1.b", False), ("II.2.1", True), ("II.2.1.a", False), ("II.2.1.b", False)]
    by_no = {s.no: s for s in specs}
    assert by_no["II.2.1.a"].parent_key == by_no["II.2.1"].key
    assert by_no["II.1.a"].area == "Cải cách thể chế" and by_no["II.1.a"].lead == ("các Sở, Ban, ngành",)


def test_duties_are_numbered_from_the_implementation_part():
    specs = duty_specs([IMPLEMENTATION], DUTIES)
    assert [(s.no, s.lead) for s in specs] == [
        ("IV.1", ("các Sở, Ban, ngành", "UBND cấp huyện")), ("IV.2.a", ("Sở Nội vụ",)), ("IV.2.b", ("Sở Nội vụ",))]


def test_key_task_rows_keep_their_dates_and_agencies():
    rows = [{"id": 7, "no": "3", "content": "  Triển khai   chữ ký số ", "group": "II. HIỆN ĐẠI HÓA HÀNH CHÍNH",
             "deadline_date": "2020-09-30", "recurrence": None, "lead": ["Sở TT&TT"], "coordinating": []}]
    (spec,) = key_task_specs(rows, AREAS)
    assert spec.content == "Triển khai chữ ký số" and spec.deadline == date(2020, 9, 30)
    assert spec.area == "Hiện đại hóa hành chính" and spec.key_task_id == 7 and spec.fallback_key == "kt#3"
    assert spec.key == content_key("kt", "trien khai chu ky so")


@pytest.mark.parametrize(("heading", "area"), [
    ("I. CẢI CÁCH THỂ CHẾ", "Cải cách thể chế"),
    ("2) Hiện đại hoá hành chính", "Hiện đại hóa hành chính"),  # "hoá" and "hóa" fold alike
    ("Nhiệm vụ khác", None),
    (None, None),
])
def test_group_headings_match_areas_accent_insensitively(heading, area):
    assert match_area(heading, AREAS) == area


def test_keys_are_unique_even_for_repeated_sentences():
    rows = [{"no": "1", "content": "Báo cáo định kỳ."}, {"no": "2", "content": "Báo cáo định kỳ."}]
    specs = dedupe_keys(key_task_specs(rows, []))
    assert len({s.key for s in specs}) == 2
