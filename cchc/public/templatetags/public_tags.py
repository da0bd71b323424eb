from django import template

from cchc.public import rules

register = template.Library()


@register.filter
def score_label(value) -> str:
    """5 → "Rất hài lòng"."""
    try:
        return rules.SCORES.get(int(value), "")
    except (TypeError, ValueError):
        return ""


@register.filter
def vnd(value) -> str:
    """``150000`` → "150.000"."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
