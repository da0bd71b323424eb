"""People: staff who belong to an agency and hold roles, citizens who belong to none; API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.accounts.roles import PRECEDENCE, Role


class User(AbstractUser):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Cán bộ, công chức")
        CITIZEN = "citizen", _("Công dân, tổ chức")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    kind = models.CharField(_("loại tài khoản"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    demo = models.BooleanField(_("tài khoản trình diễn"), default=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="citizen") | models.Q(agency__isnull=True), name="citizen_has_no_agency"
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_set(self) -> frozenset[str]:
        """The roles held, loaded once per instance (a request reuses it)."""
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            if self.pk is None:
                cached = frozenset()
            else:
                cached = frozenset(self.role_assignments.values_list("role", flat=True))
            self._role_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return self.is_active and bool(self.role_set.intersection(roles))

    def primary_role(self) -> str:
        held = self.role_set
        for role in PRECEDENCE:
            if role in held:
                return str(role)
        return "citizen" if self.kind == self.Kind.CITIZEN else ""

    def display_name(self) -> str:
        return self.full_name or self.get_username()


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("người dùng"))
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò được giao")
        verbose_name_plural = _("vai trò được giao")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for machine clients. Only a SHA-256 digest is stored.

    A fast digest, not a password hash: the token is 256 random bits, so it cannot be guessed,
    and a slow hash would cost every API request tens of milliseconds.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("người dùng"))
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginThrottle(models.Model):
    """Failed logins per key (a username or a client address), shared by every server process."""

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("khoá đăng nhập")
        verbose_name_plural = _("khoá đăng nhập")

    def __str__(self) -> str:
        return self.key
