"""Writes of the results app: sign and store an electronic result, return it by post or electronically,
record the post's status, count a citizen's download.

The dossier's ``result_electronic`` flag (Decision 766, metric 4.1) is set in one of two ways:

- the dossier is still being processed: signing the e-result *is* the issue of the result, so
  ``dossier_issue_result(..., electronic=True)`` runs (T19, a process-log row, ``dossier.issue_result``);
- the result was already issued (on paper, or electronically before): the flag is set by a guarded
  ``UPDATE … WHERE state IN (result_ready, result_returned)``. This is no transition of the life
  cycle, so it writes no process-log row (the chain records transitions only); the event
  ``results.sign`` records who attached which signed file, when, with which certificate.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cchc.common.errors import Conflict, NotFound, TooLarge, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers.lifecycle import PROCESSING, State
from cchc.dossiers.models import Dossier, ReturnMethod
from cchc.dossiers.services import dossier_issue_result, dossier_return_result
from cchc.results import access
from cchc.results.models import ElectronicResult, PostalReturn, PostalStatusChange
from cchc.results.postal import STATUS_LABELS, PostalStatus, can_move, normalise_tracking
from cchc.results.signing import Signer, SigningFailed, get_signer, setting, trust_roots
from cchc.results.verification import UNTRUSTED, VALID, verify_pdf

ISSUED_STATES = frozenset({State.RESULT_READY.value, State.RESULT_RETURNED.value})
PROCESSING_STATES = frozenset(s.value for s in PROCESSING)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .-]{6,18}[0-9]$")
TRACKING_RE = re.compile(r"^[A-Z0-9-]{4,40}$")
FUTURE_TOLERANCE = timedelta(minutes=5)


def max_bytes() -> int:
    return int(setting("CCHC_RESULTS_MAX_BYTES", DEFAULT_MAX_BYTES) or DEFAULT_MAX_BYTES)


def check_pdf(data: bytes, *, what: str = "Tệp kết quả") -> None:
    """A real, readable, unencrypted PDF within the size limit (the content decides, not the name)."""
    limit = max_bytes()
    if len(data) > limit:
        raise TooLarge(f"{what} lớn hơn giới hạn {limit // (1024 * 1024)} MB.", code="file_too_large",
                       details={"size": len(data), "limit": limit})
    if not data:
        raise ValidationFailed(f"{what} trống.", code="empty_file")
    if not data.startswith(b"%PDF-"):
        raise ValidationFailed(f"{what} không phải là tệp PDF (nội dung không bắt đầu bằng “%PDF-”).",
                               code="not_a_pdf")
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        encrypted = reader.encrypted
        _ = reader.root["/Pages"]
    except Exception:  # noqa: BLE001 - any parse failure is a broken upload
        raise ValidationFailed(f"{what} bị hỏng, không đọc được.", code="invalid_pdf") from None
    if encrypted:
        raise ValidationFailed(f"{what} được đặt mật khẩu; hãy tải lên tệp không mã hoá.", code="encrypted_pdf")


def render_result_pdf(dossier: Dossier, *, title: str = "") -> bytes:
    """The result document generated from the dossier's result data (WeasyPrint, Decree 30 layout)."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from weasyprint import HTML

    from cchc.workdays import TZ

    base = str(getattr(settings, "CCHC_SITE_URL", "") or "").rstrip("/")
    html = render_to_string("results/pdf/result.html", {
        "d": dossier, "title": title or "Kết quả giải quyết thủ tục hành chính",
        "place": getattr(settings, "CCHC_REPORT_PLACE", "Thái Nguyên"),
        "day": (dossier.result_date or timezone.now().astimezone(TZ).date()),
        "verify_url": base + reverse("results:verify", args=[dossier.code]),
    })
    return HTML(string=html).write_pdf()


def _store(dossier: Dossier, data: bytes, sha: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", dossier.code)
    name = f"results/{safe}/{sha}.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    return name


def result_sign(*, actor: Any, dossier: Dossier, pdf: bytes | None = None, filename: str = "",
                generate: bool = False, title: str = "", result_number: str = "", summary: str = "",
                signer: Signer | None = None) -> ElectronicResult:
    """Sign the result PDF (uploaded, or generated from the dossier) with the competent agency's
    certificate, store it, and mark the dossier as having an electronic result.

    While the dossier is in processing, this also issues the result (T19) with ``result_number``;
    once issued, it attaches the e-result (and replaces an earlier one, which is kept as superseded).
    """
    access.authorise_sign(actor, dossier)
    issuing = dossier.state in PROCESSING_STATES
    if dossier.state not in ISSUED_STATES and not issuing:
        raise Conflict(f"Hồ sơ ở trạng thái “{dossier.state_label}” chưa thể ký kết quả điện tử.",
                       code="illegal_state", details={"state": dossier.state})
    if issuing and not (result_number or "").strip():
        raise ValidationFailed("Cần số, ký hiệu của văn bản kết quả để ban hành.", code="result_number_required")
    if bool(pdf) == bool(generate):
        raise ValidationFailed("Hãy tải lên tệp PDF kết quả hoặc chọn tạo từ dữ liệu hồ sơ (chỉ một trong hai).",
                               code="file_or_generate")
    source = ElectronicResult.Source.GENERATED if generate else ElectronicResult.Source.UPLOAD
    if generate:
        shown = copy.copy(dossier)  # the document shows the number being issued; nothing is written yet
        if issuing:
            shown.result_number = result_number.strip()
            shown.result_summary = summary.strip()
            shown.result_date = None
        data = render_result_pdf(shown, title=title)
    else:
        data = bytes(pdf or b"")
        check_pdf(data)
    signer = signer or get_signer()
    try:
        signed = signer.sign(data, dossier.competent_agency)
    except SigningFailed as exc:
        raise Conflict(str(exc), code="signing_failed") from None
    report = verify_pdf(signed, trust_roots())
    last = report.last
    if report.verdict not in (VALID, UNTRUSTED) or last is None:
        # The signer returned something that does not validate: never store it as a legal result.
        raise Conflict("Chữ ký vừa tạo không kiểm tra được; kết quả chưa được lưu.", code="signature_invalid",
                       details={"problems": report.problems})
    sha = hashlib.sha256(signed).hexdigest()
    now = timezone.now()
    name = ""
    try:
        with transaction.atomic():
            if issuing:
                dossier_issue_result(actor=actor, dossier=dossier, result_number=result_number, electronic=True,
                                     summary=summary, note="Ban hành kết quả điện tử có chữ ký số.")
            elif not dossier.result_electronic:
                updated = Dossier.objects.filter(pk=dossier.pk, state__in=ISSUED_STATES).update(
                    result_electronic=True, updated_at=now)
                if updated != 1:
                    raise Conflict(f"Hồ sơ {dossier.code} vừa được người khác xử lý; vui lòng tải lại.",
                                   code="dossier_changed")
                dossier.result_electronic = True
            previous = list(ElectronicResult.objects.filter(dossier=dossier, superseded_at__isnull=True)
                            .values_list("pk", flat=True))
            ElectronicResult.objects.filter(pk__in=previous).update(superseded_at=now)
            name = _store(dossier, signed, sha)
            result = ElectronicResult.objects.create(
                dossier=dossier, file=name, size=len(signed), sha256=sha, source=source,
                original_name=(filename or "")[:255], original_sha256=hashlib.sha256(data).hexdigest(),
                title=(title or "Kết quả giải quyết thủ tục hành chính")[:255],
                issuing_agency=dossier.competent_agency, signer_subject=last.signer[:500],
                signer_name=last.signer_common_name[:255], certificate_fingerprint=last.fingerprint,
                certificate_issuer=last.issuer[:500], signer_backend=signer.backend,
                signed_at=last.signing_time or now, signed_by=actor if getattr(actor, "pk", None) else None,
            )
            record_event(actor=actor, verb="results.sign", subject=("dossiers.dossier", dossier.code), data={
                "sha256": sha, "certificate_sha256": last.fingerprint, "signer": last.signer_common_name,
                "backend": signer.backend, "source": source, "superseded": previous, "issued": issuing,
                "trusted": last.trusted,
            })
    except IntegrityError:
        raise Conflict("Một kết quả điện tử khác vừa được ký cho hồ sơ này; vui lòng tải lại.",
                       code="dossier_changed") from None
    return result


def _clean(value: str, label: str, *, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"Cần nhập {label}.", code="required", details={"field": label})
    if len(value) > limit:
        raise ValidationFailed(f"{label[:1].upper()}{label[1:]} dài quá {limit} ký tự.", code="too_long",
                               details={"field": label})
    return value


def result_return_postal(*, actor: Any, dossier: Dossier, recipient_name: str, recipient_address: str,
                         recipient_phone: str, postal_service: str, tracking_number: str,
                         fee: Decimal | int | str = 0, fee_collected: bool = False, note: str = "") -> PostalReturn:
    """Return the result by post (T20, method "postal") and record the shipment as sent."""
    access.authorise_return(actor, dossier)
    name = _clean(recipient_name, "tên người nhận", limit=255)
    address = _clean(recipient_address, "địa chỉ nhận", limit=500)
    phone = _clean(recipient_phone, "số điện thoại người nhận", limit=20)
    if not PHONE_RE.match(phone):
        raise ValidationFailed("Số điện thoại người nhận không hợp lệ.", code="invalid_phone")
    service = _clean(postal_service, "đơn vị bưu chính", limit=120)
    tracking = normalise_tracking(tracking_number)
    if not TRACKING_RE.match(tracking):
        raise ValidationFailed("Mã vận đơn chỉ gồm chữ, số, dấu gạch ngang (4–40 ký tự).", code="invalid_tracking")
    try:
        fee_value = Decimal(str(fee or 0))
    except InvalidOperation:
        raise ValidationFailed("Cước bưu chính không hợp lệ.", code="invalid_fee") from None
    if fee_value < 0 or fee_value != fee_value.to_integral_value() or fee_value >= Decimal(10) ** 12:
        raise ValidationFailed("Cước bưu chính phải là số đồng không âm.", code="invalid_fee")
    if PostalReturn.objects.filter(postal_service=service, tracking_number=tracking).exists():
        raise Conflict(f"Mã vận đơn {tracking} của {service} đã được dùng cho hồ sơ khác.", code="tracking_in_use")
    now = timezone.now()
    try:
        with transaction.atomic():
            dossier_return_result(actor=actor, dossier=dossier, method=ReturnMethod.POSTAL, recipient_name=name,
                                  fee_collected=fee_collected, note=note or f"Gửi qua {service}, mã vận đơn {tracking}.")
            postal = PostalReturn.objects.create(
                dossier=dossier, recipient_name=name, recipient_address=address, recipient_phone=phone,
                postal_service=service, tracking_number=tracking, fee=fee_value, status=PostalStatus.SENT,
                sent_at=now, created_by=actor if getattr(actor, "pk", None) else None, updated_at=now)
            PostalStatusChange.objects.create(postal_return=postal, status=PostalStatus.SENT, at=now,
                                              tracking_number=tracking, note=(note or "")[:500],
                                              recorded_by=postal.created_by, recorded_by_name=_name(actor),
                                              recorded_at=now)
            record_event(actor=actor, verb="results.postal_sent", subject=("dossiers.dossier", dossier.code),
                         data={"service": service, "tracking": tracking, "fee": str(fee_value)})
    except IntegrityError:
        raise Conflict(f"Mã vận đơn {tracking} vừa được dùng cho hồ sơ khác.", code="tracking_in_use") from None
    return postal


def _name(actor: Any) -> str:
    if actor is None:
        return "hệ thống"
    if hasattr(actor, "display_name"):
        return str(actor.display_name())[:150]
    return str(getattr(actor, "username", ""))[:150]


def postal_status_update(*, actor: Any, postal: PostalReturn, status: str, at: datetime | None = None,
                         note: str = "", tracking_number: str = "") -> PostalReturn:
    """Record the shipment's new status (delivered, returned to sender, re-sent) with its time."""
    dossier = postal.dossier
    access.authorise_return(actor, dossier)
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):
        from cchc.workdays import TZ

        at = at.replace(tzinfo=TZ)
    if at > now + FUTURE_TOLERANCE:
        raise ValidationFailed("Thời điểm cập nhật không được ở tương lai.", code="date_in_future")
    if at < postal.sent_at.replace(second=0, microsecond=0):  # times are entered to the minute
        raise ValidationFailed("Thời điểm cập nhật không được trước ngày gửi.", code="date_before_sent")
    if status not in PostalStatus._value2member_map_:
        raise ValidationFailed("Trạng thái bưu gửi không hợp lệ.", code="invalid_status")
    new = PostalStatus(status)
    if not can_move(postal.status, new):
        raise Conflict(f"Bưu gửi đang “{STATUS_LABELS[PostalStatus(postal.status)]}” không thể chuyển sang "
                       f"“{STATUS_LABELS[new]}”.", code="illegal_postal_status",
                       details={"from": postal.status, "to": new.value})
    fields: dict[str, Any] = {"status": new.value, "updated_at": now}
    tracking = postal.tracking_number
    if new is PostalStatus.DELIVERED:
        fields["delivered_at"] = at
    elif new is PostalStatus.RETURNED_TO_SENDER:
        fields["returned_to_sender_at"] = at
    elif new is PostalStatus.SENT:  # re-sent after a return: maybe a new tracking number
        fields.update(sent_at=at, returned_to_sender_at=None)
        if tracking_number:
            tracking = normalise_tracking(tracking_number)
            if not TRACKING_RE.match(tracking):
                raise ValidationFailed("Mã vận đơn chỉ gồm chữ, số, dấu gạch ngang (4–40 ký tự).",
                                       code="invalid_tracking")
            fields["tracking_number"] = tracking
    try:
        with transaction.atomic():
            updated = PostalReturn.objects.filter(pk=postal.pk, status=postal.status).update(**fields)
            if updated != 1:
                raise Conflict("Bưu gửi vừa được người khác cập nhật; vui lòng tải lại.", code="postal_changed")
            PostalStatusChange.objects.create(
                postal_return=postal, status=new.value, at=at, note=(note or "").strip()[:500], tracking_number=tracking,
                recorded_by=actor if getattr(actor, "pk", None) and hasattr(actor, "_meta") else None,
                recorded_by_name=_name(actor), recorded_at=now)
            record_event(actor=actor, verb="results.postal_status", subject=("dossiers.dossier", dossier.code),
                         reason=(note or "").strip(), data={"from": postal.status, "to": new.value,
                                                            "at": at.isoformat(), "tracking": tracking})
    except IntegrityError:
        raise Conflict(f"Mã vận đơn {tracking} đã được dùng cho bưu gửi khác.", code="tracking_in_use") from None
    for key, value in fields.items():
        setattr(postal, key, value)
    return postal


def result_return_electronic(*, actor: Any, dossier: Dossier, note: str = "") -> Dossier:
    """Return the result electronically (T20, method "electronic"): the holder downloads the signed PDF
    from the lookup page with their phone or ID number. Needs a current electronic result."""
    access.authorise_return(actor, dossier)
    if not ElectronicResult.objects.filter(dossier=dossier, superseded_at__isnull=True).exists():
        raise Conflict("Hồ sơ chưa có kết quả điện tử đã ký số để trả trực tuyến.", code="no_electronic_result")
    return dossier_return_result(actor=actor, dossier=dossier, method=ReturnMethod.ELECTRONIC,
                                 recipient_name=dossier.applicant_name,
                                 note=note or "Trả kết quả điện tử: người dân tải về bản có chữ ký số.")


def normalise_key(value: str) -> str:
    """A holder's key compared as written on the slip: no spaces, dots, dashes; +84 read as 0; upper case."""
    key = re.sub(r"[\s.\-()]", "", value or "").upper()
    if key.startswith("+84"):
        key = "0" + key[3:]
    return key


def key_matches(dossier: Dossier, key: str) -> bool:
    """Whether ``key`` is the dossier's phone or ID number (constant-time; an empty value never matches)."""
    given = normalise_key(key)
    if not given:
        return False
    ok = False
    for stored in (dossier.applicant_phone, dossier.applicant_id_number):
        expected = normalise_key(stored)
        if expected and hmac.compare_digest(given.encode(), expected.encode()):
            ok = True
    return ok


def result_download(*, dossier: Dossier, key: str, client: str = "") -> tuple[ElectronicResult, bytes]:
    """The current signed PDF for its holder (phone or ID number); counts the download.

    A wrong key and a dossier without an e-result answer the same NotFound: the page reveals nothing.
    """
    result = ElectronicResult.objects.filter(dossier=dossier, superseded_at__isnull=True).first()
    if result is None or not key_matches(dossier, key):
        raise NotFound("Không có kết quả điện tử khớp với mã hồ sơ và thông tin đã nhập.", code="no_match")
    with result.file.open("rb") as fh:
        data = fh.read()
    now = timezone.now()
    with transaction.atomic():
        ElectronicResult.objects.filter(pk=result.pk).update(download_count=F("download_count") + 1)
        ElectronicResult.objects.filter(pk=result.pk, first_downloaded_at__isnull=True).update(first_downloaded_at=now)
        record_event(actor=None, verb="results.download", subject=("dossiers.dossier", dossier.code),
                     data={"sha256": result.sha256, "client": client[:64]})
    return result, data
