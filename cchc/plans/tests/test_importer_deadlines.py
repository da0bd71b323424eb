"""Deadline phrases → date (last day of the period), granularity, recurrence (issue 3, item 4)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.plans.importer.deadlines import parse_deadline
from cchc.plans.tests._importer_helpers import _fast_password_hashing  # noqa: F401  (see there)

D = date.fromisoformat

# (text, default_year, date, granularity, recurrence, recurrence_until)
CASES = [
    ("Quý I/2020", None, "2020-03-31", "quarter", None, None),
    ("Quý 1/2020", None, "2020-03-31", "quarter", None, None),
    ("Quý II/2020", None, "2020-06-30", "quarter", None, None),
    ("Quý III/2020", None, "2020-09-30", "quarter", None, None),
    ("Quý IV/2020", None, "2020-12-31", "quarter", None, None),
    ("quý IV năm 2021", None, "2021-12-31", "quarter", None, None),
    ("Quý II/ 2025", None, "2025-06-30", "quarter", None, None),
    ("Quý I, II/2021", None, "2021-06-30", "quarter", None, None),
    ("Quý I và Quý II năm 2022", None, "2022-06-30", "quarter", None, None),
    ("Quý I", 2020, "2020-03-31", "quarter", None, None),
    ("Tháng 7/2020", None, "2020-07-31", "month", None, None),
    ("Tháng 01/2022", None, "2022-01-31", "month", None, None),
    ("Tháng 2/2024", None, "2024-02-29", "month", None, None),
    ("Tháng 6 năm 2025", None, "2025-06-30", "month", None, None),
    ("Tháng 3, 6, 9, 12/2021", None, "2021-12-31", "month", None, None),
    ("Tháng 10", 2021, "2021-10-31", "month", None, None),
    ("Năm 2020", None, "2020-12-31", "year", None, None),
    ("2023", None, "2023-12-31", "year", None, None),
    ("Giai đoạn 2021 - 2025", None, "2025-12-31", "year", None, None),
    ("6 tháng đầu năm 2021", None, "2021-06-30", "half_year", None, None),
    ("6 tháng cuối năm 2021", None, "2021-12-31", "half_year", None, None),
    ("6 tháng cuối năm", 2020, "2020-12-31", "half_year", None, None),
    ("Trước ngày 31/3/2021", None, "2021-03-31", "day", None, None),
    ("Trước 15/11/2021", None, "2021-11-15", "day", None, None),
    ("15/11/2021", None, "2021-11-15", "day", None, None),
    ("Chậm nhất ngày 15 tháng 11 năm 2021", None, "2021-11-15", "day", None, None),
    ("Trước ngày 15/01/2022", None, "2022-01-15", "day", None, None),
    ("Hàng quý", None, None, "recurring", "quarterly", None),
    ("Hằng quý", None, None, "recurring", "quarterly", None),
    ("Hằng tháng", None, None, "recurring", "monthly", None),
    ("Hàng tháng", None, None, "recurring", "monthly", None),
    ("Hằng năm", None, None, "recurring", "yearly", None),
    ("Định kỳ hằng năm", None, None, "recurring", "yearly", None),
    ("Thường xuyên", None, None, "recurring", "continuous", None),
    ("Thường xuyên", 2020, None, "recurring", "continuous", None),
    ("Hàng quý, năm 2020", None, None, "recurring", "quarterly", "2020-12-31"),
    ("Hằng năm, giai đoạn 2021 - 2025", None, None, "recurring", "yearly", "2025-12-31"),
    ("Trước 15/12 hằng năm", 2020, None, "recurring", "yearly", None),
    ("Năm 2024 và các năm tiếp theo", None, "2024-12-31", "year", "yearly", None),
    ("Quý I/2021 và hằng quý", None, "2021-03-31", "quarter", "quarterly", None),
    ("Theo tiến độ của Trung ương", None, None, "unspecified", None, None),
    ("Theo tiến độ của Trung ương", 2020, None, "unspecified", None, None),
    ("6 tháng cuối năm", None, None, "unspecified", None, None),
    ("Trước 31/6/2021", None, None, "unspecified", None, None),
    ("", None, None, "unspecified", None, None),
]


@pytest.mark.parametrize(("text", "year", "when", "granularity", "recurrence", "until"), CASES)
def test_it_reads_the_deadline_phrase(text, year, when, granularity, recurrence, until):
    d = parse_deadline(text, default_year=year)
    assert (d.date, d.granularity, d.recurrence, d.recurrence_until) == (
        D(when) if when else None, granularity, recurrence, D(until) if until else None)


def test_it_keeps_the_text_as_written_but_cleaned():
    d = parse_deadline("  Theo   tiến độ\u00a0của Trung ương ")
    assert d.text == "Theo tiến độ của Trung ương"


def test_it_reads_nfd_text_like_nfc():
    import unicodedata

    assert parse_deadline(unicodedata.normalize("NFD", "Quý IV/2020")).date == D("2020-12-31")


@given(st.text(max_size=60), st.one_of(st.none(), st.integers(1990, 2100)))
def test_it_never_fails_and_keeps_its_invariants(text, year):
    d = parse_deadline(text, default_year=year)
    assert d.granularity in ("day", "month", "quarter", "half_year", "year", "recurring", "unspecified")
    if d.granularity == "recurring":
        assert d.date is None and d.recurrence is not None
    if d.granularity == "unspecified":
        assert d.date is None and d.recurrence is None
    if d.recurrence_until is not None:
        assert d.granularity == "recurring"
