"""VNeID single sign-on against a local stand-in OpenID provider: success, wrong state, token error."""

from __future__ import annotations

import http.client
import urllib.parse

import pytest

from cchc.accounts.models import User
from cchc.portal import selectors
from cchc.portal.models import VneidLink
from cchc.portal.tests.oidc_standin import OidcStandIn

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(settings):
    with OidcStandIn() as server:
        for key, value in server.settings().items():
            setattr(settings, key, value)
        yield server


def start_login(client, nxt="/dossiers/"):
    response = client.get("/portal/vneid/login/", {"next": nxt})
    assert response.status_code == 302
    return response["Location"]


def citizen_signs_in(authorize_url: str) -> str:
    """The browser at the provider: it answers with a redirect to our callback (path and query returned)."""
    url = urllib.parse.urlsplit(authorize_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    conn.request("GET", f"{url.path}?{url.query}")
    response = conn.getresponse()
    assert response.status == 302
    back = urllib.parse.urlsplit(response.getheader("Location"))
    conn.close()
    return f"{back.path}?{back.query}"


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_the_login_sends_the_citizen_to_vneid_with_state_nonce_and_pkce(client, idp):
    location = start_login(client)
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    assert location.startswith(idp.url + "/authorize?")
    assert q["client_id"] == idp.client_id and q["response_type"] == "code"
    assert q["redirect_uri"] == "http://testserver/portal/vneid/callback/"
    assert len(q["state"]) >= 32 and len(q["nonce"]) >= 32 and q["code_challenge_method"] == "S256"


def test_a_citizen_signs_in_with_vneid_and_gets_a_verified_local_account(client, idp):
    callback = citizen_signs_in(start_login(client))
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == "/dossiers/"
    user = logged_in_user(client)
    assert user is not None and user.kind == "citizen" and user.agency_id is None
    assert user.full_name == "Trần Thị Bình" and user.phone == "0987654321"
    assert not user.has_usable_password()
    link = VneidLink.objects.get(user=user)
    assert link.id_number == "019301000456" and link.subject == "vneid-sub-0001" and link.verified_at is not None
    assert selectors.vneid_verified(user) and not selectors.vneid_verified(None)
    # A second sign-in finds the same account.
    client.logout()
    client.get(citizen_signs_in(start_login(client)))
    assert logged_in_user(client) == user
    assert User.objects.filter(kind="citizen").count() == 1


def test_a_wrong_state_is_refused_and_nobody_is_logged_in(client, idp):
    callback = citizen_signs_in(start_login(client))
    forged = callback.replace("state=", "state=x")
    response = client.get(forged)
    assert response.status_code == 400
    assert "state không khớp" in response.content.decode()
    assert logged_in_user(client) is None and idp.token_calls == 0
    # The attempt is used up: even the right state no longer works.
    assert client.get(callback).status_code == 400
    assert not VneidLink.objects.exists()


def test_a_callback_without_a_login_attempt_is_refused(client, idp):
    response = client.get("/portal/vneid/callback/", {"code": "abc", "state": "abc"})
    assert response.status_code == 400 and logged_in_user(client) is None


def test_a_token_error_is_shown_and_nobody_is_logged_in(client, idp):
    idp.fail_token = (400, {"error": "invalid_grant"})
    response = client.get(citizen_signs_in(start_login(client)))
    assert response.status_code == 502
    page = response.content.decode()
    assert "VNeID từ chối đổi mã xác thực (HTTP 400: invalid_grant)" in page
    assert logged_in_user(client) is None and not User.objects.filter(kind="citizen").exists()
    assert "vneid_pending" not in str(dict(client.session))  # the attempt is used up


def test_an_id_token_for_another_login_attempt_is_refused(client, idp):
    idp.nonce_override = "nonce-cua-phien-khac"
    response = client.get(citizen_signs_in(start_login(client)))
    assert response.status_code == 502 and 'data-code="vneid_nonce_mismatch"' in response.content.decode()
    assert logged_in_user(client) is None


def test_an_unreachable_provider_is_a_clear_error(client, idp, settings):
    settings.CCHC_VNEID_TOKEN_URL = "http://127.0.0.1:9/token"
    response = client.get(citizen_signs_in(start_login(client)))
    assert response.status_code == 502 and 'data-code="vneid_unreachable"' in response.content.decode()


def test_an_unconfigured_vneid_says_what_is_missing(client, settings):
    settings.CCHC_VNEID_CLIENT_ID = ""
    response = client.get("/portal/vneid/login/")
    assert response.status_code == 503 and "CCHC_VNEID_CLIENT_ID" in response.content.decode()


def test_an_outside_next_address_is_ignored(client, idp):
    callback = citizen_signs_in(start_login(client, nxt="https://evil.example/steal"))
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_local_account_with_the_same_username_is_not_taken_over(client, idp):
    from cchc.accounts.services import user_create

    squatter = user_create(actor=None, username="vneid.019301000456", password="MatKhau@Rat2026", kind="citizen")
    client.get(citizen_signs_in(start_login(client)))
    user = logged_in_user(client)
    assert user is not None and user != squatter and user.username.startswith("vneid.019301000456.")
    assert not selectors.vneid_verified(squatter)


@pytest.mark.django_db
def test_the_login_page_offers_vneid_only_once_it_is_configured(client, settings):
    assert "VNeID" not in client.get("/accounts/login/").content.decode()
    for name in ("AUTHORIZE_URL", "TOKEN_URL", "USERINFO_URL"):
        setattr(settings, f"CCHC_VNEID_{name}", f"https://vneid.example/{name.lower()}")
    settings.CCHC_VNEID_CLIENT_ID, settings.CCHC_VNEID_CLIENT_SECRET = "cchc", "secret"
    assert "/portal/vneid/login/" in client.get("/accounts/login/").content.decode()
