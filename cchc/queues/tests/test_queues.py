"""The specialist's queue, the counter, the late list, bulk actions: content, order, scope, queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.common.errors import PermissionDenied, ValidationFailed
from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.testing import intake_data
from cchc.queues import selectors
from cchc.queues.services import queue_bulk_action

pytestmark = pytest.mark.django_db


def _set_due(d: Dossier, delta: timedelta) -> None:
    Dossier.objects.filter(pk=d.pk).update(due_at=timezone.now() + delta)


def test_the_queue_lists_dossiers_at_my_step_overdue_first(at_specialist, staff):
    later, late, soon = at_specialist(3)
    _set_due(later, timedelta(days=20))
    _set_due(late, timedelta(days=-3))
    _set_due(soon, timedelta(hours=2))
    page = selectors.queue_mine(user=staff["specialist"])
    assert [r.code for r in page.rows] == [late.code, soon.code, later.code]
    assert page.total == 3
    assert page.rows[0].due.text.startswith("quá ")
    assert page.rows[2].due.text.startswith("còn ")
    assert page.steps == [{"code": "TD", "name": "Thẩm định hồ sơ", "role": "specialist", "n": 3}]


def test_a_dossier_at_another_role_or_agency_is_not_in_my_queue(at_specialist, staff, cat):
    mine, moved = at_specialist(2)
    services.dossier_forward(actor=staff["specialist"], dossier=moved)  # now at the division head's step
    assert [r.code for r in selectors.queue_mine(user=staff["specialist"]).rows] == [mine.code]
    assert [r.code for r in selectors.queue_mine(user=staff["head"]).rows] == [moved.code]
    # Sở Nội vụ's specialist holds the same role but another agency: nothing.
    assert selectors.queue_mine(user=staff["other_specialist"]).rows == []


def test_filters_narrow_the_queue_and_the_total_follows(at_specialist, staff):
    late, fine = at_specialist(2)
    _set_due(late, timedelta(days=-1))
    _set_due(fine, timedelta(days=10))
    page = selectors.queue_mine(user=staff["specialist"], filters=selectors.QueueFilters(window="overdue"))
    assert [r.code for r in page.rows] == [late.code] and page.total == 1
    page = selectors.queue_mine(user=staff["specialist"], filters=selectors.QueueFilters(step="XD"))
    assert page.rows == [] and page.total == 0
    page = selectors.queue_mine(user=staff["specialist"], filters=selectors.QueueFilters(size=1, page=2))
    assert len(page.rows) == 1 and page.total == 2 and page.pages == 2


def test_bulk_forward_reports_each_dossier_and_leaves_the_refused_untouched(at_specialist, staff, registry):
    ok1, ok2, refused = at_specialist(3)
    services.dossier_forward(actor=staff["specialist"], dossier=refused)  # at the division head's step now
    before = Dossier.objects.get(pk=refused.pk)
    result = queue_bulk_action(actor=staff["specialist"], action="forward",
                               codes=[ok1.code, refused.code, ok2.code, "KHONG-TON-TAI"])
    assert [o.code for o in result.succeeded] == [ok1.code, ok2.code]
    assert {o.code for o in result.failed} == {refused.code, "KHONG-TON-TAI"}
    assert "vai trò" in next(o for o in result.failed if o.code == refused.code).message
    for d in (ok1, ok2):
        d = Dossier.objects.select_related("current_step").get(pk=d.pk)
        assert d.current_step.code == "XD" and d.log_seq == 3  # received, transferred, forwarded
    after = Dossier.objects.get(pk=refused.pk)
    assert (after.log_seq, after.current_step_id, after.updated_at) == (before.log_seq, before.current_step_id,
                                                                         before.updated_at)


def test_bulk_refuses_bad_input_without_touching_anything(at_specialist, staff):
    (d,) = at_specialist(1)
    with pytest.raises(ValidationFailed):
        queue_bulk_action(actor=staff["specialist"], action="issue_result", codes=[d.code])
    with pytest.raises(ValidationFailed):
        queue_bulk_action(actor=staff["specialist"], action="forward", codes=[])
    assert Dossier.objects.get(pk=d.pk).log_seq == d.log_seq


def test_another_agency_cannot_move_my_dossiers_in_bulk(at_specialist, staff):
    (d,) = at_specialist(1)
    result = queue_bulk_action(actor=staff["other_specialist"], action="forward", codes=[d.code])
    assert not result.succeeded and "Không tìm thấy" in result.failed[0].message
    assert Dossier.objects.get(pk=d.pk).log_seq == d.log_seq


def test_the_counter_shows_arrivals_to_accept_transfers_and_today(cat, staff):
    online = services.dossier_submit(actor=staff["reception"], data=intake_data(cat, channel="online_portal"))
    received = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    board = selectors.counter_board(user=staff["reception"])
    assert [d.code for d in board.lists["submitted"]] == [online.code]
    assert [d.code for d in board.lists["received"]] == [received.code]
    assert board.counts == {"submitted": 1, "received": 1}
    assert [d.code for d in board.today] == [received.code] and board.today_count == 1
    # The other unit's counter sees none of it.
    other = selectors.counter_board(user=staff["other_reception"])
    assert other.counts == {} and other.today == []


def test_the_counter_quick_search_matches_code_phone_and_id_exactly_within_scope(cat, staff):
    d = services.dossier_receive(actor=staff["reception"], data=intake_data(cat, applicant_phone="0987654321"))
    assert [x.code for x in selectors.counter_search(user=staff["reception"], q=d.code)] == [d.code]
    assert [x.code for x in selectors.counter_search(user=staff["reception"], q="0987 654 321")] == [d.code]
    assert [x.code for x in selectors.counter_search(user=staff["reception"], q="019201000123")] == [d.code]
    assert selectors.counter_search(user=staff["reception"], q="098765") == []
    assert selectors.counter_search(user=staff["other_reception"], q=d.code) == []


def test_the_late_list_counts_by_step_and_role_for_my_agency_only(at_specialist, staff):
    late, risky, fine = at_specialist(3)
    _set_due(late, timedelta(days=-2))
    _set_due(risky, timedelta(minutes=30))
    _set_due(fine, timedelta(days=30))
    board = selectors.late_board(user=staff["leader"])
    assert [r.code for r in board.rows] == [late.code, risky.code]
    assert (board.late, board.at_risk) == (1, 1)
    assert board.by_step == [{"name": "Thẩm định hồ sơ", "late": 1, "at_risk": 1}]
    assert board.by_role == [{"role": "specialist", "late": 1, "at_risk": 1}]
    assert selectors.late_board(user=staff["other_leader"]).rows == []
    with pytest.raises(PermissionDenied):
        selectors.late_board(user=staff["specialist"])


def test_the_queue_page_runs_the_same_queries_for_5_and_50_dossiers(client, at_specialist, staff,
                                                                     django_assert_max_num_queries):
    client.force_login(staff["specialist"])
    at_specialist(5)
    client.get("/queues/mine/")  # warm: calendar and template caches
    with CaptureQueriesContext(connection) as few:
        assert client.get("/queues/mine/").status_code == 200
    at_specialist(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/queues/mine/")
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="queue-row"') == 50
    assert len(few.captured_queries) <= 12


def test_the_counter_page_runs_the_same_queries_for_few_and_many(client, cat, staff, django_assert_max_num_queries):
    client.force_login(staff["reception"])
    for _ in range(2):
        services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    client.get("/queues/counter/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/queues/counter/").status_code == 200
    for _ in range(20):
        services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/queues/counter/").status_code == 200
