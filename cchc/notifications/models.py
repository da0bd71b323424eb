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


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    NONE = "none", _("Không có địa chỉ nhận")


class DeliveryStatus(models.TextChoices):
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi, sẽ thử lại")
    GAVE_UP = "gave_up", _("Gửi lỗi, đã thôi thử lại")
    SKIPPED = "skipped", _("Không gửi (không có địa chỉ)")


class DossierMessage(models.Model):
    """One message to a citizen about one dossier event on one channel: the claim and the delivery log.

    The row is inserted (status "sending") BEFORE the message leaves; the unique (event, channel,
    recipient) makes a second worker's insert fail, so the same event never reaches a person twice.
    A failed send is retried by the periodic job, which re-claims the row with a guarded update.
    """

    event = models.ForeignKey("common.Event", on_delete=models.PROTECT, related_name="+", db_constraint=False,
                              verbose_name=_("sự kiện"))
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=80, db_index=True)
    verb = models.CharField(_("sự kiện"), max_length=80)
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("người nhận (địa chỉ, số điện thoại)"), max_length=254, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=8, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.SENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=1)
    claimed_at = models.DateTimeField(_("nhận xử lý lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    provider_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("thông báo gửi công dân")
        verbose_name_plural = _("thông báo gửi công dân")
        ordering = ["-claimed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["event", "channel", "recipient"], name="dossier_message_once")]
        indexes = [models.Index(fields=["status"], condition=Q(status="failed"), name="dossier_message_failed")]

    def __str__(self) -> str:
        return f"{self.dossier_code} {self.verb} {self.channel}:{self.recipient}"


class ReminderKind(models.TextChoices):
    STEP_DUE_SOON = "step_due_soon", _("Bước xử lý sắp đến hạn")
    STEP_OVERDUE = "step_overdue", _("Bước xử lý đã quá hạn")
    APOLOGY = "apology", _("Đề nghị ban hành văn bản xin lỗi, hẹn lại")
    SUPPLEMENT_LAPSE = "supplement_lapse", _("Quá thời hạn bổ sung hồ sơ")


class DossierReminder(models.Model):
    """One reminder to one staff member about one deadline of one dossier (spec §4.6), sent once.

    A deadline is the current step (its code and due instant) or the appointment (its due instant):
    a step that moves on, or an appointment moved by a pause or a re-appointment, is a new deadline.
    """

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+", db_index=False,
                                verbose_name=_("hồ sơ"))
    kind = models.CharField(_("loại nhắc"), max_length=16, choices=ReminderKind.choices)
    step_code = models.CharField(_("bước"), max_length=30, blank=True)
    due_at = models.DateTimeField(_("hạn được nhắc"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("người nhận"))
    run = models.CharField(_("lượt chạy"), max_length=32, blank=True,
                           help_text=_("Lượt chạy đã nhận xử lý dòng này (để biết dòng nào do mình ghi)."))
    claimed_at = models.DateTimeField(_("thời điểm nhận xử lý"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    email_error = models.TextField(_("lỗi gửi thư"), blank=True)

    class Meta:
        verbose_name = _("nhắc hạn hồ sơ đã gửi")
        verbose_name_plural = _("nhắc hạn hồ sơ đã gửi")
        ordering = ["-claimed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["dossier", "kind", "step_code", "due_at", "recipient"],
                                               name="dossier_reminder_once")]
        indexes = [models.Index(fields=["run"], name="dossier_reminder_run")]

    def __str__(self) -> str:
        return f"{self.dossier_id}/{self.kind}/{self.step_code}/{self.recipient_id}"
