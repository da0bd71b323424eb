"""Login with lock-out, logout, password reset, the agency's people, API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.accounts import selectors, services
from cchc.accounts.forms import LoginForm, RolesForm, TokenForm, UserCreateForm
from cchc.accounts.models import ApiToken, User
from cchc.common.errors import DomainError


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def _keys(self) -> list[str]:
        username = (self.request.POST.get("username") or "").strip().lower()
        return [f"user:{username}", f"ip:{_client_ip(self.request)}"]

    def post(self, request, *args, **kwargs):
        until = services.login_locked_until(keys=self._keys())
        if until is not None:
            form = self.get_form()
            minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
            form.errors.clear()
            form.add_error(None, _("Đăng nhập sai quá nhiều lần. Hãy thử lại sau %(m)s phút.") % {"m": minutes})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        services.login_failed(keys=self._keys())
        return super().form_invalid(form)

    def form_valid(self, form):
        services.login_succeeded(keys=self._keys()[:1])
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def users(request: HttpRequest) -> HttpResponse:
    """The people of the leader's agency (all people for an admin), and a form to add one."""
    try:
        people = list(selectors.user_list(actor=request.user))
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=403)
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_create(
                actor=request.user, username=form.cleaned_data["username"], password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"], email=form.cleaned_data["email"],
                agency=request.user.agency, roles=form.cleaned_data["roles"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo tài khoản %(u)s.") % {"u": form.cleaned_data["username"]})
            return redirect("accounts:users")
    return render(request, "accounts/users.html", {"people": people, "form": form})


@login_required
def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    """Change a person's roles or lock the account."""
    try:
        person = selectors.user_get(actor=request.user, username=username)
    except DomainError as exc:
        return render(request, "common/error.html", {"message": exc.message}, status=exc.status)
    form = RolesForm(request.POST or None, actor=request.user, initial={"roles": sorted(person.role_set)})
    if request.method == "POST":
        try:
            if "toggle_active" in request.POST:
                services.user_set_active(actor=request.user, user=person, active=not person.is_active)
                messages.success(request, _("Đã cập nhật trạng thái tài khoản."))
                return redirect("accounts:user_detail", username=username)
            if form.is_valid():
                services.user_set_roles(actor=request.user, user=person, roles=form.cleaned_data["roles"])
                messages.success(request, _("Đã cập nhật vai trò."))
                return redirect("accounts:user_detail", username=username)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(request, "accounts/user_detail.html", {"person": person, "form": form})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's API tokens; a new token's value is shown once."""
    form = TokenForm(request.POST or None)
    new_value = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_value = services.token_create(actor=request.user, name=form.cleaned_data["name"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        form = TokenForm()
    return render(request, "accounts/tokens.html",
                  {"tokens": selectors.token_list(actor=request.user), "form": form, "new_value": new_value})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("accounts:tokens")


__all__ = ["User"]
