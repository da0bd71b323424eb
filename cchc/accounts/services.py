"""Writes on people: accounts, roles, API tokens and the failed-login lock-out."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models import DateTimeField, F
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from cchc.accounts.models import ApiToken, LoginThrottle, RoleAssignment, User
from cchc.accounts.roles import LEADER_GRANTABLE, Role
from cchc.common import hotsql, stamps
from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.org.models import Agency

TOKEN_PREFIX = "cchc_"


def _check_can_manage(actor: User, *, agency: Agency | None, roles: set[str]) -> None:
    if actor.is_superuser or actor.has_role(Role.ADMIN):
        return
    if not actor.has_role(Role.AGENCY_LEADER) or agency is None or agency.pk != actor.agency_id:
        raise PermissionDenied("Bạn chỉ quản lý được người dùng của cơ quan mình.", code="not_your_agency")
    forbidden = roles - set(LEADER_GRANTABLE)
    if forbidden:
        raise PermissionDenied(
            "Lãnh đạo cơ quan không được giao vai trò: " + ", ".join(sorted(forbidden)) + ".", code="role_not_grantable"
        )


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    agency: Agency | None = None,
    roles: list[str] | None = None,
    kind: str = User.Kind.STAFF,
    demo: bool = False,
) -> User:
    """Create a staff or citizen account with its roles; ``actor=None`` only for set-up commands."""
    roles_set = set(roles or [])
    unknown = roles_set - set(Role.values)
    if unknown:
        raise ValidationFailed("Vai trò không tồn tại: " + ", ".join(sorted(unknown)), code="unknown_role")
    if kind == User.Kind.CITIZEN and (agency is not None or roles_set):
        raise ValidationFailed("Tài khoản công dân không thuộc cơ quan nào và không có vai trò.", code="citizen_agency")
    if actor is not None:
        _check_can_manage(actor, agency=agency, roles=roles_set)
    user = User(username=username, full_name=full_name, email=email, agency=agency, kind=kind, demo=demo)
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed("Mật khẩu chưa đạt yêu cầu: " + " ".join(exc.messages), code="weak_password") from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise Conflict(f"Tên đăng nhập “{username}” đã được dùng.", code="username_taken") from None
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in sorted(roles_set)])
    record_event(actor=actor, verb="user.create", subject=("accounts.user", username), data={"roles": sorted(roles_set)})
    return user


@transaction.atomic
def user_set_roles(*, actor: User, user: User, roles: list[str]) -> User:
    """Replace a person's roles (admins: any; agency leaders: their agency, operational roles only)."""
    new = set(roles)
    unknown = new - set(Role.values)
    if unknown:
        raise ValidationFailed("Vai trò không tồn tại: " + ", ".join(sorted(unknown)), code="unknown_role")
    old = set(user.role_set)
    _check_can_manage(actor, agency=user.agency, roles=new ^ old)
    RoleAssignment.objects.filter(user=user, role__in=old - new).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in sorted(new - old)])
    user._role_cache = frozenset(new)
    record_event(
        actor=actor, verb="user.set_roles", subject=("accounts.user", user.username),
        data={"added": sorted(new - old), "removed": sorted(old - new)},
    )
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool, reason: str = "") -> User:
    """Lock or unlock an account. Its tokens stop working with it."""
    _check_can_manage(actor, agency=user.agency, roles=set())
    if user.pk == actor.pk and not active:
        raise ValidationFailed("Không thể tự khoá tài khoản của chính mình.", code="self_lock")
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
    record_event(
        actor=actor, verb="user.activate" if active else "user.deactivate",
        subject=("accounts.user", user.username), reason=reason,
    )
    return user


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token for the actor. The raw value is returned once and never stored."""
    if not name.strip():
        raise ValidationFailed("Hãy đặt tên cho mã truy cập.", code="token_name_required")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name.strip()[:100], prefix=raw[:12], digest=_digest(raw))
    record_event(actor=actor, verb="token.create", subject=token, data={"name": token.name, "prefix": token.prefix})
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token (its owner or an admin)."""
    if token.user_id != actor.pk and not (actor.is_superuser or actor.has_role(Role.ADMIN)):
        raise PermissionDenied("Bạn không thể thu hồi mã truy cập của người khác.", code="not_your_token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at)
        record_event(actor=actor, verb="token.revoke", subject=token)
    return token


def _token_sql(vendor: str) -> tuple[str, list, list]:
    """One SELECT for token → user, agency and roles, built from the models' own columns.

    Written as SQL because it runs on every API request: the ORM spends more time compiling the
    three-table query with a subquery than the database spends answering it.
    """
    from cchc.org.models import Agency

    user_cols = [f.column for f in User._meta.concrete_fields]
    agency_cols = [f.column for f in Agency._meta.concrete_fields]
    agg = "STRING_AGG(r.role, ',')" if vendor == "postgresql" else "GROUP_CONCAT(r.role)"
    sql = (
        "SELECT " + ", ".join(f"u.{c}" for c in user_cols) + ", "
        + ", ".join(f"a.{c}" for c in agency_cols)
        + f", (SELECT {agg} FROM {RoleAssignment._meta.db_table} r WHERE r.user_id = u.id)"
        + f" FROM {ApiToken._meta.db_table} t JOIN {User._meta.db_table} u ON u.id = t.user_id"
        + f" LEFT JOIN {Agency._meta.db_table} a ON a.id = u.agency_id"
        + " WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active"
    )
    return sql, list(User._meta.concrete_fields), list(Agency._meta.concrete_fields)


def _python_values(fields: list, values: tuple) -> list:
    """Database values → Python, as the ORM's converters would (SQLite returns dates as text, booleans as 0/1)."""
    out = []
    for field, value in zip(fields, values, strict=True):
        if value is not None:
            value = field.to_python(value)
            if isinstance(field, DateTimeField) and timezone.is_naive(value):
                value = timezone.make_aware(value, UTC)
        out.append(value)
    return out


_TOKEN_SQL: dict[str, tuple[str, list, list]] = {}
# digest → (accounts stamp, user values, agency values or None, roles): kept per worker, valid while
# the stamp (renewed by triggers on tokens, users, role assignments and agencies) has not moved.
_TOKENS: dict[str, tuple[int, list, list | None, frozenset]] = {}
_TOKENS_LIMIT = 4096


def token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, with their agency and roles, or None.

    One query while the worker has met the token since the last change to tokens, users, roles or
    agencies (the ``accounts`` cache stamp: a revoked token or a deactivated user is refused at
    once); two otherwise. A fresh ``User`` is built each time: nothing is shared between requests.
    """
    from django.db import connection

    from cchc.org.models import Agency

    if not raw.startswith(TOKEN_PREFIX):
        return None
    if connection.vendor not in _TOKEN_SQL:
        _TOKEN_SQL[connection.vendor] = _token_sql(connection.vendor)
    sql, user_fields, agency_fields = _TOKEN_SQL[connection.vendor]
    digest = _digest(raw)
    stamp = stamps.read("accounts")  # before the row: a row read after it is at least as new
    kept = _TOKENS.get(digest)
    if kept is None or stamp is None or kept[0] != stamp:
        row = hotsql.fetchone(sql, [digest])
        if row is None:
            return None  # unknown or refused tokens are not kept: the cache cannot be filled by guessing
        n = len(user_fields)
        agency_values = row[n:n + len(agency_fields)]
        kept = (stamp, _python_values(user_fields, row[:n]),
                _python_values(agency_fields, agency_values) if agency_values[0] is not None else None,
                frozenset(filter(None, (row[-1] or "").split(","))))
        if stamp is not None:
            if len(_TOKENS) >= _TOKENS_LIMIT:
                _TOKENS.clear()
            _TOKENS[digest] = kept
    _, user_values, agency_values, roles = kept
    user = _loaded(User, _attnames(User, user_fields), user_values)
    if agency_values is not None:
        user._state.fields_cache["agency"] = _loaded(Agency, _attnames(Agency, agency_fields), agency_values)
    user._role_cache = roles
    return user


def _loaded(model: type, attnames: list[str], values: list) -> Any:
    """``model.from_db`` for every concrete field, without walking ``Model.__init__`` (on every API request)."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return model.from_db(DEFAULT_DB_ALIAS, attnames, list(values))
    obj = model.__new__(model)
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS
    obj.__dict__.update(zip(attnames, values, strict=True))
    return obj


_ATTNAMES: dict[type, list[str]] = {}


def _attnames(model: type, fields: list) -> list[str]:
    found = _ATTNAMES.get(model)
    if found is None:
        found = _ATTNAMES[model] = [f.attname for f in fields]
    return found


# --- failed-login lock-out -------------------------------------------------------------------

def login_locked_until(*, keys: list[str]) -> Any:
    """The latest lock expiry among keys, or None when none is locked."""
    now = timezone.now()
    locks = LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now).values_list("locked_until", flat=True)
    return max(locks, default=None)


def login_failed(*, keys: list[str]) -> None:
    """Count a failure against each key; lock a key once it reaches the limit within the window."""
    now = timezone.now()
    window = timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    for key in keys:
        with transaction.atomic():
            row, _ = LoginThrottle.objects.select_for_update().get_or_create(key=key)
            if row.first_failure_at is None or now - row.first_failure_at > window:
                row.failures, row.first_failure_at = 0, now
            row.failures = F("failures") + 1
            row.save()
            row.refresh_from_db()
            if row.failures >= settings.LOGIN_MAX_FAILURES:
                LoginThrottle.objects.filter(pk=row.pk).update(locked_until=now + window, failures=0, first_failure_at=None)


def login_succeeded(*, keys: list[str]) -> None:
    """Forget the failures of a username after a successful login."""
    LoginThrottle.objects.filter(key__in=keys, locked_until__isnull=True).delete()
