"""The holder's rating at return: once, only after return, only with the right key; nothing stored otherwise."""

from __future__ import annotations

import pytest

from cchc.common.errors import Conflict, NotFound, ValidationFailed
from cchc.common.models import Event
from cchc.dossiers.models import Dossier
from cchc.public import services
from cchc.public.models import Rating


def test_a_returned_dossier_is_rated_once_with_criteria_and_comment(returned):
    rating = services.rating_submit(code=returned.code, key="0912345678", score=4,
                                    criteria={"thai_do": 3, "dung_hen": 2}, comment="Cán bộ nhiệt tình.")
    d = Dossier.objects.get(pk=returned.pk)
    assert (d.rating, d.rating_channel) == (4, "web") and d.rating_at is not None
    assert rating.criteria == {"thai_do": 3, "dung_hen": 2} and rating.comment == "Cán bộ nhiệt tình."
    event = Event.objects.get(verb="public.rating")
    assert event.subject_id == returned.code and event.data["score"] == 4
    with pytest.raises(Conflict) as exc:
        services.rating_submit(code=returned.code, key="019201000123", score=1)
    assert exc.value.code == "already_rated" and "một lần" in exc.value.message
    assert Dossier.objects.get(pk=returned.pk).rating == 4 and Rating.objects.count() == 1


def test_a_dossier_not_yet_returned_cannot_be_rated(received):
    with pytest.raises(Conflict) as exc:
        services.rating_submit(code=received.code, key="0912345678", score=5)
    assert exc.value.code == "not_returned" and "sau khi hồ sơ đã được trả kết quả" in exc.value.message
    assert Dossier.objects.get(pk=received.pk).rating is None and not Rating.objects.exists()


def test_a_wrong_key_gets_the_lookups_not_found_and_stores_nothing(returned):
    with pytest.raises(NotFound):
        services.rating_submit(code=returned.code, key="0999999999", score=5)
    with pytest.raises(ValidationFailed):
        services.rating_submit(code=returned.code, key="", score=5)
    assert Dossier.objects.get(pk=returned.pk).rating is None and not Event.objects.filter(verb="public.rating").exists()


@pytest.mark.parametrize("score, criteria, code", [
    (6, {}, "invalid_score"), (0, {}, "invalid_score"), (True, {}, "invalid_score"),
    (5, {"khong_co": 3}, "invalid_criterion"), (5, {"thai_do": 4}, "invalid_level"),
])
def test_bad_answers_are_refused_with_a_clear_message(returned, score, criteria, code):
    with pytest.raises(ValidationFailed) as exc:
        services.rating_submit(code=returned.code, key="0912345678", score=score, criteria=criteria)
    assert exc.value.code == code and exc.value.message
    assert Dossier.objects.get(pk=returned.pk).rating is None


def test_the_api_rates_once_and_answers_409_the_second_time(client, returned):
    body = {"code": returned.code, "key": "0912345678", "score": 5, "criteria": {"thuan_tien": 3}}
    resp = client.post("/api/v1/public/rating", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["score_label"] == "Rất hài lòng" and resp.json()["channel"] == "api"
    again = client.post("/api/v1/public/rating", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_rated"
    wrong = client.post("/api/v1/public/rating", {**body, "key": "0000000000"}, content_type="application/json")
    assert wrong.status_code == 404
    extra = client.post("/api/v1/public/rating", {**body, "foo": 1}, content_type="application/json")
    assert extra.status_code == 422


def test_the_api_refuses_to_rate_a_dossier_in_process(client, received):
    resp = client.post("/api/v1/public/rating", {"code": received.code, "key": "0912345678", "score": 3},
                       content_type="application/json")
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "not_returned"


def test_the_lookup_page_offers_the_form_only_with_the_key_and_records_the_rating(client, returned):
    page = client.get("/public/lookup/", {"code": returned.code}).content.decode()
    assert 'name="score"' not in page and "để đánh giá" in page
    page = client.post("/public/lookup/", {"code": returned.code, "key": "0912345678"}).content.decode()
    assert 'name="score"' in page and 'name="criterion_thai_do"' in page
    resp = client.post("/public/lookup/", {"action": "rate", "code": returned.code, "key": "0912345678",
                                           "score": "2", "criterion_thai_do": "1", "comment": "Phải đi lại nhiều lần."})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Cảm ơn bạn đã đánh giá" in body and "Không hài lòng" in body
    assert Dossier.objects.get(pk=returned.pk).rating == 2
    again = client.post("/public/lookup/", {"action": "rate", "code": returned.code, "key": "0912345678",
                                            "score": "5"})
    assert again.status_code == 409 and "đã được đánh giá" in again.content.decode()
    assert Dossier.objects.get(pk=returned.pk).rating == 2


def test_the_staff_panel_shows_the_rating(client, returned, staff):
    services.rating_submit(code=returned.code, key="0912345678", score=1, criteria={"dung_hen": 1},
                           comment="Trả muộn.")
    client.force_login(staff["reception"])
    page = client.get(f"/dossiers/{returned.code}/").content.decode()
    assert "Đánh giá của người dân" in page and "Rất không hài lòng" in page
    detail = client.get(f"/public/ratings/{returned.code}/panel/").content.decode()
    assert "Trả muộn." in detail and "Không hài lòng" in detail


def test_the_rating_panel_is_for_staff_only(client, returned, people):
    assert client.get(f"/public/ratings/{returned.code}/panel/").status_code == 302
    client.force_login(people["citizen"])
    assert client.get(f"/public/ratings/{returned.code}/panel/").status_code == 403
