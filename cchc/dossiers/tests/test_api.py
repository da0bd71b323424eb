"""The dossier API: intake, transitions, scoping by agency, the error shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cchc.accounts.services import token_create
from cchc.dossiers.models import Dossier, ProcessLogEntry


def bearer(user):
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def client():
    return Client()


def intake_body(cat, **over):
    body = {"procedure_code": cat.published.procedure.code, "case_code": "TH1", "applicant_name": "Trần Thị Bình",
            "applicant_id_number": "019301000456", "applicant_phone": "0987654321",
            "components": [{"component_id": c.pk, "originals": 1, "digitised": True} for c in cat.components[:2]]}
    body.update(over)
    return body


def post(client, url, body, auth):
    return client.post(url, body, content_type="application/json", **auth)


def test_intake_through_the_api(client, cat, staff):
    auth = bearer(staff["reception"])
    with CaptureQueriesContext(connection) as ctx:
        resp = post(client, "/api/v1/dossiers", intake_body(cat), auth)
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["state"] == "received" and body["national_status"] == 2 and body["dvcqg_status"] == "new"
    assert body["competent_agency"] == "TN.STP" and body["current_step"] == "TN"
    assert body["due_at"] == body["original_due_at"]
    print("queries per intake:", len(ctx.captured_queries))
    for q in ctx.captured_queries:
        print("  ", q["sql"][:150])


def test_full_life_through_the_api(client, cat, staff):
    code = post(client, "/api/v1/dossiers", intake_body(cat), bearer(staff["reception"])).json()["code"]
    steps = [
        ("reception", "transfer", {}), ("specialist", "forward", {}), ("head", "forward", {}),
        ("signer", "result", {"result_number": "12/QĐ", "electronic": True}),
        ("return", "return", {"method": "counter"}),
    ]
    for who, action, body in steps:
        resp = post(client, f"/api/v1/dossiers/{code}/{action}", body, bearer(staff[who]))
        assert resp.status_code == 200, (action, resp.content)
    assert resp.json()["state"] == "result_returned"
    log = client.get(f"/api/v1/dossiers/{code}/log", **bearer(staff["reception"])).json()
    assert [r["action"] for r in log] == ["receive", "transfer", "forward", "forward", "issue_result", "return_result"]


def test_cannot_see_another_agencys_dossier(client, received, staff):
    other = bearer(staff["other_specialist"])
    assert client.get(f"/api/v1/dossiers/{received.code}", **other).status_code == 404
    assert client.get(f"/api/v1/dossiers/{received.code}/log", **other).status_code == 404
    assert client.get("/api/v1/dossiers", **other).json()["count"] == 0
    resp = post(client, f"/api/v1/dossiers/{received.code}/transfer", {}, bearer(staff["other_reception"]))
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "dossier_not_found"
    # Both the receiving centre and the competent department see it.
    for who in ("reception", "specialist"):
        assert client.get(f"/api/v1/dossiers/{received.code}", **bearer(staff[who])).status_code == 200
    assert client.get("/api/v1/dossiers", **bearer(staff["specialist"])).json()["count"] == 1


def test_the_secretariat_sees_all(client, received, people):
    assert client.get(f"/api/v1/dossiers/{received.code}", **bearer(people["secretariat"])).status_code == 200


def test_anonymous_is_401(client, received):
    assert client.get("/api/v1/dossiers").status_code == 401


def test_detail_lists_allowed_actions(client, received, staff):
    actions = client.get(f"/api/v1/dossiers/{received.code}", **bearer(staff["reception"])).json()["actions"]
    assert {a["action"] for a in actions} == {"transfer", "withdraw"}
    actions = client.get(f"/api/v1/dossiers/{received.code}", **bearer(staff["specialist"])).json()["actions"]
    assert actions == []


def test_bad_input_gets_the_error_shape_and_writes_nothing(client, cat, staff):
    auth = bearer(staff["reception"])
    cases = [
        (intake_body(cat, procedure_code=cat.unpublished_code), 422, "procedure_not_published"),
        (intake_body(cat, components=[]), 422, "missing_components"),
        (intake_body(cat, received_at="2200-01-01T08:00:00+07:00"), 422, "date_out_of_range"),
        (intake_body(cat, received_at="1900-01-01T08:00:00+07:00"), 422, "date_out_of_range"),
        (intake_body(cat, procedure_code="9.999999"), 404, "procedure_not_found"),
        (intake_body(cat, unknown_field=1), 422, "validation_failed"),
    ]
    for body, status, code in cases:
        resp = post(client, "/api/v1/dossiers", body, auth)
        assert resp.status_code == status, (code, resp.content)
        assert resp.json()["error"]["code"] == code
    assert Dossier.objects.count() == 0 and ProcessLogEntry.objects.count() == 0
    resp = post(client, "/api/v1/dossiers", intake_body(cat), bearer(staff["officer_no_role"]))
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "role_required"


def test_an_illegal_transition_is_409(client, received, staff):
    resp = post(client, f"/api/v1/dossiers/{received.code}/result", {"result_number": "1"}, bearer(staff["signer"]))
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "illegal_transition"
    assert "Đã tiếp nhận" in resp.json()["error"]["message"]


def test_overdue_filter_and_scan(client, received, staff):
    from datetime import timedelta

    from django.utils import timezone

    from cchc.dossiers import selectors

    auth = bearer(staff["reception"])
    assert client.get("/api/v1/dossiers", {"overdue": "true"}, **auth).json()["count"] == 0
    later = timezone.now() + timedelta(days=60)
    assert list(selectors.dossiers_overdue(at=later)) == [received]
    assert client.get("/api/v1/dossiers", {"overdue": "false"}, **auth).json()["count"] == 1


def test_submission_then_acceptance_through_the_api(client, cat, staff):
    auth = bearer(staff["reception"])
    resp = post(client, "/api/v1/dossiers/submissions", intake_body(cat, channel="postal"), auth)
    assert resp.status_code == 201 and resp.json()["state"] == "submitted" and resp.json()["due_at"] is None
    code = resp.json()["code"]
    resp = post(client, f"/api/v1/dossiers/{code}/accept", {}, auth)
    assert resp.status_code == 200 and resp.json()["state"] == "received" and resp.json()["due_at"]


def test_the_intake_answer_is_what_the_schema_would_render(client, cat, staff):
    import json
    from datetime import datetime

    from ninja.responses import NinjaJSONEncoder

    from cchc.dossiers.api import DossierOut, _out

    resp = post(client, "/api/v1/dossiers", intake_body(cat), bearer(staff["reception"]))
    assert resp.status_code == 201 and resp["Content-Type"] == "application/json; charset=utf-8"
    dossier = Dossier.objects.get(code=resp.json()["code"])
    validated = json.loads(json.dumps(DossierOut.model_validate(_out(dossier)).model_dump(), cls=NinjaJSONEncoder))

    def instants(body: dict) -> dict:  # the same instant may be written in another offset
        return {k: datetime.fromisoformat(v) if k.endswith("_at") and v else v for k, v in body.items()}

    assert instants(resp.json()) == instants(validated)
    assert set(resp.json()) == set(DossierOut.model_fields)


@pytest.mark.parametrize("value", [
    datetime(2026, 2, 13, 10, 0, tzinfo=UTC), datetime(2026, 2, 13, 10, 0, 0, 123456, tzinfo=UTC),
    datetime(2026, 2, 13, 17, 0, tzinfo=timezone(timedelta(hours=7))),
    datetime(2026, 2, 13, 17, 0, 0, 5, tzinfo=timezone(timedelta(hours=7))),
])
def test_answers_write_instants_as_ninjas_encoder_does(value):
    import json

    from ninja.responses import NinjaJSONEncoder

    from cchc.dossiers.api import _iso

    assert _iso(value) == json.loads(json.dumps(value, cls=NinjaJSONEncoder))
