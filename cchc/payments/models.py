"""Fees due on a dossier, payment requests, e-receipts and the raw messages of the payment platform.

Spec one-stop.md §3.8 (PaymentRequest, PaymentTransaction, receipt fields) and §7.4 (flow). Status
fields are written by cchc.payments.services only, with guarded updates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FeeKind(models.TextChoices):
    PHI = "phi", _("Phí")
    LE_PHI = "le_phi", _("Lệ phí")
    KHAC = "khac", _("Nghĩa vụ tài chính khác")


class FeeLine(models.Model):
    """One amount due on a dossier: copied from the catalogue's Fee row of the case, or added by staff."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="fee_lines",
                                verbose_name=_("hồ sơ"))
    fee = models.ForeignKey("procedures.Fee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                            verbose_name=_("khoản phí trong danh mục"))
    kind = models.CharField(_("loại"), max_length=8, choices=FeeKind.choices)
    code = models.CharField(_("mã phí, lệ phí"), max_length=40, blank=True)
    description = models.CharField(_("nội dung"), max_length=255)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=14, decimal_places=0)
    collect = models.CharField(_("hình thức thu"), max_length=8, default="before",
                               help_text=_("Thu trước (before), thu khi trả kết quả (after)."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("cán bộ thêm"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))

    class Meta:
        verbose_name = _("khoản phí, lệ phí của hồ sơ")
        verbose_name_plural = _("khoản phí, lệ phí của hồ sơ")
        constraints = [
            # A catalogue fee is copied once per dossier (fee_lines_create_for may run twice).
            models.UniqueConstraint(fields=["dossier", "fee"], condition=Q(fee__isnull=False),
                                    name="feeline_once_per_fee"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="feeline_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class PaymentRequest(models.Model):
    """A request to pay the dossier's fee lines (yêu cầu thanh toán), online or at the counter."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Thanh toán không thành công")
        EXPIRED = "expired", _("Hết hạn thanh toán")
        CANCELLED = "cancelled", _("Đã hủy")

    class Method(models.TextChoices):
        ONLINE = "truc-tuyen", _("Trực tuyến (nền tảng thanh toán)")
        CASH = "tien-mat", _("Tiền mặt tại quầy")
        TRANSFER = "chuyen-khoan", _("Chuyển khoản")

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="payment_requests",
                                verbose_name=_("hồ sơ"))
    reference = models.CharField(_("mã tham chiếu"), max_length=40, unique=True,
                                 help_text=_("MaThamChieu gửi nền tảng thanh toán."))
    lines = models.ManyToManyField(FeeLine, related_name="requests", verbose_name=_("các khoản phải nộp"))
    amount = models.DecimalField(_("tổng số tiền (đồng)"), max_digits=14, decimal_places=0)
    amount_phi = models.DecimalField(_("phí"), max_digits=14, decimal_places=0, default=0)
    amount_le_phi = models.DecimalField(_("lệ phí"), max_digits=14, decimal_places=0, default=0)
    method = models.CharField(_("hình thức thanh toán"), max_length=16, choices=Method.choices)
    gateway = models.CharField(_("cổng thanh toán"), max_length=20, blank=True,
                               help_text=_("dvcqg: nền tảng thanh toán của Cổng DVCQG; trống: tại quầy."))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moved_dossier = models.BooleanField(_("đã chuyển hồ sơ sang chờ nộp phí"), default=False)
    note = models.CharField(_("ghi chú"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("người yêu cầu"))
    expires_at = models.DateTimeField(_("hạn thanh toán"))
    redirect_url = models.URLField(_("liên kết thanh toán"), max_length=1000, blank=True)
    gateway_transaction = models.CharField(_("mã giao dịch"), max_length=64, blank=True)
    gateway_error = models.CharField(_("mã lỗi của cổng"), max_length=10, blank=True)
    gateway_message = models.CharField(_("thông báo của cổng"), max_length=500, blank=True)
    bank_code = models.CharField(_("mã ngân hàng giao dịch"), max_length=64, blank=True)
    channel_code = models.CharField(_("mã kênh thanh toán"), max_length=64, blank=True)
    paid_at = models.DateTimeField(_("ngày thanh toán"), null=True, blank=True)
    collector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("người thu"))
    last_checked_at = models.DateTimeField(_("lần đối soát gần nhất"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    close_reason = models.CharField(_("lý do hủy, hết hạn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("yêu cầu thanh toán")
        verbose_name_plural = _("yêu cầu thanh toán")
        constraints = [
            # One platform transaction settles at most one request.
            models.UniqueConstraint(fields=["gateway_transaction"], condition=~Q(gateway_transaction=""),
                                    name="payreq_unique_transaction"),
            # At most one open request per dossier: two links for the same fees invite double payment.
            models.UniqueConstraint(fields=["dossier"], condition=Q(status="pending"), name="payreq_one_pending"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payreq_amount_positive"),
        ]
        indexes = [
            # The reconciliation scan reads pending requests by age.
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="payreq_pending_age"),
        ]

    def __str__(self) -> str:
        return self.reference


class Receipt(models.Model):
    """An electronic fee receipt (biên lai điện tử), issued once per paid request; a frozen copy of what it shows."""

    request = models.OneToOneField(PaymentRequest, on_delete=models.PROTECT, related_name="receipt",
                                   verbose_name=_("yêu cầu thanh toán"))
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="receipts",
                                verbose_name=_("hồ sơ"))
    form_number = models.CharField(_("mẫu số"), max_length=20)
    series = models.CharField(_("ký hiệu"), max_length=20)
    number = models.PositiveIntegerField(_("số biên lai"))
    issued_at = models.DateTimeField(_("ngày lập"))
    method = models.CharField(_("hình thức thanh toán"), max_length=16, choices=PaymentRequest.Method.choices)
    payer_name = models.CharField(_("người nộp"), max_length=255)
    payer_id_number = models.CharField(_("số định danh người nộp"), max_length=20, blank=True)
    payer_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    procedure_name = models.CharField(_("tên phí, lệ phí (thủ tục)"), max_length=500)
    collecting_agency = models.CharField(_("đơn vị thu"), max_length=255)
    lines = models.JSONField(_("các khoản"), default=list)
    amount = models.DecimalField(_("tổng số tiền (đồng)"), max_digits=14, decimal_places=0)
    amount_phi = models.DecimalField(_("phí"), max_digits=14, decimal_places=0, default=0)
    amount_le_phi = models.DecimalField(_("lệ phí"), max_digits=14, decimal_places=0, default=0)
    amount_words = models.CharField(_("số tiền bằng chữ"), max_length=500)
    transaction_code = models.CharField(_("mã giao dịch"), max_length=64, blank=True)
    collector_name = models.CharField(_("người thu"), max_length=255)

    class Meta:
        verbose_name = _("biên lai điện tử")
        verbose_name_plural = _("biên lai điện tử")
        constraints = [models.UniqueConstraint(fields=["series", "number"], name="receipt_unique_number")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.series}-{self.number:07d}"


class ReceiptCounter(models.Model):
    """The last number used in a receipt series; locked while a receipt is numbered."""

    series = models.CharField(_("ký hiệu"), max_length=20, primary_key=True)
    last = models.PositiveIntegerField(_("số cuối đã dùng"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số biên lai")
        verbose_name_plural = _("bộ đếm số biên lai")

    def __str__(self) -> str:
        return f"{self.series}: {self.last}"


class GatewayMessage(models.Model):
    """A raw exchange with the payment platform, kept for audit and reconciliation (spec §7.2)."""

    class Kind(models.TextChoices):
        CREATE = "create", _("Khởi tạo thanh toán")
        CALLBACK = "callback", _("Kết quả gửi về (callback)")
        QUERY = "query", _("Tra cứu trạng thái")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    reference = models.CharField(_("mã tham chiếu"), max_length=40, blank=True, db_index=True)
    at = models.DateTimeField(_("thời điểm"))
    outcome = models.CharField(_("kết quả xử lý"), max_length=40)
    detail = models.CharField(_("chi tiết"), max_length=500, blank=True)
    body = models.TextField(_("nội dung nhận"), blank=True)
    remote_addr = models.CharField(_("địa chỉ gửi"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("thông điệp cổng thanh toán")
        verbose_name_plural = _("thông điệp cổng thanh toán")

    def __str__(self) -> str:
        return f"{self.kind} {self.reference} {self.outcome}"
