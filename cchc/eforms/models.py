"""E-form drafts and the component files uploaded with them or scanned onto a dossier."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EformDraft(models.Model):
    """An e-form being filled in, saved server-side at every step so it survives a closed browser.

    After submission it stays as the record of what was declared (``data``) and who submitted it; for an
    assisted submission ``owner`` is the clerk who helped (the assisting actor), the applicant being the
    person named in ``data``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang khai")
        SUBMITTED = "submitted", _("Đã nộp")

    class Mode(models.TextChoices):
        ASSISTED = "assisted", _("Nộp có hỗ trợ (quầy, ki-ốt)")
        CITIZEN = "citizen", _("Công dân tự nộp")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="eform_drafts",
                              verbose_name=_("người khai"))
    case = models.ForeignKey("procedures.ProcedureCase", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("trường hợp thủ tục"))
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40)
    mode = models.CharField(_("hình thức"), max_length=10, choices=Mode.choices, default=Mode.ASSISTED)
    data = models.JSONField(_("nội dung khai"), default=dict, blank=True)
    step = models.CharField(_("bước"), max_length=12, default="fields")
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("hồ sơ đã tạo"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "status", "-updated_at"])]
        verbose_name = _("biểu mẫu điện tử đang khai")
        verbose_name_plural = _("biểu mẫu điện tử đang khai")

    def __str__(self) -> str:
        return f"{self.procedure_code} #{self.pk}"


def _upload_to(instance: ComponentFile, filename: str) -> str:
    # A random name: the original name is kept in the row, never trusted as a path.
    ext = instance.kind if instance.kind != "jpeg" else "jpg"
    return f"eforms/{instance.sha256[:2]}/{uuid.uuid4().hex}.{ext}"


class ComponentFile(models.Model):
    """One uploaded file of a dossier component: on a draft until submission, then on the dossier."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="component_files", verbose_name=_("hồ sơ"))
    draft = models.ForeignKey(EformDraft, on_delete=models.SET_NULL, null=True, blank=True, related_name="files",
                              verbose_name=_("bản khai"))
    component = models.ForeignKey("procedures.Component", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("thành phần hồ sơ"))
    file = models.FileField(_("tệp"), upload_to=_upload_to, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại thật của tệp"), max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    scanned = models.BooleanField(_("bản quét tại quầy"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["component__order", "uploaded_at", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(dossier__isnull=False) | models.Q(draft__isnull=False), name="eforms_file_has_owner")]
        verbose_name = _("tệp thành phần hồ sơ")
        verbose_name_plural = _("tệp thành phần hồ sơ")

    def __str__(self) -> str:
        return self.original_name
