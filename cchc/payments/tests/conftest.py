"""Fixtures of the payments tests: the dossier catalogue (as in cchc/dossiers/tests), fees on its case,
a dossier being processed at the competent agency, and a local stand-in of the payment platform."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from cchc.dossiers import services
from cchc.dossiers.testing import intake_data, make_catalogue, make_staff
from cchc.payments.tests.standin import StandIn

SECRET = "khoa-chung-thu-nghiem-0123456789"


@pytest.fixture
def cat(registry):
    from cchc.procedures.models import Fee

    cat = make_catalogue(registry["stp"], province=registry["tn"])
    Fee.objects.create(case=cat.case, kind="le_phi", code="LP01", name="Lệ phí cấp phiếu lý lịch tư pháp",
                       amount=Decimal(200000), collect="before")
    Fee.objects.create(case=cat.case, kind="phi", code="P01", name="Phí cấp bản thứ hai trở đi",
                       amount=Decimal(5000), collect="before")
    Fee.objects.create(case=cat.case, kind="le_phi", name="Miễn cho người có công", amount=Decimal(0), collect="free")
    Fee.objects.create(case=cat.case, kind="phi", name="Phí theo số trang", amount=None, collect="before")
    return cat


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


@pytest.fixture
def received(cat, staff):
    return services.dossier_receive(actor=staff["reception"], data=intake_data(cat))


@pytest.fixture
def processing(received, staff):
    """The dossier at the competent agency's appraisal step (where the specialist may request payment)."""
    return services.dossier_transfer(actor=staff["reception"], dossier=received)


@pytest.fixture
def gateway(settings):
    stand = StandIn(SECRET)
    settings.CCHC_PAYMENT_GATEWAY_URL = stand.url
    settings.CCHC_PAYMENT_SECRET = SECRET
    settings.CCHC_PAYMENT_TIMEOUT = 0.5
    settings.CCHC_PAYMENT_AGENCY_CODE = "TN.STP"
    settings.CCHC_PAYMENT_BENEFICIARY_ACCOUNT = "3751.0.1234567"
    yield stand
    stand.close()


@pytest.fixture
def client():
    return Client()


@pytest.fixture(autouse=True)
def _fresh_calendars():
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()
