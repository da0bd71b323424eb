"""In-app notifications and the ledger of reminders sent.

``ReminderSent`` is the claim: one row per (work item, rung, recipient) under a unique
constraint. A worker inserts the row before it sends anything; a second worker (or a retry of
the same run) fails the insert and sends nothing, so no reminder ever goes out twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("người nhận"))
    verb = models.CharField(_("loại thông báo"), max_length=40)
    text = models.TextField(_("nội dung"))
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "created_at"]),
                   models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread")]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderSent(models.Model):
    """One reminder rung claimed for one recipient of one work item (an agency's share of an occurrence)."""

    work_item = models.ForeignKey("plans.WorkItem", on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("phần việc"))
    rung = models.CharField(_("mốc nhắc"), max_length=12,
                            help_text=_("d-7, d-3, d-1: số ngày làm việc trước hạn; d0: đúng ngày đến hạn; "
                                        "od1, od2…: tuần quá hạn thứ mấy."))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("người nhận"))
    due_date = models.DateField(_("hạn khi nhắc"))
    claimed_at = models.DateTimeField(_("thời điểm nhận xử lý"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    email_error = models.TextField(_("lỗi gửi thư"), blank=True)

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        ordering = ["-claimed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["work_item", "rung", "recipient"], name="reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.work_item_id}/{self.rung}/{self.recipient_id}"
