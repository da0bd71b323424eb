"""Fixtures of the portal tests: the dossier catalogue and staff (as in cchc/dossiers/tests), the shared
secret, a media directory of the test's own, and the portal stand-in."""

from __future__ import annotations

import pytest

from cchc.dossiers.testing import make_catalogue, make_staff
from cchc.portal.tests.standin import PortalStandIn, file_item, payload

SECRET = "bi-mat-dung-chung-voi-cong-dvcqg-thu-nghiem"


@pytest.fixture
def cat(registry):
    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


@pytest.fixture(autouse=True)
def _portal_settings(settings, tmp_path):
    settings.CCHC_DVCQG_SECRET = SECRET
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """The services keep calendars a few seconds per process; a test must not see another test's."""
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()


@pytest.fixture
def portal(client):
    """The stand-in pushing through Django's test client."""
    return PortalStandIn(SECRET, client=client)


@pytest.fixture
def good(cat):
    """A factory of valid pushes for the catalogue's published procedure (both required components)."""

    def make(code: str = "G22.99-260115-0001", **extra):
        comps = [file_item("to-khai.pdf", component_name=cat.components[0].name),
                 file_item("can-cuoc.pdf", component_name=cat.components[1].name, DuocSoHoa=True)]
        return payload(code=code, procedure=cat.published.procedure.code, unit=cat.centre.code,
                       components=comps, **extra)

    return make
