"""The dossier register (XLSX) and the log of who viewed a citizen's personal data."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from cchc.dossiers import services
from cchc.dossiers.testing import intake_data
from cchc.queues import register
from cchc.queues.models import PersonalDataView
from cchc.workdays import TZ

pytestmark = pytest.mark.django_db


def _rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


def test_the_register_lists_the_period_in_order_of_receipt_with_totals(client, cat, staff, registry, tmp_path):
    first = services.dossier_receive(actor=staff["reception"], data=intake_data(cat, applicant_name="Trần Thị Một"))
    second = services.dossier_receive(actor=staff["reception"], data=intake_data(cat, applicant_name="Lê Văn Hai"))
    services.dossier_transfer(actor=staff["reception"], dossier=second)
    today = timezone.now().astimezone(TZ).date()
    client.force_login(staff["reception"])
    response = client.get(f"/queues/register.xlsx?from={today - timedelta(days=1)}&to={today}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _rows(b"".join(response.streaming_content))
    assert rows[1][0] == "SỔ THEO DÕI HỒ SƠ"
    assert rows[3][:3] == ("STT", "Mã hồ sơ", "Tên thủ tục hành chính")
    data = [r for r in rows[4:] if r and isinstance(r[0], int)]
    assert [(r[0], r[1], r[4]) for r in data] == [(1, first.code, "Trần Thị Một"), (2, second.code, "Lê Văn Hai")]
    assert data[0][6] == "Sở Tư pháp" and data[0][7] is not None and data[0][9] is None  # not transferred yet
    assert data[1][9] is not None  # the transfer date comes from the process log
    totals = {r[1]: r[2] for r in rows if len(r) > 2 and r[1] and isinstance(r[2], int)}
    assert totals["Tổng số hồ sơ"] == 2 and totals["Đang giải quyết"] == 2 and totals["Đã trả kết quả"] == 0
    # Sở Tư pháp (competent) has them in its register too; Sở Nội vụ has none.
    assert register.write_register(registry["stp"], today, today, tmp_path / "stp.xlsx").dossiers == 2
    assert register.write_register(registry["snv"], today, today, tmp_path / "snv.xlsx").dossiers == 0


def test_the_register_command_writes_the_file(cat, staff, tmp_path):
    services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    today = timezone.now().astimezone(TZ).date()
    out = tmp_path / "so.xlsx"
    call_command("dossier_register", agency="TN.TTPVHCC", start=today, end=today, out=str(out))
    data = [r for r in _rows(out.read_bytes())[4:] if r and isinstance(r[0], int)]
    assert len(data) == 1


def test_the_register_refuses_a_reversed_period(client, staff):
    client.force_login(staff["reception"])
    assert client.get("/queues/register.xlsx?from=2026-05-01&to=2026-04-01").status_code == 400


def test_opening_a_dossier_page_logs_who_saw_the_personal_data(client, cat, staff):
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    client.force_login(staff["specialist"])
    assert client.get(f"/dossiers/{d.code}/").status_code == 200
    view = PersonalDataView.objects.get()
    assert (view.user_id, view.agency_id, view.dossier_id, view.dossier_code, view.context) == (
        staff["specialist"].pk, staff["specialist"].agency_id, d.pk, d.code, "dossier_detail")
    assert "applicant_phone" in view.fields and view.ip == "127.0.0.1"


def test_a_refused_dossier_page_logs_nothing(client, cat, staff):
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    client.force_login(staff["other_specialist"])
    assert client.get(f"/dossiers/{d.code}/").status_code == 404
    assert not PersonalDataView.objects.exists()


def test_a_counter_search_logs_one_view_per_dossier_shown(client, cat, staff):
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat, applicant_phone="0977000111"))
    client.force_login(staff["reception"])
    response = client.get("/queues/counter/?q=0977000111")
    assert d.code in response.content.decode()
    assert list(PersonalDataView.objects.values_list("dossier_code", "context")) == [(d.code, "counter_search")]


def test_the_leader_sees_the_views_of_their_staff_only(client, cat, staff):
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    for who in ("specialist", "reception"):
        client.force_login(staff[who])
        client.get(f"/dossiers/{d.code}/")
    client.force_login(staff["leader"])  # Sở Tư pháp: the specialist's view, not the centre's clerk's
    page = client.get("/queues/views/").content.decode()
    assert page.count('data-testid="view-row"') == 1 and staff["specialist"].username in page
    assert client.get(f"/queues/views/?code={d.code}&user=nobody").content.decode().count('data-testid="view-row"') == 0
    client.force_login(staff["specialist"])
    assert client.get("/queues/views/").status_code == 403


def test_the_view_log_cannot_be_edited_or_deleted(cat, staff):
    from cchc.common.models import AppendOnlyError
    from cchc.queues.services import personal_data_view_record

    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    view = personal_data_view_record(actor=staff["reception"], dossier=d, context="test")
    with pytest.raises(AppendOnlyError):
        view.save()
    with pytest.raises(AppendOnlyError):
        view.delete()


@pytest.mark.sqlite_only
def test_the_register_reads_each_agency_index_by_state_and_period(cat):
    from django.db import connection

    today = timezone.now().astimezone(TZ).date()
    qs = register.register_queryset(cat.centre, today - timedelta(days=30), today)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cur.fetchall())
    # Both halves of the OR use an (agency, state, received_at) index down to its last column: no
    # scan of every dossier the agency ever had.
    assert "dossier_recv_state (receiving_agency_id=? AND state=? AND received_at>? AND received_at<?)" in plan, plan
    assert "dossier_comp_state (competent_agency_id=? AND state=? AND received_at>? AND received_at<?)" in plan, plan
