"""The assisted e-form in Debian's chromium at 1280 and 390 px: choose, fill, upload, check, submit.

Each step is screenshotted into var/screenshots/eforms-<device>-<step>.png and must fit the width.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from cchc.dossiers.models import Dossier
from cchc.dossiers.testing import PASSWORD
from cchc.eforms.tests.conftest import PDF, PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser: Browser, browser_context_args: dict):
    context = browser.new_context(**{**browser_context_args, **VIEWPORTS[request.param]})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield request.param, page
    context.close()


def shot(page: Page, device: str, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"eforms-{device}-{step}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{device} {step}: the page is {overflow} px wider than the screen"


def test_assisted_eform_steps(screen, cat, staff, live_server):
    device, page = screen
    page.goto(live_server.url + "/accounts/login/?next=/eforms/assisted/")
    page.locator("input[name=username]").fill(staff["reception"].username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.get_by_label("Mã hoặc tên thủ tục").fill(cat.published.procedure.code)
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_test_id("start-eform")).to_be_visible()
    shot(page, device, "1-choose")

    page.get_by_test_id("start-eform").click()
    page.get_by_label("Họ và tên người yêu cầu").fill("Trần Thị Bình")
    page.get_by_label("Số điện thoại").fill("0987")
    expect(page.locator("#autosave")).to_contain_text("Đã tự động lưu nháp")
    page.get_by_test_id("fields-next").click()
    expect(page.get_by_role("alert")).to_be_visible()
    shot(page, device, "2-fields-errors")
    page.get_by_label("Số định danh cá nhân").fill("019301000456")
    page.get_by_label("Số điện thoại").fill("0987654321")
    page.get_by_label("Ngày sinh").fill("1990-03-12")
    page.get_by_label("Mục đích sử dụng phiếu").select_option("Xin việc")
    page.get_by_test_id("fields-next").click()

    first, second = cat.components[0].pk, cat.components[1].pk
    page.locator(f"#file-{first}").set_input_files({"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PNG})
    page.locator(f"[data-testid=component-{first}] button[type=submit]").click()
    expect(page.get_by_role("status").first).to_contain_text("nội dung thật là ảnh PNG")
    shot(page, device, "3-files-refused")
    page.locator(f"#file-{first}").set_input_files({"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator(f"[data-testid=component-{first}] button[type=submit]").click()
    page.locator(f"#file-{second}").set_input_files({"name": "cccd.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator(f"[data-testid=component-{second}] button[type=submit]").click()
    expect(page.locator(f"[data-testid=component-{second}]")).to_contain_text("cccd.pdf")
    shot(page, device, "4-files")
    page.get_by_test_id("files-next").click()

    expect(page.get_by_test_id("summary")).to_contain_text("Trần Thị Bình")
    shot(page, device, "5-summary")
    page.get_by_test_id("submit-eform").click()
    expect(page.get_by_test_id("submitted")).to_be_visible()
    dossier = Dossier.objects.get()
    expect(page.get_by_test_id("submitted")).to_contain_text(dossier.code)
    assert dossier.state == "received" and dossier.channel == "kiosk"
    shot(page, device, "6-done")


def test_citizens_are_sent_to_the_national_portal(screen, cat, citizen, live_server):
    device, page = screen
    page.goto(live_server.url + "/accounts/login/?next=/eforms/")
    page.locator("input[name=username]").fill(citizen.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    expect(page.get_by_test_id("citizen-closed")).to_contain_text("Cổng Dịch vụ công quốc gia")
    expect(page.get_by_role("link", name="Đến Cổng Dịch vụ công quốc gia")).to_have_attribute(
        "href", "https://dichvucong.gov.vn")
    shot(page, device, "7-citizen-closed")
