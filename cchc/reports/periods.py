"""Reporting periods, pure: a quarter, the first six months, a year (start, end, Vietnamese label)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

KINDS = ("q1", "q2", "q3", "q4", "h1", "year")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    year: int
    kind: str  # one of KINDS

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if not 1900 <= self.year <= 2200:
            raise ValueError("year out of range")

    @property
    def start(self) -> date:
        if self.kind.startswith("q"):
            return date(self.year, 3 * (int(self.kind[1]) - 1) + 1, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind.startswith("q"):
            month = 3 * int(self.kind[1])
            return date(self.year, month, calendar.monthrange(self.year, month)[1])
        if self.kind == "h1":
            return date(self.year, 6, 30)
        return date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """"quý I năm 2020", "6 tháng đầu năm 2020", "năm 2020"."""
        if self.kind.startswith("q"):
            return f"quý {ROMAN[int(self.kind[1])]} năm {self.year}"
        if self.kind == "h1":
            return f"6 tháng đầu năm {self.year}"
        return f"năm {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.kind}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1
