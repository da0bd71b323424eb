"""Small display helpers for plan pages: status and bucket badges, deadline variances, percentages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()

STATUS_CLASS = {
    "not_started": "text-bg-secondary",
    "in_progress": "text-bg-info",
    "done_on_time": "text-bg-success",
    "done_late": "text-bg-warning",
    "not_feasible": "text-bg-dark",
}
BUCKET_CLASS = {
    "overdue": "text-bg-danger",
    "at_risk": "text-bg-warning",
    "on_track": "text-bg-light border",
    "no_deadline": "text-bg-light border",
    "closed": "text-bg-success",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASS.get(status, "text-bg-light border")


@register.filter
def bucket_class(bucket: str) -> str:
    return BUCKET_CLASS.get(bucket, "text-bg-light border")


@register.filter
def bucket_label(bucket: str) -> str:
    return {
        "overdue": _("Quá hạn"),
        "at_risk": _("Sắp đến hạn"),
        "on_track": _("Trong hạn"),
        "no_deadline": _("Chưa có hạn"),
        "closed": _("Đã xong"),
        "open": _("Đang phải làm"),
        "all": _("Tất cả"),
    }.get(bucket, bucket)


@register.filter
def variance(days: int | None) -> str:
    """+5 → "chậm 5 ngày so với mốc", −3 → "sớm 3 ngày so với mốc", 0/None → ""."""
    if not days:
        return ""
    if days > 0:
        return _("lùi %(n)s ngày so với mốc") % {"n": days}
    return _("sớm %(n)s ngày so với mốc") % {"n": -days}


@register.filter
def pct(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.filter
def cell(value, key: str = "") -> str:
    """A spreadsheet value for the import preview: statuses by their label, ISO dates as dd/mm/yyyy."""
    from datetime import date

    from cchc.plans.sheet import STATUS_LABELS

    if value is None or value == "":
        return ""
    if key == "status":
        return STATUS_LABELS.get(value, value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)
