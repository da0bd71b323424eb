"""Plans imported from decisions: each import of a decision is a version of a plan.

A version keeps what was extracted (header, content areas, key tasks with their lead and
coordinating agencies as written and as resolved). Approving a version makes it the plan's
baseline and turns it into tracked tasks (see ``execution``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), null=True, blank=True, db_index=True)
    owner = models.ForeignKey(
        "org.Agency", verbose_name=_("cơ quan ban hành"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="plans",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    # Set when the secretariat approves a version: deadlines of that version are the baseline
    # against which later changes are shown as variances.
    baseline = models.ForeignKey(
        "PlanVersion", verbose_name=_("phiên bản phê duyệt (mốc cơ sở)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    period_start = models.DateField(_("thời gian thực hiện từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("thời gian thực hiện đến ngày"), null=True, blank=True)
    synthetic = models.BooleanField(_("dữ liệu tổng hợp (thử tải)"), default=False)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> PlanVersion | None:
        return self.versions.order_by("-number").first()


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("kế hoạch"))
    number = models.PositiveIntegerField(_("phiên bản"))
    document_type = models.CharField(_("loại văn bản"), max_length=60, blank=True)
    document_number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True, db_index=True)
    issuer = models.CharField(_("cơ quan ban hành (như ghi)"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    signed_date = models.DateField(_("ngày ký"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("mã băm tệp nguồn"), max_length=64, blank=True)
    extracted = models.JSONField(_("nội dung trích xuất"), default=dict)
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("ngày phê duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người phê duyệt"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản kế hoạch")
        verbose_name_plural = _("phiên bản kế hoạch")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan} (v{self.number})"


class Section(models.Model):
    """A content area of the plan's contents part ("Cải cách thể chế", ...)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("thứ tự"))
    title = models.CharField(_("lĩnh vực"), max_length=500)

    class Meta:
        verbose_name = _("nội dung kế hoạch")
        verbose_name_plural = _("nội dung kế hoạch")
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.title


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    YEARLY = "yearly", _("Hằng năm")
    CONTINUOUS = "continuous", _("Thường xuyên")


class Granularity(models.TextChoices):
    DAY = "day", _("Ngày")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    RECURRING = "recurring", _("Định kỳ")
    UNSPECIFIED = "unspecified", _("Không xác định")


class KeyTask(models.Model):
    """A row of the key-task appendix table."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="key_tasks")
    order = models.PositiveIntegerField(_("thứ tự"))
    no = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    group = models.CharField(_("nhóm"), max_length=500, blank=True)
    content = models.TextField(_("nội dung"))
    product = models.TextField(_("sản phẩm"), blank=True)
    deadline_text = models.CharField(_("thời hạn (như ghi)"), max_length=255, blank=True)
    deadline_date = models.DateField(_("thời hạn"), null=True, blank=True)
    deadline_granularity = models.CharField(_("độ chi tiết thời hạn"), max_length=12, choices=Granularity.choices,
                                            default=Granularity.UNSPECIFIED)
    recurrence = models.CharField(_("lặp lại"), max_length=12, choices=Recurrence.choices, blank=True)
    recurrence_until = models.DateField(_("lặp đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ trọng tâm")
        verbose_name_plural = _("nhiệm vụ trọng tâm")
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return f"{self.no}. {self.content[:60]}"


class TaskAgency(models.Model):
    """An agency named in a task's lead or coordinating cell: as written, and as resolved."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATING = "coordinating", _("Phối hợp")

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="agencies")
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    order = models.PositiveIntegerField(_("thứ tự"))
    text = models.CharField(_("tên như ghi"), max_length=500)
    agency = models.ForeignKey("org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("cơ quan"))
    group = models.ForeignKey("org.AgencyGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("nhóm cơ quan"))

    class Meta:
        verbose_name = _("cơ quan thực hiện")
        verbose_name_plural = _("cơ quan thực hiện")
        ordering = ["task", "role", "order"]

    def __str__(self) -> str:
        return self.text


class PlanUpload(models.Model):
    """A file waiting between its preview and the person's confirmation. Deleted once imported."""

    token = models.CharField(max_length=40, unique=True)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    into = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp chờ nhập")
        verbose_name_plural = _("tệp chờ nhập")

    def __str__(self) -> str:
        return self.filename
