"""Fixtures of the letter tests: the dossier catalogue and staff (as in cchc/dossiers/tests), a clock,
and dossiers whose life produced each letter, at fixed instants so that the printed dates are known."""

from __future__ import annotations

import pytest

from cchc.dossiers import services
from cchc.dossiers.services import _core
from cchc.dossiers.testing import intake_data, make_catalogue, make_staff
from cchc.letters.tests.util import local, reload


@pytest.fixture
def cat(registry):
    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """The services keep calendars a few seconds per process; a test must not see another test's."""
    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()


@pytest.fixture
def received(clock, cat, staff):
    """Received at the counter on Mon 02/03/2026 08:00 (10 working days: appointment 16/03/2026 17:00)."""
    clock.set(local(2026, 3, 2, 8, 5))
    return services.dossier_receive(actor=staff["reception"], data=intake_data(cat, received_at=local(2026, 3, 2, 8, 0)))


@pytest.fixture
def supplemented(clock, received, staff):
    """In processing, then asked on 05/03/2026 09:00 for two documents."""
    s = staff
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], received))
    clock.set(local(2026, 3, 5, 9, 0))
    return services.dossier_request_supplement(
        actor=s["specialist"], dossier=reload(s["specialist"], d), reason="Bản chụp căn cước bị mờ, không đọc được số.",
        components=["Bản chụp căn cước rõ nét", "Văn bản ủy quyền có chứng thực"])


@pytest.fixture
def apologised(clock, received, staff):
    """Re-appointed on 13/03/2026 from 16/03/2026 17:00 to 20/03/2026 17:00 (letter 15/PXL)."""
    s = staff
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_transfer(actor=s["reception"], dossier=reload(s["reception"], received))
    clock.set(local(2026, 3, 13, 9, 0))
    return services.dossier_apologise(actor=s["signer"], dossier=reload(s["signer"], d),
                                      new_due_at=local(2026, 3, 20, 17), reason="Cần xác minh tại địa phương",
                                      document_number="15/PXL")


@pytest.fixture
def refused(clock, cat, staff):
    """Arrived by post on 03/03/2026, refused the same day at 10:00."""
    s = staff
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_submit(actor=s["reception"], data=intake_data(cat, channel="postal"))
    clock.set(local(2026, 3, 3, 10, 0))
    return services.dossier_refuse(actor=s["reception"], dossier=reload(s["reception"], d),
                                   reason="Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp.",
                                   competent_hint="Ủy ban nhân dân phường Phan Đình Phùng")
