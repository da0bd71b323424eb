from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from cchc.accounts.roles import LEADER_GRANTABLE, Role


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label=_("Mật khẩu"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khoá."),
    }


def role_choices(actor) -> list[tuple[str, str]]:
    if actor.is_superuser or actor.has_role(Role.ADMIN):
        return list(Role.choices)
    return [(v, label) for v, label in Role.choices if v in LEADER_GRANTABLE]


class UserCreateForm(forms.Form):
    username = forms.RegexField(label=_("Tên đăng nhập"), max_length=150, regex=r"^[\w.@+-]+$")
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, strip=False)
    roles = forms.MultipleChoiceField(label=_("Vai trò"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(actor)


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("Vai trò"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(actor)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên mã (để nhận biết)"), max_length=100)
