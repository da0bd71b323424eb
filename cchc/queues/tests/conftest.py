"""Fixtures of the queue tests: the registry, the small catalogue, one-stop staff plus leaders,
and a helper that puts dossiers at the specialists' step of Sở Tư pháp."""

from __future__ import annotations

import pytest

from cchc.dossiers import services
from cchc.dossiers.testing import PASSWORD, intake_data, make_catalogue, make_staff


@pytest.fixture
def cat(registry):
    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    from cchc.accounts.services import user_create

    people = make_staff(cat, registry["stp"], registry["snv"])
    people["leader"] = user_create(actor=None, username="lanhdao.stp", password=PASSWORD, full_name="Lãnh Đạo",
                                   agency=registry["stp"], roles=["agency_leader"])
    people["other_leader"] = user_create(actor=None, username="lanhdao.snv", password=PASSWORD,
                                         full_name="Lãnh Đạo Nội Vụ", agency=registry["snv"], roles=["agency_leader"])
    return people


@pytest.fixture
def at_specialist(cat, staff):
    """Make ``n`` dossiers received at the centre and transferred to Sở Tư pháp's specialist step."""

    def make(n: int = 1, **overrides):
        out = []
        for i in range(n):
            d = services.dossier_receive(actor=staff["reception"],
                                         data=intake_data(cat, applicant_phone=f"09{i:08d}", **overrides))
            out.append(services.dossier_transfer(actor=staff["reception"], dossier=d))
        return out

    return make


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """The services keep calendars a few seconds per process; a test must not see another test's."""
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()
