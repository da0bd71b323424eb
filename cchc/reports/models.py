"""What the secretariat publishes: a plan's progress for one quarter, frozen at publication."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedSnapshot(models.Model):
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="snapshots",
                             verbose_name=_("kế hoạch"))
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    as_of = models.DateField(_("số liệu tính đến ngày"))
    title = models.CharField(_("tiêu đề"), max_length=500)
    # Frozen figures: {"total": {...}, "areas": [{...}], "agencies": [{...}]} (see reports.selectors.freeze).
    data = models.JSONField(_("số liệu công bố"), default=dict)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("người công bố"))
    published_at = models.DateTimeField(_("thời điểm công bố"), auto_now_add=True)

    class Meta:
        verbose_name = _("số liệu tiến độ đã công bố")
        verbose_name_plural = _("số liệu tiến độ đã công bố")
        ordering = ["-year", "-quarter", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "quarter"], name="snapshot_plan_quarter_once"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="snapshot_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return self.title
