"""Public lookup: status in plain Vietnamese, working time left, masked name without the key, and a
wrong code that tells nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.public import rules, selectors

URL = "/public/lookup/"


def test_the_qr_link_shows_status_dates_and_working_time_left_with_a_masked_name(client, received):
    resp = client.get(reverse("public:lookup"), {"code": received.code})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert received.code in body
    assert "Được tiếp nhận" in body and "Đã tiếp nhận" in body  # national label + our state label
    # Ten working days just started: 9 or 10 left during working hours; received after the close
    # (the suite may run in the evening), the ten days start tomorrow and all of them are left,
    # plus tomorrow itself counted whole.
    left = int(re.search(r"còn (\d+) ngày", body).group(1))
    assert 9 <= left <= 11, left
    assert "Tiếp nhận hồ sơ" in body and "Hẹn trả kết quả" in body
    assert "N*** V*** A***" in body
    assert "Nguyễn Văn An" not in body and "0912345678" not in body and "019201000123" not in body
    assert "Phan Đình Phùng" not in body  # the address needs the key
    assert resp["Cache-Control"] == "no-store"


def test_the_right_key_shows_the_full_name_and_address(client, received):
    for key in ("0912 345 678", "+84912345678", "019201000123"):
        resp = client.post(URL, {"code": received.code, "key": key})
        body = resp.content.decode()
        assert resp.status_code == 200, key
        assert "Nguyễn Văn An" in body and "Phường Phan Đình Phùng" in body


def test_a_wrong_code_and_a_wrong_key_get_the_same_answer(client, received):
    unknown = client.get(URL, {"code": "TN.TTPVHCC-000000-9999", "key": "0999999999"})
    wrong_key = client.get(URL, {"code": received.code, "key": "0999999999"})
    malformed = client.get(URL, {"code": "' OR 1=1 --", "key": "0999999999"})
    assert unknown.status_code == wrong_key.status_code == malformed.status_code == 404
    strip = [(r.content.decode().replace(received.code, "X").replace("TN.TTPVHCC-000000-9999", "X")
              .replace("' OR 1=1 --", "X").replace("&#x27; OR 1=1 --", "X").replace("%27+OR+1%3D1+--", "X"))
             for r in (unknown, wrong_key, malformed)]
    # The pages differ only by the code typed back into the form (and the CSRF token).
    strip = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", s) for s in strip]
    assert strip[0] == strip[1] == strip[2]
    assert selectors.NOT_FOUND_MESSAGE in strip[0]


def test_the_api_answers_a_wrong_code_and_a_wrong_key_identically(client, received):
    a = client.get("/api/v1/public/lookup", {"code": "TN.TTPVHCC-000000-9999", "key": "0912345678"})
    b = client.get("/api/v1/public/lookup", {"code": received.code, "key": "0000000000"})
    assert a.status_code == b.status_code == 404
    assert a.json() == b.json()
    assert a.json()["error"]["code"] == "lookup_not_found"


def test_a_wrong_code_and_a_wrong_key_run_the_same_queries(received):
    import pytest

    from cchc.common.errors import NotFound

    counts = []
    for code, key in (("TN.TTPVHCC-000000-9999", "0912345678"), (received.code, "0999999999")):
        with CaptureQueriesContext(connection) as ctx, pytest.raises(NotFound):
            selectors.dossier_lookup(code=code, key=key)
        counts.append(len(ctx.captured_queries))
    assert counts == [1, 1]


def test_the_api_lookup_hides_personal_data_without_the_key(client, received):
    data = client.get("/api/v1/public/lookup", {"code": received.code}).json()
    assert data["detailed"] is False and data["applicant"] == "N*** V*** A***"
    assert data["applicant_address"] is None and data["subject"] is None
    assert data["national_status"] == 2 and data["national_status_label"] == "Được tiếp nhận"
    assert data["remaining"].startswith("còn ")
    assert data["time_limit_text"] == "10 ngày làm việc"
    text = str(data)
    assert "0912345678" not in text and "019201000123" not in text
    full = client.get("/api/v1/public/lookup", {"code": received.code, "key": "0912345678"}).json()
    assert full["detailed"] is True and full["applicant"] == "Nguyễn Văn An"
    assert full["applicant_address"].startswith("Phường Phan Đình Phùng")


def test_an_overdue_dossier_says_qua_in_working_time(received):
    from django.utils import timezone

    late = timezone.now() + timedelta(days=30)
    r = selectors.dossier_lookup(code=received.code, at=late)
    assert r.timing_status == "Quá hạn" and r.remaining.startswith("quá ")


def test_a_supplement_request_shows_the_pause_and_new_appointment(received, staff):
    from cchc.dossiers import services
    from cchc.dossiers.selectors import dossier_get

    d = services.dossier_transfer(actor=staff["reception"], dossier=dossier_get(user=staff["reception"],
                                                                                  code=received.code))
    d = services.dossier_request_supplement(actor=staff["specialist"],
                                            dossier=dossier_get(user=staff["specialist"], code=d.code),
                                            reason="Thiếu bản chụp căn cước")
    r = selectors.dossier_lookup(code=d.code)
    labels = [m.label for m in r.milestones]
    assert any(label.startswith("Yêu cầu bổ sung") for label in labels)
    assert any(label.startswith("Tạm dừng tính thời hạn") for label in labels)
    assert r.timing_status == "Tạm dừng" and r.national_label == "Yêu cầu bổ sung giấy tờ"
    assert all(m.note != "Thiếu bản chụp căn cước" for m in r.milestones)  # reason only with the key
    detailed = selectors.dossier_lookup(code=d.code, key="0912345678")
    assert any(m.note == "Thiếu bản chụp căn cước" for m in detailed.milestones)
    d = services.dossier_receive_supplement(actor=staff["specialist"],
                                            dossier=dossier_get(user=staff["specialist"], code=d.code))
    r = selectors.dossier_lookup(code=d.code)
    assert any(m.label == "Tiếp tục giải quyết" and m.note.startswith("Hẹn trả mới") for m in r.milestones)


def test_an_electronic_result_links_to_the_verification_page_when_it_exists(returned):
    from django.urls import NoReverseMatch, reverse

    r = selectors.dossier_lookup(code=returned.code)
    try:
        expected = reverse("results:verify", args=[returned.code])
    except NoReverseMatch:
        expected = None
    assert r.verify_url == expected
    assert r.state_label == "Đã trả kết quả" and r.national_label == "Đã trả kết quả"


def test_the_lookup_reads_the_dossier_in_a_few_queries(received):
    with CaptureQueriesContext(connection) as ctx:
        selectors.dossier_lookup(code=received.code)
    # dossier with its names (one statement), pauses, the calendar (cached per process): none per milestone.
    assert len(ctx.captured_queries) <= 4, [q["sql"][:80] for q in ctx.captured_queries]
    assert 'WHERE d."code" = ' in ctx.captured_queries[0]["sql"]


def test_the_lookup_query_uses_the_unique_index_on_code(received):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.execute("EXPLAIN QUERY PLAN " + selectors._lookup_sql(), [received.code])
        plan = " ".join(str(row[-1]) for row in cur.fetchall())
    assert "SEARCH d USING INDEX" in plan and "(code=?)" in plan, plan


def test_rules_mask_names_and_normalise_keys():
    assert rules.mask_name("Trần Thị Bích Ngọc") == "T*** T*** B*** N***"
    assert rules.mask_name("") == "***"
    assert rules.normalise_key("+84 912.345.678") == "0912345678"
    assert rules.key_matches("0912345678", "0912345678", "")
    assert not rules.key_matches("", "", "")
    assert not rules.key_matches("0912345678", "", "019201000123")
