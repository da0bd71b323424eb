"""The first minutes of a user, in Debian's chromium against a live server.

Log in, see the home page, switch to English and log out; a wrong password shows an error.
Each step is screenshotted into var/screenshots/ at a desktop and a phone width, so a person
can look at what the browser saw.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from cchc.accounts.roles import Role
from cchc.accounts.services import user_create
from cchc.org.models import AgencyType
from cchc.org.services import AgencyData, agency_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ThaiNguyen@2026"
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture
def demo_user(transactional_db):
    """A secretariat officer of the Department of Home Affairs, as the demo has one.

    Made with the services rather than by loading the demo, so the test does not depend on the
    demo file's contents (and runs in a fraction of the time).
    """
    province = agency_create(actor=None, data=AgencyData(
        code="TN.UBND", name="Ủy ban nhân dân tỉnh Thái Nguyên", short_name="UBND tỉnh",
        type=AgencyType.UBND_TINH, valid_from=date(1997, 1, 1)))
    home_affairs = agency_create(actor=None, data=AgencyData(
        code="TN.SNV", name="Sở Nội vụ", short_name="SNV", type=AgencyType.SO, parent=province,
        valid_from=date(2008, 4, 4)))
    return user_create(actor=None, username="thuongtruc", password=PASSWORD, full_name="Nguyễn Thị Hồng Nhung",
                       agency=home_affairs, roles=[Role.SECRETARIAT, Role.AGENCY_OFFICER])


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser: Browser, browser_context_args: dict):
    """A fresh page at one screen size; yields (name, page)."""
    context = browser.new_context(**{**browser_context_args, **VIEWPORTS[request.param]})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield request.param, page
    context.close()


def shot(page: Page, device: str, step: str) -> None:
    """Screenshot the step, then check the page fits its width.

    The screenshot comes first so that a failure still leaves the picture to look at.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-{step}.png"), full_page=True)
    # A page wider than the screen hides what sticks out (the logout button went off-screen on a
    # 1280 px desktop once the menu grew): nothing may need horizontal scrolling.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{device} {step}: the page is {overflow} px wider than the {device} screen"


def open_menu_if_collapsed(page: Page) -> None:
    """On a phone the navigation (user name, language, logout) sits behind the menu button."""
    toggler = page.locator("button.navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        # Bootstrap adds "show" once the slide-open transition ends; a screenshot taken before
        # that catches a half-open menu.
        expect(page.locator("#mainnav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))


def log_in(page: Page, username: str, password: str) -> None:
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def test_login_language_logout(screen, demo_user, live_server):
    device, page = screen
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("input[type=password]")).to_be_visible()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    shot(page, device, "1-login")

    log_in(page, "thuongtruc", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Thị Hồng Nhung")
    expect(page.locator("input[type=password]")).to_have_count(0)
    shot(page, device, "2-home")

    open_menu_if_collapsed(page)
    expect(page.get_by_test_id("current-user")).to_contain_text("Nguyễn Thị Hồng Nhung")
    switch = page.get_by_test_id("lang-switch")
    expect(switch).to_have_text("English")
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # set_language redirects back to the page it was used on: still the home page, still logged in.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Thị Hồng Nhung")
    open_menu_if_collapsed(page)
    expect(page.get_by_test_id("lang-switch")).to_have_text("Tiếng Việt")
    shot(page, device, "3-home-english")

    # Log-out sits in the account menu; found by its form, not its label ("Đăng xuất" or "Log out").
    open_menu_if_collapsed(page)
    page.get_by_test_id("current-user").click()
    page.locator("form[action$='/accounts/logout/'] button[type=submit]").click()
    expect(page.locator("input[type=password]")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    # The language choice is a cookie, so it outlives the session that logout ends.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot(page, device, "4-logged-out")


def test_wrong_password_shows_error(screen, demo_user, live_server):
    device, page = screen
    page.goto(live_server.url + "/")
    log_in(page, "thuongtruc", "not-the-password")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(page.locator("input[type=password]")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    shot(page, device, "5-wrong-password")
