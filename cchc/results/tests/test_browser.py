"""In chromium: the signer signs an e-result from the dossier page, the return officer sends it by post,
and a citizen checks the signature and downloads the file with their phone number (phone width)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from cchc.dossiers.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict):
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 390, "height": 844},
                                     "is_mobile": True, "has_touch": True, "accept_downloads": True})
    context.set_default_timeout(15_000)
    yield context
    context.close()


def shot(page: Page, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-results-{step}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{step}: the page is {overflow} px wider than the phone"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def test_sign_send_by_post_and_verify_in_a_browser(phone, live_server, issued, staff):
    base = live_server.url
    page = phone.new_page()
    log_in(page, base, staff["signer"].username)
    page.goto(f"{base}/dossiers/{issued.code}/")
    form = page.get_by_test_id("results-sign-form")
    expect(form).to_be_visible()
    form.get_by_label("Hoặc tạo tệp kết quả từ dữ liệu hồ sơ").check()
    form.get_by_label("Tên giấy tờ kết quả").fill("Phiếu lý lịch tư pháp số 1")
    form.locator("button[type=submit]").click()
    expect(page.get_by_text("Đã ký số và lưu kết quả điện tử.")).to_be_visible()
    expect(page.get_by_test_id("result-verdict")).to_contain_text("Chữ ký số hợp lệ")
    shot(page, "1-signed")

    page.wait_for_load_state("networkidle")  # the htmx panels' answers would set a CSRF cookie after the clear
    page.context.clear_cookies()
    log_in(page, base, staff["return"].username)
    page.goto(f"{base}/dossiers/{issued.code}/")
    page.get_by_text("Trả qua bưu chính công ích").click()
    postal = page.get_by_test_id("return-postal-form")
    postal.get_by_label("Mã vận đơn").fill("EB 987 654 321 VN")
    postal.locator("button[type=submit]").click()
    expect(page.get_by_test_id("postal-status")).to_have_text("Đã gửi bưu chính")
    status = page.get_by_test_id("postal-status-form")
    status.get_by_label("Trạng thái mới").select_option("delivered")
    status.locator("button[type=submit]").click()
    expect(page.get_by_test_id("postal-status")).to_have_text("Đã phát thành công")
    shot(page, "2-postal")

    page.wait_for_load_state("networkidle")  # the htmx panels' answers would set a CSRF cookie after the clear
    page.context.clear_cookies()
    page.goto(f"{base}/results/{issued.code}/verify/")
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-verdict", "valid")
    page.get_by_label("Số điện thoại hoặc số CCCD/CMND").fill("0900000000")
    page.get_by_test_id("download-form").locator("button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("Không có kết quả điện tử khớp")
    shot(page, "3-verify-wrong-key")
    page.get_by_label("Số điện thoại hoặc số CCCD/CMND").fill("0912345678")
    with page.expect_download() as info:
        page.get_by_test_id("download-form").locator("button[type=submit]").click()
    path = info.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF-")
