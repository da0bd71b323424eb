"""The postal shipment's states and the moves between them (pure: no ORM).

sent ──► delivered                 (final: the applicant has the result)
  │
  └────► returned_to_sender ──► sent   (re-sent, possibly under a new tracking number)
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class PostalStatus(StrEnum):
    SENT = "sent"
    DELIVERED = "delivered"
    RETURNED_TO_SENDER = "returned_to_sender"


STATUS_LABELS = {
    PostalStatus.SENT: _("Đã gửi bưu chính"),
    PostalStatus.DELIVERED: _("Đã phát thành công"),
    PostalStatus.RETURNED_TO_SENDER: _("Chuyển hoàn (không phát được)"),
}

MOVES: dict[PostalStatus, frozenset[PostalStatus]] = {
    PostalStatus.SENT: frozenset({PostalStatus.DELIVERED, PostalStatus.RETURNED_TO_SENDER}),
    PostalStatus.RETURNED_TO_SENDER: frozenset({PostalStatus.SENT}),
    PostalStatus.DELIVERED: frozenset(),
}


def can_move(current: str, new: str) -> bool:
    """Whether a shipment in ``current`` may be recorded as ``new``."""
    try:
        return PostalStatus(new) in MOVES[PostalStatus(current)]
    except ValueError:
        return False


def normalise_tracking(value: str) -> str:
    """Tracking numbers are compared without spaces, in upper case (``EB 123 456 789 VN``)."""
    return "".join((value or "").split()).upper()
