"""The columns the synthetic generator writes, in order (shared by the generator and its writer)."""

from __future__ import annotations

import operator

DOSSIER_COLUMNS = (
    "id", "code", "other_code", "procedure_id", "version_id", "case_id", "time_limit", "time_unit", "channel",
    "receiving_agency_id", "competent_agency_id", "current_agency_id", "current_step_id", "step_started_at",
    "step_due_at", "state", "national_status", "resume_state", "applicant_type", "applicant_name",
    "applicant_id_number", "applicant_phone", "applicant_email", "applicant_address", "applicant_organisation",
    "representative_name", "owner_id", "subject", "components", "has_digitised_components", "vneid_verified",
    "submitted_at", "received_at", "due_at", "original_due_at", "statutory_due_at", "paused_since", "resolved_at",
    "returned_at", "closed_at", "closing_reason", "intake_supplement_count", "supplement_count",
    "reappointment_count", "fee_amount", "fee_paid", "fee_paid_at", "paid_online", "result_number", "result_date",
    "result_electronic", "result_summary", "return_method", "recipient_name", "rating", "rating_at",
    "rating_channel", "synthetic", "log_seq", "log_head", "created_at", "created_by_id", "updated_at",
)
LOG_COLUMNS = (
    "dossier_id", "seq", "at", "actor_id", "actor_name", "role", "agency_code", "action", "from_state", "to_state",
    "step_code", "step_started_at", "step_due_at", "step_result", "next_step_code", "next_step_due_at",
    "receiver_agency_code", "due_at", "note", "data", "prev_hash", "hash",
)
DOSSIER_TUPLE = operator.itemgetter(*DOSSIER_COLUMNS)
LOG_TUPLE = operator.itemgetter(*LOG_COLUMNS)
DT_COLUMNS = frozenset({"step_started_at", "step_due_at", "submitted_at", "received_at", "due_at", "original_due_at",
                        "statutory_due_at", "paused_since", "resolved_at", "returned_at", "closed_at", "fee_paid_at",
                        "rating_at", "created_at", "updated_at", "at", "next_step_due_at"})
