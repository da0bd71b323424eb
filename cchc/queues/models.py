"""The log of who viewed a citizen's personal data (spec §7.11: an immutable trail of every view).

One row per view of a dossier's applicant details (identity number, phone, address, e-mail): who,
when, from which agency, which dossier, on which page and which fields. Rows are only ever inserted.
Foreign keys carry no database constraint: the log outlives accounts and must never block a delete.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.common.models import AppendOnlyError


class PersonalDataView(models.Model):
    at = models.DateTimeField(_("thời điểm"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
                             related_name="+", db_constraint=False, db_index=False, verbose_name=_("người xem"))
    user_name = models.CharField(_("người xem"), max_length=150)
    agency = models.ForeignKey("org.Agency", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
                               db_constraint=False, db_index=False, verbose_name=_("cơ quan người xem"))
    dossier = models.ForeignKey("dossiers.Dossier", null=True, blank=True, on_delete=models.DO_NOTHING,
                                related_name="+", db_constraint=False, db_index=False, verbose_name=_("hồ sơ"))
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=60)
    context = models.CharField(_("nơi xem"), max_length=40,
                               help_text=_("Trang hoặc API đã hiển thị dữ liệu (vd. dossier_detail, counter_search)."))
    fields = models.CharField(_("dữ liệu đã hiển thị"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt xem dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký xem dữ liệu cá nhân")
        indexes = [
            models.Index(fields=["agency", "at"], name="pdview_agency_at"),
            models.Index(fields=["dossier", "at"], name="pdview_dossier_at"),
            models.Index(fields=["user", "at"], name="pdview_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} → {self.dossier_code} ({self.at:%d/%m/%Y %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký xem dữ liệu cá nhân không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký xem dữ liệu cá nhân không được xoá.")
