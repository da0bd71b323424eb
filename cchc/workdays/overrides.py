"""Dated overrides of the calendar: extra days off and make-up working days (spec §4.2).

The rows of the editable, audited override table (and of ``data/official_schedules.json``). They
are applied over the ``holidays`` library: ``day_off`` makes a date a day off, ``working_day`` makes
it a working day, and a row that agrees with the library changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .errors import MAX_YEAR, MIN_YEAR, InvalidCalendar, YearOutOfRange

DAY_OFF = "day_off"
WORKING_DAY = "working_day"
OVERRIDE_KINDS = (DAY_OFF, WORKING_DAY)


class DayType(StrEnum):
    """Type of a date for a unit (spec §4.2)."""

    WORKING = "WORKING"
    WEEKEND = "WEEKEND"
    HOLIDAY = "HOLIDAY"
    COMPENSATORY_OFF = "COMPENSATORY_OFF"  # nghỉ bù
    SWAPPED_OFF = "SWAPPED_OFF"  # nghỉ hoán đổi
    SWAPPED_WORKING = "SWAPPED_WORKING"  # làm bù


@dataclass(frozen=True, slots=True)
class Override:
    """One dated row of the override table: an extra day off or a make-up working day."""

    date: date
    kind: str
    name: str
    source: str = ""
    confidence: str = ""
    scope: str | None = None  # None: nationwide; else the code of the province/agency it applies to

    def __post_init__(self) -> None:
        if self.kind not in OVERRIDE_KINDS:
            raise InvalidCalendar(
                f"Loại ngày '{self.kind}' không hợp lệ; dùng 'day_off' hoặc 'working_day'.",
                details={"date": str(self.date), "kind": self.kind},
            )
        if not (MIN_YEAR <= self.date.year <= MAX_YEAR):
            raise YearOutOfRange(self.date.year)

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> Override:
        """Build from a JSON/database row; the date may be ISO text. Unknown keys are ignored."""
        raw = row.get("date")
        try:
            day = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError:
            raise InvalidCalendar(
                f"Ngày '{raw}' không hợp lệ (cần dạng YYYY-MM-DD).", details={"date": raw}
            ) from None
        return cls(
            date=day,
            kind=str(row.get("kind", "")),
            name=str(row.get("name") or ""),
            source=str(row.get("source") or ""),
            confidence=str(row.get("confidence") or ""),
            scope=row.get("scope") or None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON/database shape (date as ISO text)."""
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "name": self.name,
            "source": self.source,
            "confidence": self.confidence,
            "scope": self.scope,
        }


def select_overrides(
    rows: Iterable[Override | Mapping[str, Any]], scope: str | None = None
) -> list[Override]:
    """Keep nationwide rows and rows of ``scope``; a scoped row replaces a nationwide one of the same date."""
    chosen: dict[date, Override] = {}
    for row in rows:
        ov = row if isinstance(row, Override) else Override.from_dict(row)
        if ov.scope is not None and ov.scope != scope:
            continue
        prev = chosen.get(ov.date)
        if prev is None or (prev.scope is None and ov.scope is not None):
            chosen[ov.date] = ov
        elif prev.scope == ov.scope and prev.kind != ov.kind:
            raise InvalidCalendar(
                f"Ngày {ov.date:%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm việc trong bảng điều chỉnh.",
                details={"date": ov.date.isoformat(), "scope": ov.scope},
            )
    return [chosen[d] for d in sorted(chosen)]


def _off_type(name: str) -> DayType:
    low = name.lower()
    if "nghỉ bù" in low:
        return DayType.COMPENSATORY_OFF
    if "thay cho" in low or "hoán đổi" in low:
        return DayType.SWAPPED_OFF
    return DayType.HOLIDAY
