"""Rows of the two busiest pages (the queue, a plan's tasks) prepared for display in Python.

Resolving dozens of template variables per row made rendering the larger part of a 50-row page;
the rows are simple objects with the strings and classes the template prints as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cchc.plans.models import ProgressStatus, Recurrence, Review, Role
from cchc.plans.selectors.queue import QueueRow
from cchc.plans.selectors.tasks import TaskSummary
from cchc.plans.templatetags.plans_tags import BUCKET_CLASS, STATUS_CLASS, bucket_label, variance


def _cut(text: str, n: int) -> str:
    return Truncator(text or "").chars(n)


def _date(d) -> str:
    return d.strftime("%d/%m/%Y") if d else "—"


def _short(agency) -> str:
    return agency.short_name or agency.name


@dataclass
class QueueLine:
    due: str
    bucket_label: str
    bucket_class: str
    days_left: str
    task_url: str
    title: str
    period: str
    where: str
    role: str
    status: str
    status_class: str
    review_label: str
    review_class: str
    percent: str
    returned_reason: str
    partners_label: str
    partners: list[str] = field(default_factory=list)
    more: str = ""
    report_url: str = ""


REVIEW_BADGES = {
    Review.RETURNED: (gettext_lazy("Bị trả lại"), "text-bg-danger"),
    Review.SUBMITTED: (gettext_lazy("Chờ duyệt"), "text-bg-light border"),
    Review.ACCEPTED: (gettext_lazy("Đã chấp nhận"), "text-bg-light border text-success-emphasis"),
}


def queue_lines(rows: list[QueueRow], *, can_report_for: int | None) -> list[QueueLine]:
    """Display lines of a queue page; ``can_report_for`` is the agency whose rows get a report button."""
    statuses = dict(ProgressStatus.choices)
    roles = dict(Role.choices)
    out = []
    for r in rows:
        w = r.item
        review = REVIEW_BADGES.get(w.review)
        days = ""
        if r.working_days_left is not None and r.bucket != "overdue":
            days = ngettext("còn %(n)s ngày làm việc", "còn %(n)s ngày làm việc", r.working_days_left) % {
                "n": r.working_days_left}
        if w.role == Role.LEAD:
            label, names = (_("Còn nợ:"), [_short(p.agency) for p in r.owed_by]) if r.owed_by else ("", [])
        else:
            label, names = _("Gửi cho:"), [_short(p.agency) for p in r.leads]
        where = _cut(w.plan.title, 60) + (f" · {_cut(w.area.title, 40)}" if w.area_id and w.area else "")
        out.append(QueueLine(
            due=_date(w.due_date), bucket_label=str(bucket_label(r.bucket)),
            bucket_class=BUCKET_CLASS.get(r.bucket, ""), days_left=days,
            task_url=reverse("plans:task", args=[w.task_id]),
            title=(f"{w.task.no}. " if w.task.no else "") + _cut(w.task.content, 160), period=w.occurrence.label,
            where=where, role=str(roles.get(w.role, w.role)), status=str(statuses.get(w.status, w.status)),
            status_class=STATUS_CLASS.get(w.status, ""), review_label=str(review[0]) if review else "",
            review_class=review[1] if review else "", percent=f"{w.percent}%" if w.percent is not None else "",
            returned_reason=_cut(w.latest_report.review_reason, 120)
            if w.review == Review.RETURNED and w.latest_report_id and w.latest_report else "",
            partners_label=label, partners=names[:5],
            more=(ngettext("và %(n)s cơ quan khác", "và %(n)s cơ quan khác", len(names) - 5) % {"n": len(names) - 5})
            if len(names) > 5 else "",
            report_url=reverse("plans:report", args=[w.pk])
            if can_report_for == w.agency_id and w.review != Review.ACCEPTED else "",
        ))
    return out


@dataclass
class TaskLine:
    no: str
    url: str
    title: str
    unresolved: str
    lead: list[str]
    lead_more: str
    coordinating: list[str]
    coordinating_count: str
    due: str
    recurrence: str
    variance: str
    summary: str
    overdue: str
    returned: str
    summary_muted: str
    progress: object


def task_lines(rows: list[TaskSummary]) -> list[TaskLine]:
    """Display lines of a plan's task page."""
    recurrences = dict(Recurrence.choices)
    out = []
    for r in rows:
        t = r.task
        lead = [_short(a.agency) for a in r.lead]
        coordinating = [_short(a.agency) for a in r.coordinating]
        muted = ""
        if r.state == "unassigned":
            muted = _("nhóm nhiệm vụ") if r.progress.derived_from == "children" else _("chưa giao")
        out.append(TaskLine(
            no=t.no, url=reverse("plans:task", args=[t.pk]), title=_cut(t.content, 220),
            unresolved="; ".join(t.unresolved or []), lead=lead[:4],
            lead_more=(ngettext("và %(n)s cơ quan khác", "và %(n)s cơ quan khác", len(lead) - 4) % {"n": len(lead) - 4})
            if len(lead) > 4 else "",
            coordinating=coordinating if len(coordinating) <= 3 else [],
            coordinating_count=(ngettext("%(n)s cơ quan", "%(n)s cơ quan", len(coordinating)) % {"n": len(coordinating)})
            if len(coordinating) > 3 else "",
            due=_date(t.due_date), recurrence=str(recurrences.get(t.recurrence, "")) if t.recurrence else "",
            variance=str(variance(t.variance_days)),
            summary=_("%(d)s/%(t)s xong") % {"d": r.done, "t": r.total} if r.total else "",
            overdue=_("%(n)s quá hạn") % {"n": r.overdue} if r.overdue else "",
            returned=_("%(n)s bị trả lại") % {"n": r.returned} if r.returned else "",
            summary_muted=muted, progress=r.progress,
        ))
    return out
