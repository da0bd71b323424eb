"""When a request to supplement a dossier lapses (spec §2.4: T13 during processing, T7 at intake).

A case may set how long the applicant has to supplement (``supplement_days``, the national
``ThoiHanBoSung``, "int (days)" [CODE S20]). The spec does not say which days; calendar days are
taken here [INFERRED], to the end of the last one in Vietnamese time: a request made on 2 March
with 10 days lapses when 12 March ends. Nothing happens by itself when it lapses: the system tells
the people who decide (a division head stops the dossier, T13; a reception officer refuses it,
T7), as the spec's "system → division_head confirms" asks.

Pure: no ORM.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from cchc.workdays import TZ

MAX_DAYS = 365  # the catalogue refuses more (cchc.procedures.content)


def lapses_at(requested_at: datetime, days: int | None) -> datetime | None:
    """The instant the allowance of ``days`` calendar days from ``requested_at`` runs out; None
    when the case sets no allowance."""
    if not days:
        return None
    if not 0 < days <= MAX_DAYS:
        raise ValueError(f"supplement allowance out of range: {days}")
    last_day = requested_at.astimezone(TZ).date() + timedelta(days=days)
    return datetime.combine(last_day + timedelta(days=1), time(0, 0), tzinfo=TZ)


def has_lapsed(lapse: datetime | None, now: datetime) -> bool:
    """True once ``now`` has reached the lapse instant (never without one)."""
    return lapse is not None and now >= lapse
