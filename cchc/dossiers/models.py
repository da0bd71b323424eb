"""Dossiers (hồ sơ TTHC), their pauses, supplement requests, re-appointments and the process log.

Every fact the evaluation needs is stored when it happens (spec §3.4, §6.4): channel, intake place
and competent agency, every timestamp, the original and the current appointment, each pause,
each re-appointment, per-step due dates in the log, the electronic result, digitised components,
fees and payment. Status fields are written by the services only (guarded updates); the one
exception is ``cchc generate-dossiers``, which bulk-inserts rows marked ``synthetic``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.common.models import AppendOnlyError
from cchc.dossiers.lifecycle import OPEN_STATES, STATE_LABELS, State

STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
OPEN_STATE_VALUES = sorted(s.value for s in OPEN_STATES)
# Every state: a filter ``state__in=ALL_STATE_VALUES`` changes no result, but lets a query on
# (agency, received_at) use the (agency, state, received_at) indexes of migration 0005.
ALL_STATE_VALUES = sorted(s.value for s in State)


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp tại Bộ phận Một cửa")
    ONLINE = "online_portal", _("Trực tuyến (Cổng Dịch vụ công)")
    POSTAL = "postal", _("Qua dịch vụ bưu chính công ích")
    KIOSK = "kiosk", _("Trực tuyến có hỗ trợ (ki-ốt, cán bộ hướng dẫn)")


class ApplicantType(models.IntegerChoices):
    CITIZEN = 1, _("Công dân")
    BUSINESS = 2, _("Doanh nghiệp")
    STATE = 3, _("Cơ quan nhà nước")
    OTHER = 4, _("Tổ chức khác")


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("Tại Bộ phận Một cửa")
    POSTAL = "postal", _("Qua bưu chính")
    ELECTRONIC = "electronic", _("Trực tuyến (kho dữ liệu điện tử)")


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True)
    other_code = models.CharField(_("mã hồ sơ ở hệ thống khác"), max_length=60, blank=True)
    # The version and case in force at intake; the limit is also copied, so the dossier keeps its rule.
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.PROTECT, related_name="+", db_index=False,
                                  verbose_name=_("thủ tục"))
    version = models.ForeignKey("procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="+", db_index=False,
                                verbose_name=_("phiên bản thủ tục khi tiếp nhận"))
    case = models.ForeignKey("procedures.ProcedureCase", on_delete=models.PROTECT, related_name="+", db_index=False,
                             verbose_name=_("trường hợp"))
    time_limit = models.DecimalField(_("thời hạn giải quyết"), max_digits=7, decimal_places=2)
    time_unit = models.CharField(_("đơn vị thời hạn"), max_length=16)
    channel = models.CharField(_("kênh nộp"), max_length=16, choices=Channel.choices)
    receiving_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", db_index=False,
                                         verbose_name=_("nơi tiếp nhận"))
    competent_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", db_index=False,
                                         verbose_name=_("cơ quan có thẩm quyền giải quyết"))
    current_agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", db_index=False,
                                       verbose_name=_("cơ quan đang giữ hồ sơ"))
    current_step = models.ForeignKey("procedures.ProcessStep", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", db_index=False, verbose_name=_("bước xử lý hiện tại"))
    step_started_at = models.DateTimeField(_("bắt đầu bước hiện tại"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước hiện tại"), null=True, blank=True)

    state = models.CharField(_("trạng thái"), max_length=24, choices=STATE_CHOICES)
    national_status = models.PositiveSmallIntegerField(_("trạng thái quốc gia (1–10)"), null=True, blank=True)
    resume_state = models.CharField(_("trạng thái trở lại sau tạm dừng"), max_length=24, blank=True)

    applicant_type = models.PositiveSmallIntegerField(_("loại đối tượng"), choices=ApplicantType.choices,
                                                      default=ApplicantType.CITIZEN)
    applicant_name = models.CharField(_("chủ hồ sơ"), max_length=255)
    applicant_id_number = models.CharField(_("số giấy tờ tùy thân / mã số"), max_length=20, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_organisation = models.CharField(_("tổ chức"), max_length=255, blank=True)
    representative_name = models.CharField(_("người được ủy quyền"), max_length=255, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", db_index=False, verbose_name=_("tài khoản người nộp"))
    subject = models.TextField(_("trích yếu"), max_length=1000, blank=True)
    components = models.JSONField(_("thành phần hồ sơ đã nộp"), default=list, blank=True)
    has_digitised_components = models.BooleanField(_("có thành phần được số hóa"), default=False)
    vneid_verified = models.BooleanField(_("tài khoản xác thực VNeID"), default=False)

    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("ngày hẹn trả (hiện tại)"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("ngày hẹn trả ban đầu"), null=True, blank=True,
                                           help_text=_("Ngày hẹn in trên giấy tiếp nhận; không bao giờ đổi."))
    statutory_due_at = models.DateTimeField(
        _("hạn theo quy định"), null=True, blank=True,
        help_text=_("Hẹn ban đầu cộng thời gian tạm dừng, không tính hẹn lại: mốc đánh giá đúng hạn."))
    paused_since = models.DateTimeField(_("tạm dừng từ"), null=True, blank=True,
                                        help_text=_("Đầu khoảng tạm dừng đang mở; trống khi đồng hồ chạy."))
    resolved_at = models.DateTimeField(_("ngày có kết quả"), null=True, blank=True)
    returned_at = models.DateTimeField(_("ngày trả kết quả"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc khác (từ chối, rút, dừng)"), null=True, blank=True)
    # T21: handed to the agency's archive (Archives Law 33/2024/QH15), with the archive's reference.
    archived_at = models.DateTimeField(_("ngày đưa vào lưu trữ"), null=True, blank=True)
    archive_reference = models.CharField(_("số, ký hiệu hồ sơ lưu trữ"), max_length=80, blank=True)
    closing_reason = models.TextField(_("lý do từ chối, rút, dừng"), blank=True)

    intake_supplement_count = models.PositiveSmallIntegerField(_("số lần hướng dẫn bổ sung khi tiếp nhận"),
                                                               default=0)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung khi giải quyết"), default=0)
    reappointment_count = models.PositiveSmallIntegerField(_("số lần hẹn lại"), default=0)

    fee_amount = models.DecimalField(_("phí, lệ phí (đồng)"), max_digits=14, decimal_places=0, default=0)
    fee_paid = models.BooleanField(_("đã nộp phí, lệ phí"), default=False)
    fee_paid_at = models.DateTimeField(_("ngày nộp phí"), null=True, blank=True)
    paid_online = models.CharField(_("thanh toán trực tuyến"), max_length=1, blank=True,
                                   help_text=_("1: qua Cổng DVCQG; 2: qua cổng thanh toán của tỉnh; trống: không."))

    result_number = models.CharField(_("số, ký hiệu kết quả"), max_length=100, blank=True)
    result_date = models.DateField(_("ngày ký kết quả"), null=True, blank=True)
    result_electronic = models.BooleanField(_("kết quả điện tử"), default=False)
    result_summary = models.TextField(_("trích yếu kết quả"), blank=True)
    return_method = models.CharField(_("hình thức trả"), max_length=12, choices=ReturnMethod.choices, blank=True)
    recipient_name = models.CharField(_("người nhận kết quả"), max_length=255, blank=True)

    # Satisfaction placeholders: filled by the rating feature of the next issue.
    rating = models.PositiveSmallIntegerField(_("mức độ hài lòng"), null=True, blank=True)
    rating_at = models.DateTimeField(_("ngày đánh giá"), null=True, blank=True)
    rating_channel = models.CharField(_("kênh đánh giá"), max_length=20, blank=True)

    synthetic = models.BooleanField(_("dữ liệu giả lập"), default=False)
    # The process log's chain: number of rows and hash of the last one. Every transition updates
    # them in its guarded UPDATE, so appending never reads the log.
    log_seq = models.PositiveIntegerField(_("số dòng nhật ký"), default=0)
    log_head = models.CharField(_("băm dòng nhật ký cuối"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", db_constraint=False, db_index=False, verbose_name=_("người tạo"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            # Architecture rule 6: the overdue scan reads open dossiers by due date only.
            models.Index(fields=["due_at"], condition=Q(state__in=OPEN_STATE_VALUES), name="dossier_open_due"),
            # Agency and period queries use dossier_recv_state and dossier_comp_state (agency, state,
            # received_at; migration 0005). Every index here is written by every intake.
            models.Index(fields=["current_agency", "state"], name="dossier_current"),
            models.Index(fields=["applicant_id_number"], name="dossier_applicant_id"),
            # The version and case a dossier keeps: lookups when a version is edited or repealed.
            models.Index(fields=["case", "received_at"], name="dossier_case"),
            # The archiving job's scan (T21): returned dossiers not archived yet; intakes never enter it.
            models.Index(fields=["returned_at"], condition=Q(state="result_returned", archived_at__isnull=True),
                         name="dossier_to_archive"),
            # Only dossiers filed from a citizen's account have an owner: counter intakes skip this index.
            models.Index(fields=["owner"], condition=Q(owner__isnull=False), name="dossier_owner"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]


class DossierCounter(models.Model):
    """The last sequence number of dossier codes per receiving unit and day (spec §3.3)."""

    prefix = models.CharField(_("mã định danh đơn vị tiếp nhận"), max_length=40)
    day = models.DateField(_("ngày"))
    last = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [models.UniqueConstraint(fields=["prefix", "day"], name="dossier_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.day:%y%m%d}: {self.last}"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Chờ bổ sung hồ sơ")
    PAYMENT = "payment", _("Chờ thực hiện nghĩa vụ tài chính")


class Pause(models.Model):
    """One interval during which the legal clock stood still (spec §4.5); every one is kept."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("hồ sơ"))
    kind = models.CharField(_("loại"), max_length=12, choices=PauseKind.choices)
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    due_before = models.DateTimeField(_("hẹn trả trước khi tạm dừng"), null=True, blank=True)
    due_after = models.DateTimeField(_("hẹn trả sau khi tiếp tục"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("khoảng tạm dừng")
        verbose_name_plural = _("khoảng tạm dừng")
        ordering = ["dossier", "started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%d/%m/%Y %H:%M}"


class SupplementRequest(models.Model):
    """A request to supplement the dossier, at intake (no pause) or during processing (pauses the clock)."""

    class Stage(models.TextChoices):
        INTAKE = "intake", _("Khi tiếp nhận")
        PROCESSING = "processing", _("Trong quá trình giải quyết")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements",
                                verbose_name=_("hồ sơ"))
    stage = models.CharField(_("giai đoạn"), max_length=12, choices=Stage.choices)
    round_no = models.PositiveSmallIntegerField(_("lần"))
    requested_at = models.DateTimeField(_("ngày yêu cầu"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", db_constraint=False)
    reason = models.TextField(_("lý do, nội dung cần bổ sung"))
    components = models.JSONField(_("giấy tờ cần bổ sung"), default=list, blank=True)
    fulfilled_at = models.DateTimeField(_("ngày nhận bổ sung"), null=True, blank=True)
    # Computed once, when the request is made, from the case's supplement allowance (spec T13, T7).
    lapses_at = models.DateTimeField(_("hết thời hạn bổ sung lúc"), null=True, blank=True,
                                     help_text=_("Trống khi thủ tục không quy định thời hạn bổ sung."))

    class Meta:
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")
        ordering = ["dossier", "requested_at"]
        indexes = [
            # The reminder scan reads requests still waiting whose allowance ran out in a window.
            models.Index(fields=["lapses_at"], condition=Q(fulfilled_at__isnull=True, lapses_at__isnull=False),
                         name="supplement_open_lapse"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} lần {self.round_no}"


class Reappointment(models.Model):
    """An apology and new appointment (T16). The dossier keeps its original due date for statistics."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reappointments",
                                verbose_name=_("hồ sơ"))
    issued_at = models.DateTimeField(_("ngày ban hành"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", db_constraint=False)
    old_due_at = models.DateTimeField(_("hẹn trả cũ"))
    new_due_at = models.DateTimeField(_("hẹn trả mới"))
    reason = models.TextField(_("lý do chậm"))
    document_number = models.CharField(_("số văn bản xin lỗi"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("xin lỗi, hẹn lại")
        verbose_name_plural = _("xin lỗi, hẹn lại")
        ordering = ["dossier", "issued_at"]

    def __str__(self) -> str:
        return f"{self.old_due_at:%d/%m/%Y} → {self.new_due_at:%d/%m/%Y}"


class ProcessLogEntry(models.Model):
    """One row of the electronic control slip (phiếu kiểm soát), append-only and hash-chained.

    ``hash`` is the SHA-256 of the row's canonical serialisation, which includes ``prev_hash``,
    the hash of the previous row of the same dossier (see ``cchc.dossiers.processlog``).
    """

    # Indexed by the unique (dossier, seq) constraint; a second index would only slow the inserts.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="log", db_index=False,
                                verbose_name=_("hồ sơ"))
    seq = models.PositiveIntegerField(_("thứ tự"))
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", db_constraint=False, db_index=False, verbose_name=_("người xử lý"))
    actor_name = models.CharField(_("người xử lý"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=30, blank=True)
    agency_code = models.CharField(_("cơ quan xử lý"), max_length=64, blank=True)
    action = models.CharField(_("thao tác"), max_length=32)
    from_state = models.CharField(_("từ trạng thái"), max_length=24, blank=True)
    to_state = models.CharField(_("đến trạng thái"), max_length=24)
    step_code = models.CharField(_("bước hoàn thành"), max_length=30, blank=True)
    step_started_at = models.DateTimeField(_("bắt đầu bước"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    step_result = models.CharField(_("kết quả bước"), max_length=10, blank=True,
                                   help_text=_("trước hạn / đúng hạn / quá hạn"))
    next_step_code = models.CharField(_("bước tiếp theo"), max_length=30, blank=True)
    next_step_due_at = models.DateTimeField(_("hạn bước tiếp theo"), null=True, blank=True)
    receiver_agency_code = models.CharField(_("cơ quan nhận"), max_length=64, blank=True)
    due_at = models.DateTimeField(_("hẹn trả sau thao tác"), null=True, blank=True)
    note = models.TextField(_("nội dung"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("dòng nhật ký xử lý")
        verbose_name_plural = _("nhật ký xử lý hồ sơ")
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="process_log_seq_unique")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký xử lý đã ghi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký xử lý đã ghi không được xoá.")


class LogDigest(models.Model):
    """A daily digest over every dossier's chain head as of ``cutoff``: a deleted dossier is detectable."""

    cutoff = models.DateTimeField(_("tính đến"), unique=True)
    created_at = models.DateTimeField(_("ngày lập"))
    dossier_count = models.PositiveIntegerField(_("số hồ sơ"))
    row_count = models.PositiveBigIntegerField(_("số dòng nhật ký"))
    heads_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("bản tóm lược nhật ký")
        verbose_name_plural = _("bản tóm lược nhật ký")
        ordering = ["cutoff"]

    def __str__(self) -> str:
        return f"{self.cutoff:%d/%m/%Y %H:%M} ({self.dossier_count})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Bản tóm lược đã lập không được sửa.")
        super().save(*args, **kwargs)
