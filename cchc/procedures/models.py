"""The procedure catalogue (TTHC), versioned: a procedure has draft → published → repealed versions;
each version has cases with their time limit, components, fees and internal process steps.

A dossier keeps the version (and case) in force at intake, so later edits never change it.
Fields follow ../shared/spec/one-stop.md §3.2 and §2.5.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    code = models.CharField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """The identity of a procedure across versions: its national code."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Level(models.TextChoices):
    TINH = "tinh", _("Cấp tỉnh")
    XA = "xa", _("Cấp xã")
    BO = "bo", _("Cấp Bộ")
    KHAC = "khac", _("Cơ quan khác")


class OnlineLevel(models.TextChoices):
    FULL = "toan_trinh", _("Toàn trình")
    PARTIAL = "mot_phan", _("Một phần")
    NONE = "khong", _("Không trực tuyến")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã công bố")
    REPEALED = "repealed", _("Đã bãi bỏ / thay thế")


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions",
                                  verbose_name=_("thủ tục"))
    number = models.PositiveIntegerField(_("phiên bản"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT, db_index=True)
    name = models.TextField(_("tên thủ tục"))
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("lĩnh vực"))
    levels = models.JSONField(_("cấp thực hiện"), default=list)
    procedure_type = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    decision = models.CharField(_("quyết định công bố"), max_length=255, blank=True)
    issuing_agency = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    implementing_agencies = models.JSONField(_("cơ quan thực hiện (như ghi)"), default=list)
    competent_agencies = models.ManyToManyField(
        "org.Agency", blank=True, related_name="competent_for", verbose_name=_("cơ quan có thẩm quyền"))
    intake_agencies = models.ManyToManyField(
        "org.Agency", blank=True, related_name="intake_for", verbose_name=_("nơi tiếp nhận"))
    subjects = models.JSONField(_("đối tượng thực hiện"), default=list)
    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    requirements = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    results = models.JSONField(_("kết quả thực hiện"), default=list)
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list)
    online_level = models.CharField(_("mức độ dịch vụ công trực tuyến"), max_length=12, choices=OnlineLevel.choices,
                                    default=OnlineLevel.NONE)
    eligible_full_online = models.BooleanField(_("đủ điều kiện trực tuyến toàn trình"), default=False)
    has_fees = models.BooleanField(_("có phí, lệ phí"), default=False)
    no_result_document = models.BooleanField(_("không có kết quả bằng văn bản"), default=False)
    at_one_stop = models.BooleanField(_("tiếp nhận tại Bộ phận Một cửa"), default=True)
    interagency = models.BooleanField(_("liên thông"), default=False)
    postal_allowed = models.BooleanField(_("cho phép qua bưu chính"), default=True)
    essential_online_only = models.BooleanField(_("thiết yếu, chỉ nhận trực tuyến"), default=False)
    system_of_record = models.CharField(_("hệ thống giải quyết"), max_length=40, default="PROVINCE")
    description = models.TextField(_("mô tả"), blank=True)
    keywords = models.CharField(_("từ khoá"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False,
                                    help_text=_("Băm nội dung, để lần nhập lại chỉ tạo phiên bản khi nội dung đổi."))
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    repealed_at = models.DateTimeField(
        _("ngày hết hiệu lực"), null=True, blank=True,
        help_text=_("Thời điểm phiên bản bị thay thế hoặc bãi bỏ; hồ sơ nhận trước đó vẫn giữ phiên bản này."))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("sao chép từ phiên bản"))
    # " tinh xa ": the levels as words, so a filter works on SQLite too (no JSON containment there).
    level_index = models.CharField(max_length=60, blank=True, editable=False)
    extra = models.JSONField(_("thông tin khác"), default=dict, blank=True,
                             help_text=_("Các mục khác của bản xuất chi tiết: địa chỉ tiếp nhận, cơ quan phối hợp…"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_unique"),
            # At most one version of a procedure is in force at a time.
            models.UniqueConstraint(fields=["procedure"], condition=models.Q(status="published"),
                                    name="procedure_one_published"),
            # One open draft at a time: edits and re-imports land on it instead of piling up drafts.
            models.UniqueConstraint(fields=["procedure"], condition=models.Q(status="draft"),
                                    name="procedure_one_draft"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Ngày làm việc")
    WORKING_HOURS = "working_hours", _("Giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("Ngày")
    SAME_DAY = "same_day", _("Trong ngày")
    NO_APPOINTMENT = "no_appointment", _("Không hẹn ngày trả")


class ProcedureCase(models.Model):
    """A case (trường hợp) of a procedure version, with its own time limit, components and process."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="cases")
    code = models.CharField(_("mã trường hợp"), max_length=40)
    name = models.CharField(_("tên trường hợp"), max_length=500)
    time_limit = models.DecimalField(_("thời hạn giải quyết"), max_digits=7, decimal_places=2)
    time_limit_online = models.DecimalField(_("thời hạn khi nộp trực tuyến"), max_digits=7, decimal_places=2,
                                            null=True, blank=True)
    time_unit = models.CharField(_("đơn vị thời hạn"), max_length=16, choices=TimeUnit.choices,
                                 default=TimeUnit.WORKING_DAYS)
    same_day_cutoff = models.TimeField(
        _("giờ chốt nhận trong ngày"), null=True, blank=True,
        help_text=_("Đơn vị “trong ngày”: nhận sau giờ này thì trả vào ngày làm việc tiếp theo (để trống: 15:00)."))
    supplement_days = models.PositiveIntegerField(_("thời hạn bổ sung (ngày)"), null=True, blank=True)
    signed_result_required = models.BooleanField(_("bắt buộc ký số kết quả"), default=False)
    pay_before_intake = models.BooleanField(_("nộp phí trước khi tiếp nhận"), default=False)
    payment_pauses_clock = models.BooleanField(_("tạm dừng thời hạn khi chờ nghĩa vụ tài chính"), default=True)
    authorisation_allowed = models.BooleanField(_("cho phép ủy quyền"), default=True)
    online_not_offered = models.BooleanField(_("không nhận trực tuyến"), default=False)
    eform_schema = models.JSONField(_("biểu mẫu điện tử"), default=dict, blank=True)

    class Meta:
        verbose_name = _("trường hợp thủ tục")
        verbose_name_plural = _("trường hợp thủ tục")
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="procedure_case_unique")]

    def __str__(self) -> str:
        return self.name


class Component(models.Model):
    """A document of the dossier (thành phần hồ sơ)."""

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveIntegerField(_("thứ tự"))
    name = models.TextField(_("tên giấy tờ"))
    national_code = models.CharField(_("mã giấy tờ (kho quốc gia)"), max_length=60, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    form_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    form_url = models.URLField(_("đường dẫn mẫu"), max_length=500, blank=True)
    replaceable_by_data = models.BooleanField(_("thay thế được bằng dữ liệu"), default=False)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["case", "order"]

    def __str__(self) -> str:
        return self.name


class Fee(models.Model):
    class Kind(models.TextChoices):
        PHI = "phi", _("Phí")
        LE_PHI = "le_phi", _("Lệ phí")
        KHAC = "khac", _("Nghĩa vụ tài chính khác")

    class Collect(models.TextChoices):
        BEFORE = "before", _("Thu trước")
        AFTER = "after", _("Thu khi trả kết quả")
        FREE = "free", _("Miễn phí")

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    code = models.CharField(_("mã"), max_length=40, blank=True)
    name = models.CharField(_("tên"), max_length=255)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    collect = models.CharField(_("hình thức thu"), max_length=8, choices=Collect.choices, default=Collect.BEFORE)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """A step of a case's internal process (quy trình nội bộ)."""

    class Action(models.TextChoices):
        FORWARD = "forward", _("Chuyển bước tiếp")
        RETURN = "return", _("Trả lại bước trước")
        SUPPLEMENT = "supplement", _("Yêu cầu bổ sung")
        COORDINATE = "coordinate", _("Gửi cơ quan phối hợp")
        SUBMIT = "submit", _("Trình ký")
        SIGN = "sign", _("Ký duyệt")
        ISSUE = "issue", _("Ban hành kết quả")
        REQUEST_PAYMENT = "request_payment", _("Yêu cầu nộp phí")
        STOP = "stop", _("Dừng giải quyết")

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField(_("thứ tự"))
    code = models.CharField(_("mã bước"), max_length=30)
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò thực hiện"), max_length=30)
    place = models.CharField(_("nơi thực hiện"), max_length=12,
                             choices=[("one_stop", _("Bộ phận Một cửa")), ("competent", _("Cơ quan giải quyết")),
                                      ("coordinator", _("Cơ quan phối hợp"))], default="competent")
    agency = models.ForeignKey("org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("cơ quan thực hiện bước"),
                               help_text=_("Để trống: cơ quan giải quyết của hồ sơ (hoặc nơi tiếp nhận)."))
    allotted = models.DecimalField(_("thời gian"), max_digits=7, decimal_places=2)
    allotted_unit = models.CharField(_("đơn vị"), max_length=16, choices=TimeUnit.choices,
                                     default=TimeUnit.WORKING_HOURS)
    actions = models.JSONField(_("thao tác được phép"), default=list)
    successors = models.JSONField(_("bước tiếp theo"), default=list, help_text=_("Danh sách mã bước."))
    signature_required = models.BooleanField(_("bắt buộc ký số"), default=False)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["case", "order"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="process_step_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ImportUpload(models.Model):
    """Files uploaded on the import page, kept between the dry-run preview and the person's "apply"."""

    token = models.CharField(max_length=64, db_index=True)
    filename = models.CharField(_("tên tệp"), max_length=255)
    data = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp nhập chờ áp dụng")
        verbose_name_plural = _("tệp nhập chờ áp dụng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename
