"""Rules of progress, pure (no Django): completion on time, openness, derived percentages, buckets.

Statuses are the five of the provincial task-monitoring practice: chưa thực hiện, đang thực
hiện, hoàn thành đúng hạn, hoàn thành quá hạn, không thực hiện được. A report marked finished
but returned for rework by the secretariat counts as not done (Thanh Hóa's rule).

Percentages follow OpenProject's lesson (14.0 → 14.6): a person's figure is never replaced by a
computed one; both are kept and shown side by side when they disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
NOT_FEASIBLE = "not_feasible"
# Accepted as input: "finished", the system decides on time or late from the dates.
DONE = "done"

STATUSES = (NOT_STARTED, IN_PROGRESS, DONE_ON_TIME, DONE_LATE, NOT_FEASIBLE)
FINISHED = frozenset({DONE_ON_TIME, DONE_LATE})
CLOSED = FINISHED | {NOT_FEASIBLE}

RETURNED = "returned"

# Queue buckets.
OVERDUE = "overdue"
AT_RISK = "at_risk"
ON_TRACK = "on_track"
NO_DEADLINE = "no_deadline"
CLOSED_BUCKET = "closed"
BUCKETS = (OVERDUE, AT_RISK, ON_TRACK, NO_DEADLINE, CLOSED_BUCKET)


def completion_status(completed_on: date, due: date | None) -> str:
    """On time when finished on or before the due date (by date); a task without one is never late."""
    if due is None or completed_on <= due:
        return DONE_ON_TIME
    return DONE_LATE


def is_open(status: str, review: str) -> bool:
    """Still to be done: not finished (or not declared infeasible), or returned for rework."""
    return review == RETURNED or status not in CLOSED


def counts_as_done(status: str, review: str) -> bool:
    return status in FINISHED and review != RETURNED


def derive_from_occurrences(done: Sequence[bool]) -> int | None:
    """Share of an assignment's occurrences that are done, in whole percent; None for a single one."""
    if len(done) < 2:
        return None
    return round(100 * sum(1 for d in done if d) / len(done))


def derive_from_children(percents: Sequence[int | None], weights: Sequence[float] | None = None) -> int | None:
    """Weighted mean of the children's percentages; a child without a figure counts as 0.

    Every child counts, not only those reported on (Decidim issue 2532: children missing from the
    parent's total). Weights default to equal; all-zero weights fall back to equal (Decidim PR 5026).
    """
    if not percents:
        return None
    ws = list(weights) if weights is not None else [1.0] * len(percents)
    if len(ws) != len(percents):
        raise ValueError("one weight per child")
    if sum(ws) <= 0:
        ws = [1.0] * len(percents)
    total = sum(w * (p or 0) for w, p in zip(ws, percents, strict=True))
    return round(total / sum(ws))


@dataclass(frozen=True, slots=True)
class Progress:
    """A percentage as reported and as derived; ``disagrees`` when both exist and differ."""

    manual: int | None
    derived: int | None
    derived_from: str = ""  # "children" | "occurrences" | ""

    @property
    def disagrees(self) -> bool:
        return self.manual is not None and self.derived is not None and self.manual != self.derived

    @property
    def shown(self) -> int | None:
        """The figure to draw a bar with: the person's when there is one."""
        return self.manual if self.manual is not None else self.derived


def check_percent(status: str, percent: int | None) -> str | None:
    """Why a percentage contradicts a status (a message code), or None when they agree."""
    if percent is None:
        return None
    if not 0 <= percent <= 100:
        return "percent_out_of_range"
    if status in FINISHED and percent != 100:
        return "percent_status_mismatch"
    if status == NOT_STARTED and percent != 0:
        return "percent_status_mismatch"
    return None


def risk_bucket(due: date | None, *, today: date, risk_end: date, open_: bool) -> str:
    """overdue / at risk / on track / no deadline / closed for a work item on ``today``.

    ``risk_end`` is the first day that is *not* at risk: the working day after the threshold's
    last one (computed once with the working-day engine), so a date comparison is enough.
    """
    if not open_:
        return CLOSED_BUCKET
    if due is None:
        return NO_DEADLINE
    if due < today:
        return OVERDUE
    if due < risk_end:
        return AT_RISK
    return ON_TRACK
