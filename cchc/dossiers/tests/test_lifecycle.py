"""The state machine, table-driven: national codes, legal transitions, roles, clocks. Pure: no database."""

from __future__ import annotations

import pytest

from cchc.dossiers import lifecycle as lc
from cchc.dossiers.lifecycle import Action as A
from cchc.dossiers.lifecycle import State as S


def test_every_state_maps_to_one_national_code_and_all_ten_are_used():
    assert set(lc.NATIONAL_CODE) == set(S)
    assert lc.NATIONAL_CODE[S.DRAFT] is None
    assert {c for c in lc.NATIONAL_CODE.values() if c} == set(range(1, 11))


@pytest.mark.parametrize(("state", "code", "dvcqg"), [
    (S.SUBMITTED, 1, "receiving"), (S.RECEIVED, 2, "new"), (S.REFUSED_AT_INTAKE, 3, "denied"),
    (S.IN_PROCESS, 4, "processing"), (S.IN_INTERAGENCY, 4, "processing"), (S.OVERDUE_EXTENDED, 4, "processing"),
    (S.INTAKE_INCOMPLETE, 5, "waiting"), (S.SUPPLEMENT_REQUESTED, 5, "waiting"), (S.AWAITING_PAYMENT, 6, "paying"),
    (S.WITHDRAWN, 7, "cancelled"), (S.STOPPED, 8, "unresolved"), (S.RESULT_READY, 9, "releasing"),
    (S.RESULT_RETURNED, 10, "done"), (S.DRAFT, None, None),
])
def test_national_codes(state, code, dvcqg):
    assert lc.national_status(state) == code
    assert lc.dvcqg_status(state) == dvcqg


# (action, from, to or None when illegal, spec number)
TABLE = [
    (A.DRAFT, None, S.DRAFT, "T1"),
    (A.SUBMIT, None, S.SUBMITTED, "T2"), (A.SUBMIT, S.DRAFT, S.SUBMITTED, "T2"),
    (A.ACCEPT, S.SUBMITTED, S.RECEIVED, "T3"), (A.ACCEPT, S.DRAFT, None, ""),
    (A.RECEIVE, None, S.RECEIVED, "T4"), (A.RECEIVE, S.DRAFT, S.RECEIVED, "T4"), (A.RECEIVE, S.SUBMITTED, None, ""),
    (A.REQUEST_INTAKE_SUPPLEMENT, S.SUBMITTED, S.INTAKE_INCOMPLETE, "T5"),
    (A.REQUEST_INTAKE_SUPPLEMENT, S.RECEIVED, None, ""),
    (A.RESUBMIT, S.INTAKE_INCOMPLETE, S.SUBMITTED, "T6"),
    (A.REFUSE, S.SUBMITTED, S.REFUSED_AT_INTAKE, "T7"), (A.REFUSE, S.INTAKE_INCOMPLETE, S.REFUSED_AT_INTAKE, "T7"),
    (A.REFUSE, S.RECEIVED, None, ""),
    (A.TRANSFER, S.RECEIVED, S.IN_PROCESS, "T8"), (A.TRANSFER, S.IN_PROCESS, None, ""),
    (A.FORWARD, S.IN_PROCESS, S.IN_PROCESS, "T9"), (A.FORWARD, S.OVERDUE_EXTENDED, S.OVERDUE_EXTENDED, "T9"),
    (A.FORWARD, S.RECEIVED, None, ""), (A.FORWARD, S.SUPPLEMENT_REQUESTED, None, ""),
    (A.SEND_INTERAGENCY, S.IN_PROCESS, S.IN_INTERAGENCY, "T10"),
    (A.RETURN_INTERAGENCY, S.IN_INTERAGENCY, lc.RESUME, "T10"),
    (A.REQUEST_SUPPLEMENT, S.IN_PROCESS, S.SUPPLEMENT_REQUESTED, "T11"),
    (A.REQUEST_SUPPLEMENT, S.OVERDUE_EXTENDED, S.SUPPLEMENT_REQUESTED, "T11"),
    (A.REQUEST_SUPPLEMENT, S.SUPPLEMENT_REQUESTED, None, ""),
    (A.RECEIVE_SUPPLEMENT, S.SUPPLEMENT_REQUESTED, lc.RESUME, "T12"),
    (A.STOP, S.SUPPLEMENT_REQUESTED, S.STOPPED, "T13"),
    (A.REQUEST_PAYMENT, S.IN_PROCESS, S.AWAITING_PAYMENT, "T14"),
    (A.CONFIRM_PAYMENT, S.AWAITING_PAYMENT, lc.RESUME, "T15"),
    (A.APOLOGISE, S.IN_PROCESS, S.OVERDUE_EXTENDED, "T16"), (A.APOLOGISE, S.OVERDUE_EXTENDED, S.OVERDUE_EXTENDED, "T16"),
    (A.APOLOGISE, S.RESULT_READY, None, ""),
    (A.WITHDRAW, S.SUBMITTED, S.WITHDRAWN, "T17"), (A.WITHDRAW, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN, "T17"),
    (A.WITHDRAW, S.RESULT_READY, None, ""), (A.WITHDRAW, S.DRAFT, None, ""),
    (A.STOP, S.IN_PROCESS, S.STOPPED, "T18"), (A.STOP, S.RECEIVED, None, ""),
    (A.ISSUE_RESULT, S.IN_PROCESS, S.RESULT_READY, "T19"), (A.ISSUE_RESULT, S.RECEIVED, None, ""),
    (A.RETURN_RESULT, S.RESULT_READY, S.RESULT_RETURNED, "T20"), (A.RETURN_RESULT, S.RESULT_RETURNED, None, ""),
    (A.ARCHIVE, S.RESULT_RETURNED, S.RESULT_RETURNED, "T21"), (A.ARCHIVE, S.RESULT_READY, None, ""),
    (A.ARCHIVE, S.WITHDRAWN, None, ""),
]


@pytest.mark.parametrize(("action", "source", "target", "code"), TABLE)
def test_transition_table(action, source, target, code):
    if target is None:
        with pytest.raises(lc.IllegalTransition):
            lc.transition_for(action, source)
        return
    tr = lc.transition_for(action, source)
    assert tr.target == target and tr.code == code


def test_nothing_leaves_a_terminal_state():
    for state in lc.TERMINAL_STATES:
        assert lc.available_actions(state, {lc.ADMIN}) == []


@pytest.mark.parametrize(("action", "state", "roles", "expected"), [
    (A.RECEIVE, None, {"reception_officer"}, "reception_officer"),
    (A.RECEIVE, None, {"specialist"}, None),
    (A.ISSUE_RESULT, S.IN_PROCESS, {"signer", "specialist"}, "signer"),
    (A.ISSUE_RESULT, S.IN_PROCESS, {"specialist"}, None),
    (A.STOP, S.SUPPLEMENT_REQUESTED, {"division_head"}, "division_head"),
    (A.STOP, S.IN_PROCESS, {"division_head"}, None),
    (A.APOLOGISE, S.IN_PROCESS, {"admin"}, "admin"),
    (A.WITHDRAW, S.SUBMITTED, {"applicant"}, "applicant"),
])
def test_roles(action, state, roles, expected):
    tr = lc.transition_for(action, state)
    if expected is None:
        with pytest.raises(lc.RoleMissing):
            lc.acting_role(tr, roles)
    else:
        assert lc.acting_role(tr, roles) == expected


@pytest.mark.parametrize(("resume", "expected"), [
    (S.IN_PROCESS, S.IN_PROCESS), (S.OVERDUE_EXTENDED, S.OVERDUE_EXTENDED), ("", S.IN_PROCESS), (None, S.IN_PROCESS),
])
def test_resuming_keeps_a_reappointment(resume, expected):
    tr = lc.transition_for(A.RECEIVE_SUPPLEMENT, S.SUPPLEMENT_REQUESTED)
    assert lc.target_of(tr, resume_state=resume) == expected


@pytest.mark.parametrize(("state", "pauses", "clock"), [
    (S.SUBMITTED, True, lc.Clock.NOT_STARTED), (S.RECEIVED, True, lc.Clock.RUNNING),
    (S.SUPPLEMENT_REQUESTED, True, lc.Clock.PAUSED), (S.AWAITING_PAYMENT, True, lc.Clock.PAUSED),
    (S.AWAITING_PAYMENT, False, lc.Clock.RUNNING), (S.RESULT_READY, True, lc.Clock.STOPPED),
])
def test_clock(state, pauses, clock):
    assert lc.clock_of(state, payment_pauses_clock=pauses) is clock


def test_available_actions_follow_roles():
    names = {t.action for t in lc.available_actions(S.IN_PROCESS, {"specialist"})}
    assert names == {A.FORWARD, A.SEND_INTERAGENCY, A.REQUEST_SUPPLEMENT, A.REQUEST_PAYMENT}
    assert {t.action for t in lc.available_actions(S.RESULT_READY, {"return_officer"})} == {A.RETURN_RESULT}


def test_reasons_are_required_where_the_spec_requires_a_written_reason():
    needs = {t.action for t in lc.TRANSITIONS if t.needs_reason}
    assert needs == {A.REQUEST_INTAKE_SUPPLEMENT, A.REFUSE, A.REQUEST_SUPPLEMENT, A.STOP, A.APOLOGISE, A.WITHDRAW}


@pytest.mark.parametrize(("done", "due", "after", "expected"), [
    ("2026-03-02", "2026-03-03", False, "truoc_han"), ("2026-03-03", "2026-03-03", False, "dung_han"),
    ("2026-03-03", "2026-03-03", True, "qua_han"), ("2026-03-04", "2026-03-03", True, "qua_han"),
])
def test_step_result(done, due, after, expected):
    from datetime import date

    assert lc.step_result(date.fromisoformat(done), date.fromisoformat(due), after).value == expected


def test_archiving_is_the_systems_alone():
    tr = lc.transition_for(A.ARCHIVE, S.RESULT_RETURNED)
    assert not tr.roles
    for roles in ({lc.ADMIN}, {"reception_officer", "return_officer", "signer"}):
        with pytest.raises(lc.RoleMissing, match="hệ thống"):
            lc.acting_role(tr, roles)
        assert lc.available_actions(S.RESULT_RETURNED, roles) == []
