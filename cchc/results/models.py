"""Electronic results (signed PDFs) and postal returns of results (spec §3.7, §3.9, §7.3, §7.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.results.postal import STATUS_LABELS, PostalStatus


class ElectronicResult(models.Model):
    """A result document signed by the issuing agency (kết quả điện tử có giá trị pháp lý).

    The signed bytes are kept in the default file storage under ``file``; ``sha256`` is of those bytes
    and is re-checked at every verification, so a file changed at rest is reported. A re-signed result
    supersedes the previous one, which is kept (``superseded_at``) for the record.
    """

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tệp do cán bộ tải lên")
        GENERATED = "generated", _("Tạo từ dữ liệu kết quả của hồ sơ")

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="electronic_results",
                                verbose_name=_("hồ sơ"))
    file = models.FileField(_("tệp PDF đã ký"), upload_to="results/", max_length=300)
    size = models.PositiveIntegerField(_("kích thước (byte)"))
    sha256 = models.CharField(_("SHA-256 của tệp đã ký"), max_length=64, db_index=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    original_sha256 = models.CharField(_("SHA-256 của tệp trước khi ký"), max_length=64)
    title = models.CharField(_("tên giấy tờ kết quả"), max_length=255, blank=True)
    issuing_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("cơ quan ký"))
    signer_subject = models.CharField(_("chủ thể chứng thư ký"), max_length=500)
    signer_name = models.CharField(_("tên trên chứng thư"), max_length=255)
    certificate_fingerprint = models.CharField(_("dấu vân tay SHA-256 của chứng thư"), max_length=64)
    certificate_issuer = models.CharField(_("tổ chức cấp chứng thư"), max_length=500, blank=True)
    signer_backend = models.CharField(_("phương thức ký"), max_length=20)
    signed_at = models.DateTimeField(_("thời điểm ký"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("người thực hiện ký"))
    superseded_at = models.DateTimeField(_("bị thay thế lúc"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("số lần người dân tải về"), default=0)
    first_downloaded_at = models.DateTimeField(_("lần tải về đầu tiên"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả điện tử")
        verbose_name_plural = _("kết quả điện tử")
        ordering = ["dossier", "-signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["dossier"], condition=Q(superseded_at__isnull=True),
                                    name="results_one_current_per_dossier"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.sha256[:12]}"


class PostalReturn(models.Model):
    """A result sent to the applicant by the public postal service (QĐ 45/2016/QĐ-TTg)."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.PROTECT, related_name="postal_return",
                                   verbose_name=_("hồ sơ"))
    recipient_name = models.CharField(_("người nhận"), max_length=255)
    recipient_address = models.CharField(_("địa chỉ nhận"), max_length=500)
    recipient_phone = models.CharField(_("điện thoại người nhận"), max_length=20)
    postal_service = models.CharField(_("đơn vị bưu chính"), max_length=120)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=40)
    fee = models.DecimalField(_("cước (đồng)"), max_digits=12, decimal_places=0, default=0)
    status = models.CharField(_("trạng thái"), max_length=20, choices=[(s.value, STATUS_LABELS[s]) for s in PostalStatus])
    sent_at = models.DateTimeField(_("ngày gửi"))
    delivered_at = models.DateTimeField(_("ngày phát thành công"), null=True, blank=True)
    returned_to_sender_at = models.DateTimeField(_("ngày chuyển hoàn"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("trả kết quả qua bưu chính")
        verbose_name_plural = _("trả kết quả qua bưu chính")
        constraints = [
            models.UniqueConstraint(fields=["postal_service", "tracking_number"], name="results_tracking_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.postal_service} {self.tracking_number}"

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[PostalStatus(self.status)])


class PostalStatusChange(models.Model):
    """One step of a shipment's history (sent, delivered, returned to sender), append-only."""

    postal_return = models.ForeignKey(PostalReturn, on_delete=models.CASCADE, related_name="history",
                                      verbose_name=_("bưu gửi"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=[(s.value, STATUS_LABELS[s]) for s in PostalStatus])
    at = models.DateTimeField(_("thời điểm"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_by_name = models.CharField(_("người ghi nhận"), max_length=150, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"))

    class Meta:
        verbose_name = _("trạng thái bưu gửi")
        verbose_name_plural = _("lịch sử bưu gửi")
        ordering = ["postal_return", "id"]  # the order it happened in (times are entered to the minute)

    def __str__(self) -> str:
        return f"{self.status} {self.at:%d/%m/%Y %H:%M}"
