"""Writes of the payments app: fee lines, payment requests, the platform's callback, cash at the counter,
e-receipts and reconciliation. Every status change is a guarded UPDATE; the dossier moves only through
cchc.dossiers.services (T14 request, T15 confirm) inside the same transaction as the payment row.

Decisions (docs/payment-gateway.md): a request on a dossier being processed also moves it to
AWAITING_PAYMENT (T14) in one transaction; a request on a dossier already awaiting payment (T14 done
from the dossier page, or an earlier request that failed, expired or was cancelled) moves nothing.
A dossier has at most one pending request. HTTP calls to the platform happen outside any transaction.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cchc.common.errors import Conflict, DomainError, NotFound, PermissionDenied, TooLarge, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers import access, lifecycle
from cchc.dossiers.access import SystemActor
from cchc.dossiers.lifecycle import Action, Side, State
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import dossier_confirm_payment, dossier_request_payment
from cchc.payments import gateway, rules
from cchc.payments.conf import conf
from cchc.payments.models import FeeKind, FeeLine, GatewayMessage, PaymentRequest, Receipt, ReceiptCounter

log = logging.getLogger("cchc.payments")

# The national payment platform acting on a dossier after a VERIFIED callback or status query.
GATEWAY = SystemActor(name="thanhtoan", label="Nền tảng thanh toán trực tuyến",
                      actions=frozenset({Action.CONFIRM_PAYMENT}))

Status = PaymentRequest.Status
Method = PaymentRequest.Method
MAX_CALLBACK_BYTES = 64 * 1024
# Roles that handle a dossier's fees: intake, processing, return (spec §7.4: collected at intake or result).
STAFF_ROLES = frozenset({lifecycle.RECEPTION, lifecycle.SPECIALIST, lifecycle.DIVISION_HEAD, lifecycle.SIGNER,
                         lifecycle.RETURN})
SETTLEABLE = (Status.PENDING, Status.FAILED, Status.EXPIRED)  # money that arrives late is still money


class BadRequest(DomainError):
    """The callback body is not JSON at all."""

    status = 400
    default_code = "bad_request"


class SignatureInvalid(DomainError):
    """The callback's signature is missing or wrong: the sender is not the platform (or the body changed)."""

    status = 401
    default_code = "invalid_signature"


def _now() -> datetime:
    return timezone.now()


def _authorise_staff(actor: Any, dossier: Dossier, what: str) -> str:
    """Staff of the receiving or competent agency with a one-stop role (or an administrator); returns the role."""
    roles = access.roles_of(actor)
    if not roles:
        raise PermissionDenied("Cần đăng nhập bằng tài khoản cán bộ.", code="not_authenticated")
    if lifecycle.ADMIN in roles:
        return lifecycle.ADMIN
    held = roles & STAFF_ROLES
    if not held:
        raise PermissionDenied(f"{what}: cần vai trò tiếp nhận, chuyên viên, lãnh đạo phòng hoặc trả kết quả.",
                               code="role_required")
    if not access.side_ok(Side.RECEIVING_OR_COMPETENT, actor, dossier):
        raise PermissionDenied(f"Hồ sơ {dossier.code} không thuộc cơ quan của bạn.", code="not_your_agency")
    return sorted(held)[0]


def _int_amount(value: Any, what: str = "Số tiền") -> Decimal:
    try:
        amount = Decimal(value)
    except Exception:  # noqa: BLE001 - any unparsable value is the same user error
        raise ValidationFailed(f"{what} không hợp lệ.", code="invalid_amount") from None
    if not amount.is_finite() or amount != amount.to_integral_value() or not 0 < amount <= 10**12:
        raise ValidationFailed(f"{what} phải là số nguyên dương (đồng), tối đa 1.000 tỷ.", code="invalid_amount")
    return amount


def _subject(req: PaymentRequest) -> tuple[str, str]:
    return ("payments.paymentrequest", req.reference)


# --- fee lines ---------------------------------------------------------------------------------

def _copy_catalogue_fees(dossier: Dossier, at: datetime) -> list[FeeLine]:
    from cchc.procedures.models import Fee

    have = set(FeeLine.objects.filter(dossier=dossier, fee__isnull=False).values_list("fee_id", flat=True))
    new = [FeeLine(dossier=dossier, fee=f, kind=f.kind if f.kind in FeeKind.values else FeeKind.KHAC,
                   code=f.code, description=f.name[:255], amount=f.amount, collect=f.collect, created_at=at)
           for f in Fee.objects.filter(case_id=dossier.case_id).order_by("id")
           # Exempt fees and fees "theo quy định" with no fixed amount are not copied: staff add those.
           if f.pk not in have and f.collect != Fee.Collect.FREE and f.amount and f.amount > 0]
    FeeLine.objects.bulk_create(new)
    return new


def fee_lines_create_for(*, actor: Any, dossier: Dossier) -> list[FeeLine]:
    """Copy the case's catalogue fees (procedures.Fee) onto the dossier as lines due; idempotent.

    ``actor=None`` is the system (e.g. an intake hook). Returns every line of the dossier.
    """
    role = _authorise_staff(actor, dossier, "Lập danh sách phí, lệ phí") if actor is not None else ""
    at = _now()
    try:
        with transaction.atomic():
            new = _copy_catalogue_fees(dossier, at)
            if new:
                record_event(actor=actor, verb="payment.fee_lines", subject=dossier, role=role,
                             data={"lines": [{"fee": ln.fee_id, "amount": int(ln.amount)} for ln in new]})
    except IntegrityError:
        raise Conflict("Danh sách phí của hồ sơ vừa được người khác lập; tải lại trang.",
                       code="fee_lines_changed") from None
    return list(FeeLine.objects.filter(dossier=dossier).order_by("id"))


def fee_line_add(*, actor: Any, dossier: Dossier, description: str, amount: Decimal | int, kind: str = FeeKind.PHI,
                 note: str = "") -> FeeLine:
    """A staff member adds an amount due that the catalogue does not fix (e.g. a fee by page count)."""
    role = _authorise_staff(actor, dossier, "Thêm khoản phí")
    description = (description or "").strip()
    if not description or len(description) > 255:
        raise ValidationFailed("Nội dung khoản phí bắt buộc, tối đa 255 ký tự.", code="invalid_description")
    if kind not in FeeKind.values:
        raise ValidationFailed("Loại khoản thu: phí, lệ phí hoặc nghĩa vụ tài chính khác.", code="invalid_kind")
    amount = _int_amount(amount)
    if State(dossier.state) in lifecycle.TERMINAL_STATES:
        raise Conflict(f"Hồ sơ ở trạng thái “{dossier.state_label}”, không thêm khoản phí.", code="dossier_closed")
    with transaction.atomic():
        line = FeeLine.objects.create(dossier=dossier, kind=kind, description=description, amount=amount,
                                      added_by=actor, note=(note or "")[:500], created_at=_now())
        record_event(actor=actor, verb="payment.fee_line_add", subject=dossier, role=role,
                     data={"line": line.pk, "amount": int(amount), "kind": kind, "description": description})
    return line


def _unpaid_lines(dossier: Dossier) -> list[FeeLine]:
    """Lines not yet in a pending or paid request."""
    taken = PaymentRequest.lines.through.objects.filter(
        paymentrequest__dossier=dossier, paymentrequest__status__in=[Status.PENDING, Status.PAID]
    ).values("feeline_id")
    return list(FeeLine.objects.filter(dossier=dossier).exclude(pk__in=taken).order_by("id"))


# --- payment requests --------------------------------------------------------------------------

def _reference(at: datetime) -> str:
    return f"TT{at.astimezone(rules.TZ):%y%m%d}{secrets.token_hex(5).upper()}"


def _new_request(*, actor: Any, dossier: Dossier, method: str, note: str, line_ids: list[int] | None,
                 at: datetime, moves: bool, before_only: bool = False) -> PaymentRequest:
    """Create the request from the unpaid lines (inside the caller's transaction)."""
    if PaymentRequest.objects.filter(dossier=dossier, status=Status.PENDING).exists():
        ref = PaymentRequest.objects.filter(dossier=dossier, status=Status.PENDING).values_list("reference", flat=True)[0]
        raise Conflict(f"Hồ sơ đã có yêu cầu thanh toán đang chờ ({ref}); hủy yêu cầu đó trước khi tạo yêu cầu mới.",
                       code="payment_pending", details={"reference": ref})
    if not FeeLine.objects.filter(dossier=dossier).exists():
        _copy_catalogue_fees(dossier, at)
    lines = _unpaid_lines(dossier)
    if before_only:  # at intake only what is collected before processing (Thu trước)
        lines = [ln for ln in lines if ln.collect == "before"]
    if line_ids is not None:
        wanted = set(line_ids)
        chosen = [ln for ln in lines if ln.pk in wanted]
        if len(chosen) != len(wanted):
            raise ValidationFailed("Có khoản phí không thuộc hồ sơ này hoặc đã nằm trong yêu cầu thanh toán khác.",
                                   code="bad_fee_lines", details={"unpaid": [ln.pk for ln in lines]})
        lines = chosen
    if not lines:
        raise ValidationFailed("Hồ sơ không có khoản phí, lệ phí nào chưa nộp. Thêm khoản phí trước.",
                               code="no_fee_lines")
    amount = sum((ln.amount for ln in lines), Decimal(0))
    phi = sum((ln.amount for ln in lines if ln.kind == FeeKind.PHI), Decimal(0))
    le_phi = sum((ln.amount for ln in lines if ln.kind == FeeKind.LE_PHI), Decimal(0))
    req = PaymentRequest.objects.create(
        dossier=dossier, reference=_reference(at), amount=amount, amount_phi=phi, amount_le_phi=le_phi,
        method=method, gateway="dvcqg" if method == Method.ONLINE else "", status=Status.PENDING, moved_dossier=moves,
        note=(note or "")[:2000], created_at=at, created_by=actor if getattr(actor, "_meta", None) else None,
        expires_at=at + timedelta(minutes=conf().expiry_minutes))
    req.lines.set(lines)
    return req


def payment_request_create(*, actor: Any, dossier: Dossier, method: str = Method.ONLINE, note: str = "",
                           line_ids: list[int] | None = None) -> PaymentRequest:
    """Ask for the dossier's unpaid fee lines to be paid.

    A dossier being processed moves to AWAITING_PAYMENT (T14, ``dossier_request_payment``) in the same
    transaction; a dossier already awaiting payment gets a new request without moving. The catalogue fees
    are copied first if the dossier has no lines. For ``method="truc-tuyen"`` call
    :func:`payment_online_start` afterwards (outside the transaction) to get the payment link.
    """
    if method not in Method.values:
        raise ValidationFailed("Hình thức thanh toán: truc-tuyen, tien-mat hoặc chuyen-khoan.", code="invalid_method")
    if method == Method.ONLINE and not conf().online_enabled:
        raise Conflict("Chưa cấu hình nền tảng thanh toán trực tuyến; chọn thu tại quầy.",
                       code="gateway_not_configured")
    state = State(dossier.state)
    moves = state in lifecycle.PROCESSING
    if moves:
        role = access.authorise(actor, lifecycle.transition_for(Action.REQUEST_PAYMENT, state), dossier)
    elif state is State.AWAITING_PAYMENT:
        role = _authorise_staff(actor, dossier, "Tạo yêu cầu thanh toán")
    else:
        raise Conflict(f"Không thể yêu cầu thanh toán khi hồ sơ ở trạng thái “{state.label}”.",
                       code="payment_not_allowed", details={"state": state.value})
    at = _now()
    try:
        with transaction.atomic():
            req = _new_request(actor=actor, dossier=dossier, method=method, note=note, line_ids=line_ids, at=at,
                               moves=moves)
            if moves:
                dossier_request_payment(actor=actor, dossier=dossier, amount=req.amount,
                                        note=note or f"Yêu cầu thanh toán {req.reference}")
            record_event(actor=actor, verb="payment.request", subject=_subject(req), role=role, data={
                "dossier": dossier.code, "amount": int(req.amount), "method": method, "moved_dossier": moves,
                "lines": list(req.lines.values_list("pk", flat=True))})
    except IntegrityError:
        raise Conflict("Hồ sơ vừa có yêu cầu thanh toán khác; tải lại trang.", code="payment_pending") from None
    return req


def _gateway_log(kind: str, reference: str, outcome: str, detail: str = "", body: bytes | str = b"",
                 remote_addr: str = "") -> None:
    """Keep the exchange (own autocommit write: a rejection still leaves its trace)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    GatewayMessage.objects.create(kind=kind, reference=reference[:40], at=_now(), outcome=outcome[:40],
                                  detail=detail[:500], body=text.replace("\x00", "")[:MAX_CALLBACK_BYTES],
                                  remote_addr=remote_addr[:64])


def _create_payload(req: PaymentRequest) -> dict[str, Any]:
    cfg = conf()
    d = Dossier.objects.select_related("procedure", "version", "competent_agency").get(pk=req.dossier_id)
    site = cfg.site_url
    return {
        "MaThamChieu": req.reference, "MaHoSo": d.code, "SoTien": int(req.amount),
        "MaDinhDanhDV": cfg.agency_code, "TenDonVi": d.competent_agency.name,
        "TaiKhoanThuHuong": cfg.beneficiary_account, "TenTaiKhoanThuHuong": cfg.beneficiary_name,
        "MaNganHangThuHuong": cfg.beneficiary_bank, "MaTTHC": d.procedure.code, "TenTTHC": d.version.name[:500],
        "DanhSachLePhi": [{"TenPhiLePhi": ln.description, "MaPhiLePhi": ln.code, "HinhThucThu": ln.collect,
                           "Gia": int(ln.amount), "LoaiPhiLePhi": ln.kind} for ln in req.lines.order_by("id")],
        "NguoiNop": {"HoTen": d.applicant_name, "SoDinhDanh": d.applicant_id_number,
                     "DiaChi": d.applicant_address},
        "ThoiGianTao": rules.stamp(req.created_at), "ThoiHan": rules.stamp(req.expires_at),
        "UrlCallback": f"{site}/api/v1/payments/callback" if site else "/api/v1/payments/callback",
        "UrlQuayLai": f"{site}/public/" if site else "",
    }


def payment_online_start(*, actor: Any, request: PaymentRequest) -> PaymentRequest:
    """Register a pending online request with the platform and store the link the citizen pays at.

    Runs the HTTP call outside any transaction. A timeout or an unreachable platform leaves the request
    pending (reconciliation asks about it later; staff may try again); a refusal marks it failed.
    """
    dossier = Dossier.objects.select_related("receiving_agency", "competent_agency", "current_step").get(
        pk=request.dossier_id)
    if actor is not GATEWAY:
        _authorise_staff(actor, dossier, "Tạo liên kết thanh toán")
    if request.method != Method.ONLINE or request.status != Status.PENDING:
        raise Conflict("Chỉ tạo liên kết cho yêu cầu thanh toán trực tuyến đang chờ.", code="not_online_pending")
    cfg = conf()
    if not cfg.online_enabled:
        raise Conflict("Chưa cấu hình nền tảng thanh toán trực tuyến.", code="gateway_not_configured")
    payload = _create_payload(request)
    try:
        result = gateway.create_payment(cfg, payload)
    except gateway.GatewayError as exc:
        log.warning("payment create %s: %s (%s)", request.reference, exc, exc.kind)
        _gateway_log(GatewayMessage.Kind.CREATE, request.reference, exc.kind, str(exc))
        PaymentRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
            gateway_message=f"Chưa tạo được liên kết thanh toán: {exc}"[:500])
        request.refresh_from_db()
        return request
    _gateway_log(GatewayMessage.Kind.CREATE, request.reference, "ok" if result.ok else "refused",
                 f"{result.error_code} {result.message}")
    with transaction.atomic():
        if result.ok:
            PaymentRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
                redirect_url=result.redirect_url, gateway_error=result.error_code, gateway_message=result.message)
            record_event(actor=actor, verb="payment.link", subject=_subject(request), data={"url": result.redirect_url})
        else:
            PaymentRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
                status=Status.FAILED, gateway_error=result.error_code, closed_at=_now(),
                gateway_message=result.message or "Nền tảng thanh toán từ chối khởi tạo giao dịch.")
            record_event(actor=actor, verb="payment.failed", subject=_subject(request),
                         data={"error_code": result.error_code, "message": result.message, "at": "create"})
    request.refresh_from_db()
    return request


def payment_request_cancel(*, actor: Any, request: PaymentRequest, reason: str) -> PaymentRequest:
    """Cancel a pending request (wrong amount, paying another way). The dossier does not move."""
    dossier = Dossier.objects.select_related("current_step").get(pk=request.dossier_id)
    role = _authorise_staff(actor, dossier, "Hủy yêu cầu thanh toán")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Cần nêu lý do hủy yêu cầu thanh toán.", code="reason_required")
    with transaction.atomic():
        n = PaymentRequest.objects.filter(pk=request.pk, status=Status.PENDING).update(
            status=Status.CANCELLED, closed_at=_now(), close_reason=reason[:500])
        if n == 0:
            raise Conflict(f"Yêu cầu {request.reference} không còn ở trạng thái chờ thanh toán.",
                           code="not_pending")
        record_event(actor=actor, verb="payment.cancel", subject=_subject(request), role=role, reason=reason)
    request.refresh_from_db()
    return request


# --- settlement: paid, receipt, dossier confirmed ----------------------------------------------

def _next_number(series: str) -> int:
    counter = ReceiptCounter.objects.select_for_update().filter(series=series).first()
    if counter is None:
        try:
            with transaction.atomic():
                ReceiptCounter.objects.create(series=series, last=0)
        except IntegrityError:
            pass  # created by a concurrent receipt; lock it below
        counter = ReceiptCounter.objects.select_for_update().get(series=series)
    counter.last += 1
    ReceiptCounter.objects.filter(series=series).update(last=counter.last)
    return counter.last


def _issue_receipt(req: PaymentRequest, dossier: Dossier, *, at: datetime, collector_name: str) -> Receipt:
    cfg = conf()
    series = f"{cfg.receipt_series}-{at.astimezone(rules.TZ):%y}E"
    lines = [{"description": ln.description, "kind": ln.kind, "code": ln.code, "amount": int(ln.amount)}
             for ln in req.lines.order_by("id")]
    return Receipt.objects.create(
        request=req, dossier=dossier, form_number=cfg.receipt_form, series=series, number=_next_number(series),
        issued_at=at, method=req.method, payer_name=dossier.applicant_organisation or dossier.applicant_name,
        payer_id_number=dossier.applicant_id_number, payer_address=dossier.applicant_address,
        procedure_name=dossier.version.name[:500], collecting_agency=dossier.competent_agency.name, lines=lines,
        amount=req.amount, amount_phi=req.amount_phi, amount_le_phi=req.amount_le_phi,
        amount_words=rules.amount_in_words(int(req.amount)), transaction_code=req.gateway_transaction,
        collector_name=collector_name[:255])


@dataclass(frozen=True)
class Settlement:
    outcome: str  # "paid" | "duplicate" | "failed"
    request: PaymentRequest
    receipt: Receipt | None
    dossier_moved: bool = False


def _settle(req: PaymentRequest, *, actor: Any, transaction_code: str, paid_at: datetime, method: str,
            bank: str = "", channel: str = "", collector: Any = None, paid_online: str = "") -> Settlement:
    """Mark paid (guarded), issue the receipt, confirm on the dossier (T15): all or nothing."""
    try:
        with transaction.atomic():
            n = PaymentRequest.objects.filter(pk=req.pk, status__in=SETTLEABLE).update(
                status=Status.PAID, paid_at=paid_at, gateway_transaction=transaction_code, bank_code=bank,
                channel_code=channel, method=method, collector=collector, closed_at=None,
                gateway_error=rules.SUCCESS if transaction_code else "")
            if n == 0:
                current = PaymentRequest.objects.get(pk=req.pk)
                if current.status == Status.PAID and transaction_code and current.gateway_transaction == transaction_code:
                    return Settlement("duplicate", current, Receipt.objects.filter(request=current).first())
                if current.status == Status.PAID:
                    raise Conflict(f"Yêu cầu {req.reference} đã được thanh toán bằng giao dịch khác "
                                   f"({current.gateway_transaction or 'tại quầy'}); cần xem xét hoàn phí.",
                                   code="already_paid")
                raise Conflict(f"Yêu cầu thanh toán {req.reference} đã bị hủy; không ghi nhận thanh toán.",
                               code="request_cancelled")
            req = PaymentRequest.objects.get(pk=req.pk)
            dossier = Dossier.objects.select_related(
                "version", "procedure", "case", "receiving_agency", "competent_agency", "current_agency",
                "current_step", "current_step__agency").get(pk=req.dossier_id)
            collector_name = collector.display_name() if collector is not None else GATEWAY.label
            receipt = _issue_receipt(req, dossier, at=_now(), collector_name=collector_name)
            moved = dossier.state == State.AWAITING_PAYMENT
            if moved:
                dossier_confirm_payment(actor=actor, dossier=dossier, paid_online=paid_online,
                                        note=f"Đã nộp {int(req.amount):,} đồng, biên lai {receipt.label}".replace(",", "."))
            record_event(actor=actor, verb="payment.paid", subject=_subject(req), data={
                "dossier": dossier.code, "amount": int(req.amount), "method": method,
                "transaction": transaction_code, "receipt": receipt.label, "dossier_moved": moved})
    except IntegrityError:
        raise Conflict(f"Mã giao dịch {transaction_code} đã được dùng cho yêu cầu thanh toán khác.",
                       code="transaction_reused") from None
    return Settlement("paid", req, receipt, moved)


def _mark_failed(req: PaymentRequest, *, transaction_code: str, error_code: str, message: str,
                 actor: Any) -> Settlement:
    with transaction.atomic():
        n = PaymentRequest.objects.filter(pk=req.pk, status=Status.PENDING).update(
            status=Status.FAILED, gateway_error=error_code[:10], gateway_message=(message or "")[:500],
            closed_at=_now())
        current = PaymentRequest.objects.get(pk=req.pk)
        if n == 0:
            if current.status == Status.FAILED:
                return Settlement("duplicate", current, None)
            raise Conflict(f"Yêu cầu thanh toán {req.reference} đang ở trạng thái “{current.get_status_display()}”.",
                           code="not_pending")
        record_event(actor=actor, verb="payment.failed", subject=_subject(req),
                     data={"transaction": transaction_code, "error_code": error_code, "message": message})
    return Settlement("failed", current, None)


INTAKE_STATES = frozenset({State.SUBMITTED, State.RECEIVED})
# Where fees are collected at the counter without a transition: at intake (Thu trước) and at the
# return of the result (Thu khi trả kết quả). Awaiting payment is the T15 case.
COUNTER_STATES = INTAKE_STATES | {State.RESULT_READY}


def _authorise_counter_collection(actor: Any, dossier: Dossier) -> str:
    """Fees collected at the one-stop counter: its reception or return officers (or an administrator)."""
    roles = access.roles_of(actor)
    if lifecycle.ADMIN in roles:
        return lifecycle.ADMIN
    held = roles & {lifecycle.RECEPTION, lifecycle.RETURN}
    if not held:
        raise PermissionDenied("Thu phí tại quầy cần vai trò cán bộ tiếp nhận hoặc trả kết quả.",
                               code="role_required")
    if not access.side_ok(Side.RECEIVING, actor, dossier):
        raise PermissionDenied(f"Hồ sơ {dossier.code} không do cơ quan của bạn tiếp nhận.", code="not_your_agency")
    return sorted(held)[0]


def payment_cash_confirm(*, actor: Any, dossier: Dossier, method: str = Method.CASH, note: str = "") -> Receipt:
    """A clerk confirms fees paid at the counter (cash or a bank transfer seen on the account).

    On a dossier awaiting payment: settles its pending request (or one made now from its unpaid lines; if
    there are none, from the amount T14 asked for), issues the receipt and confirms on the dossier (T15)
    as the clerk. At intake (submitted or received) the "collected before" lines, and when the result is
    ready all unpaid lines, are paid and receipted; the dossier does not move (no transition exists for it;
    the return service records ``fee_collected`` itself).
    """
    if method not in (Method.CASH, Method.TRANSFER):
        raise ValidationFailed("Hình thức nộp tại quầy: tien-mat hoặc chuyen-khoan.", code="invalid_method")
    state = State(dossier.state)
    if state is State.AWAITING_PAYMENT:
        access.authorise(actor, lifecycle.transition_for(Action.CONFIRM_PAYMENT, state), dossier)
    elif state in COUNTER_STATES:
        _authorise_counter_collection(actor, dossier)
    else:
        raise Conflict("Chỉ xác nhận đã nộp phí khi tiếp nhận, khi trả kết quả hoặc khi hồ sơ đang chờ thực "
                       "hiện nghĩa vụ tài chính.", code="not_awaiting_payment", details={"state": dossier.state})
    at = _now()
    with transaction.atomic():
        req = PaymentRequest.objects.filter(dossier=dossier, status=Status.PENDING).first()
        if req is None:
            if not FeeLine.objects.filter(dossier=dossier).exists():
                _copy_catalogue_fees(dossier, at)
            if state is State.AWAITING_PAYMENT and not _unpaid_lines(dossier) and dossier.fee_amount \
                    and dossier.fee_amount > 0:
                FeeLine.objects.create(dossier=dossier, kind=FeeKind.KHAC, amount=dossier.fee_amount,
                                       description="Nghĩa vụ tài chính theo yêu cầu trên hồ sơ", added_by=actor,
                                       created_at=at)
            req = _new_request(actor=actor, dossier=dossier, method=method, note=note, line_ids=None, at=at,
                               moves=False, before_only=state in INTAKE_STATES)
        settled = _settle(req, actor=actor, transaction_code="", paid_at=at, method=method, collector=actor)
    return settled.receipt


# --- the platform's callback -------------------------------------------------------------------

def payment_callback_handle(*, body: bytes, signature: str | None, remote_addr: str = "") -> Settlement:
    """Handle the platform's server-to-server result. Nothing changes unless the signature verifies,
    the reference is ours, and the dossier code and the amount match the request.

    A repeated callback for the same transaction answers ``duplicate`` without a second receipt or
    transition. Every callback, accepted or not, is kept as a GatewayMessage.
    """
    kind = GatewayMessage.Kind.CALLBACK
    if len(body) > MAX_CALLBACK_BYTES:
        _gateway_log(kind, "", "too_large", f"{len(body)} bytes", b"", remote_addr)
        raise TooLarge("Nội dung callback quá lớn.", code="too_large")

    def reject(exc: DomainError, reference: str = "") -> DomainError:
        log.warning("payment callback rejected (%s): %s", exc.code, exc.message)
        _gateway_log(kind, reference, exc.code, exc.message, body, remote_addr)
        return exc

    cfg = conf()
    if not rules.verify(cfg.secret, body, signature):
        raise reject(SignatureInvalid("Chữ ký của thông báo thanh toán không hợp lệ; không ghi nhận."))
    try:
        raw = json.loads(body)
    except (ValueError, RecursionError):
        raise reject(BadRequest("Thông báo thanh toán không phải JSON hợp lệ.")) from None
    try:
        data = rules.parse_callback(raw)
    except rules.BadPayload as exc:
        raise reject(ValidationFailed(f"Thông báo thanh toán không hợp lệ: {exc}", code="invalid_callback")) from None
    req = PaymentRequest.objects.select_related("dossier").filter(reference=data.reference).first()
    if req is None:
        raise reject(NotFound(f"Không có yêu cầu thanh toán mã tham chiếu {data.reference}.",
                              code="unknown_reference"), data.reference)
    if req.dossier.code != data.dossier_code:
        raise reject(Conflict(f"Mã hồ sơ {data.dossier_code} không khớp yêu cầu thanh toán {data.reference}.",
                              code="dossier_mismatch"), data.reference)
    if data.amount != int(req.amount):
        raise reject(Conflict(f"Số tiền {data.amount:,} đồng không khớp số tiền phải nộp {int(req.amount):,} đồng."
                              .replace(",", "."), code="amount_mismatch"), data.reference)
    try:
        if data.succeeded:
            result = _settle(req, actor=GATEWAY, transaction_code=data.transaction, paid_at=data.paid_at or _now(),
                             method=Method.ONLINE, bank=data.bank, channel=data.channel,
                             paid_online=cfg.paid_online_code)
        else:
            result = _mark_failed(req, transaction_code=data.transaction, error_code=data.error_code,
                                  message=data.message, actor=GATEWAY)
    except DomainError as exc:
        raise reject(exc, data.reference) from None
    _gateway_log(kind, data.reference, result.outcome, data.transaction, body, remote_addr)
    return result


# --- reconciliation ----------------------------------------------------------------------------

def payments_reconcile(*, older_than_minutes: int | None = None, now: datetime | None = None,
                       limit: int = 500) -> dict[str, int]:
    """Ask the platform about online requests still pending after N minutes; settle, fail or expire them.

    Safe to run twice at once: every change is a guarded update (the second run finds nothing to do).
    """
    cfg = conf()
    now = now or _now()
    minutes = cfg.reconcile_after_minutes if older_than_minutes is None else older_than_minutes
    counts = {"checked": 0, "paid": 0, "failed": 0, "expired": 0, "pending": 0, "errors": 0, "mismatch": 0}
    if not cfg.online_enabled:
        return counts
    due = list(PaymentRequest.objects.select_related("dossier").filter(
        status=Status.PENDING, method=Method.ONLINE, created_at__lt=now - timedelta(minutes=minutes),
    ).filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=now - timedelta(minutes=1)))
        .order_by("created_at")[:limit])
    for req in due:
        counts["checked"] += 1
        try:
            res = gateway.query_status(cfg, reference=req.reference)
        except gateway.GatewayError as exc:
            _gateway_log(GatewayMessage.Kind.QUERY, req.reference, exc.kind, str(exc))
            PaymentRequest.objects.filter(pk=req.pk).update(last_checked_at=now)
            counts["errors"] += 1
            continue
        _gateway_log(GatewayMessage.Kind.QUERY, req.reference, res.status, res.transaction,
                     json.dumps(res.raw, ensure_ascii=False))
        PaymentRequest.objects.filter(pk=req.pk).update(last_checked_at=now)
        try:
            if res.status == "thanh-cong":
                if res.amount != int(req.amount) or not res.transaction:
                    log.warning("reconcile %s: amount %s != %s", req.reference, res.amount, req.amount)
                    counts["mismatch"] += 1
                    continue
                try:
                    paid_at = rules.parse_stamp(res.paid_at_stamp)
                except ValueError:
                    paid_at = now
                _settle(req, actor=GATEWAY, transaction_code=res.transaction, paid_at=paid_at, method=Method.ONLINE,
                        bank=res.bank, paid_online=cfg.paid_online_code)
                counts["paid"] += 1
            elif res.status == "that-bai":
                _mark_failed(req, transaction_code=res.transaction, error_code=res.error_code or "99",
                             message="Nền tảng thanh toán báo giao dịch không thành công.", actor=GATEWAY)
                counts["failed"] += 1
            elif req.expires_at <= now:
                with transaction.atomic():
                    if PaymentRequest.objects.filter(pk=req.pk, status=Status.PENDING).update(
                            status=Status.EXPIRED, closed_at=now, close_reason="Quá hạn thanh toán."):
                        record_event(actor=GATEWAY, verb="payment.expire", subject=_subject(req))
                counts["expired"] += 1
            else:
                counts["pending"] += 1
        except DomainError as exc:
            log.warning("reconcile %s: %s", req.reference, exc.message)
            counts["errors"] += 1
    return counts
