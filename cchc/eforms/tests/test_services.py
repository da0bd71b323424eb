"""Drafts, uploads and submission through the dossier intake services."""

import hashlib

import pytest
from django.core.files.storage import default_storage

from cchc.common.errors import Conflict, NotFound, PermissionDenied, TooLarge, ValidationFailed
from cchc.common.models import Event
from cchc.dossiers.models import Dossier
from cchc.dossiers.testing import intake_data
from cchc.eforms import selectors, services
from cchc.eforms.models import ComponentFile, EformDraft
from cchc.eforms.tests.conftest import PDF, PNG


@pytest.fixture
def draft(cat, staff, filled):
    return services.draft_create(actor=staff["reception"], procedure_code=cat.published.procedure.code,
                                 case_code="TH1", data=filled)


def upload_required(draft, actor, cat):
    for comp in cat.components[:2]:
        services.file_add(actor=actor, draft=draft, component_id=comp.pk, name=f"tp{comp.order}.pdf", data=PDF)


def test_an_upload_is_stored_with_its_sniffed_type_size_and_sha256(draft, staff, cat):
    f = services.file_add(actor=staff["reception"], draft=draft, component_id=cat.components[0].pk,
                          name="C:\\scan\\to-khai.pdf", data=PDF)
    f.refresh_from_db()
    assert (f.original_name, f.kind, f.content_type, f.size) == ("to-khai.pdf", "pdf", "application/pdf", len(PDF))
    assert f.sha256 == hashlib.sha256(PDF).hexdigest()
    assert default_storage.exists(f.file.name) and f.file.name.startswith("eforms/")
    with f.file.open("rb") as fh:
        assert fh.read() == PDF
    assert f.uploaded_by == staff["reception"]


def test_a_pdf_that_is_really_a_png_is_refused_and_nothing_is_stored(draft, staff, cat):
    with pytest.raises(ValidationFailed) as exc:
        services.file_add(actor=staff["reception"], draft=draft, component_id=cat.components[0].pk,
                          name="to-khai.pdf", data=PNG)
    assert exc.value.code == "file_type_mismatch"
    assert "không khớp với phần mở rộng" in exc.value.message
    assert not ComponentFile.objects.exists()


def test_an_oversized_file_is_refused(draft, staff, cat, settings):
    settings.CCHC_EFORM_MAX_BYTES = 1000
    with pytest.raises(TooLarge) as exc:
        services.file_add(actor=staff["reception"], draft=draft, component_id=cat.components[0].pk,
                          name="to-khai.pdf", data=PDF + b"\0" * 1000)
    assert exc.value.status == 413 and "vượt giới hạn" in exc.value.message
    assert not ComponentFile.objects.exists()


def test_a_file_for_a_component_of_another_case_is_refused(draft, staff, cat):
    with pytest.raises(ValidationFailed) as exc:
        services.file_add(actor=staff["reception"], draft=draft, component_id=999999, name="a.pdf", data=PDF)
    assert exc.value.code == "unknown_component"


def test_leaving_the_fields_step_requires_every_required_field(draft, staff):
    with pytest.raises(ValidationFailed) as exc:
        services.draft_save(actor=staff["reception"], draft=draft, data={"muc_dich": ""}, strict=True)
    assert exc.value.code == "eform_invalid" and "muc_dich" in exc.value.details["fields"]
    draft.refresh_from_db()
    assert draft.data["muc_dich"] == "Xin việc"  # nothing changed


def test_a_draft_belongs_to_its_owner_only(draft, staff):
    with pytest.raises(NotFound):
        selectors.draft_get(user=staff["reception2"], draft_id=draft.pk)
    with pytest.raises(PermissionDenied):
        services.draft_save(actor=staff["reception2"], draft=draft, data={"applicant_name": "X"})


def test_assisted_submission_creates_a_received_dossier_with_channel_and_components(draft, staff, cat):
    upload_required(draft, staff["reception"], cat)
    dossier = services.draft_submit(actor=staff["reception"], draft=draft, channel="kiosk", receive_now=True)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == "received" and dossier.code and dossier.due_at is not None
    assert dossier.channel == "kiosk"
    assert dossier.applicant_name == "Trần Thị Bình" and dossier.applicant_id_number == "019301000456"
    assert dossier.created_by == staff["reception"]  # the clerk is the acting user
    assert [c["component"] for c in dossier.components] == [c.pk for c in cat.components[:2]]
    assert all(c["digitised"] for c in dossier.components) and dossier.has_digitised_components
    assert ComponentFile.objects.filter(dossier=dossier).count() == 2
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.dossier == dossier
    event = Event.objects.get(verb="eforms.submit")
    assert event.data["assisted"] is True and event.data["fields"]["ngay_sinh"] == "1990-03-12"
    with pytest.raises(Conflict):
        services.draft_submit(actor=staff["reception"], draft=draft)


def test_a_kiosk_submission_not_received_at_once_waits_for_acceptance(draft, staff, cat):
    upload_required(draft, staff["reception"], cat)
    dossier = services.draft_submit(actor=staff["reception"], draft=draft, channel="kiosk", receive_now=False)
    assert (dossier.state, dossier.channel, dossier.due_at) == ("submitted", "kiosk", None)


def test_a_counter_submission_with_paper_originals_is_received(draft, staff, cat):
    services.draft_save(actor=staff["reception"], draft=draft, data={}, paper=[c.pk for c in cat.components[:2]])
    dossier = services.draft_submit(actor=staff["reception"], draft=draft, channel="counter", receive_now=False)
    assert (dossier.state, dossier.channel) == ("received", "counter")
    assert dossier.components[0]["originals"] == 1 and not dossier.has_digitised_components


def test_submission_without_the_required_components_creates_nothing(draft, staff, cat):
    services.file_add(actor=staff["reception"], draft=draft, component_id=cat.components[0].pk, name="a.pdf", data=PDF)
    with pytest.raises(ValidationFailed) as exc:
        services.draft_submit(actor=staff["reception"], draft=draft)
    assert exc.value.code == "missing_components" and exc.value.details["missing"] == [cat.components[1].name]
    assert not Dossier.objects.exists()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_unpublished_procedure_is_refused_and_nothing_is_created(cat, staff, draft):
    with pytest.raises(ValidationFailed) as exc:
        services.draft_create(actor=staff["reception"], procedure_code=cat.unpublished_code)
    assert exc.value.code == "procedure_not_published" and "chưa được công bố" in exc.value.message
    assert EformDraft.objects.count() == 1
    # A procedure withdrawn after the draft was started: the submission refuses and creates nothing.
    upload_required(draft, staff["reception"], cat)
    cat.published.status = "draft"
    cat.published.save(update_fields=["status"])
    with pytest.raises(ValidationFailed) as exc:
        services.draft_submit(actor=staff["reception"], draft=draft)
    assert exc.value.code == "procedure_not_published"
    assert not Dossier.objects.exists()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_citizen_self_service_is_refused_by_default(cat, citizen):
    with pytest.raises(PermissionDenied) as exc:
        services.draft_create(actor=citizen, procedure_code=cat.published.procedure.code)
    assert exc.value.code == "citizen_submission_closed" and "dichvucong.gov.vn" in exc.value.message
    assert not EformDraft.objects.exists()


def test_citizen_self_service_is_allowed_with_the_setting(cat, citizen, filled, settings):
    settings.CCHC_EFORM_CITIZEN_SUBMISSION = True
    draft = services.draft_create(actor=citizen, procedure_code=cat.published.procedure.code, data=filled)
    assert draft.mode == "citizen"
    for comp in cat.components[:2]:
        services.file_add(actor=citizen, draft=draft, component_id=comp.pk, name="a.pdf", data=PDF)
    dossier = services.draft_submit(actor=citizen, draft=draft)
    assert (dossier.state, dossier.channel, dossier.owner_id) == ("submitted", "online_portal", citizen.pk)
    assert dossier.receiving_agency == cat.centre


def test_staff_without_the_reception_role_may_not_use_the_eform(cat, staff):
    with pytest.raises(PermissionDenied) as exc:
        services.draft_create(actor=staff["specialist"], procedure_code=cat.published.procedure.code)
    assert exc.value.code == "role_required"


def test_a_scanned_component_sets_the_dossiers_digitised_flag(cat, staff):
    from cchc.dossiers.services import dossier_receive

    data = intake_data(cat)
    for c in data.components:
        c.digitised = False
    dossier = dossier_receive(actor=staff["reception"], data=data)
    assert not dossier.has_digitised_components
    row = services.dossier_attach_scan(actor=staff["reception"], dossier=dossier, component_id=cat.components[1].pk,
                                       name="cccd.pdf", data=PDF)
    dossier.refresh_from_db()
    assert row.scanned and row.dossier == dossier and row.sha256 == hashlib.sha256(PDF).hexdigest()
    assert dossier.has_digitised_components
    assert [c["digitised"] for c in dossier.components] == [False, True]
    assert Event.objects.filter(verb="eforms.scan_attach", subject_id=dossier.code).exists()
    with pytest.raises(NotFound):
        services.dossier_attach_scan(actor=staff["other_reception"], dossier=dossier,
                                     component_id=cat.components[1].pk, name="cccd.pdf", data=PDF)
    with pytest.raises(PermissionDenied):
        services.dossier_attach_scan(actor=staff["specialist"], dossier=dossier,
                                     component_id=cat.components[1].pk, name="cccd.pdf", data=PDF)


def test_a_failed_upload_leaves_no_bytes_behind(draft, staff, cat, monkeypatch, settings, tmp_path):
    def boom(**kwargs):
        raise RuntimeError("event log down")

    monkeypatch.setattr(services, "record_event", boom)
    with pytest.raises(RuntimeError):
        services.file_add(actor=staff["reception"], draft=draft, component_id=cat.components[0].pk, name="a.pdf",
                          data=PDF)
    assert not ComponentFile.objects.exists()
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert stored == []


def test_the_openapi_schema_declares_the_eform_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/eforms/drafts", "/api/v1/eforms/drafts/{draft_id}", "/api/v1/eforms/drafts/{draft_id}/files",
            "/api/v1/eforms/drafts/{draft_id}/submit", "/api/v1/eforms/{procedure_code}"} <= set(paths)
    upload = paths["/api/v1/eforms/drafts/{draft_id}/files"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"] and "413" in upload["responses"]
