"""Progress reports on work items, their evidence, and spreadsheets waiting for confirmation.

Reports are append-only history: each submission is a new row; the work item points at its
latest one. A coordinating agency's report is a *contribution* that the lead consolidates; the
lead's report is what the secretariat accepts or returns.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.plans.models.execution import ProgressStatus, Review, Task, WorkItem


class ProgressReport(models.Model):
    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", _("Báo cáo của cơ quan phối hợp")
        REPORT = "report", _("Báo cáo của cơ quan chủ trì")

    class PercentMode(models.TextChoices):
        MANUAL = "manual", _("Tự nhập")
        DERIVED = "derived", _("Tính từ nhiệm vụ con/các kỳ")

    class Channel(models.TextChoices):
        WEB = "web", _("Trang web")
        API = "api", _("API")
        SHEET = "sheet", _("Tệp Excel")
        SYNTHETIC = "synthetic", _("Dữ liệu tổng hợp")

    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="reports",
                                  verbose_name=_("phần việc"))
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("nhiệm vụ"))
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    kind = models.CharField(_("loại báo cáo"), max_length=14, choices=Kind.choices)
    status = models.CharField(_("tình trạng thực hiện"), max_length=14, choices=ProgressStatus.choices)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    percent_mode = models.CharField(_("cách xác định tiến độ"), max_length=8, choices=PercentMode.choices,
                                    default=PercentMode.MANUAL)
    # What the children/occurrences said when the report was made: kept beside the entered figure.
    percent_derived = models.PositiveSmallIntegerField(_("tiến độ tính được (%)"), null=True, blank=True)
    narrative = models.TextField(_("kết quả thực hiện"), blank=True)
    reason = models.TextField(_("lý do không thực hiện được"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    contributions = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="consolidated_in",
                                           verbose_name=_("đóng góp được tổng hợp"))
    review = models.CharField(_("duyệt"), max_length=14, choices=Review.choices, default=Review.SUBMITTED)
    review_reason = models.TextField(_("lý do trả lại"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("người duyệt"))
    reviewed_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("người báo cáo"))
    submitted_at = models.DateTimeField(_("ngày báo cáo"), db_index=True)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    synthetic = models.BooleanField(_("dữ liệu tổng hợp (thử tải)"), default=False)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["work_item", "submitted_at"]),
            models.Index(fields=["task", "submitted_at"]),
            # The secretariat's list of reports waiting for review.
            models.Index(fields=["submitted_at"], condition=Q(review="submitted", kind="report"),
                         name="progress_report_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.submitted_at:%d/%m/%Y})"


class Evidence(models.Model):
    """A file (type sniffed and allow-listed, SHA-256 kept) or a reference to a document by number and date."""

    class Kind(models.TextChoices):
        FILE = "file", _("Tệp đính kèm")
        REFERENCE = "reference", _("Văn bản (số, ngày)")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence",
                               verbose_name=_("báo cáo"))
    kind = models.CharField(_("loại minh chứng"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to="evidence/", max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    file_type = models.CharField(_("định dạng"), max_length=8, blank=True)
    content_type = models.CharField(_("kiểu nội dung"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True, db_index=True)
    doc_number = models.CharField(_("số, ký hiệu văn bản"), max_length=80, blank=True)
    doc_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    doc_title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("người đính kèm"))
    created_at = models.DateTimeField(_("ngày đính kèm"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        if self.kind == self.Kind.REFERENCE:
            return f"{self.doc_number} ({self.doc_date:%d/%m/%Y})" if self.doc_date else self.doc_number
        return self.original_name


class SheetUpload(models.Model):
    """A progress spreadsheet between its dry run and the person's confirmation. Deleted once applied."""

    token = models.CharField(max_length=40, unique=True)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp tiến độ chờ nhập")
        verbose_name_plural = _("tệp tiến độ chờ nhập")

    def __str__(self) -> str:
        return self.filename
