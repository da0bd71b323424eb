"""On-time classification and warnings (spec §4.6, §4.7).

- A completed dossier is compared with its appointment **by local date** (Thanh Hóa practice):
  earlier date → trước hạn, same date → đúng hạn, later date → quá hạn.
- An open dossier at an instant ``T`` is trong hạn when ``due >= T`` (or it has no appointment),
  else quá hạn; it is sắp đến hạn when it is not late and the working time left is at most a
  threshold (default one working day of the calendar).
- Remaining or overdue time is shown in working time: "còn 2 ngày 3 giờ", "quá 1 ngày 30 phút".
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from .calendar import TZ, Calendar
from .due import working_time
from .errors import NaiveDatetime


class Completion(StrEnum):
    """Result of a completed dossier against its appointment."""

    TRUOC_HAN = "truoc_han"
    DUNG_HAN = "dung_han"
    QUA_HAN = "qua_han"

    @property
    def label(self) -> str:
        return {"truoc_han": "Trước hạn", "dung_han": "Đúng hạn", "qua_han": "Quá hạn"}[self.value]


class OpenStatus(StrEnum):
    """State of an open dossier (or of an internal step) at an instant."""

    TRONG_HAN = "trong_han"
    SAP_DEN_HAN = "sap_den_han"
    QUA_HAN = "qua_han"

    @property
    def label(self) -> str:
        return {"trong_han": "Trong hạn", "sap_den_han": "Sắp đến hạn", "qua_han": "Quá hạn"}[self.value]


def _local(dt: datetime, what: str) -> datetime:
    if dt.tzinfo is None:
        raise NaiveDatetime(what)
    return dt.astimezone(TZ)


def classify_completed(resolved_at: datetime, due_at: datetime | None) -> Completion:
    """trước hạn / đúng hạn / quá hạn by local date; without an appointment a dossier is never late."""
    if due_at is None:
        return Completion.DUNG_HAN
    done = _local(resolved_at, "thời điểm hoàn thành").date()
    due = _local(due_at, "hạn giải quyết").date()
    if done < due:
        return Completion.TRUOC_HAN
    return Completion.DUNG_HAN if done == due else Completion.QUA_HAN


def is_within_deadline(due_at: datetime | None, at: datetime) -> bool:
    """Reports' test for an open dossier at the end ``at`` of a period: ``due >= at`` or no appointment."""
    return due_at is None or _local(due_at, "hạn giải quyết") >= _local(at, "thời điểm")


def warning_threshold(
    *,
    calendar: Calendar,
    days: int | Fraction = 1,
    limit_seconds: int | None = None,
    fraction: Fraction | None = None,
) -> int:
    """Working seconds of the "sắp đến hạn" threshold: ``days`` working days, or ``fraction`` of the limit.

    With both a fraction and a limit the larger threshold wins, so a short limit still warns a day ahead.
    """
    by_days = round(Fraction(days) * calendar.day_seconds)
    if fraction is None or limit_seconds is None:
        return by_days
    return max(by_days, round(Fraction(fraction) * limit_seconds))


def classify_open(
    due_at: datetime | None, at: datetime, *, calendar: Calendar, threshold: int | None = None
) -> OpenStatus:
    """trong hạn / sắp đến hạn / quá hạn of an open dossier (or step) at ``at``.

    ``threshold`` is in working seconds (see :func:`warning_threshold`); default one working day.
    """
    if due_at is None:
        return OpenStatus.TRONG_HAN
    if not is_within_deadline(due_at, at):
        return OpenStatus.QUA_HAN
    limit = calendar.day_seconds if threshold is None else threshold
    if working_time(at, due_at, calendar=calendar) <= limit:
        return OpenStatus.SAP_DEN_HAN
    return OpenStatus.TRONG_HAN


def format_working_duration(seconds: int, *, calendar: Calendar) -> str:
    """Working time as "2 ngày 3 giờ 30 phút" (a day is the calendar's working day; zero parts omitted)."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, calendar.day_seconds)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [f"{days} ngày"] if days else []
    if hours:
        parts.append(f"{hours} giờ")
    if minutes:
        parts.append(f"{minutes} phút")
    return " ".join(parts) or "0 giờ"


def remaining_working_time(due_at: datetime, at: datetime, *, calendar: Calendar) -> int:
    """Working seconds left at ``at`` (negative: overdue by that much working time)."""
    return working_time(at, due_at, calendar=calendar)


def format_remaining(due_at: datetime | None, at: datetime, *, calendar: Calendar) -> str:
    """ "còn x ngày y giờ" before the due date, "quá x ngày y giờ" after it, "không hẹn" without one."""
    if due_at is None:
        return "không hẹn"
    left = remaining_working_time(due_at, at, calendar=calendar)
    text = format_working_duration(left, calendar=calendar)
    if is_within_deadline(due_at, at):
        return f"còn {text}"
    return f"quá {text}"
