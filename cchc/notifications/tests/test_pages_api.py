"""My notifications: the page, marking read, the API — and nobody sees anyone else's."""

from __future__ import annotations

import pytest

from cchc.conftest import PASSWORD
from cchc.notifications.models import Notification
from cchc.notifications.services import notify


@pytest.fixture
def inbox(people):
    mine = [notify(recipient=people["officer_stp"], verb="test", text=f"Việc số {i}", link="/plans/")
            for i in range(3)]
    other = notify(recipient=people["officer_snv"], verb="test", text="Việc của Sở Nội vụ")
    return mine, other


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_page_lists_my_notifications_only(client, people, inbox):
    login(client, people["officer_stp"])
    page = client.get("/notifications/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Việc số 0" in html and "Việc số 2" in html and "Việc của Sở Nội vụ" not in html
    assert "3 chưa đọc" in html


def test_marking_read_one_and_all(client, people, inbox):
    mine, other = inbox
    login(client, people["officer_stp"])
    r = client.post(f"/notifications/{mine[0].pk}/read/", {"go": "1"})
    assert r.status_code == 302 and r["Location"] == "/plans/"
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    assert client.post("/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=people["officer_stp"], read_at__isnull=True).exists()
    assert client.get("/notifications/").status_code == 200


def test_the_page_needs_a_login(client):
    assert client.get("/notifications/").status_code == 302


def test_api_lists_and_marks_only_mine(client, people, inbox):
    mine, other = inbox
    login(client, people["officer_stp"])
    body = client.get("/api/v1/notifications?unread=true").json()
    assert body["total"] == 3 and body["unread"] == 3
    assert {n["text"] for n in body["items"]} == {"Việc số 0", "Việc số 1", "Việc số 2"}
    r = client.post(f"/api/v1/notifications/{mine[1].pk}/read")
    assert r.status_code == 200 and r.json()["read_at"]
    # Another person's notification cannot be seen or marked: 404, not 403.
    r = client.post(f"/api/v1/notifications/{other.pk}/read")
    assert r.status_code == 404 and r.json()["error"]["code"] == "notification_not_found"
    assert client.post("/api/v1/notifications/read-all").json() == {"updated": 2}


def test_api_needs_authentication(client):
    r = client.get("/api/v1/notifications")
    assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"


def test_every_status_code_is_declared():
    from cchc.api.main import api

    schema = api.get_openapi_schema()
    ops = {p: v for p, v in schema["paths"].items() if p.startswith("/api/v1/notifications")}
    assert len(ops) == 3
    for methods in ops.values():
        for op in methods.values():
            assert op["tags"] == ["thông báo"]
            assert {200, 400, 401, 403, 422} <= {int(c) for c in op["responses"]}
