"""Pushes received from the national portal, the files they carried, and citizens' VNeID links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundDossier(models.Model):
    """One accepted push of the national portal: the key of idempotency and the audit of what came.

    Only accepted pushes are kept (a refused one writes nothing, so a corrected push under the same
    portal code is accepted later); refusals go to the ``cchc.portal`` log.
    """

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Đã nhận, chờ tiếp nhận")

    portal_code = models.CharField(_("mã hồ sơ trên Cổng DVCQG"), max_length=60, unique=True)
    body_sha256 = models.CharField(_("SHA-256 của nội dung"), max_length=64)
    # Of the JSON with sorted keys and no spaces: tells a repeat (same dossier re-serialised) from a change.
    content_sha256 = models.CharField(_("SHA-256 của nội dung chuẩn hóa"), max_length=64)
    signed_at = models.DateTimeField(_("thời điểm Cổng ký"))
    received_at = models.DateTimeField(_("thời điểm nhận"), db_index=True)
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices, default=Outcome.ACCEPTED)
    # Null only inside the intake transaction (the row is claimed first); every committed row has its dossier.
    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.PROTECT, related_name="portal_inbound",
                                   null=True, verbose_name=_("hồ sơ"))
    # The exact bytes of the acknowledgement (text, not JSON: jsonb would reorder keys), resent to repeats.
    ack = models.TextField(_("phản hồi đã gửi (JSON)"), blank=True)
    # The body as received, without file contents (they are in InboundFile): kept for audits (spec §7.2).
    payload = models.JSONField(_("nội dung (không kèm tệp)"), default=dict)
    repeats = models.PositiveIntegerField(_("số lần Cổng gửi lại"), default=0)
    last_repeat_at = models.DateTimeField(_("lần gửi lại gần nhất"), null=True, blank=True)
    remote_addr = models.CharField(_("địa chỉ gửi"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("hồ sơ nhận từ Cổng DVCQG")
        verbose_name_plural = _("hồ sơ nhận từ Cổng DVCQG")

    def __str__(self) -> str:
        return self.portal_code


class InboundFile(models.Model):
    """A file of an inbound dossier: stored by its SHA-256 under MEDIA_ROOT/portal/, or a link to the portal."""

    inbound = models.ForeignKey(InboundDossier, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey("procedures.Component", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("thành phần hồ sơ"))
    portal_file_id = models.CharField(_("mã tệp trên Cổng"), max_length=100, blank=True)
    name = models.CharField(_("tên tệp"), max_length=255)
    mime = models.CharField(_("loại tệp"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    path = models.CharField(_("nơi lưu (trong MEDIA_ROOT)"), max_length=200, blank=True)
    url = models.URLField(_("đường dẫn trên Cổng"), max_length=1000, blank=True)
    digitised = models.BooleanField(_("được số hóa"), default=False)
    reused = models.BooleanField(_("tái sử dụng"), default=False)
    from_national_store = models.BooleanField(_("lấy từ kho dữ liệu quốc gia"), default=False)

    class Meta:
        verbose_name = _("tệp của hồ sơ từ Cổng DVCQG")
        verbose_name_plural = _("tệp của hồ sơ từ Cổng DVCQG")
        ordering = ["inbound", "id"]

    def __str__(self) -> str:
        return self.name


class VneidLink(models.Model):
    """A citizen account proven by VNeID: the ID number it was proven with and when."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vneid",
                                verbose_name=_("tài khoản"))
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, unique=True)
    subject = models.CharField(_("mã định danh tại VNeID (sub)"), max_length=255, blank=True)
    full_name = models.CharField(_("họ và tên theo VNeID"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại theo VNeID"), max_length=20, blank=True)
    verified_at = models.DateTimeField(_("xác thực lần đầu"))
    last_login_at = models.DateTimeField(_("đăng nhập gần nhất"))

    class Meta:
        verbose_name = _("liên kết VNeID")
        verbose_name_plural = _("liên kết VNeID")

    def __str__(self) -> str:
        return self.id_number
