"""Reads of the payments app. Access is the dossier's: callers first get the dossier through
cchc.dossiers.selectors.dossier_get (which scopes by agency); a receipt is found only through a
dossier the user may read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cchc.common.errors import NotFound
from cchc.dossiers import access, lifecycle
from cchc.dossiers.lifecycle import Action, State
from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import dossier_scope
from cchc.payments.conf import conf
from cchc.payments.models import FeeLine, PaymentRequest, Receipt


@dataclass
class DossierPayments:
    lines: list[FeeLine]
    requests: list[PaymentRequest]
    receipts: list[Receipt]
    unpaid_total: Decimal
    paid_line_ids: set[int] = field(default_factory=set)
    pending: PaymentRequest | None = None
    can_request: bool = False
    can_confirm_cash: bool = False
    can_edit_lines: bool = False
    online_enabled: bool = False
    counter_stage: str = ""  # intake | result | "" (awaiting payment)


def _may_collect_at_counter(user: Any, dossier: Dossier) -> bool:
    from cchc.payments.services import _authorise_counter_collection

    try:
        _authorise_counter_collection(user, dossier)
    except Exception:  # noqa: BLE001 - a refusal only hides the button
        return False
    return True


def _may(user: Any, action: Action, dossier: Dossier) -> bool:
    try:
        tr = lifecycle.transition_for(action, dossier.state)
        access.authorise(user, tr, dossier)
    except Exception:  # noqa: BLE001 - a refusal only hides the button
        return False
    return access.step_allows(dossier, action)


def dossier_payments(*, user: Any, dossier: Dossier) -> DossierPayments:
    """Fee lines, requests (newest first), receipts of a dossier the user already holds, and what the user may do."""
    from cchc.payments.services import COUNTER_STATES, INTAKE_STATES, STAFF_ROLES

    lines = list(FeeLine.objects.filter(dossier=dossier).order_by("id"))
    requests = list(PaymentRequest.objects.filter(dossier=dossier).prefetch_related("lines").order_by("-created_at",
                                                                                                       "-id"))
    receipts = list(Receipt.objects.filter(dossier=dossier).order_by("issued_at"))
    paid_ids = {ln.pk for r in requests if r.status == PaymentRequest.Status.PAID for ln in r.lines.all()}
    taken = paid_ids | {ln.pk for r in requests if r.status == PaymentRequest.Status.PENDING for ln in r.lines.all()}
    pending = next((r for r in requests if r.status == PaymentRequest.Status.PENDING), None)
    roles = access.roles_of(user)
    staff_ok = (lifecycle.ADMIN in roles or bool(roles & STAFF_ROLES)) and (
        lifecycle.ADMIN in roles or access.side_ok(lifecycle.Side.RECEIVING_OR_COMPETENT, user, dossier))
    state = State(dossier.state)
    can_request = pending is None and (
        _may(user, Action.REQUEST_PAYMENT, dossier) if state in lifecycle.PROCESSING
        else state is State.AWAITING_PAYMENT and staff_ok)
    return DossierPayments(
        lines=lines, requests=requests, receipts=receipts,
        unpaid_total=sum((ln.amount for ln in lines if ln.pk not in taken), Decimal(0)), paid_line_ids=paid_ids,
        pending=pending, can_request=can_request,
        can_confirm_cash=(state is State.AWAITING_PAYMENT and _may(user, Action.CONFIRM_PAYMENT, dossier)) or (
            state in COUNTER_STATES and _may_collect_at_counter(user, dossier)
            and (pending is not None or not lines or any(
                ln.pk not in taken and (ln.collect == "before" or state not in INTAKE_STATES) for ln in lines))),
        counter_stage="intake" if state in INTAKE_STATES else "result" if state is State.RESULT_READY else "",
        can_edit_lines=staff_ok and state not in lifecycle.TERMINAL_STATES, online_enabled=conf().online_enabled)


def payment_request_get(*, user: Any, reference: str) -> PaymentRequest:
    """A request by its reference, if the user may read its dossier."""
    req = PaymentRequest.objects.select_related("dossier").filter(reference=reference).first()
    if req is None or not dossier_scope(user=user).filter(pk=req.dossier_id).exists():
        raise NotFound(f"Không tìm thấy yêu cầu thanh toán “{reference}”.", code="payment_not_found")
    return req


def receipt_get(*, user: Any, series: str, number: int) -> Receipt:
    """A receipt by series and number, if the user may read its dossier; otherwise not found."""
    receipt = Receipt.objects.select_related("dossier", "request").filter(series=series, number=number).first()
    if receipt is None or not dossier_scope(user=user).filter(pk=receipt.dossier_id).exists():
        raise NotFound("Không tìm thấy biên lai.", code="receipt_not_found")
    return receipt
