"""Dashboards per plan, content area and agency (charts with an accessible table behind each), who
sees which, quarterly publication by the secretariat only, and the public page of published figures."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.common.errors import Conflict, PermissionDenied
from cchc.plans.models import Area
from cchc.reports.models import PublishedSnapshot
from cchc.reports.services import progress_publish


def accessible(html: str) -> None:
    """Every chart canvas has an aria-label, and every table a caption."""
    canvases = re.findall(r"<canvas[^>]*>", html)
    assert canvases and all('aria-label="' in c and 'role="img"' in c for c in canvases)
    assert html.count("<table") == html.count("<caption>") > 0
    for chart_id in re.findall(r'data-chart="([^"]+)"', html):
        assert f'id="{chart_id}" type="application/json"' in html


def test_the_plan_dashboard_for_the_secretariat(tracked, people, login):
    client = login(people["secretariat"])
    r = client.get(f"/reports/plans/{tracked.plan.pk}/")
    html = r.content.decode()
    assert r.status_code == 200
    accessible(html)
    for testid in ("table-area", "table-agency", "table-trend", "table-overdue"):
        assert f'data-testid="{testid}"' in html
    assert "Cải cách thể chế" in html and "Sở Tư pháp" in html
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in html
    assert "Công bố tiến độ" in html  # the secretariat's publish form


def test_the_plan_dashboard_queries_do_not_grow_with_tasks(tracked, people, login):
    client = login(people["secretariat"])
    url = f"/reports/plans/{tracked.plan.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx.captured_queries) <= 25


def test_an_area_dashboard(tracked, people, login):
    area = Area.objects.filter(plan=tracked.plan).order_by("order").first()
    r = login(people["secretariat"]).get(f"/reports/plans/{tracked.plan.pk}/areas/{area.pk}/")
    assert r.status_code == 200
    accessible(r.content.decode())
    assert area.title in r.content.decode()


def test_an_officer_sees_their_agency_only(tracked, people, registry, login):
    client = login(people["officer_stp"])
    r = client.get("/reports/agencies/TN.STP/")
    assert r.status_code == 200
    accessible(r.content.decode())
    assert client.get("/reports/agencies/TN.SNV/").status_code == 403
    assert client.get("/reports/agencies/KHONG-CO/").status_code == 404
    # On a plan's dashboard an officer's figures are their agency's share only.
    html = client.get(f"/reports/plans/{tracked.plan.pk}/").content.decode()
    assert "Chỉ gồm phần việc của cơ quan bạn" in html and "Công bố tiến độ" not in html
    agency_table = html.split('data-testid="table-agency"')[1].split("</table>")[0]
    assert "Sở Tư pháp" in agency_table and "Sở Nội vụ" not in agency_table


def test_the_secretariat_sees_every_agency(tracked, people, login):
    client = login(people["secretariat"])
    assert client.get("/reports/agencies/TN.STP/").status_code == 200
    assert client.get("/reports/agencies/TN.VPUB/").status_code == 200
    html = client.get("/reports/").content.decode()
    assert 'data-testid="table-agency"' in html and "Sở Tư pháp" in html
    accessible(html)


def test_dashboards_need_a_staff_login(tracked, people, client, login):
    assert client.get("/reports/").status_code == 302
    login(people["citizen"])
    assert client.get("/reports/").status_code == 403


def test_only_the_secretariat_publishes(tracked, people, login):
    with pytest.raises(PermissionDenied):
        progress_publish(actor=people["officer_stp"], plan=tracked.plan, quarter=2, year=2020)
    with pytest.raises(PermissionDenied):
        progress_publish(actor=None, plan=tracked.plan, quarter=2, year=2020)
    client = login(people["leader_stp"])
    assert client.post(f"/reports/plans/{tracked.plan.pk}/publish/", {"quarter": 2, "year": 2020}).status_code == 403
    assert not PublishedSnapshot.objects.exists()


def test_publication_is_frozen_and_once_per_quarter(tracked, people, registry):
    from cchc.plans.models import WorkItem
    from cchc.plans.services.progress import ReportInput, progress_report_submit

    snap = progress_publish(actor=people["secretariat"], plan=tracked.plan, quarter=2, year=2020,
                            today=date(2020, 7, 15))
    assert snap.as_of == date(2020, 6, 30) and snap.title.endswith("quý II năm 2020")
    frozen = snap.data
    assert frozen["total"]["done_late"] == 1
    with pytest.raises(Conflict):
        progress_publish(actor=people["secretariat"], plan=tracked.plan, quarter=2, year=2020,
                         today=date(2020, 7, 16))
    # Later progress does not change what was published.
    item = WorkItem.objects.get(task__no="2", agency=registry["snv"], occurrence__seq=2)
    progress_report_submit(actor=people["officer_snv"], work_item=item, today=date(2020, 7, 20),
                           data=ReportInput(status="done", completed_on=date(2020, 7, 20)))
    snap.refresh_from_db()
    assert snap.data == frozen


def test_the_public_page_shows_only_published_snapshots(tracked, people, registry, client, login):
    from cchc.plans.tests.conftest import make_plan

    other_plan, _v = make_plan(registry, year=2021)
    assert client.get("/public/progress/").status_code == 200
    assert "Chưa có số liệu nào được công bố" in client.get("/public/progress/").content.decode()
    staff = login(people["secretariat"])
    r = staff.post(f"/reports/plans/{tracked.plan.pk}/publish/", {"quarter": 2, "year": 2020})
    snap = PublishedSnapshot.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/public/progress/{snap.pk}/"
    staff.logout()
    html = client.get("/public/progress/").content.decode()  # anonymous
    assert snap.title in html and other_plan.title not in html
    detail = client.get(f"/public/progress/{snap.pk}/")
    assert detail.status_code == 200
    accessible(detail.content.decode())
    assert "Sở Tư pháp" in detail.content.decode()
    assert client.get(f"/public/progress/{snap.pk + 1}/").status_code == 404
