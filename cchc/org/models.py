"""Agencies with history: validity periods, reorganisations (merge, split, rename, abolish), groups."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgencyType(models.TextChoices):
    UBND_TINH = "ubnd_tinh", _("UBND tỉnh")
    SO = "so", _("Sở")
    BAN = "ban", _("Ban")
    NGANH = "nganh", _("Ngành (cơ quan thuộc UBND tỉnh)")
    NGANH_DOC = "nganh_doc", _("Cơ quan ngành dọc")
    BAO_CHI = "bao_chi", _("Cơ quan báo chí")
    UBND_HUYEN = "ubnd_huyen", _("UBND cấp huyện")
    UBND_XA = "ubnd_xa", _("UBND cấp xã")
    TTPVHCC = "ttpvhcc", _("Trung tâm Phục vụ hành chính công")
    MOT_CUA = "mot_cua", _("Bộ phận một cửa")
    TRUNG_UONG = "trung_uong", _("Cơ quan Trung ương")
    DANG_DOAN_THE = "dang_doan_the", _("Cơ quan Đảng, HĐND, đoàn thể")
    SU_NGHIEP = "su_nghiep", _("Đơn vị sự nghiệp")
    KHAC = "khac", _("Khác")


class Confidence(models.TextChoices):
    VERIFIED = "V", _("Đã kiểm chứng (văn bản gốc)")
    SECONDARY = "S", _("Nguồn thứ cấp (báo chí)")
    PATTERN = "P", _("Theo mô hình chung cả nước")
    UNVERIFIED = "U", _("Chưa kiểm chứng")


class AgencyQuerySet(models.QuerySet):
    def as_of(self, day: date) -> AgencyQuerySet:
        """Agencies that existed on ``day`` (``valid_to`` is the last day, inclusive)."""
        return self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day)))


class Agency(models.Model):
    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    type = models.CharField(_("loại cơ quan"), max_length=20, choices=AgencyType.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan cấp trên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(
        _("hiệu lực đến ngày"), null=True, blank=True, help_text=_("Ngày cuối cùng cơ quan tồn tại; để trống nếu còn.")
    )
    gso_code = models.CharField(_("mã đơn vị hành chính (TCTK)"), max_length=10, blank=True)
    identifier = models.CharField(
        _("mã định danh điện tử"), max_length=32, blank=True, help_text=_("Theo QCVN 102:2016/BTTTT, nếu có.")
    )
    receives_dossiers = models.BooleanField(_("tiếp nhận hồ sơ TTHC"), default=False)
    illustrative = models.BooleanField(
        _("dữ liệu minh hoạ"), default=False, help_text=_("Dữ kiện chưa được văn bản gốc xác nhận.")
    )
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default="V")
    source = models.TextField(_("nguồn"), blank=True)
    # Accent-folded, lower-case name for accent-insensitive search ("so noi vu").
    search_text = models.TextField(editable=False, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["code"]
        indexes = [models.Index(fields=["valid_from", "valid_to"]), models.Index(fields=["parent", "type"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def exists_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("cơ quan"))
    text = models.CharField(_("tên gọi khác"), max_length=255)
    learned = models.BooleanField(_("học từ ánh xạ"), default=False, help_text=_("Do người dùng ánh xạ khi nhập kế hoạch."))

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [models.UniqueConstraint(fields=["agency", "text"], name="agency_alias_unique")]

    def __str__(self) -> str:
        return self.text


class ReorganisationKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    ABOLISH = "abolish", _("Giải thể, chấm dứt")
    ESTABLISH = "establish", _("Thành lập")


class Reorganisation(models.Model):
    kind = models.CharField(_("loại sắp xếp"), max_length=12, choices=ReorganisationKind.choices)
    effective_date = models.DateField(_("ngày có hiệu lực"), db_index=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices, default="V")
    predecessors = models.ManyToManyField(
        Agency, related_name="reorganisations_out", verbose_name=_("cơ quan trước sắp xếp"), blank=True
    )
    successors = models.ManyToManyField(
        Agency, related_name="reorganisations_in", verbose_name=_("cơ quan sau sắp xếp"), blank=True
    )

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")
        ordering = ["effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class AgencyGroup(models.Model):
    """A collective noun of plans ("các Sở, Ban, ngành"): the agencies of some types under the home province."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=255)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    member_types = models.JSONField(_("loại cơ quan thành viên"), default=list)
    member_codes = models.JSONField(
        _("mã cơ quan thành viên thêm"), default=list, blank=True,
        help_text=_("Cơ quan thuộc nhóm dù không cùng loại, ví dụ các cơ quan báo chí trực thuộc Tỉnh ủy."),
    )

    class Meta:
        verbose_name = _("nhóm cơ quan")
        verbose_name_plural = _("nhóm cơ quan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
