"""The process editor in Debian's chromium: htmx checks a change inline, adds a step, saves into a new draft."""

import pytest
from playwright.sync_api import Page, expect

from cchc.procedures import services
from cchc.procedures.models import ProcedureVersion
from cchc.procedures.process import StepSpec

from .conftest import make_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(registry, people):
    manager = people["secretariat"]
    v = services.procedure_create(actor=manager, code="2.000488", content=make_content())
    services.process_save(actor=manager, case=v.cases.get(), steps=[
        StepSpec("TN", "Tiếp nhận", "reception_officer", 4, place="one_stop"),
        StepSpec("TD", "Thẩm định", "specialist", 3, "working_days")])
    return services.version_publish(actor=manager, version=v)


def test_the_editor_warns_inline_adds_a_step_and_saves_a_new_draft(published, live_server, page: Page):
    from cchc.conftest import PASSWORD

    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "thuongtruc")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/procedures/2.000488/v1/cases/TH1/process/")

    page.fill("#s1-allotted", "9")
    page.dispatch_event("#s1-allotted", "change")
    expect(page.locator("#process-check .alert-danger")).to_contain_text("vượt thời hạn")

    page.fill("#s1-allotted", "3")
    page.click("button[value=add]")
    expect(page.locator("#s2-code")).to_have_value("B3")
    page.fill("#s2-name", "Trả kết quả")
    page.select_option("#s2-role", "return_officer")
    page.click("button[value=save]")
    page.wait_for_url(f"{live_server.url}/procedures/2.000488/v2/cases/TH1/process/")
    expect(page.locator(".alert-success")).to_contain_text("phiên bản 2")

    draft = ProcedureVersion.objects.get(number=2)
    assert draft.status == "draft"
    assert [s.code for s in draft.cases.get().steps.all()] == ["TN", "TD", "B3"]
    assert ProcedureVersion.objects.get(number=1).cases.get().steps.count() == 2
