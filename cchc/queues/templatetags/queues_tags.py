"""Small filters of the queue pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def fill(pattern: str, code: str) -> str:
    """A URL pattern with the placeholder ``__CODE__`` replaced by a dossier code."""
    return pattern.replace("__CODE__", str(code))


@register.filter
def standing_class(status: str) -> str:
    """The Bootstrap text colour of a standing (late red, soon amber)."""
    return {"qua_han": "text-danger fw-semibold", "sap_den_han": "text-warning-emphasis fw-semibold",
            "tam_dung": "text-body-secondary"}.get(status, "")


@register.filter
def role_label(role: str) -> str:
    from cchc.accounts.roles import Role

    try:
        return str(Role(role).label)
    except ValueError:
        return role or "—"
