"""Integrations act through a SystemActor: named in the log and events, limited to their actions."""

from __future__ import annotations

import pytest

from cchc.common.errors import PermissionDenied
from cchc.common.models import Event
from cchc.dossiers import services
from cchc.dossiers.access import SystemActor
from cchc.dossiers.lifecycle import Action, State

PORTAL = SystemActor(name="dvcqg", label="Cổng Dịch vụ công quốc gia", actions=frozenset({Action.SUBMIT}))


def test_a_portal_actor_submits_an_online_dossier_and_is_named_in_the_log(cat, make_intake):
    d = services.dossier_submit(actor=PORTAL, data=make_intake(channel="online_portal",
                                                              receiving_agency_code=cat.centre.code))
    assert d.state == State.SUBMITTED
    assert d.created_by_id is None and d.owner_id is None
    entry = d.log.get()
    assert entry.actor_id is None and entry.actor_name == "Cổng Dịch vụ công quốc gia"
    assert entry.role == "system:dvcqg"
    event = Event.objects.get(verb="dossier.submit", subject_id=d.code)
    assert event.actor_id is None and event.actor_name == "system:dvcqg"


def test_a_system_actor_cannot_do_what_it_was_not_built_for(received):
    with pytest.raises(PermissionDenied) as exc:
        services.dossier_withdraw(actor=PORTAL, dossier=received, reason="thử")
    assert "Cổng Dịch vụ công quốc gia" in exc.value.message
    received.refresh_from_db()
    assert received.state == State.RECEIVED
