"""Writes of the queues app: the personal-data view log and bulk actions on selected dossiers.

A bulk action runs the existing dossier service once per dossier, each in its own transaction: a
dossier either moves completely (state, step, log row, event) or not at all, and one refusal does not
stop the others. The outcome of every dossier is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.common.errors import DomainError, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers import selectors as dossier_selectors
from cchc.dossiers import services as dossier_services
from cchc.dossiers.lifecycle import Action
from cchc.dossiers.models import Dossier
from cchc.queues.models import PersonalDataView

# Personal data of a dossier's applicant a page can show (the name alone is not logged: every list has it).
APPLICANT_FIELDS = "applicant_id_number,applicant_phone,applicant_email,applicant_address"

# Actions that need nothing but the dossier (no reason, no date): safe to apply to a selection.
BULK_ACTIONS: dict[str, str] = {
    Action.FORWARD.value: "Chuyển bước tiếp theo",
    Action.TRANSFER.value: "Chuyển cơ quan giải quyết",
    Action.ACCEPT.value: "Tiếp nhận hồ sơ",
}
BULK_LIMIT = 100


def _view(actor: Any, dossier: Dossier, context: str, fields: str, ip: str | None, at) -> PersonalDataView:
    return PersonalDataView(at=at, user_id=getattr(actor, "pk", None),
                            user_name=(actor.get_username() if hasattr(actor, "get_username") else str(actor))[:150],
                            agency_id=getattr(actor, "agency_id", None), dossier_id=dossier.pk,
                            dossier_code=dossier.code, context=context[:40], fields=fields[:200], ip=ip or None)


def personal_data_view_record(*, actor: Any, dossier: Dossier, context: str, fields: str = APPLICANT_FIELDS,
                              ip: str | None = None) -> PersonalDataView:
    """Log that ``actor`` was shown the personal data of ``dossier``'s applicant: one INSERT.

    No Event is recorded: this row is itself the audit record, and a second write per page view would
    double the cost of reading a dossier.
    """
    view = _view(actor, dossier, context, fields, ip, timezone.now())
    view.save(force_insert=True)
    return view


def personal_data_views_record(*, actor: Any, dossiers: Iterable[Dossier], context: str,
                               fields: str = APPLICANT_FIELDS, ip: str | None = None) -> int:
    """Log one view per dossier of a list that showed personal data (a search result): one INSERT."""
    at = timezone.now()
    rows = [_view(actor, d, context, fields, ip, at) for d in dossiers]
    if rows:
        PersonalDataView.objects.bulk_create(rows)
    return len(rows)


@dataclass
class BulkOutcome:
    code: str
    ok: bool
    message: str
    state: str = ""


@dataclass
class BulkResult:
    action: str
    outcomes: list[BulkOutcome] = field(default_factory=list)

    @property
    def succeeded(self) -> list[BulkOutcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[BulkOutcome]:
        return [o for o in self.outcomes if not o.ok]


def queue_bulk_action(*, actor: Any, action: str, codes: Iterable[str], note: str = "") -> BulkResult:
    """Apply ``action`` (forward, transfer or accept) to each selected dossier through its own service.

    Each dossier is read within the actor's scope and moved in its own transaction with the service's
    guards (role, agency, step, concurrent change); a refusal is reported for that dossier and the
    others go on. Bad input (unknown action, no selection, too many) changes nothing.
    """
    if action not in BULK_ACTIONS:
        raise ValidationFailed("Thao tác hàng loạt không hợp lệ.", code="bad_bulk_action",
                               details={"allowed": sorted(BULK_ACTIONS)})
    unique = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if not unique:
        raise ValidationFailed("Hãy chọn ít nhất một hồ sơ.", code="nothing_selected")
    if len(unique) > BULK_LIMIT:
        raise ValidationFailed(f"Mỗi lần chỉ xử lý tối đa {BULK_LIMIT} hồ sơ.", code="too_many_selected",
                               details={"limit": BULK_LIMIT, "given": len(unique)})
    service = dossier_services.ACTION_SERVICES[Action(action)]
    result = BulkResult(action=action)
    for code in unique:
        try:
            with transaction.atomic():
                dossier = dossier_selectors.dossier_get(user=actor, code=code)
                kwargs = {"note": note} if note else {}
                dossier = service(actor=actor, dossier=dossier, **kwargs)
        except DomainError as exc:
            result.outcomes.append(BulkOutcome(code=code, ok=False, message=exc.message))
        else:
            result.outcomes.append(BulkOutcome(code=code, ok=True, message="Đã thực hiện.", state=dossier.state))
    record_event(actor=actor, verb="queues.bulk_action", subject=("queues.bulk", action),
                 data={"action": action, "succeeded": [o.code for o in result.succeeded],
                       "failed": [o.code for o in result.failed]})
    return result
