"""Catalogue services: drafts, updates, publish/repeal, the version in force, permissions, search."""

from datetime import timedelta

import pytest

from cchc.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.procedures import selectors, services
from cchc.procedures.content import content_hash, normalise
from cchc.procedures.models import Procedure, ProcedureVersion

from .conftest import make_content


@pytest.fixture
def draft(registry, manager):
    return services.procedure_create(actor=manager, code="2.000488", content=make_content())


def test_a_manager_creates_a_procedure_as_a_first_draft_with_an_event(draft):
    assert (draft.number, draft.status) == (1, "draft")
    assert draft.cases.get().components.count() == 1 and draft.has_fees
    assert list(draft.competent_agencies.values_list("code", flat=True)) == ["TN.STP"]
    assert Event.objects.filter(verb="procedure.create", subject_id="2.000488").count() == 1


def test_an_agency_officer_cannot_write_the_catalogue(registry, officer):
    with pytest.raises(PermissionDenied) as exc:
        services.procedure_create(actor=officer, code="2.000488", content=make_content())
    assert exc.value.code == "catalogue_forbidden" and not Procedure.objects.exists()


@pytest.mark.parametrize("limit, unit, code", [
    (-1, "working_days", "invalid_time_limit"),
    (0, "working_days", "invalid_time_limit"),
    (0, "working_hours", "invalid_time_limit"),
    (0, "calendar_days", "invalid_time_limit"),
    (1.5, "calendar_days", "invalid_time_limit"),
    (0.001, "working_days", "invalid_time_limit"),
    (5, "fortnights", "invalid_time_unit"),
])
def test_bad_time_limits_are_refused_with_a_code_and_nothing_is_written(registry, manager, limit, unit, code):
    with pytest.raises(ValidationFailed) as exc:
        services.procedure_create(actor=manager, code="2.000488",
                                  content=make_content(case={"time_limit": limit, "time_unit": unit}))
    assert exc.value.code == code and exc.value.message
    assert not Procedure.objects.exists()


def test_a_negative_limit_says_so_in_vietnamese(registry, manager):
    with pytest.raises(ValidationFailed) as exc:
        services.procedure_create(actor=manager, code="X.1", content=make_content(case={"time_limit": -3}))
    assert "không được âm" in exc.value.message


def test_zero_is_the_normal_limit_of_a_same_day_case(registry, manager):
    v = services.procedure_create(actor=manager, code="2.000908", content=make_content(
        case={"time_limit": 0, "time_unit": "same_day", "same_day_cutoff": "15:00"}))
    case = v.cases.get()
    assert case.time_limit == 0 and case.same_day_cutoff.hour == 15


def test_an_unknown_or_vanished_agency_is_refused(registry, manager):
    with pytest.raises(ValidationFailed) as exc:
        services.procedure_create(actor=manager, code="X.1", content=make_content(competent_agencies=["TN.STTTT"]))
    assert exc.value.code == "unknown_agency"  # Sở TT&TT ended on 28/02/2025


def test_a_duplicate_code_is_a_conflict(draft, manager):
    with pytest.raises(Conflict):
        services.procedure_create(actor=manager, code="2.000488", content=make_content())


def test_the_stored_content_reads_back_to_the_same_hash(draft):
    content = selectors.version_content(draft)
    assert content_hash(normalise(content)) == draft.content_hash


def test_updating_a_draft_changes_only_the_sent_fields(draft, manager):
    v = services.version_update(actor=manager, version=draft, changes={"keywords": "lý lịch"})
    assert v.keywords == "lý lịch" and v.name == "Cấp Phiếu lý lịch tư pháp"
    assert Event.objects.filter(verb="procedure.update").get().data["changed"] == ["keywords"]


def test_an_unchanged_update_records_nothing(draft, manager):
    services.version_update(actor=manager, version=draft, changes={"name": draft.name})
    assert not Event.objects.filter(verb="procedure.update").exists()


def test_publishing_puts_the_draft_in_force(draft, manager):
    v = services.version_publish(actor=manager, version=draft)
    assert v.status == "published" and v.published_at is not None
    assert selectors.version_in_force("2.000488").pk == v.pk
    assert selectors.case_get(version=v, code="TH1").time_limit == 5


def test_a_published_version_cannot_be_updated(draft, manager):
    services.version_publish(actor=manager, version=draft)
    with pytest.raises(Conflict) as exc:
        services.version_update(actor=manager, version=draft, changes={"keywords": "x"})
    assert exc.value.code == "version_not_draft"


def test_a_new_version_replaces_the_old_at_the_same_instant_and_the_old_stays_findable(draft, manager):
    v1 = services.version_publish(actor=manager, version=draft)
    v2 = services.version_create_draft(actor=manager, procedure=v1.procedure)
    services.version_update(actor=manager, version=v2, changes={"cases": [
        {**make_content()["cases"][0], "time_limit": 3}]})
    v2 = services.version_publish(actor=manager, version=v2)
    v1.refresh_from_db()
    assert (v1.status, v1.repealed_at) == ("repealed", v2.published_at)
    # A dossier received between the two publications keeps v1.
    assert selectors.version_in_force("2.000488", at=v2.published_at - timedelta(microseconds=1)).number == 1
    assert selectors.version_in_force("2.000488").number == 2
    assert selectors.case_get(version=selectors.version_in_force("2.000488"), code="TH1").time_limit == 3


def test_before_publication_nothing_is_in_force(draft):
    with pytest.raises(NotFound) as exc:
        selectors.version_in_force("2.000488")
    assert exc.value.code == "procedure_not_in_force"
    with pytest.raises(NotFound):
        selectors.version_in_force("9.999999")


def test_an_unknown_case_is_not_found(draft):
    with pytest.raises(NotFound) as exc:
        selectors.case_get(version=draft, code="TH9")
    assert exc.value.code == "case_not_found"


def test_repealing_takes_the_procedure_out_of_force_and_needs_a_reason(draft, manager):
    v = services.version_publish(actor=manager, version=draft)
    with pytest.raises(ValidationFailed):
        services.version_repeal(actor=manager, version=v, reason=" ")
    repealed = services.version_repeal(actor=manager, version=v, reason="QĐ 99/QĐ-UBND bãi bỏ")
    with pytest.raises(NotFound):
        selectors.version_in_force("2.000488")
    just_before = repealed.repealed_at - timedelta(microseconds=1)
    assert selectors.version_in_force("2.000488", at=just_before).number == 1
    assert Event.objects.get(verb="procedure.repeal").reason == "QĐ 99/QĐ-UBND bãi bỏ"


def test_only_one_draft_is_open_at_a_time(draft, manager):
    with pytest.raises(Conflict) as exc:
        services.version_create_draft(actor=manager, procedure=draft.procedure)
    assert exc.value.code == "draft_exists"


def test_a_version_cannot_be_published_without_cases_or_competent_agency(registry, manager):
    v = services.procedure_create(actor=manager, code="X.1", content=make_content(cases=[]))
    with pytest.raises(ValidationFailed) as exc:
        services.version_publish(actor=manager, version=v)
    assert exc.value.code == "no_cases"
    v2 = services.procedure_create(actor=manager, code="X.2", content=make_content(competent_agencies=[]))
    with pytest.raises(ValidationFailed) as exc:
        services.version_publish(actor=manager, version=v2)
    assert exc.value.code == "no_competent_agency"


def test_publishing_twice_is_a_conflict(draft, manager):
    services.version_publish(actor=manager, version=draft)
    with pytest.raises(Conflict):
        services.version_publish(actor=manager, version=draft)
    assert ProcedureVersion.objects.filter(status="published").count() == 1


def test_search_ignores_accents_and_case(registry, manager):
    services.procedure_create(actor=manager, code="1.009975", content=make_content(
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", sector="Hoạt động xây dựng"))
    services.procedure_create(actor=manager, code="2.000488", content=make_content())
    found = selectors.catalogue_list(q="cap giay phep xay dung")
    assert [v.procedure.code for v in found] == ["1.009975"]
    assert [v.procedure.code for v in selectors.catalogue_list(q="CẤP GIẤY PHÉP")] == ["1.009975"]
    assert [v.procedure.code for v in selectors.catalogue_list(q="2.000488")] == ["2.000488"]
    assert [v.procedure.code for v in selectors.catalogue_list(q="hoat dong xay")] == ["1.009975"]


def test_the_list_shows_one_row_per_procedure_by_status(draft, manager):
    v1 = services.version_publish(actor=manager, version=draft)
    services.version_create_draft(actor=manager, procedure=v1.procedure)
    assert [(v.number, v.status) for v in selectors.catalogue_list()] == [(1, "published")]
    assert [(v.number, v.status) for v in selectors.catalogue_list(status="draft")] == [(2, "draft")]
    assert [v.number for v in selectors.catalogue_list(public=True)] == [1]
    assert selectors.catalogue_list(level="xa").count() == 0 and selectors.catalogue_list(level="tinh").count() == 1


def test_a_new_draft_copies_cases_components_fees_and_steps(draft, manager):
    from cchc.procedures.process import StepSpec

    services.process_save(actor=manager, case=draft.cases.get(), steps=[
        StepSpec("TN", "Tiếp nhận", "reception_officer", 4, place="one_stop", successors=("TD",)),
        StepSpec("TD", "Thẩm định", "specialist", 2, "working_days")])
    v1 = services.version_publish(actor=manager, version=draft)
    v2 = services.version_create_draft(actor=manager, procedure=v1.procedure)
    case = v2.cases.get()
    assert v2.based_on_id == v1.pk and v2.content_hash == v1.content_hash
    assert [s.code for s in case.steps.all()] == ["TN", "TD"] and case.steps.first().successors == ["TD"]
    assert case.components.count() == 1 and case.fees.count() == 1
    assert case.pk != v1.cases.get().pk


def test_a_published_row_without_a_date_counts_as_in_force(draft):
    # Bulk-inserted (synthetic) catalogue rows may carry no publication instant.
    ProcedureVersion.objects.filter(pk=draft.pk).update(status="published", published_at=None)
    assert selectors.version_in_force("2.000488").pk == draft.pk
