"""Public side of the one-stop shop: the citizen's rating of a returned dossier and the lookup throttle.

The 766 satisfaction metric reads ``Dossier.rating`` (1–5, written once by
:func:`cchc.public.services.rating_submit`); the per-criterion answers and the comment of the
same rating live here, one row per dossier.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.Model):
    """A citizen's rating of one dossier at return (spec §6.5): overall score, criteria, comment."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="public_rating",
                                   verbose_name=_("hồ sơ"))
    score = models.PositiveSmallIntegerField(_("mức độ hài lòng chung (1–5)"))
    criteria = models.JSONField(_("đánh giá theo tiêu chí"), default=dict, blank=True,
                                help_text=_("Mã tiêu chí → 1 không hài lòng, 2 bình thường, 3 hài lòng."))
    comment = models.TextField(_("góp ý"), blank=True, max_length=2000)
    channel = models.CharField(_("kênh đánh giá"), max_length=20)
    at = models.DateTimeField(_("thời điểm đánh giá"))

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"


class LookupThrottle(models.Model):
    """Lookups per client address and fixed one-minute window, shared by every server process.

    ``key`` is ``"<window>:<keyed hash of the address>"`` (the address itself is never stored);
    one upsert per lookup counts it. Rows of past windows are deleted now and then.
    """

    key = models.CharField(max_length=80, unique=True)
    # No index: the table only holds the current and the previous minute, and every index is one more
    # write per lookup.
    window = models.BigIntegerField(_("cửa sổ (phút kể từ 1970)"))
    hits = models.PositiveIntegerField(_("số lượt"), default=0)

    class Meta:
        verbose_name = _("bộ đếm tra cứu")
        verbose_name_plural = _("bộ đếm tra cứu")

    def __str__(self) -> str:
        return self.key
