"""The plan-execution pages in Debian's chromium at a phone's width (390 px) and a desktop's: nothing
sticks out sideways (tables scroll inside their .table-responsive box), every form field has a label.
Screenshots go to var/screenshots/plans-*.png for a person to look at."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser: Browser, browser_context_args: dict):
    context = browser.new_context(**{**browser_context_args, **VIEWPORTS[request.param]})
    context.set_default_timeout(10_000)
    yield request.param, context
    context.close()


def logged_in(context, live_server, user) -> Page:
    """A page whose browser carries the user's session cookie (made by Django's test client)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def check(page: Page, device: str, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"plans-{device}-{name}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{device} {name}: the page is {overflow} px wider than the screen"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        'main input:not([type=hidden]), main select, main textarea')].filter(el => {
            const id = el.id; if (el.getAttribute('aria-label')) return false;
            if (id && document.querySelector(`label[for="${id}"]`)) return false;
            return !el.closest('label');
        }).map(el => el.name)""")
    assert not unlabelled, f"{device} {name}: fields without a label: {unlabelled}"


def test_the_pages_fit_a_phone_and_label_their_fields(screen, approved, plan_v1, people, registry, live_server):
    from cchc.plans.models import Task
    from cchc.plans.services.progress import ReportInput, progress_report_submit
    from cchc.plans.tests.conftest import work_item

    device, context = screen
    plan, _ = plan_v1
    item = work_item("1", registry["stp"])
    progress_report_submit(actor=people["officer_stp"], work_item=item, today=date(2020, 6, 20),
                           data=ReportInput(status="in_progress", percent=40, narrative="Đã rà soát 40 văn bản"))
    secretariat = logged_in(context, live_server, people["secretariat"])
    for name, url in [("plan", f"/plans/{plan.pk}/"), ("task", f"/plans/tasks/{item.task_id}/"),
                      ("task-edit", f"/plans/tasks/{item.task_id}/edit/"), ("task-new", f"/plans/{plan.pk}/tasks/new/"),
                      ("queue-secretariat", "/plans/queue/?agency=TN.STP&bucket=all"), ("reviews", "/plans/reviews/"),
                      ("recurring", f"/plans/tasks/{Task.objects.get(plan=plan, no='4').pk}/")]:
        secretariat.goto(live_server.url + url)
        check(secretariat, device, name)
    officer = logged_in(context, live_server, people["officer_stp"])
    for name, url in [("queue", "/plans/queue/?bucket=all"), ("report", f"/plans/work/{item.pk}/report/"),
                      ("sheet-import", "/plans/progress/import/")]:
        officer.goto(live_server.url + url)
        check(officer, device, name)
