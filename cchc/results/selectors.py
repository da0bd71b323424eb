"""Reads of the results app: the current e-result and its verification, postal returns, what a page offers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cchc.dossiers.models import Dossier
from cchc.results import access
from cchc.results.models import ElectronicResult, PostalReturn
from cchc.results.services import ISSUED_STATES, PROCESSING_STATES
from cchc.results.signing import trust_roots
from cchc.results.verification import INVALID, Verification, verify_pdf


def current_result(*, dossier: Dossier) -> ElectronicResult | None:
    """The dossier's current (not superseded) electronic result, if any."""
    return (ElectronicResult.objects.select_related("issuing_agency")
            .filter(dossier=dossier, superseded_at__isnull=True).first())


def result_history(*, dossier: Dossier) -> list[ElectronicResult]:
    """Every electronic result ever signed for the dossier, newest first."""
    return list(ElectronicResult.objects.filter(dossier=dossier).order_by("-signed_at", "-id"))


def verify_stored(*, result: ElectronicResult) -> Verification:
    """Validate the stored signed PDF: its bytes must still hash to ``sha256``, and its signature hold."""
    try:
        with result.file.open("rb") as fh:
            data = fh.read()
    except OSError:
        return Verification(INVALID, problems=["Không đọc được tệp kết quả đã lưu."])
    report = verify_pdf(data, trust_roots())
    if hashlib.sha256(data).hexdigest() != result.sha256:
        report.verdict = INVALID
        report.problems.insert(0, "Tệp đã lưu không khớp mã băm ghi lúc ký (tệp bị thay đổi khi lưu trữ).")
    return report


def public_dossier(*, code: str) -> Dossier | None:
    """The dossier behind a public verification link (no scoping: the page shows no personal data)."""
    code = (code or "").strip()[:60]
    if not code:
        return None
    return Dossier.objects.select_related("competent_agency").filter(code=code).first()


def postal_of(*, dossier: Dossier) -> PostalReturn | None:
    """The postal return of the dossier with its status history, if it was returned by post."""
    return PostalReturn.objects.prefetch_related("history").filter(dossier=dossier).first()


@dataclass
class Panel:
    result: ElectronicResult | None
    verification: Verification | None
    history: list[ElectronicResult]
    postal: PostalReturn | None
    can_sign: bool
    issuing: bool  # signing now also issues the result (the dossier is still in processing)
    can_return: bool  # hand the result over now (postal / electronic)
    can_update_postal: bool
    next_statuses: list[tuple[str, str]]


def panel(*, user: Any, dossier: Dossier) -> Panel:
    """What the staff dossier page's results panel shows and offers to ``user``."""
    from cchc.results.postal import MOVES, STATUS_LABELS, PostalStatus

    result = current_result(dossier=dossier)
    postal = postal_of(dossier=dossier)
    may_return = access.may_return(user, dossier)
    sign_state = dossier.state in ISSUED_STATES or dossier.state in PROCESSING_STATES
    moves = sorted(MOVES[PostalStatus(postal.status)]) if postal else []
    return Panel(
        result=result, verification=verify_stored(result=result) if result else None,
        history=result_history(dossier=dossier) if result else [], postal=postal,
        can_sign=sign_state and access.may_sign(user, dossier), issuing=dossier.state in PROCESSING_STATES,
        can_return=may_return and dossier.state == "result_ready",
        can_update_postal=bool(postal and may_return and moves),
        next_statuses=[(m.value, str(STATUS_LABELS[m])) for m in moves],
    )
