"""Services: bad input refused whole, role and agency checks, pauses, re-appointments, every transition."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from cchc.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.dossiers import selectors, services
from cchc.dossiers.models import (
    Dossier,
    DossierCounter,
    Pause,
    ProcessLogEntry,
    Reappointment,
    SupplementRequest,
)
from cchc.workdays import TZ


def local(*args):
    return datetime(*args, tzinfo=TZ)


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


def counts():
    return (Dossier.objects.count(), ProcessLogEntry.objects.count(), Event.objects.filter(
        verb__startswith="dossier").count(), sum(DossierCounter.objects.values_list("last", flat=True)))


# --- bad input: a clear code, nothing half-done, nothing logged --------------------------------

@pytest.mark.parametrize(("overrides", "error", "code"), [
    ({"procedure_code": "1.000001-D"}, ValidationFailed, "procedure_not_published"),
    ({"procedure_code": "9.999999"}, NotFound, "procedure_not_found"),
    ({"components": []}, ValidationFailed, "missing_components"),
    ({"case_code": "TH9"}, ValidationFailed, "unknown_case"),
    ({"received_at": local(1900, 1, 2, 8)}, ValidationFailed, "date_out_of_range"),
    ({"received_at": local(2200, 1, 2, 8)}, ValidationFailed, "date_out_of_range"),
    ({"submitted_at": local(1900, 1, 2, 8)}, ValidationFailed, "date_out_of_range"),
    ({"received_at": local(2099, 1, 2, 8)}, ValidationFailed, "date_in_future"),
    ({"applicant_phone": ""}, ValidationFailed, "applicant_incomplete"),
    ({"competent_agency_code": "TN.SNV"}, ValidationFailed, "not_competent"),
    ({"channel": "online_portal"}, ValidationFailed, "wrong_channel"),
    ({"fee_amount": -1}, ValidationFailed, "negative_amount"),
])
def test_bad_intake_is_refused_whole(cat, staff, make_intake, overrides, error, code):
    before = counts()
    with pytest.raises(error) as exc:
        services.dossier_receive(actor=staff["reception"], data=make_intake(**overrides))
    assert exc.value.code == code
    assert exc.value.message and not exc.value.message.isascii()  # a Vietnamese sentence
    assert counts() == before


def test_unknown_component_is_refused(cat, staff, make_intake):
    from cchc.dossiers.services import ComponentData

    comps = make_intake().components + [ComponentData(component_id=999999)]
    with pytest.raises(ValidationFailed) as exc:
        services.dossier_receive(actor=staff["reception"], data=make_intake(components=comps))
    assert exc.value.code == "unknown_component"


@pytest.mark.parametrize(("who", "code"), [("officer_no_role", "role_required"), ("specialist", "role_required")])
def test_intake_needs_the_reception_role(cat, staff, make_intake, who, code):
    before = counts()
    with pytest.raises(PermissionDenied) as exc:
        services.dossier_receive(actor=staff[who], data=make_intake())
    assert exc.value.code == code
    assert counts() == before


def test_an_officer_of_another_agency_cannot_act(received, staff):
    before = counts()
    with pytest.raises(PermissionDenied) as exc:
        services.dossier_transfer(actor=staff["other_reception"], dossier=received)
    assert exc.value.code == "not_your_agency"
    with pytest.raises(PermissionDenied):
        services.dossier_transfer(actor=staff["specialist"], dossier=received)  # role missing, too
    assert counts() == before


def test_an_illegal_transition_names_the_state(received, staff):
    before = counts()
    with pytest.raises(Conflict) as exc:
        services.dossier_issue_result(actor=staff["signer"], dossier=received, result_number="1")
    assert exc.value.code == "illegal_transition" and "Đã tiếp nhận" in exc.value.message
    assert counts() == before


def test_a_reason_is_required(received, staff):
    d = services.dossier_transfer(actor=staff["reception"], dossier=received)
    with pytest.raises(ValidationFailed) as exc:
        services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], d), reason=" ")
    assert exc.value.code == "reason_required"


def test_the_step_role_decides_who_forwards(received, staff):
    d = services.dossier_transfer(actor=staff["reception"], dossier=received)  # at TD (specialist)
    with pytest.raises(PermissionDenied) as exc:
        services.dossier_forward(actor=staff["head"], dossier=reload(staff["head"], d))
    assert exc.value.code == "step_role_required"


def test_a_step_that_does_not_allow_an_action_refuses_it(received, staff):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    d = services.dossier_forward(actor=s["specialist"], dossier=reload(s["specialist"], d))  # at XD
    with pytest.raises(Conflict) as exc:
        services.dossier_request_supplement(actor=s["head"], dossier=reload(s["head"], d), reason="Thiếu giấy")
    assert exc.value.code == "step_action_not_allowed"


# --- due dates, pauses, re-appointments ---------------------------------------------------------

def test_due_date_is_computed_once_with_the_competent_agencys_calendar(staff, make_intake):
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    # 10 working days counted from the next working day: Monday 16/03/2026 at the close.
    assert d.due_at.astimezone(TZ) == local(2026, 3, 16, 17, 0)
    # The first step (4 working hours, convention H): 3.5 h until the lunch break, 0.5 h after it.
    assert d.step_due_at.astimezone(TZ) == local(2026, 3, 2, 14, 0)
    assert d.time_limit == Decimal(10) and d.time_unit == "working_days" and d.version.number == 1


def test_a_supplement_pauses_the_clock_and_resumption_recomputes_the_appointment(clock, staff, make_intake):
    s = staff
    clock.set(local(2026, 3, 2, 8, 5))
    d = services.dossier_receive(actor=s["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], d))
    clock.set(local(2026, 3, 4, 10, 0))
    d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d),
                                            reason="Thiếu bản sao giấy khai sinh", components=["Giấy khai sinh"])
    assert d.state == "supplement_requested" and d.national_status == 5 and d.supplement_count == 1
    assert d.paused_since == local(2026, 3, 4, 10, 0)
    step_due_before = d.step_due_at
    clock.set(local(2026, 3, 9, 10, 0))  # three working days later
    d = services.dossier_receive_supplement(actor=s["reception"], dossier=reload(s["reception"], d))
    assert d.state == "in_process" and d.paused_since is None
    assert d.original_due_at.astimezone(TZ) == local(2026, 3, 16, 17, 0)
    assert d.due_at.astimezone(TZ) == local(2026, 3, 19, 17, 0)
    assert d.statutory_due_at == d.due_at
    assert d.step_due_at > step_due_before
    pause = Pause.objects.get(dossier=d)
    assert (pause.kind, pause.started_at, pause.ended_at) == ("supplement", local(2026, 3, 4, 10), local(2026, 3, 9, 10))
    assert pause.due_before.astimezone(TZ) == local(2026, 3, 16, 17) and pause.due_after == d.due_at
    assert SupplementRequest.objects.get(dossier=d).fulfilled_at == local(2026, 3, 9, 10)


def test_a_second_supplement_request_is_flagged(clock, staff, received):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    for _ in range(2):
        d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Thiếu")
        d = services.dossier_receive_supplement(actor=s["reception"], dossier=reload(s["reception"], d))
    rows = ProcessLogEntry.objects.filter(dossier=d, action="request_supplement").order_by("seq")
    assert [r.data.get("warning") for r in rows] == [None, "second_supplement"]
    assert Dossier.objects.get(pk=d.pk).supplement_count == 2


def test_a_province_may_block_the_second_supplement(settings, staff, received):
    settings.CCHC_BLOCK_SECOND_SUPPLEMENT = True
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Thiếu")
    d = services.dossier_receive_supplement(actor=s["reception"], dossier=reload(s["reception"], d))
    with pytest.raises(Conflict) as exc:
        services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Thiếu")
    assert exc.value.code == "second_supplement_blocked"


def test_an_apology_keeps_the_original_due_date(clock, staff, make_intake):
    s = staff
    clock.set(local(2026, 3, 2, 8, 5))
    d = services.dossier_receive(actor=s["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], d))
    clock.set(local(2026, 3, 13, 9, 0))
    d = services.dossier_apologise(actor=s["signer"], dossier=reload(s["signer"], d), new_due_at=local(2026, 3, 20, 17),
                                   reason="Cần xác minh tại địa phương", document_number="15/PXL")
    assert d.state == "overdue_extended" and d.national_status == 4
    assert d.due_at == local(2026, 3, 20, 17)
    assert d.original_due_at.astimezone(TZ) == local(2026, 3, 16, 17) == d.statutory_due_at.astimezone(TZ)
    r = Reappointment.objects.get(dossier=d)
    assert (r.old_due_at.astimezone(TZ), r.new_due_at, r.document_number) == (local(2026, 3, 16, 17), local(2026, 3, 20, 17), "15/PXL")
    # Still processed normally afterwards, and the re-appointment survives a pause.
    d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Thiếu")
    d = services.dossier_receive_supplement(actor=s["reception"], dossier=reload(s["reception"], d))
    assert d.state == "overdue_extended"
    d = services.dossier_forward(actor=s["specialist"], dossier=reload(s["specialist"], d))
    assert d.state == "overdue_extended"


@pytest.mark.parametrize(("now", "new_due", "code"), [
    (datetime(2026, 3, 17, 9, 0, tzinfo=TZ), datetime(2026, 3, 20, 17, tzinfo=TZ), "apology_too_late"),
    (datetime(2026, 3, 10, 9, 0, tzinfo=TZ), datetime(2026, 3, 12, 17, tzinfo=TZ), "new_due_not_later"),
    (datetime(2026, 3, 10, 9, 0, tzinfo=TZ), datetime(2200, 1, 1, 17, tzinfo=TZ), "date_out_of_range"),
])
def test_bad_apologies(clock, staff, make_intake, now, new_due, code):
    s = staff
    clock.set(local(2026, 3, 2, 8, 5))
    d = services.dossier_receive(actor=s["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], d))
    clock.set(now)
    before = counts()
    with pytest.raises((Conflict, ValidationFailed)) as exc:
        services.dossier_apologise(actor=s["signer"], dossier=reload(s["signer"], d), new_due_at=new_due, reason="Chậm")
    assert exc.value.code == code
    assert counts() == before and not Reappointment.objects.exists()


def test_payment_pauses_when_the_case_says_so(clock, staff, make_intake):
    s = staff
    clock.set(local(2026, 3, 2, 8, 5))
    d = services.dossier_receive(actor=s["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], d))
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_request_payment(actor=s["specialist"], dossier=reload(s["specialist"], d), amount=200000)
    assert d.state == "awaiting_payment" and d.national_status == 6 and d.fee_amount == 200000 and d.paused_since
    clock.set(local(2026, 3, 4, 9, 0))  # one working day later
    d = services.dossier_confirm_payment(actor=s["return"], dossier=reload(s["return"], d), paid_online="1")
    assert d.state == "in_process" and d.fee_paid and d.paid_online == "1"
    assert d.due_at.astimezone(TZ) == local(2026, 3, 17, 17)
    assert Pause.objects.get(dossier=d).kind == "payment"


def test_interagency_round_trip(staff, received, registry):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    d = services.dossier_send_interagency(actor=s["specialist"], dossier=reload(s["specialist"], d), agency_code="TN.SNV",
                                          note="Xin ý kiến")
    assert d.state == "in_interagency" and d.current_agency.code == "TN.SNV"
    # The coordinating agency sees it now, and answers.
    d = services.dossier_return_interagency(actor=s["other_specialist"], dossier=reload(s["other_specialist"], d))
    assert d.state == "in_process" and d.current_agency.code == "TN.STP"


def test_withdrawal_closes_an_open_pause(staff, received):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Thiếu")
    d = services.dossier_withdraw(actor=s["reception"], dossier=reload(s["reception"], d), reason="Công dân xin rút")
    assert d.state == "withdrawn" and d.national_status == 7 and d.closed_at and d.paused_since is None
    assert Pause.objects.get(dossier=d).ended_at == d.closed_at


def test_the_division_head_stops_an_unsupplemented_dossier(staff, received):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Thiếu")
    d = services.dossier_stop(actor=s["head"], dossier=reload(s["head"], d), reason="Quá hạn bổ sung")
    assert d.state == "stopped" and d.national_status == 8 and d.closing_reason == "Quá hạn bổ sung"


def test_online_arrival_refusal_and_intake_supplement(staff, make_intake):
    s = staff
    d = services.dossier_submit(actor=s["reception"], data=make_intake(channel="postal"))
    assert d.state == "submitted" and d.national_status == 1 and d.received_at is None and d.due_at is None
    d = services.dossier_request_intake_supplement(actor=s["reception"], dossier=reload(s["reception"], d),
                                                   reason="Thiếu tờ khai", components=["Tờ khai"])
    assert d.state == "intake_incomplete" and d.intake_supplement_count == 1
    d = services.dossier_resubmit(actor=s["reception"], dossier=reload(s["reception"], d))
    d = services.dossier_accept(actor=s["reception"], dossier=reload(s["reception"], d))
    assert d.state == "received" and d.received_at and d.due_at and d.current_step.code == "TN"
    assert SupplementRequest.objects.get(dossier=d).fulfilled_at is not None
    other = services.dossier_submit(actor=s["reception"], data=make_intake(channel="postal"))
    other = services.dossier_refuse(actor=s["reception"], dossier=reload(s["reception"], other),
                                    reason="Không thuộc thẩm quyền", competent_hint="UBND xã")
    assert other.state == "refused_at_intake" and other.national_status == 3


def test_a_citizen_submits_online(staff, make_intake, people, cat):
    citizen = people["citizen"]
    d = services.dossier_submit(actor=citizen, data=make_intake(channel="online_portal",
                                                                 receiving_agency_code=cat.centre.code))
    assert d.owner == citizen and d.receiving_agency == cat.centre and d.state == "submitted"
    assert selectors.dossier_get(user=citizen, code=d.code) == d
    d = services.dossier_withdraw(actor=citizen, dossier=d, reason="Nộp nhầm")
    assert d.state == "withdrawn"


def test_a_draft_may_be_incomplete_but_not_received_so(staff, make_intake):
    s = staff
    d = services.dossier_draft(actor=s["reception"], data=make_intake(components=[]))
    assert d.state == "draft" and d.national_status is None
    with pytest.raises(ValidationFailed) as exc:
        services.dossier_accept(actor=s["reception"], dossier=reload(s["reception"], d))
    assert exc.value.code == "missing_components"


def test_a_commune_procedure_without_listed_competence_is_decided_where_it_is_received(cat, staff, make_intake):
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(
        procedure_code=cat.commune_version.procedure.code, case_code="", components=[]))
    assert d.competent_agency == cat.centre and d.time_unit == "same_day"


def test_return_requires_fees_collected(staff, received):
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    d = services.dossier_request_payment(actor=s["specialist"], dossier=reload(s["specialist"], d), amount=50000)
    Dossier.objects.filter(pk=d.pk).update(state="in_process")  # as if the payment were collected later
    d = reload(s["specialist"], d)
    d = services.dossier_forward(actor=s["specialist"], dossier=d)
    d = services.dossier_forward(actor=s["head"], dossier=reload(s["head"], d))
    d = services.dossier_issue_result(actor=s["signer"], dossier=reload(s["signer"], d), result_number="7/GP")
    with pytest.raises(Conflict) as exc:
        services.dossier_return_result(actor=s["return"], dossier=reload(s["return"], d))
    assert exc.value.code == "fee_unpaid"
    d = services.dossier_return_result(actor=s["return"], dossier=reload(s["return"], d), fee_collected=True)
    assert d.fee_paid and d.state == "result_returned"


def test_every_transition_records_an_event(received, staff):
    d = services.dossier_transfer(actor=staff["reception"], dossier=received)
    verbs = list(Event.objects.filter(subject_id=d.code).order_by("id").values_list("verb", "role"))
    assert verbs == [("dossier.receive", "reception_officer"), ("dossier.transfer", "reception_officer")]
