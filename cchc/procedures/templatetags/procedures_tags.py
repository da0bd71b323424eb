"""``{{ value|vnum }}``: 7.50 → "7,5" (Vietnamese decimal comma, no trailing zeros)."""

from django import template

from cchc.procedures.process import fmt_number

register = template.Library()


@register.filter
def vnum(value) -> str:
    try:
        return fmt_number(value)
    except (TypeError, ValueError, ArithmeticError):
        return ""


@register.filter
def vnd(value) -> str:
    """``150000`` → "150.000" (the dot groups thousands in Vietnamese amounts)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
