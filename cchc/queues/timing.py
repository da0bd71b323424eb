"""Where a dossier (or its current step) stands against a due instant, in working time. Pure: no ORM.

One working-time difference per due date gives both the status and the text shown in the queues:
"còn 2 ngày 3 giờ" before the due instant, "quá 1 ngày 30 phút" after it (cchc.workdays formats).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cchc import workdays
from cchc.workdays import Calendar

LATE, SOON, ON_TRACK, NONE, PAUSED = "qua_han", "sap_den_han", "trong_han", "khong_hen", "tam_dung"

STATUS_LABELS = {
    LATE: "Quá hạn",
    SOON: "Sắp đến hạn",
    ON_TRACK: "Trong hạn",
    NONE: "Không hẹn",
    PAUSED: "Tạm dừng",
}


@dataclass(frozen=True)
class Standing:
    status: str  # one of LATE, SOON, ON_TRACK, NONE, PAUSED
    text: str  # "còn 2 ngày 3 giờ", "quá 4 giờ", "không hẹn", "tạm dừng"
    seconds: int | None  # working seconds left (negative: late); None without a due instant or when paused

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def standing(due: datetime | None, at: datetime, *, calendar: Calendar, paused: bool = False,
             soon_seconds: int | None = None) -> Standing:
    """The standing of a due instant at ``at``; "sắp đến hạn" within one working day unless told otherwise."""
    if paused:
        return Standing(PAUSED, "tạm dừng", None)
    if due is None:
        return Standing(NONE, "không hẹn", None)
    left = workdays.remaining_working_time(due, at, calendar=calendar)
    text = workdays.format_working_duration(left, calendar=calendar)
    if not workdays.is_within_deadline(due, at):
        return Standing(LATE, f"quá {text}", left)
    soon = calendar.day_seconds if soon_seconds is None else soon_seconds
    return Standing(SOON if left <= soon else ON_TRACK, f"còn {text}", left)


def soon_cutoff(at: datetime, *, calendar: Calendar, days: int = 1) -> datetime:
    """The instant ``days`` working days after ``at``: a due instant before it is "sắp đến hạn" (or late)."""
    return workdays.add_working_time(at, days * calendar.day_seconds, calendar=calendar)
