"""In chromium: the panel loads by htmx on the dossier page, a request is made, cash is confirmed, the
receipt opens. Screenshots at desktop and phone width go to var/screenshots/payments-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from cchc.dossiers.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **VIEWPORTS[request.param]})
    context.set_default_timeout(15_000)
    yield request.param, context
    context.close()


def shot(page, device: str, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"payments-{device}-{step}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{device} {step}: the page is {overflow} px wider than the screen"


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def test_request_then_cash_then_receipt(screen, live_server, processing, staff):
    from playwright.sync_api import expect

    device, context = screen
    page = context.new_page()
    log_in(page, live_server.url, staff["specialist"].username)
    page.goto(f"{live_server.url}/dossiers/{processing.code}/")
    panel = page.get_by_test_id("payments-panel-body")
    expect(panel).to_be_visible()
    page.get_by_text("Tạo yêu cầu thanh toán").first.click()
    page.get_by_label("Tiền mặt tại quầy").check()
    page.get_by_test_id("payment-request-form").get_by_role("button").click()
    expect(page.get_by_test_id("dossier-state")).to_have_text("Chờ thực hiện nghĩa vụ tài chính")
    expect(page.get_by_test_id("payment-status")).to_have_text("Chờ thanh toán")
    shot(page, device, "1-requested")

    clerk = context.browser.new_context(**VIEWPORTS[device]).new_page()
    log_in(clerk, live_server.url, staff["reception"].username)
    clerk.goto(f"{live_server.url}/dossiers/{processing.code}/")
    clerk.get_by_text("Xác nhận đã nộp tại quầy").click()
    clerk.get_by_test_id("cash-confirm-form").get_by_role("button").click()
    expect(clerk.get_by_test_id("dossier-state")).to_have_text("Đang xử lý")
    expect(clerk.get_by_test_id("payment-status")).to_have_text("Đã thanh toán")
    shot(clerk, device, "2-paid")
    clerk.get_by_test_id("receipt-link").click()
    expect(clerk.get_by_test_id("receipt-amount")).to_have_text("205.000")
    shot(clerk, device, "3-receipt")
    clerk.context.close()
