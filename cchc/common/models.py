"""The append-only event log that every service writes: who, in which role and agency, did what, why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a recorded event."""


class Event(models.Model):
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    # Snapshots: the event must still say who and where after a user or agency is renamed.
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=40, blank=True)
    agency_code = models.CharField(_("mã cơ quan"), max_length=64, blank=True)
    verb = models.CharField(_("hành động"), max_length=80, db_index=True)
    subject_type = models.CharField(_("loại đối tượng"), max_length=60)
    subject_id = models.CharField(_("mã đối tượng"), max_length=80)
    reason = models.TextField(_("lý do"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("nhật ký sự kiện")
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name or 'hệ thống'} {self.verb} {self.subject_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Sự kiện đã ghi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Sự kiện đã ghi không được xoá.")

    @property
    def verb_label(self) -> str:
        from cchc.common.verbs import label

        return label(self.verb)


class PeriodicRun(models.Model):
    """One claimed run of a periodic job; the unique pair makes two schedulers enqueue it once."""

    name = models.CharField(_("công việc"), max_length=100)
    slot = models.DateTimeField(_("kỳ chạy"))
    enqueued_at = models.DateTimeField(_("thời điểm đưa vào hàng đợi"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt chạy định kỳ")
        verbose_name_plural = _("lượt chạy định kỳ")
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="periodic_run_once")]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot:%d/%m/%Y %H:%M}"


class CacheStamp(models.Model):
    """A value that changes whenever the tables behind a per-worker cache change (see
    :mod:`cchc.common.stamps`). Written only by database triggers."""

    name = models.CharField(_("bộ nhớ đệm"), max_length=40, unique=True)
    value = models.BigIntegerField(_("dấu phiên bản"))

    class Meta:
        verbose_name = _("dấu phiên bản bộ nhớ đệm")
        verbose_name_plural = _("dấu phiên bản bộ nhớ đệm")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
