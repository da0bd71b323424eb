"""Fixtures of the results tests: the dossier catalogue and staff (as in the dossier tests), a test
certificate authority made once per session, and dossiers ready for a result."""

from __future__ import annotations

import pytest

from cchc.dossiers import selectors, services
from cchc.dossiers.testing import intake_data, make_catalogue, make_staff
from cchc.results import testca


@pytest.fixture(scope="session")
def ca_dir(tmp_path_factory):
    """A root CA and signing certificates for Sở Tư pháp and Sở Nội vụ (not for production)."""
    directory = tmp_path_factory.mktemp("ca")
    testca.write_demo_ca(directory, [("TN.STP", "Sở Tư pháp"), ("TN.SNV", "Sở Nội vụ")])
    return directory


@pytest.fixture(scope="session")
def rogue_ca(tmp_path_factory):
    """Another CA nobody configured, with a certificate claiming to be Sở Tư pháp."""
    directory = tmp_path_factory.mktemp("rogue")
    testca.write_demo_ca(directory, [("TN.STP", "Sở Tư pháp")])
    return directory


@pytest.fixture(autouse=True)
def _signing_settings(settings, ca_dir, tmp_path):
    settings.CCHC_RESULTS_SIGNER = "local"
    settings.CCHC_RESULTS_KEY_DIR = str(ca_dir)
    settings.CCHC_RESULTS_TRUST_ROOTS = [str(ca_dir / "root.cert.pem")]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from django.core.cache import cache

    cache.clear()
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    cache.clear()


@pytest.fixture
def cat(registry):
    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


@pytest.fixture
def at_signing(cat, staff):
    """A dossier at the signing step (KY) of Sở Tư pháp, still in processing."""
    s = staff
    d = services.dossier_receive(actor=s["reception"], data=intake_data(cat))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], d))
    d = services.dossier_forward(actor=s["specialist"], dossier=reload(s["specialist"], d))
    d = services.dossier_forward(actor=s["head"], dossier=reload(s["head"], d))
    return reload(s["signer"], d)


@pytest.fixture
def issued(at_signing, staff):
    """A dossier whose (paper) result was issued: RESULT_READY, not electronic."""
    d = services.dossier_issue_result(actor=staff["signer"], dossier=at_signing, result_number="123/PLLTP")
    return reload(staff["signer"], d)
