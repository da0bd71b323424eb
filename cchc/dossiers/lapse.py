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

from datetime import date, datetime, time, timedelta

from cchc.dossiers.lifecycle import State
from cchc.workdays import TZ

MAX_DAYS = 365  # the catalogue refuses more (cchc.procedures.content)

# By the request's stage (``SupplementRequest.Stage``): the state a dossier waits in, and what the
# people who decide are asked to consider once the allowance has run out.
WAITING_STATE = {"processing": State.SUPPLEMENT_REQUESTED, "intake": State.INTAKE_INCOMPLETE}
PROPOSAL = {"processing": "đề nghị lãnh đạo phòng xem xét dừng giải quyết hồ sơ (T13)",
            "intake": "đề nghị xem xét từ chối tiếp nhận hồ sơ (T7)"}


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


def last_day(lapse: datetime) -> date:
    """The last day of the allowance (local): the day before the lapse instant's midnight."""
    return lapse.astimezone(TZ).date() - timedelta(days=1)
