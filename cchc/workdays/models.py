"""The editable calendar layered over the ``holidays`` library: extra days off, make-up working days,
and each unit's working sessions. Shipped with every official schedule by a data migration."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255)
    source = models.TextField(_("căn cứ"), blank=True)
    confidence = models.CharField(_("độ tin cậy"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("chỉ áp dụng cho cơ quan"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="calendar_overrides", help_text=_("Để trống: áp dụng toàn quốc."),
    )
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date"], condition=models.Q(agency__isnull=True), name="override_national_once"),
            models.UniqueConstraint(fields=["date", "agency"], name="override_agency_once"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}: {self.name}"

    def as_row(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "name": self.name, "source": self.source,
                "confidence": self.confidence, "scope": self.agency.code if self.agency_id else None}


class WorkingSchedule(models.Model):
    """Working sessions of a unit (default 07:30–11:30, 13:30–17:00) and its same-day cut-off."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="working_schedule",
                                  verbose_name=_("cơ quan"))
    sessions = models.JSONField(_("các buổi làm việc"), default=list,
                                help_text=_('Ví dụ [["07:30", "11:30"], ["13:30", "17:00"]]'))
    saturday_intake = models.BooleanField(_("tiếp nhận hồ sơ sáng thứ Bảy"), default=False)
    same_day_cutoff = models.CharField(_("giờ chốt trong ngày"), max_length=5, default="15:00")
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")

    def __str__(self) -> str:
        return str(self.agency)
