"""The public pages in chromium: a procedure sheet on a phone and printed on A4, the QR lookup and a rating.

Screenshots land in var/screenshots/public-*.png for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_sheet_fits_a_phone_and_prints_without_navigation(phone, live_server, building):
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(f"{live_server.url}/public/procedures/?q=cap+giay+phep+xay+dung")
    phone.get_by_role("link", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Cấp giấy phép xây dựng")
    assert _no_sideways_scroll(phone)
    phone.screenshot(path=SHOTS / "public-sheet-phone.png", full_page=True)
    phone.emulate_media(media="print")
    assert phone.locator("header").is_hidden() and phone.locator("footer").is_hidden()
    expect(phone.get_by_test_id("procedure-sheet")).to_be_visible()
    phone.screenshot(path=SHOTS / "public-sheet-print.png", full_page=True)
    pdf = phone.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_qr_link_shows_the_dossier_and_the_holder_rates_it(phone, live_server, returned):
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(f"{live_server.url}/public/lookup/?code={returned.code}")
    expect(phone.get_by_test_id("state-label")).to_have_text("Đã trả kết quả")
    expect(phone.get_by_test_id("applicant")).to_have_text("N*** V*** A***")
    assert _no_sideways_scroll(phone)
    phone.get_by_label("Số điện thoại hoặc số giấy tờ (không bắt buộc)").fill("0912345678")
    phone.get_by_role("button", name="Tra cứu").click()
    expect(phone.get_by_test_id("applicant")).to_have_text("Nguyễn Văn An")
    phone.get_by_label("Rất hài lòng").check()
    phone.get_by_label("Góp ý (không bắt buộc)").fill("Nhanh, gọn.")
    phone.screenshot(path=SHOTS / "public-lookup-phone.png", full_page=True)
    phone.get_by_role("button", name="Gửi đánh giá").click()
    expect(phone.get_by_text("Cảm ơn bạn đã đánh giá")).to_be_visible()
    from cchc.dossiers.models import Dossier

    assert Dossier.objects.get(pk=returned.pk).rating == 5
