"""Supplement allowances (spec T13 and T7): when a request lapses, and what the staff then see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.services import token_create
from cchc.dossiers import lapse, selectors, services
from cchc.dossiers.models import SupplementRequest
from cchc.procedures.models import ProcedureCase
from cchc.workdays import TZ


def local(*args):
    return datetime(*args, tzinfo=TZ)


# --- the rule (pure) -----------------------------------------------------------------------------

def test_the_allowance_runs_to_the_end_of_its_last_calendar_day():
    assert lapse.lapses_at(local(2026, 3, 2, 10, 0), 10) == local(2026, 3, 13, 0, 0)
    assert lapse.lapses_at(local(2026, 3, 2, 23, 59), 1) == local(2026, 3, 4, 0, 0)


def test_the_day_of_the_request_is_the_vietnamese_day():
    # 20:00 UTC on 1 March is 03:00 on 2 March in Hà Nội.
    assert lapse.lapses_at(datetime(2026, 3, 1, 20, 0, tzinfo=UTC), 10) == local(2026, 3, 13, 0, 0)


def test_calendar_days_cross_tet_and_month_ends():
    assert lapse.lapses_at(local(2026, 2, 10, 9, 0), 30) == local(2026, 3, 13, 0, 0)


def test_no_allowance_no_lapse():
    assert lapse.lapses_at(local(2026, 3, 2, 10, 0), None) is None
    assert lapse.lapses_at(local(2026, 3, 2, 10, 0), 0) is None
    assert not lapse.has_lapsed(None, local(2030, 1, 1))


def test_an_allowance_over_a_year_is_refused():
    with pytest.raises(ValueError):
        lapse.lapses_at(local(2026, 3, 2, 10, 0), 366)


def test_it_lapses_at_the_instant_and_not_before():
    end = local(2026, 3, 13, 0, 0)
    assert not lapse.has_lapsed(end, local(2026, 3, 12, 23, 59))
    assert lapse.has_lapsed(end, end)


# --- recorded when the request is made --------------------------------------------------------

@pytest.fixture
def ten_days(cat):
    ProcedureCase.objects.filter(pk=cat.case.pk).update(supplement_days=10)


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


@pytest.fixture
def waiting(clock, staff, make_intake, ten_days):
    """A dossier received 2 March 2026, asked on 4 March to supplement during processing."""
    clock.set(local(2026, 3, 2, 8, 5))
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    d = services.dossier_transfer(actor=staff["reception"], dossier=reload(staff["reception"], d))
    clock.set(local(2026, 3, 4, 10, 0))
    return services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], d),
                                               reason="Thiếu bản sao giấy khai sinh")


def test_a_processing_request_keeps_the_instant_its_allowance_runs_out(waiting):
    request = SupplementRequest.objects.get(dossier=waiting)
    assert request.stage == "processing" and request.lapses_at == local(2026, 3, 15, 0, 0)


def test_an_intake_request_keeps_it_too(clock, staff, make_intake, ten_days):
    clock.set(local(2026, 3, 2, 9, 0))
    d = services.dossier_submit(actor=staff["reception"], data=make_intake(channel="postal"))
    services.dossier_request_intake_supplement(actor=staff["reception"], dossier=reload(staff["reception"], d),
                                               reason="Thiếu tờ khai")
    assert SupplementRequest.objects.get(dossier=d).lapses_at == local(2026, 3, 13, 0, 0)


def test_a_case_without_an_allowance_records_none(clock, staff, received):
    d = services.dossier_transfer(actor=staff["reception"], dossier=received)
    services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], d), reason="Thiếu")
    assert SupplementRequest.objects.get(dossier=d).lapses_at is None


def test_the_wait_names_the_proposal_only_once_lapsed(waiting, staff):
    d = reload(staff["head"], waiting)
    history = selectors.dossier_history(dossier=d)
    before = selectors.supplement_wait(dossier=d, history=history, now=local(2026, 3, 14, 23, 0))
    assert before.last_day.isoformat() == "2026-03-14" and not before.lapsed and before.proposal == ""
    after = selectors.supplement_wait(dossier=d, history=history, now=local(2026, 3, 15, 0, 0))
    assert after.lapsed and "T13" in after.proposal


def test_a_supplied_dossier_waits_for_nothing(waiting, staff, clock):
    clock.set(local(2026, 3, 5, 9, 0))
    d = services.dossier_receive_supplement(actor=staff["reception"], dossier=reload(staff["reception"], waiting))
    assert selectors.supplement_wait(dossier=d, history=selectors.dossier_history(dossier=d),
                                     now=local(2026, 4, 1)) is None


# --- what the staff see ------------------------------------------------------------------------

def test_the_dossier_page_warns_when_the_allowance_ran_out(waiting, staff):
    client = Client()
    client.force_login(staff["head"])
    url = reverse("dossiers:detail", args=[waiting.code])
    now = timezone.now()  # the page judges the allowance at the real instant
    SupplementRequest.objects.filter(dossier=waiting).update(lapses_at=now + timedelta(days=3))
    page = client.get(url).content.decode()
    assert 'data-testid="supplement-wait"' in page and "hạn bổ sung đến hết ngày" in page
    assert 'data-testid="supplement-lapsed"' not in page
    SupplementRequest.objects.filter(dossier=waiting).update(lapses_at=now - timedelta(minutes=1))
    page = client.get(url).content.decode()
    assert 'data-testid="supplement-lapsed"' in page and "dừng giải quyết" in page
    assert 'data-testid="action-stop"' in page  # the division head confirms the stop (T13)


def test_the_api_gives_the_lapse_instant_and_whether_it_passed(waiting, staff):
    _, raw = token_create(actor=staff["head"], name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    body = Client().get(f"/api/v1/dossiers/{waiting.code}", **auth).json()
    assert datetime.fromisoformat(body["supplement_lapses_at"].replace("Z", "+00:00")) == local(2026, 3, 15)
    later = timezone.now() + timedelta(days=3)
    SupplementRequest.objects.filter(dossier=waiting).update(lapses_at=later)
    body = Client().get(f"/api/v1/dossiers/{waiting.code}", **auth).json()
    assert body["supplement_lapsed"] is False
    SupplementRequest.objects.filter(dossier=waiting).update(lapses_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/api/v1/dossiers/{waiting.code}", **auth).json()["supplement_lapsed"] is True
