"""The one-stop shop's main flows across its apps, in Debian's chromium against a live server.

A dossier arrives from the national-portal stand-in and waits on the clerk's counter; a clerk makes
an assisted e-form submission with an upload and opens the lookup page the slip's QR code points
to; a clerk receives at the counter and prints the slip; a specialist asks for a supplement and
the appointment moves when it arrives; a result is returned and the citizen rates the service.
Each flow is screenshotted into var/screenshots/one-stop-*.png and must fit a phone's width.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from pdfminer.high_level import extract_text
from playwright.sync_api import Browser, Page, expect

from cchc.dossiers import services
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier, Pause
from cchc.dossiers.testing import PASSWORD, intake_data, make_catalogue, make_staff
from cchc.org.services import AgencyData, agency_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SECRET = "bi-mat-chung-cua-cong-dvcqg-trong-thu-nghiem"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def cat(transactional_db):
    tn = agency_create(actor=None, data=AgencyData(code="TN.UBND", name="Ủy ban nhân dân tỉnh Thái Nguyên",
                                                    type="ubnd_tinh", valid_from=date(1997, 1, 1)))
    stp = agency_create(actor=None, data=AgencyData(code="TN.STP", name="Sở Tư pháp", type="so", parent=tn,
                                                     valid_from=date(1997, 1, 1)))
    snv = agency_create(actor=None, data=AgencyData(code="TN.SNV", name="Sở Nội vụ", type="so", parent=tn,
                                                     valid_from=date(1997, 1, 1)))
    catalogue = make_catalogue(stp, province=tn)
    catalogue.staff = make_staff(catalogue, stp, snv)
    return catalogue


def open_page(browser: Browser, browser_context_args: dict, size: dict) -> Page:
    context = browser.new_context(**{**browser_context_args, **size})
    context.set_default_timeout(15_000)
    return context.new_page()


def close(page: Page) -> None:
    # The dossier page loads its panels with htmx: let those requests finish before the test's
    # database is flushed (an answer still being computed holds locks that stop the flush).
    page.wait_for_load_state("networkidle")
    page.context.close()


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict):
    page = open_page(browser, browser_context_args, PHONE)
    yield page
    close(page)


@pytest.fixture
def desktop(browser: Browser, browser_context_args: dict):
    page = open_page(browser, browser_context_args, DESKTOP)
    yield page
    close(page)


def login(page: Page, base: str, username: str, then: str) -> None:
    page.goto(f"{base}/accounts/login/?next={then}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"**{then}*")


def shot(page: Page, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"one-stop-{step}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert overflow <= 0, f"{step}: the page is {overflow} px wider than the screen ({wide})"


def act(page: Page, action: str, fields: dict[str, str] | None = None) -> None:
    """Open an action of the dossier page, fill its form and submit it."""
    form = page.locator(f"[data-testid=action-{action}]")
    page.locator(f"details:has([data-testid=action-{action}]) summary").click()
    for name, value in (fields or {}).items():
        form.locator(f"[name$={name}]").fill(value)
    form.locator("button[type=submit]").click()


def test_a_dossier_from_the_national_portal_waits_on_the_clerks_counter(cat, live_server, phone, settings):
    from cchc.portal.tests.standin import PortalStandIn, file_item, payload

    settings.CCHC_DVCQG_SECRET = SECRET
    push = payload(code="G22.99-261126-0042", procedure=cat.published.procedure.code, unit=cat.centre.code,
                   components=[file_item("to-khai.pdf", component_name=cat.components[0].name),
                               file_item("can-cuoc.pdf", component_name=cat.components[1].name)])
    answer = PortalStandIn(SECRET, base_url=live_server.url).push(push)
    assert answer.status == 200, answer.body
    code = answer.body["MaHoSoTiepNhan"]

    login(phone, live_server.url, cat.staff["reception"].username, "/queues/counter/")
    waiting = phone.get_by_test_id("counter-submitted").filter(has_text=code)
    expect(waiting).to_be_visible()
    shot(phone, "1-portal-arrival-on-counter")
    waiting.get_by_role("button", name="Tiếp nhận").click()
    expect(phone.get_by_test_id("timeline")).to_contain_text("Tiếp nhận hồ sơ")
    d = Dossier.objects.get(code=code)
    assert d.state == State.RECEIVED and d.channel == "online_portal" and d.due_at is not None


def test_an_assisted_submission_with_an_upload_is_found_by_the_slips_qr_link(cat, live_server, desktop):
    from cchc.letters.selectors import public_lookup_url

    page = desktop
    login(page, live_server.url, cat.staff["reception"].username, "/eforms/assisted/")
    page.get_by_label("Mã hoặc tên thủ tục").fill(cat.published.procedure.code)
    page.get_by_role("button", name="Tìm").click()
    page.get_by_test_id("start-eform").click()
    page.get_by_label("Họ và tên người yêu cầu").fill("Trần Thị Bình")
    page.get_by_label("Số định danh cá nhân").fill("019301000456")
    page.get_by_label("Số điện thoại").fill("0987654321")
    page.get_by_test_id("fields-next").click()
    for component in cat.components[:2]:
        page.locator(f"#file-{component.pk}").set_input_files(
            {"name": f"tp-{component.pk}.pdf", "mimeType": "application/pdf", "buffer": PDF})
        page.locator(f"[data-testid=component-{component.pk}] button[type=submit]").click()
        expect(page.locator(f"[data-testid=component-{component.pk}]")).to_contain_text(f"tp-{component.pk}.pdf")
    page.get_by_test_id("files-next").click()
    page.get_by_test_id("submit-eform").click()
    expect(page.get_by_test_id("submitted")).to_be_visible()
    d = Dossier.objects.get()
    assert d.has_digitised_components and d.state == State.RECEIVED

    # The slip's QR code holds the public lookup address of this dossier: a citizen's phone opens it.
    url = public_lookup_url(d.code)
    assert f"code={d.code}" in url
    citizen = page.context.browser.new_context(**PHONE).new_page()
    citizen.goto(live_server.url + url[url.index("/public/"):])
    expect(citizen.get_by_test_id("lookup-result")).to_contain_text(d.code)
    expect(citizen.get_by_test_id("state-label")).to_be_visible()
    expect(citizen.get_by_test_id("remaining")).to_contain_text("còn")
    shot(citizen, "2-lookup-from-qr")
    close(citizen)


def test_a_clerk_receives_at_the_counter_and_prints_the_slip(cat, live_server, desktop):
    page = desktop
    login(page, live_server.url, cat.staff["reception"].username, "/dossiers/new/")
    page.locator("#procedure").fill(cat.published.procedure.code)
    page.get_by_role("button", name="Chọn").click()
    page.get_by_label("Chủ hồ sơ").fill("Lê Văn Cường")
    page.get_by_label("Số giấy tờ tùy thân / mã số thuế").fill("019201000999")
    page.get_by_label("Số điện thoại").fill("0911222333")
    page.get_by_role("button", name="Tiếp nhận và hẹn trả").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Tiếp nhận tại quầy")
    d = Dossier.objects.get()
    slip = page.get_by_test_id("letter-slip")
    expect(slip).to_be_visible()
    shot(page, "3-received-at-counter")
    response = page.request.get(live_server.url + slip.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = extract_text(io.BytesIO(response.body()))
    assert d.code in text and timezone.localtime(d.due_at).strftime("%d/%m/%Y") in text


def test_a_supplement_request_moves_the_appointment_when_the_supplement_arrives(cat, live_server, desktop):
    staff = cat.staff
    received = timezone.now() - timedelta(days=10)
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat, received_at=received))
    page = desktop
    login(page, live_server.url, staff["reception"].username, f"/dossiers/{d.code}/")
    act(page, "transfer")
    expect(page.get_by_test_id("timeline")).to_contain_text("Chuyển cơ quan giải quyết")
    # The specialist works in a browser of their own: clearing cookies here would race the dossier
    # page's htmx panels, whose late answers set a new CSRF cookie under the next login form.
    page.wait_for_load_state("networkidle")
    page = page.context.browser.new_context(**DESKTOP).new_page()
    page.set_default_timeout(15_000)

    login(page, live_server.url, staff["specialist"].username, f"/dossiers/{d.code}/")
    act(page, "request_supplement", {"reason": "Thiếu bản sao giấy khai sinh", "components": "Bản sao giấy khai sinh"})
    expect(page.get_by_test_id("timeline")).to_contain_text("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    d.refresh_from_db()
    assert d.state == State.SUPPLEMENT_REQUESTED
    before = d.due_at
    # The citizen takes three days to bring the document: the clock stood still meanwhile.
    paused = timezone.now() - timedelta(days=3)
    Pause.objects.filter(dossier=d, ended_at__isnull=True).update(started_at=paused)
    Dossier.objects.filter(pk=d.pk).update(paused_since=paused)

    act(page, "receive_supplement")
    expect(page.get_by_test_id("timeline")).to_contain_text("Nhận hồ sơ bổ sung")
    d.refresh_from_db()
    assert d.state == State.IN_PROCESS and d.due_at > before
    expect(page.locator("main")).to_contain_text(timezone.localtime(d.due_at).strftime("%d/%m/%Y %H:%M"))
    shot(page, "4-appointment-moved")
    close(page)


def test_a_returned_result_is_rated_by_the_citizen(cat, live_server, desktop, phone):
    staff = cat.staff
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    d = services.dossier_transfer(actor=staff["reception"], dossier=d)
    for who in ("specialist", "head"):
        d = services.dossier_forward(actor=staff[who], dossier=d)
    d = services.dossier_issue_result(actor=staff["signer"], dossier=d, result_number="123/PLLTP")
    assert d.state == State.RESULT_READY

    login(desktop, live_server.url, staff["return"].username, f"/dossiers/{d.code}/")
    act(desktop, "return_result", {"recipient_name": d.applicant_name})
    expect(desktop.get_by_test_id("timeline")).to_contain_text("Trả kết quả")
    d.refresh_from_db()
    assert d.state == State.RESULT_RETURNED

    phone.goto(f"{live_server.url}/public/lookup/?code={d.code}")
    phone.locator("#l-key").fill(d.applicant_phone)
    phone.get_by_role("button", name="Tra cứu").click()
    expect(phone.get_by_test_id("applicant")).to_contain_text(d.applicant_name)
    phone.locator("label[for=score-1]").click()
    phone.get_by_role("button", name="Gửi đánh giá").click()
    expect(phone.get_by_test_id("rating")).to_be_visible()
    shot(phone, "5-rated")
    d.refresh_from_db()
    assert d.rating is not None and d.rating_at is not None
