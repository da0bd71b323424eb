"""Who may sign an electronic result and who may hand results over (no queries beyond the user's roles).

- Signing is the issuing agency's act: a ``signer`` or ``agency_leader`` of the dossier's competent
  agency (an administrator anywhere). The signature is the agency's organisational certificate.
- Returning (counter, post, electronic) and recording the post's status is the one-stop unit's work:
  a ``return_officer`` or ``reception_officer`` of the receiving agency, as for T20.
"""

from __future__ import annotations

from typing import Any

from cchc.common.errors import PermissionDenied
from cchc.dossiers.access import SystemActor, roles_of
from cchc.dossiers.lifecycle import ADMIN

SIGN_ROLES = frozenset({"signer", "agency_leader"})
RETURN_ROLES = frozenset({"return_officer", "reception_officer"})


def _staff(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)
                and getattr(user, "kind", "") == "staff")


def may_sign(user: Any, dossier: Any) -> bool:
    """Whether ``user`` may sign the dossier's electronic result on behalf of the competent agency."""
    roles = roles_of(user)
    if ADMIN in roles:
        return True
    return _staff(user) and bool(roles & SIGN_ROLES) and user.agency_id == dossier.competent_agency_id


def may_return(user: Any, dossier: Any) -> bool:
    """Whether ``user`` hands the dossier's result over (and records the postal status)."""
    if isinstance(user, SystemActor):
        return user.name == "postal"
    roles = roles_of(user)
    if ADMIN in roles:
        return True
    return _staff(user) and bool(roles & RETURN_ROLES) and user.agency_id == dossier.receiving_agency_id


def authorise_sign(user: Any, dossier: Any) -> None:
    if not may_sign(user, dossier):
        raise PermissionDenied(
            f"Chỉ người ký duyệt hoặc lãnh đạo của {dossier.competent_agency.name} được ký số kết quả hồ sơ "
            f"{dossier.code}.", code="not_your_agency")


def authorise_return(user: Any, dossier: Any) -> None:
    if not may_return(user, dossier):
        raise PermissionDenied(
            f"Chỉ cán bộ trả kết quả của {dossier.receiving_agency.name} được thực hiện thao tác này.",
            code="not_your_agency")
