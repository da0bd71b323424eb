"""Writes of the public side: the citizen's rating of a returned dossier (spec §6.5)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.common.errors import Conflict, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier
from cchc.public import rules
from cchc.public.models import Rating
from cchc.public.selectors import dossier_by_key


def _check(score: Any, criteria: dict[str, Any] | None, comment: str, channel: str) -> dict[str, int]:
    if not isinstance(score, int) or isinstance(score, bool) or score not in rules.SCORES:
        raise ValidationFailed("Mức độ hài lòng phải từ 1 (rất không hài lòng) đến 5 (rất hài lòng).",
                               code="invalid_score")
    out: dict[str, int] = {}
    for key, value in (criteria or {}).items():
        if key not in rules.CRITERIA:
            raise ValidationFailed(f"Không có tiêu chí đánh giá “{str(key)[:40]}”.", code="invalid_criterion",
                                   details={"criterion": str(key)[:40]})
        if value in (None, ""):
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value not in rules.LEVELS:
            raise ValidationFailed(f"Tiêu chí “{rules.CRITERIA[key]}” nhận 1 (không hài lòng), 2 (bình thường) "
                                   "hoặc 3 (hài lòng).", code="invalid_level", details={"criterion": key})
        out[key] = value
    if len(comment) > rules.MAX_COMMENT:
        raise ValidationFailed(f"Góp ý dài quá {rules.MAX_COMMENT} ký tự.", code="comment_too_long")
    if channel not in rules.CHANNELS:
        raise ValidationFailed("Kênh đánh giá không hợp lệ.", code="invalid_channel")
    return out


def rating_submit(*, actor: Any = None, code: str, key: str, score: int, criteria: dict[str, Any] | None = None,
                  comment: str = "", channel: str = "web") -> Rating:
    """Record the holder's one rating of a returned dossier.

    ``key`` is the holder's phone or identity number (a wrong one gets the lookup's not-found
    answer). Refused, with nothing stored: a dossier not yet returned, one already rated (the
    guarded ``UPDATE … WHERE rating IS NULL`` lets exactly one of two concurrent ratings through).
    """
    comment = (comment or "").strip()
    checked = _check(score, criteria, comment, channel)
    if not (key or "").strip():
        raise ValidationFailed("Cần nhập số điện thoại hoặc số giấy tờ của người nộp hồ sơ để đánh giá.",
                               code="key_required")
    dossier, _ = dossier_by_key(code=code, key=key)
    if dossier.state != State.RESULT_RETURNED:
        raise Conflict("Chỉ đánh giá được sau khi hồ sơ đã được trả kết quả.", code="not_returned")
    now = timezone.now()
    with transaction.atomic():
        updated = Dossier.objects.filter(pk=dossier.pk, state=State.RESULT_RETURNED, rating__isnull=True).update(
            rating=score, rating_at=now, rating_channel=channel)
        if updated != 1:
            raise Conflict("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.", code="already_rated")
        rating = Rating.objects.create(dossier=dossier, score=score, criteria=checked, comment=comment,
                                       channel=channel, at=now)
        record_event(actor=actor, verb="public.rating", subject=dossier, role="applicant",
                     data={"score": score, "channel": channel, "criteria": checked,
                           "not_satisfied": score in rules.NOT_SATISFIED})
    dossier.rating, dossier.rating_at, dossier.rating_channel = score, now, channel
    return rating
