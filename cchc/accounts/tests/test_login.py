"""Login, lock-out after repeated failures, logout and password reset by e-mail."""

import re

from django.core import mail
from django.test import Client, override_settings

from cchc.conftest import PASSWORD


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_an_anonymous_visitor_sees_the_login_form(db):
    page = Client().get("/").content.decode()
    assert 'type="password"' in page and "Đăng nhập" in page


def test_a_good_login_reaches_the_home_page(people):
    client = Client()
    assert login(client, "canbo.stp", PASSWORD).status_code == 302
    assert "Xin chào" in client.get("/").content.decode()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_it_locks_the_account_after_repeated_failures(people):
    client = Client()
    for _ in range(3):
        assert login(client, "canbo.stp", "sai-mat-khau").status_code == 200
    resp = login(client, "canbo.stp", PASSWORD)  # even the right password is refused while locked
    assert resp.status_code == 429
    assert "quá nhiều lần" in resp.content.decode()


def test_logout_returns_to_the_login_form(people):
    client = Client()
    login(client, "canbo.stp", PASSWORD)
    resp = client.post("/accounts/logout/", follow=True)
    assert 'type="password"' in resp.content.decode()


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_password_reset_sends_a_working_link(people):
    client = Client()
    client.post("/accounts/password-reset/", {"email": "canbo.stp@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "Mat-khau-moi-2026!"
    resp = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Đã đổi mật khẩu" in resp.content.decode()
    assert login(Client(), "canbo.stp", new).status_code == 302


def test_weak_passwords_are_refused(registry):
    import pytest

    from cchc.accounts.services import user_create
    from cchc.common.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        user_create(actor=None, username="yeu", password="12345678")
    assert err.value.code == "weak_password"
