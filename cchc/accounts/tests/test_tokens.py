"""API tokens: stored as a SHA-256 digest, revocable, carrying the user's rights."""

import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from cchc.accounts.models import ApiToken
from cchc.accounts.services import token_create, token_revoke, user_set_active


def test_only_the_digest_is_stored(people):
    token, raw = token_create(actor=people["officer_stp"], name="máy chủ báo cáo")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.digest, stored.prefix, stored.name}


def test_a_token_acts_as_its_user(people):
    _, raw = token_create(actor=people["officer_stp"], name="t")
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert (me["username"], me["agency"], me["roles"]) == ("canbo.stp", "TN.STP", ["agency_officer"])


def test_a_revoked_token_stops_working(people):
    token, raw = token_create(actor=people["officer_stp"], name="t")
    token_revoke(actor=people["officer_stp"], token=token)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_locked_users_token_stops_working(people):
    _, raw = token_create(actor=people["officer_stp"], name="t")
    user_set_active(actor=people["leader_stp"], user=people["officer_stp"], active=False)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_tokens_page_shows_a_new_token_once(people):
    client = Client()
    client.force_login(people["officer_stp"])
    page = client.post("/accounts/tokens/", {"name": "kết nối"}).content.decode()
    assert 'data-testid="new-token">cchc_' in page
    assert 'data-testid="new-token"' not in client.get("/accounts/tokens/").content.decode()


def test_the_token_user_has_typed_fields_and_its_agency(people):
    from datetime import date, datetime

    from cchc.accounts.services import token_authenticate

    _, raw = token_create(actor=people["officer_stp"], name="t")
    user = token_authenticate(raw)
    assert user.pk == people["officer_stp"].pk and user.is_active is True
    assert isinstance(user.date_joined, datetime) and user.date_joined.tzinfo is not None
    assert user.agency.code == "TN.STP" and isinstance(user.agency.valid_from, date)
    assert user.role_set == frozenset({"agency_officer"})
    assert token_authenticate(raw + "x") is None


@pytest.mark.django_db
def test_a_kept_token_is_refused_as_soon_as_it_is_revoked_behind_the_services_back():
    from cchc.accounts.models import ApiToken
    from cchc.accounts.services import token_authenticate, token_create, user_create

    user = user_create(actor=None, username="kept.token", password="ThaiNguyen@2026", roles=[])
    token, raw = token_create(actor=user, name="kept")
    assert token_authenticate(raw).pk == user.pk  # now kept by this worker
    assert token_authenticate(raw).pk == user.pk
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())  # no service, no signal
    assert token_authenticate(raw) is None


@pytest.mark.django_db
def test_a_kept_token_follows_a_role_removed_and_a_user_deactivated():
    from cchc.accounts.models import RoleAssignment, User
    from cchc.accounts.services import token_authenticate, token_create, user_create

    user = user_create(actor=None, username="kept.roles", password="ThaiNguyen@2026", roles=["reception_officer"])
    _, raw = token_create(actor=user, name="kept")
    assert "reception_officer" in token_authenticate(raw)._role_cache
    RoleAssignment.objects.filter(user=user).delete()
    assert not token_authenticate(raw)._role_cache
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert token_authenticate(raw) is None


@pytest.mark.django_db
def test_each_authentication_builds_its_own_user():
    from cchc.accounts.services import token_authenticate, token_create, user_create

    user = user_create(actor=None, username="kept.fresh", password="ThaiNguyen@2026", roles=[])
    _, raw = token_create(actor=user, name="kept")
    first, second = token_authenticate(raw), token_authenticate(raw)
    assert first is not second and first.pk == second.pk
