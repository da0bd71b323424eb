"""Registry writes: validation, events, permissions, reorganisation."""

from datetime import date

import pytest

from cchc.common.errors import PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.org import services
from cchc.org.models import Agency, Reorganisation


def test_creating_an_agency_records_an_event_with_the_actor(registry, people):
    actor = people["secretariat"]
    agency = services.agency_create(actor=actor, data=services.AgencyData(
        code="TN.SYT", name="Sở Y tế", type="so", valid_from=date(2000, 1, 1), parent=registry["tn"]))
    event = Event.objects.get(verb="agency.create", subject_id=agency.code)
    assert (event.actor_id, event.role, event.agency_code) == (actor.pk, "secretariat", "TN.SNV")


def test_an_officer_cannot_change_the_registry(registry, people):
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=people["officer_stp"], data=services.AgencyData(
            code="X", name="X", type="so", valid_from=date(2020, 1, 1)))
    assert not Agency.objects.filter(code="X").exists()


@pytest.mark.parametrize(("start", "end", "code"), [
    (date(2020, 1, 1), date(2019, 1, 1), "invalid_validity"),
    (date(1900, 1, 1), None, "date_out_of_range"),
    (date(2200, 1, 1), None, "date_out_of_range"),
])
def test_it_refuses_bad_dates(registry, start, end, code):
    with pytest.raises(ValidationFailed) as err:
        services.agency_create(actor=None, data=services.AgencyData(
            code="Y", name="Y", type="so", valid_from=start, valid_to=end))
    assert err.value.code == code


def test_a_child_cannot_outlive_its_parent(registry):
    with pytest.raises(ValidationFailed) as err:
        services.agency_create(actor=None, data=services.AgencyData(
            code="TN.H164.NEW", name="UBND xã Mới", type="ubnd_xa", valid_from=date(2020, 1, 1),
            parent=registry["h164"]))
    assert err.value.code == "outside_parent_validity"


def test_a_merge_ends_the_absorbed_agency_and_creates_the_new_one(registry, people):
    reorg = services.agency_reorganise(
        actor=people["admin"], kind="merge", effective_date=date(2026, 1, 1),
        predecessors=[registry["stp"], registry["bql"]],
        new_successors=[services.NewAgency(code="TN.SMOI", name="Sở Mới", type="so", parent=registry["tn"])],
        legal_basis="Quyết định minh hoạ",
    )
    registry["stp"].refresh_from_db()
    assert registry["stp"].valid_to == date(2025, 12, 31)
    new = Agency.objects.get(code="TN.SMOI")
    assert new.valid_from == date(2026, 1, 1)
    assert set(reorg.successors.values_list("code", flat=True)) == {"TN.SMOI"}
    assert Event.objects.filter(verb="agency.reorganise").count() == 1


def test_a_surviving_agency_continues_through_a_merger(registry, people):
    services.agency_reorganise(
        actor=people["admin"], kind="merge", effective_date=date(2026, 1, 1),
        predecessors=[registry["stp"], registry["bql"]], successors=[registry["stp"]],
    )
    registry["stp"].refresh_from_db()
    registry["bql"].refresh_from_db()
    assert registry["stp"].valid_to is None
    assert registry["bql"].valid_to == date(2025, 12, 31)


def test_abolishing_a_district_with_live_communes_is_refused_and_changes_nothing(registry, people):
    tn = registry["tn"]
    district = services.agency_create(actor=None, data=services.AgencyData(
        code="TN.H999", name="UBND huyện Thử", type="ubnd_huyen", valid_from=date(2000, 1, 1), parent=tn))
    services.agency_create(actor=None, data=services.AgencyData(
        code="TN.H999.A", name="UBND xã A", type="ubnd_xa", valid_from=date(2000, 1, 1), parent=district))
    before = Reorganisation.objects.count()
    with pytest.raises(ValidationFailed) as err:
        services.agency_reorganise(actor=people["admin"], kind="abolish", effective_date=date(2026, 1, 1),
                                   predecessors=[district])
    assert err.value.code == "has_live_children"
    district.refresh_from_db()
    assert district.valid_to is None and Reorganisation.objects.count() == before


def test_a_reorganisation_of_an_agency_that_already_ended_is_refused(registry, people):
    with pytest.raises(ValidationFailed) as err:
        services.agency_reorganise(actor=people["admin"], kind="rename", effective_date=date(2026, 1, 1),
                                   predecessors=[registry["stttt"]], successors=[registry["skhcn"]])
    assert err.value.code == "predecessor_not_current"


def test_update_keeps_aliases_and_search_in_step(registry, people):
    services.agency_update(actor=people["admin"], agency=registry["stp"], changes={"aliases": ["STP"]})
    agency = Agency.objects.get(code="TN.STP")
    assert [a.text for a in agency.aliases.all()] == ["STP"]
    assert "stp" in agency.search_text


def test_events_cannot_be_changed_or_deleted(registry):
    from cchc.common.models import AppendOnlyError

    event = Event.objects.first()
    event.reason = "sửa"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_bulk_create_validates_every_row_and_records_one_event(registry):
    rows = [services.AgencyData(code=f"TN.P{i}", name=f"Phòng {i}", type="khac", valid_from=date(2020, 1, 1),
                                parent=registry["snv"], aliases=(f"P{i}",)) for i in range(3)]
    made = services.agencies_bulk_create(actor=None, rows=rows)
    assert [a.aliases.get().text for a in made] == ["P0", "P1", "P2"]
    assert Event.objects.filter(verb="agency.bulk_create").count() == 1
    bad = [services.AgencyData(code="TN.BAD", name="Sai", type="khac", valid_from=date(2020, 1, 1),
                               valid_to=date(2019, 1, 1))]
    with pytest.raises(ValidationFailed):
        services.agencies_bulk_create(actor=None, rows=bad)
    assert not Agency.objects.filter(code="TN.BAD").exists()


def test_the_demo_loads_once(db):
    from cchc.org.registry_demo import load_registry_demo

    first = load_registry_demo()
    again = load_registry_demo()
    assert first["agencies"] > 400 and first["reorganisations"] > 100
    assert again == {"agencies": 0, "groups": 0, "reorganisations": 0}
    assert not Event.objects.filter(verb="group.update").exists()
