"""Permissions as ``rules`` predicates. Autodiscovered by ``rules.apps.AutodiscoverRulesConfig``."""

from __future__ import annotations

import rules

from cchc.accounts.roles import Role


@rules.predicate
def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMIN)))


@rules.predicate
def is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.SECRETARIAT))


@rules.predicate
def is_agency_leader(user) -> bool:
    return bool(user and user.is_authenticated and user.agency_id and user.has_role(Role.AGENCY_LEADER))


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and user.kind == "staff")


@rules.predicate
def same_agency(user, obj) -> bool:
    """The object (a user, a record with ``agency_id``, or an agency) belongs to the user's agency."""
    if obj is None or not getattr(user, "agency_id", None):
        return False
    agency_id = obj.pk if obj._meta.label_lower == "org.agency" else getattr(obj, "agency_id", None)
    return agency_id == user.agency_id


can_manage_registry = is_admin | is_secretariat

rules.add_perm("org.manage_registry", can_manage_registry)
rules.add_perm("accounts.manage_agency_users", is_admin | is_agency_leader)
rules.add_perm("accounts.manage_user", is_admin | (is_agency_leader & same_agency))
rules.add_perm("accounts.view_agency_record", is_admin | is_secretariat | same_agency)
