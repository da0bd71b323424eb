"""Fixtures of the dossier tests: the registry of cchc/conftest.py, a small catalogue, one-stop staff."""

from __future__ import annotations

import pytest

from cchc.dossiers import services
from cchc.dossiers.testing import intake_data, make_catalogue, make_staff


@pytest.fixture
def cat(registry):
    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


@pytest.fixture
def received(cat, staff):
    """A dossier received at the counter of the provincial centre, competent: Sở Tư pháp."""
    return services.dossier_receive(actor=staff["reception"], data=intake_data(cat))


@pytest.fixture
def make_intake(cat):
    def make(**overrides):
        return intake_data(cat, **overrides)

    return make


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """The services keep calendars a few seconds per process; a test must not see another test's."""
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()
