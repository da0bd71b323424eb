"""fastinsert: instances built as Model(**values) builds them, rows inserted as save() would."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cchc.common import fastinsert
from cchc.common.models import Event

pytestmark = pytest.mark.django_db


def test_new_builds_what_the_model_constructor_builds():
    at = timezone.now()
    values = dict(at=at, actor_name="a", verb="x.y", subject_type="t", subject_id="1", data={"k": [1, 2]})
    ours, django = fastinsert.new(Event, **values), Event(**values)
    names = [f.attname for f in Event._meta.concrete_fields]
    assert {n: getattr(ours, n) for n in names} == {n: getattr(django, n) for n in names}
    assert ours._state.adding


def test_new_takes_related_objects_and_refuses_unknown_names(django_user_model):
    user = django_user_model.objects.create(username="fi.user")
    event = fastinsert.new(Event, at=timezone.now(), actor=user, verb="x.y", subject_type="t", subject_id="1")
    assert event.actor_id == user.pk and event.actor is user
    with pytest.raises(TypeError):
        fastinsert.new(Event, at=timezone.now(), nonsense=1)


def test_an_inserted_row_reads_back_as_saved():
    event = fastinsert.insert(fastinsert.new(Event, at=timezone.now(), actor_name="a", verb="x.y",
                                             subject_type="t", subject_id="1", data={"n": 1}))
    back = Event.objects.get(pk=event.pk)
    assert (back.verb, back.data, back.at) == ("x.y", {"n": 1}, event.at)


def test_a_false_guard_inserts_nothing():
    before = Event.objects.count()
    with pytest.raises(fastinsert.GuardFailed):
        fastinsert.insert(fastinsert.new(Event, at=timezone.now(), verb="x.y", subject_type="t", subject_id="1"),
                          ("1 = %s", [2]))
    assert Event.objects.count() == before
