"""Events and the audit trail: services append events; auditlog records admin edits only."""

from auditlog.models import LogEntry
from django.test import Client

from cchc.accounts.services import token_create
from cchc.org.models import Agency


def test_an_api_write_records_an_event_but_no_auditlog_entry(people):
    _, raw = token_create(actor=people["secretariat"], name="t")
    before = LogEntry.objects.count()
    resp = Client().post("/api/v1/agencies", {"code": "TN.SYT", "name": "Sở Y tế", "type": "so",
                                              "valid_from": "2000-01-01"},
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert resp.status_code == 201
    assert LogEntry.objects.count() == before


def test_an_admin_edit_is_audited_with_its_actor(people):
    admin = people["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    agency = Agency.objects.get(code="TN.STP")
    page = client.get(f"/admin/org/agency/{agency.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"short_name": "STP", "parent": agency.parent_id, "valid_from": "2000-01-01", "valid_to": "",
                 "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"})
    resp = client.post(f"/admin/org/agency/{agency.pk}/change/", data)
    assert resp.status_code == 302, resp.content[:2000]
    entry = LogEntry.objects.get_for_object(agency).latest("timestamp")
    assert entry.actor_id == admin.pk and "short_name" in entry.changes_dict
