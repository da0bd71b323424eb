"""The whole life of a dossier through the services, and what each step records."""

from __future__ import annotations

from datetime import date

from cchc.dossiers import selectors, services
from cchc.dossiers.models import Dossier, ProcessLogEntry


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


def test_counter_intake_records_code_due_and_first_step(received, cat):
    d = received
    assert d.state == "received" and d.national_status == 2
    assert d.code.startswith("TN.TTPVHCC-") and d.code.endswith("-0001")
    assert d.due_at is not None and d.due_at == d.original_due_at == d.statutory_due_at
    assert d.current_step.code == "TN" and d.step_due_at is not None
    assert d.receiving_agency.code == "TN.TTPVHCC" and d.competent_agency.code == "TN.STP"
    assert d.has_digitised_components
    row = ProcessLogEntry.objects.get(dossier=d)
    assert (row.seq, row.action, row.to_state, row.next_step_code) == (1, "receive", "received", "TN")
    assert d.log_head == row.hash and d.log_seq == 1


def test_a_full_life(received, staff):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], received))
    assert d.state == "in_process" and d.current_step.code == "TD" and d.current_agency.code == "TN.STP"
    d = services.dossier_forward(actor=s["specialist"], dossier=reload(s["specialist"], d))
    assert d.current_step.code == "XD"
    d = services.dossier_forward(actor=s["head"], dossier=reload(s["head"], d))
    assert d.current_step.code == "KY"
    d = services.dossier_issue_result(actor=s["signer"], dossier=reload(s["signer"], d), result_number="123/PLLTP",
                                      electronic=True)
    assert d.state == "result_ready" and d.resolved_at and d.current_step.code == "TKQ"
    d = services.dossier_return_result(actor=s["return"], dossier=reload(s["return"], d), recipient_name="An")
    assert d.state == "result_returned" and d.returned_at and d.national_status == 10
    rows = list(ProcessLogEntry.objects.filter(dossier=d).order_by("seq"))
    assert [r.action for r in rows] == ["receive", "transfer", "forward", "forward", "issue_result", "return_result"]
    assert [r.step_code for r in rows] == ["", "TN", "TD", "XD", "KY", "TKQ"]
    assert all(r.step_result in ("truoc_han", "dung_han") for r in rows[1:])
    fresh = Dossier.objects.get(pk=d.pk)
    assert fresh.log_seq == 6 and fresh.log_head == rows[-1].hash
    assert fresh.result_date == date.today() or fresh.result_date is not None
