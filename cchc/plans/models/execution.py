"""Tracked execution of an approved plan: areas, tasks, occurrences, assignments and work items.

- A ``Task`` comes from the approved version (a key task of the appendix, a content item of the
  contents part, a duty of the implementation part) or is added by hand.
- An ``Occurrence`` is one due date of a task: one for an ordinary task, four for a quarterly
  one, twelve for a monthly one. Its ``baseline_due`` is the approved deadline; ``due_date`` is
  the deadline in force; every change is a ``DeadlineChange`` row.
- An ``Assignment`` ties one agency to a task as lead or coordinating; a group named in the plan
  ("UBND cấp huyện") becomes one assignment per member agency as of the plan's date.
- A ``WorkItem`` is one agency's share of one occurrence: the row the queue lists, progress
  reports attach to, and the reminder and dashboard jobs scan. Its due date, status and openness
  are stored (denormalised) so those scans are one indexed table read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.plans.models.plans import Plan, PlanVersion, Recurrence


class Role(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATING = "coordinating", _("Phối hợp")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    NOT_FEASIBLE = "not_feasible", _("Không thực hiện được")


class Review(models.TextChoices):
    NONE = "none", _("Chưa báo cáo")
    SUBMITTED = "submitted", _("Chờ duyệt")
    CONSOLIDATED = "consolidated", _("Đã tổng hợp vào báo cáo chủ trì")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại, yêu cầu bổ sung")
    SUPERSEDED = "superseded", _("Đã thay bằng báo cáo mới hơn")


class Area(models.Model):
    """A content area of a plan ("Cải cách thể chế"): stable across versions, so counts per area
    do not break when an amended decision is approved."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("kế hoạch"))
    order = models.PositiveIntegerField(_("thứ tự"))
    title = models.CharField(_("lĩnh vực"), max_length=500)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    class Source(models.TextChoices):
        KEY_TASK = "key_task", _("Nhiệm vụ trọng tâm (phụ lục)")
        CONTENT = "content", _("Nội dung kế hoạch")
        DUTY = "duty", _("Tổ chức thực hiện")
        MANUAL = "manual", _("Thêm thủ công")

    class State(models.TextChoices):
        ACTIVE = "active", _("Đang theo dõi")
        CANCELLED = "cancelled", _("Đã bãi bỏ")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    version = models.ForeignKey(PlanVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks",
                                verbose_name=_("theo phiên bản"))
    key_task = models.ForeignKey("plans.KeyTask", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("dòng phụ lục"))
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    # Pairs a task with its counterpart in a later approved version (see services.generation).
    source_key = models.CharField(_("khoá đối chiếu"), max_length=80, db_index=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks",
                             verbose_name=_("lĩnh vực"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name=_("nhiệm vụ cha"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    no = models.CharField(_("số thứ tự"), max_length=40, blank=True)
    content = models.TextField(_("nội dung"))
    product = models.TextField(_("sản phẩm"), blank=True)
    deadline_text = models.CharField(_("thời hạn (như ghi)"), max_length=255, blank=True)
    recurrence = models.CharField(_("lặp lại"), max_length=12, choices=Recurrence.choices, blank=True)
    recurrence_until = models.DateField(_("lặp đến ngày"), null=True, blank=True)
    baseline_due = models.DateField(_("hạn theo mốc phê duyệt"), null=True, blank=True)
    due_date = models.DateField(_("hạn hiện hành"), null=True, blank=True)
    unresolved = models.JSONField(
        _("cơ quan chưa giao được"), default=list, blank=True,
        help_text=_("Tên trong văn bản chưa thành phân công: chưa nhận diện, hoặc “... liên quan” chưa chỉ rõ cơ quan."),
    )
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("người tạo"))
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)
    synthetic = models.BooleanField(_("dữ liệu tổng hợp (thử tải)"), default=False)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "order", "pk"]
        indexes = [models.Index(fields=["plan", "state", "order"]), models.Index(fields=["plan", "area"])]

    def __str__(self) -> str:
        return f"{self.no}. {self.content[:60]}" if self.no else self.content[:60]

    @property
    def variance_days(self) -> int | None:
        """Days the deadline in force is after (+) or before (−) the approved baseline."""
        if self.baseline_due is None or self.due_date is None:
            return None
        return (self.due_date - self.baseline_due).days


class Occurrence(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("nhiệm vụ"))
    seq = models.PositiveSmallIntegerField(_("kỳ số"))
    label = models.CharField(_("kỳ"), max_length=40, blank=True)
    period_start = models.DateField(_("kỳ từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("kỳ đến ngày"), null=True, blank=True)
    baseline_due = models.DateField(_("hạn theo mốc phê duyệt"), null=True, blank=True)
    due_date = models.DateField(_("hạn hiện hành"), null=True, blank=True)
    cancelled = models.BooleanField(_("đã bỏ"), default=False)

    class Meta:
        verbose_name = _("kỳ thực hiện")
        verbose_name_plural = _("kỳ thực hiện")
        ordering = ["task", "seq"]
        constraints = [models.UniqueConstraint(fields=["task", "seq"], name="occurrence_task_seq_unique")]

    def __str__(self) -> str:
        return self.label or f"#{self.seq}"

    @property
    def variance_days(self) -> int | None:
        if self.baseline_due is None or self.due_date is None:
            return None
        return (self.due_date - self.baseline_due).days


class DeadlineChange(models.Model):
    """One change of an occurrence's deadline: by hand (with a reason) or by an approved amendment."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Điều chỉnh")
        VERSION = "version", _("Văn bản sửa đổi được phê duyệt")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadline_changes")
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="deadline_changes")
    old_due = models.DateField(_("hạn cũ"), null=True, blank=True)
    new_due = models.DateField(_("hạn mới"), null=True, blank=True)
    baseline_due = models.DateField(_("hạn theo mốc phê duyệt"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    reason = models.TextField(_("lý do"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("người điều chỉnh"))
    changed_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("điều chỉnh thời hạn")
        verbose_name_plural = _("điều chỉnh thời hạn")
        ordering = ["task", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_due} → {self.new_due}"


class Assignment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("nhiệm vụ"))
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="task_assignments",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    via_group = models.ForeignKey("org.AgencyGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("giao qua nhóm"))
    written_as = models.CharField(_("tên như ghi"), max_length=500, blank=True)
    # Removing an agency from a task keeps its row (and its reports); it just stops counting.
    active = models.BooleanField(_("còn hiệu lực"), default=True)
    created_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["task", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["task", "agency"], name="assignment_task_agency_unique")]
        indexes = [models.Index(fields=["agency", "active"])]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class WorkItem(models.Model):
    """One agency's share of one occurrence of a task (see the module docstring)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="work_items")
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="work_items")
    # Denormalised from the assignment and occurrence: the queue and the counts read one table.
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="work_items")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="work_items")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="work_items",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    status = models.CharField(_("tình trạng thực hiện"), max_length=14, choices=ProgressStatus.choices,
                              default=ProgressStatus.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(_("tiến độ báo cáo (%)"), null=True, blank=True)
    review = models.CharField(_("duyệt"), max_length=14, choices=Review.choices, default=Review.NONE)
    # Open = still to be done: not finished, or finished but returned for rework.
    is_open = models.BooleanField(_("còn phải thực hiện"), default=True)
    cancelled = models.BooleanField(_("đã bỏ"), default=False)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    latest_report = models.ForeignKey("plans.ProgressReport", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("báo cáo mới nhất"))
    reported_at = models.DateTimeField(_("báo cáo lần cuối"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    synthetic = models.BooleanField(_("dữ liệu tổng hợp (thử tải)"), default=False)

    class Meta:
        verbose_name = _("phần việc")
        verbose_name_plural = _("phần việc")
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "occurrence"], name="work_item_unique")]
        indexes = [
            # The queue and the periodic scans (reminders, overdue flags) read open rows by due date.
            models.Index(fields=["agency", "due_date"], condition=Q(is_open=True, cancelled=False),
                         name="work_item_open_due"),
            models.Index(fields=["due_date"], condition=Q(is_open=True, cancelled=False), name="work_item_open_all"),
            models.Index(fields=["agency", "plan", "role"]),
            models.Index(fields=["plan", "area", "role"]),
            models.Index(fields=["occurrence", "role"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.occurrence_id}"
