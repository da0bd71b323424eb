"""Staff pages: the list, the dossier page with its timeline and actions, forms that call the services."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from cchc.dossiers.models import Dossier


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_list_is_scoped(received, staff):
    page = logged_in(staff["reception"]).get(reverse("dossiers:list")).content.decode()
    assert received.code in page and "Tiếp nhận hồ sơ" in page
    assert received.code not in logged_in(staff["other_specialist"]).get(reverse("dossiers:list")).content.decode()


def test_the_dossier_page_shows_timeline_and_allowed_actions(received, staff):
    page = logged_in(staff["reception"]).get(reverse("dossiers:detail", args=[received.code])).content.decode()
    assert 'data-testid="timeline"' in page and "Tiếp nhận tại quầy" in page
    assert 'data-testid="action-transfer"' in page and 'data-testid="action-withdraw"' in page
    assert 'data-testid="action-issue_result"' not in page
    assert logged_in(staff["other_reception"]).get(reverse("dossiers:detail", args=[received.code])).status_code == 404


def test_an_action_form_posts_to_the_service(received, staff):
    client = logged_in(staff["reception"])
    resp = client.post(reverse("dossiers:act", args=[received.code, "transfer"]), {"transfer-note": "Chuyển"},
                       follow=True)
    assert "Đã thực hiện" in resp.content.decode()
    assert Dossier.objects.get(pk=received.pk).state == "in_process"
    # The same form again is now an illegal transition: a message, nothing done.
    resp = client.post(reverse("dossiers:act", args=[received.code, "transfer"]), {}, follow=True)
    assert "Không thể" in resp.content.decode()


def test_a_form_missing_its_reason_is_refused(received, staff):
    resp = logged_in(staff["reception"]).post(reverse("dossiers:act", args=[received.code, "withdraw"]), {},
                                              follow=True)
    assert "Lý do" in resp.content.decode() and Dossier.objects.get(pk=received.pk).state == "received"


def test_counter_intake_page(cat, staff):
    client = logged_in(staff["reception"])
    url = reverse("dossiers:new") + f"?procedure={cat.published.procedure.code}"
    page = client.get(url).content.decode()
    assert "Tờ khai yêu cầu cấp phiếu" in page
    data = {"procedure": cat.published.procedure.code, "case_code": "TH1", "channel": "counter", "applicant_type": 1,
            "applicant_name": "Hoàng Thị Dung", "applicant_id_number": "019301000777", "applicant_phone": "0911222333",
            **{f"component-{c.pk}": "1" for c in cat.components[:2]}, f"digitised-{cat.components[0].pk}": "1"}
    resp = client.post(reverse("dossiers:new"), data, follow=True)
    d = Dossier.objects.get(applicant_name="Hoàng Thị Dung")
    assert resp.redirect_chain[-1][0].endswith(f"/dossiers/{d.code}/") and d.has_digitised_components


def test_citizens_do_not_use_the_staff_pages(people):
    assert logged_in(people["citizen"]).get(reverse("dossiers:list")).status_code == 403
