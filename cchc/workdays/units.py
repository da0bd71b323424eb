"""Time units of a procedure's limit and the two counting conventions (spec §4.3, §4.4).

The engine works in whole seconds; a limit arrives as an ``int`` (the common case, kept on a fast
path) or a ``Decimal``/``Fraction``/``str`` such as ``"0.5"`` (half a working day, 1.5 hours).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction

from .errors import InvalidConvention, InvalidLimit, InvalidUnit


class Unit(StrEnum):
    """Unit of a time limit. Values are the identifiers used by the command line and the API."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"
    NO_APPOINTMENT = "no_appointment"


class Convention(StrEnum):
    """How a limit in working days is counted (spec §4.4)."""

    #: Convention D: whole days from the next working day, due at the close of day N.
    DAY = "day"
    #: Convention H: N × the unit's working-day length added across sessions from the receipt instant.
    HOUR = "hour"


#: Codes of the national database (``loai_thoi_gian``, spec §4.3) mapped to our units.
NATIONAL_UNIT_CODES: dict[str, Unit] = {
    "NGAY_LAM_VIEC": Unit.WORKING_DAYS,
    "GIO_LAM_VIEC": Unit.WORKING_HOURS,
    "NGAY": Unit.CALENDAR_DAYS,
    "TRONG_NGAY": Unit.SAME_DAY,
    "KHONG_HEN": Unit.NO_APPOINTMENT,
}

#: Vietnamese labels for display ("5 ngày làm việc").
UNIT_LABELS: dict[Unit, str] = {
    Unit.WORKING_DAYS: "ngày làm việc",
    Unit.WORKING_HOURS: "giờ làm việc",
    Unit.CALENDAR_DAYS: "ngày",
    Unit.SAME_DAY: "trong ngày",
    Unit.NO_APPOINTMENT: "không hẹn",
}

CONVENTION_LABELS: dict[Convention, str] = {
    Convention.DAY: "Tính theo ngày (từ ngày làm việc tiếp theo, hạn cuối giờ làm việc)",
    Convention.HOUR: "Tính theo giờ làm việc (từ thời điểm tiếp nhận)",
}

_CONVENTION_ALIASES: dict[str, Convention] = {
    "day": Convention.DAY,
    "d": Convention.DAY,
    "hour": Convention.HOUR,
    "h": Convention.HOUR,
}


def parse_unit(value: str | Unit) -> Unit:
    """Return the :class:`Unit` for ``value`` (our identifier or a national code, any case)."""
    if isinstance(value, Unit):
        return value
    key = str(value).strip()
    try:
        return Unit(key.lower())
    except ValueError:
        pass
    unit = NATIONAL_UNIT_CODES.get(key.upper())
    if unit is None:
        allowed = ", ".join(u.value for u in Unit)
        raise InvalidUnit(
            f"Đơn vị thời gian '{value}' không hợp lệ; dùng một trong: {allowed}.",
            details={"unit": str(value), "allowed": [u.value for u in Unit]},
        )
    return unit


def parse_convention(value: str | Convention) -> Convention:
    """Return the :class:`Convention` for ``value`` (``day``/``hour``, or ``D``/``H``)."""
    if isinstance(value, Convention):
        return value
    conv = _CONVENTION_ALIASES.get(str(value).strip().lower())
    if conv is None:
        raise InvalidConvention(
            f"Cách tính hạn '{value}' không hợp lệ; dùng 'day' hoặc 'hour'.",
            details={"convention": str(value), "allowed": ["day", "hour"]},
        )
    return conv


def to_fraction(limit: object) -> Fraction:
    """Read a limit exactly (floats go through their shortest decimal text, so 0.1 stays 1/10)."""
    if isinstance(limit, bool):  # bool is an int subclass; True days is certainly a mistake
        raise InvalidLimit("Thời hạn phải là một số.", details={"limit": str(limit)})
    if isinstance(limit, int | Fraction):
        return Fraction(limit)
    try:
        if isinstance(limit, float):
            return Fraction(Decimal(repr(limit)))
        if isinstance(limit, Decimal):
            if not limit.is_finite():
                raise InvalidOperation
            return Fraction(limit)
        if isinstance(limit, str):
            return Fraction(Decimal(limit.strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        pass
    raise InvalidLimit(f"Thời hạn '{limit}' không phải là một số hợp lệ.", details={"limit": str(limit)})


def validate_limit(limit: object, unit: Unit) -> Fraction:
    """Check a limit against its unit and return it as an exact fraction.

    Rules (issue "Bad input"): never negative; zero only for ``same_day`` (where it is the normal
    value); whole numbers only for calendar days and same-day limits, which count whole days.
    """
    value = to_fraction(limit)
    label = UNIT_LABELS[unit]
    if value < 0:
        raise InvalidLimit(f"Thời hạn không được âm (nhận {limit} {label}).", details={"limit": str(limit)})
    if value == 0 and unit not in (Unit.SAME_DAY, Unit.NO_APPOINTMENT):
        raise InvalidLimit(
            f"Thời hạn bằng 0 chỉ dùng cho đơn vị 'trong ngày'; "
            f"với đơn vị '{label}' thời hạn phải lớn hơn 0.",
            details={"limit": str(limit), "unit": unit.value},
        )
    if unit in (Unit.CALENDAR_DAYS, Unit.SAME_DAY) and value.denominator != 1:
        raise InvalidLimit(
            f"Thời hạn theo đơn vị '{label}' phải là số nguyên (nhận {limit}).",
            details={"limit": str(limit), "unit": unit.value},
        )
    return value
