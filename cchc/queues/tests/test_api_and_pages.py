"""The API equivalents and the pages: scoped, declared, refused to the wrong people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cchc.accounts.services import token_create
from cchc.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=user, name='test')[1]}"}


def test_the_api_queue_gives_the_working_time_left(client, at_specialist, staff):
    (d,) = at_specialist(1)
    Dossier.objects.filter(pk=d.pk).update(due_at=timezone.now() - timedelta(days=3))
    body = client.get("/api/v1/queues/mine?window=overdue", **_bearer(staff["specialist"])).json()
    assert body["count"] == 1 and body["agency"] == "TN.STP"
    item = body["items"][0]
    assert item["code"] == d.code and item["step_code"] == "TD"
    assert item["due"]["status"] == "qua_han" and item["due"]["text"].startswith("quá ")
    assert client.get("/api/v1/queues/mine", **_bearer(staff["other_specialist"])).json()["count"] == 0


def test_the_api_refuses_bad_filters_and_strangers(client, staff):
    assert client.get("/api/v1/queues/mine?window=someday", **_bearer(staff["specialist"])).status_code == 422
    assert client.get("/api/v1/queues/mine").status_code == 401
    response = client.get("/api/v1/queues/late", **_bearer(staff["specialist"]))
    assert response.status_code == 403 and response.json()["error"]["code"] == "leader_required"


def test_the_api_counter_and_late_list(client, at_specialist, staff):
    (d,) = at_specialist(1)
    Dossier.objects.filter(pk=d.pk).update(due_at=timezone.now() - timedelta(hours=1))
    counter = client.get(f"/api/v1/queues/counter?q={d.code}", **_bearer(staff["reception"])).json()
    assert counter["agency"] == "TN.TTPVHCC" and counter["today_count"] == 1
    assert counter["found"][0]["applicant_id_number"] == "019201000123"
    late = client.get("/api/v1/queues/late", **_bearer(staff["leader"])).json()
    assert late["late"] == 1 and late["items"][0]["code"] == d.code
    assert late["by_role"] == [{"key": "specialist", "late": 1, "at_risk": 0}]


def test_the_api_bulk_action_reports_per_dossier(client, at_specialist, staff):
    ok, = at_specialist(1)
    body = client.post("/api/v1/queues/bulk", {"action": "forward", "codes": [ok.code, "X-1"]},
                       content_type="application/json", **_bearer(staff["specialist"])).json()
    assert (body["succeeded"], body["failed"]) == (1, 1)
    assert [o["ok"] for o in body["outcomes"]] == [True, False]


def test_the_schemas_are_declared(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/queues/mine", "/api/v1/queues/counter", "/api/v1/queues/late"):
        assert "200" in paths[path]["get"]["responses"] and "403" in paths[path]["get"]["responses"]


def test_the_pages_render_for_their_people_and_refuse_others(client, at_specialist, staff, cat):
    at_specialist(2)
    client.force_login(staff["specialist"])
    page = client.get("/queues/mine/").content.decode()
    assert page.count('data-testid="queue-row"') == 2 and "còn " in page
    assert client.get("/queues/counter/").status_code == 403
    assert client.get("/queues/late/").status_code == 403
    client.force_login(staff["reception"])
    counter = client.get("/queues/counter/").content.decode()
    assert "/eforms/assisted/" in counter and "/dossiers/new/" in counter
    client.force_login(staff["leader"])
    assert client.get("/queues/late/").status_code == 200


def test_the_bulk_page_shows_successes_and_failures(client, at_specialist, staff):
    ok, = at_specialist(1)
    client.force_login(staff["specialist"])
    page = client.post("/queues/bulk/", {"action": "forward", "codes": [ok.code, "X-1"], "next": "/queues/mine/"})
    html = page.content.decode()
    assert page.status_code == 200 and html.count('data-testid="bulk-row"') == 2
    assert 'data-testid="bulk-ok">1<' in html and 'data-testid="bulk-failed">1<' in html
