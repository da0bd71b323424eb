"""Saving a case's process: checked whole, versioned like the catalogue."""

from decimal import Decimal

import pytest

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.procedures import services
from cchc.procedures.models import ProcessStep
from cchc.procedures.process import StepSpec

from .conftest import make_content

STEPS = [
    StepSpec("TN", "Tiếp nhận hồ sơ", "reception_officer", Decimal(4), place="one_stop"),
    StepSpec("TD", "Thẩm định", "specialist", Decimal(3), "working_days"),
    StepSpec("KY", "Ký duyệt", "signer", Decimal("0.5"), "working_days"),
    StepSpec("TKQ", "Trả kết quả", "return_officer", Decimal(2), place="one_stop"),
]


@pytest.fixture
def draft(registry, manager):
    return services.procedure_create(actor=manager, code="2.000488", content=make_content())


def test_a_process_within_the_limit_is_saved_in_order(draft, manager):
    case = services.process_save(actor=manager, case=draft.cases.get(), steps=STEPS, reason="Quy trình mẫu")
    assert [(s.order, s.code, s.allotted_unit) for s in case.steps.all()] == [
        (1, "TN", "working_hours"), (2, "TD", "working_days"), (3, "KY", "working_days"), (4, "TKQ", "working_hours")]
    assert Event.objects.get(verb="procedure.process").data["total_hours"] == "32.25"


def test_allotments_over_the_limit_are_refused_and_nothing_is_saved(draft, manager):
    too_long = [*STEPS[:1], StepSpec("TD", "Thẩm định", "specialist", Decimal(5), "working_days")]
    with pytest.raises(ValidationFailed) as exc:
        services.process_save(actor=manager, case=draft.cases.get(), steps=too_long)
    assert exc.value.code == "process_over_limit" and "vượt thời hạn" in exc.value.message
    assert not ProcessStep.objects.exists()


def test_successors_must_be_existing_step_codes(draft, manager):
    steps = [StepSpec("TN", "Tiếp nhận", "reception_officer", Decimal(1), successors=("XX",))]
    with pytest.raises(ValidationFailed) as exc:
        services.process_save(actor=manager, case=draft.cases.get(), steps=steps)
    assert exc.value.code == "successor_unknown"
    assert exc.value.details[0]["step"] == "TN"


def test_an_inter_agency_step_names_an_existing_agency(draft, manager, registry):
    steps = [StepSpec("PH", "Lấy ý kiến", "specialist", Decimal(2), place="coordinator", agency="TN.BQLKCN")]
    case = services.process_save(actor=manager, case=draft.cases.get(), steps=steps)
    assert case.steps.get().agency == registry["bql"]
    with pytest.raises(ValidationFailed):
        services.process_save(actor=manager, case=draft.cases.get(), steps=[
            StepSpec("PH", "Lấy ý kiến", "specialist", Decimal(2), agency="NOPE")])


def test_editing_a_published_process_opens_a_new_draft_and_leaves_the_published_one(draft, manager):
    services.process_save(actor=manager, case=draft.cases.get(), steps=STEPS)
    v1 = services.version_publish(actor=manager, version=draft)
    case = services.process_save(actor=manager, case=v1.cases.get(), steps=STEPS[:2])
    assert case.version.number == 2 and case.version.status == "draft" and case.version.based_on_id == v1.pk
    assert [s.code for s in case.steps.all()] == ["TN", "TD"]
    assert [s.code for s in v1.cases.get().steps.all()] == ["TN", "TD", "KY", "TKQ"]
    # A second edit of the published version while the draft is open is refused; the draft is where edits go.
    with pytest.raises(Conflict):
        services.process_save(actor=manager, case=v1.cases.get(), steps=STEPS[:1])


def test_a_refused_edit_of_a_published_version_opens_no_draft(draft, manager):
    v1 = services.version_publish(actor=manager, version=draft)
    with pytest.raises(ValidationFailed):
        services.process_save(actor=manager, case=v1.cases.get(), steps=[
            StepSpec("A", "Quá dài", "specialist", Decimal(9), "working_days")])
    assert v1.procedure.versions.count() == 1


def test_an_officer_cannot_edit_a_process(draft, officer):
    with pytest.raises(PermissionDenied):
        services.process_save(actor=officer, case=draft.cases.get(), steps=STEPS)


def test_a_process_over_the_limit_blocks_publication(draft, manager):
    services.process_save(actor=manager, case=draft.cases.get(), steps=STEPS)
    services.version_update(actor=manager, version=draft, changes={"cases": [
        {**make_content()["cases"][0], "time_limit": 2}]})  # the limit shrank under the process
    with pytest.raises(ValidationFailed) as exc:
        services.version_publish(actor=manager, version=draft)
    assert exc.value.code == "process_over_limit"
