"""Dossier services: every write on a dossier goes through one of these (architecture rule 1).

Each takes ``actor=`` and checks the actor's role and agency against the lifecycle table, is
guarded against concurrent changes, writes one process-log row and records one event.
"""

from __future__ import annotations

from cchc.dossiers.lifecycle import Action
from cchc.dossiers.services.archiving import dossier_archive, dossiers_archive_due
from cchc.dossiers.services.digest import log_digest_create
from cchc.dossiers.services.intake import (
    ComponentData,
    IntakeData,
    dossier_accept,
    dossier_draft,
    dossier_receive,
    dossier_refuse,
    dossier_request_intake_supplement,
    dossier_resubmit,
    dossier_submit,
    dossier_withdraw,
)
from cchc.dossiers.services.processing import (
    dossier_apologise,
    dossier_confirm_payment,
    dossier_forward,
    dossier_issue_result,
    dossier_receive_supplement,
    dossier_request_payment,
    dossier_request_supplement,
    dossier_return_interagency,
    dossier_return_result,
    dossier_send_interagency,
    dossier_stop,
    dossier_transfer,
)

# The service behind each action on an existing dossier (the web forms dispatch through this).
ACTION_SERVICES = {
    Action.ACCEPT: dossier_accept,
    Action.RECEIVE: dossier_accept,
    Action.REQUEST_INTAKE_SUPPLEMENT: dossier_request_intake_supplement,
    Action.RESUBMIT: dossier_resubmit,
    Action.REFUSE: dossier_refuse,
    Action.TRANSFER: dossier_transfer,
    Action.FORWARD: dossier_forward,
    Action.SEND_INTERAGENCY: dossier_send_interagency,
    Action.RETURN_INTERAGENCY: dossier_return_interagency,
    Action.REQUEST_SUPPLEMENT: dossier_request_supplement,
    Action.RECEIVE_SUPPLEMENT: dossier_receive_supplement,
    Action.REQUEST_PAYMENT: dossier_request_payment,
    Action.CONFIRM_PAYMENT: dossier_confirm_payment,
    Action.APOLOGISE: dossier_apologise,
    Action.WITHDRAW: dossier_withdraw,
    Action.STOP: dossier_stop,
    Action.ISSUE_RESULT: dossier_issue_result,
    Action.RETURN_RESULT: dossier_return_result,
}

__all__ = [
    "ACTION_SERVICES",
    "ComponentData",
    "IntakeData",
    "dossier_accept",
    "dossier_apologise",
    "dossier_archive",
    "dossier_confirm_payment",
    "dossier_draft",
    "dossier_forward",
    "dossier_issue_result",
    "dossier_receive",
    "dossier_receive_supplement",
    "dossier_refuse",
    "dossier_request_intake_supplement",
    "dossier_request_payment",
    "dossier_request_supplement",
    "dossier_resubmit",
    "dossier_return_interagency",
    "dossier_return_result",
    "dossier_send_interagency",
    "dossier_stop",
    "dossier_submit",
    "dossier_transfer",
    "dossier_withdraw",
    "dossiers_archive_due",
    "log_digest_create",
]
