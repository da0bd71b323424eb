"""The intake contract with the national public-service portal (Cổng DVCQG): signature and payload.

Pure module (no ORM, no settings): the API view and the services pass in the secret, the clock
and the limits. The contract itself is written down in docs/national-portal-intake.md, which says
which field names come from the spec (§3.4, §7.2: the ``DongBoHoSoMC`` payload) and which are ours.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cchc.common.errors import DomainError, TooLarge, ValidationFailed

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SIGNATURE_HEADER = "X-DVCQG-Signature"
TIMESTAMP_HEADER = "X-DVCQG-Timestamp"
SIGNATURE_PREFIX = "sha256="
# The portal's date format (spec §7.2): yyyyMMddHHmmss, local time of Viet Nam.
PORTAL_TIME_FORMAT = "%Y%m%d%H%M%S"
ONLINE_CHANNEL = 2  # KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính (spec §3.4)

# What we accept as an attached file, and the leading bytes that prove the type (the name proves nothing).
ALLOWED_TYPES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/xml": (b"<?xml", b"\xef\xbb\xbf<?xml"),
    "text/xml": (b"<?xml", b"\xef\xbb\xbf<?xml"),
}
MAX_FILES = 50
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_/]{0,59}")
_PHONE = re.compile(r"\+?[0-9][0-9 .]{6,18}[0-9]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")


class Unauthenticated(DomainError):
    """The push is not proven to come from the portal: no, a wrong or an expired signature."""

    status = 401
    default_code = "signature_invalid"


class NotConfigured(DomainError):
    status = 503
    default_code = "portal_not_configured"


class MalformedJson(DomainError):
    status = 400
    default_code = "malformed_json"


# ---------------------------------------------------------------- signature


def human_size(n: int) -> str:
    """A limit as people read it: 10 MB, 500 KB, 300 byte."""
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"
    return f"{n} byte"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value: HMAC-SHA256 over ``timestamp + "." + body``, hex, with its prefix."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return SIGNATURE_PREFIX + mac.hexdigest()


def check_headers(signature: str | None, timestamp: str | None) -> None:
    """Both headers must be there before anything else is looked at (even the configuration)."""
    if not signature or not timestamp:
        raise Unauthenticated(
            f"Thiếu chữ ký số của Cổng Dịch vụ công quốc gia (tiêu đề {SIGNATURE_HEADER} và {TIMESTAMP_HEADER}).",
            code="signature_missing")


def verify(secret: str, signature: str, timestamp: str, body: bytes, *, now: datetime,
           tolerance: int) -> datetime:
    """Check the timestamp window first (a replay of an old push is refused), then the HMAC.

    Returns the instant the portal signed the push. Raises :class:`Unauthenticated`.
    """
    try:
        seconds = int(timestamp.strip())
        signed_at = datetime.fromtimestamp(seconds, tz=TZ)
    except (ValueError, OverflowError, OSError):
        raise Unauthenticated("Tiêu đề thời điểm ký không hợp lệ (phải là số giây Unix).",
                              code="timestamp_invalid") from None
    if abs((now - signed_at).total_seconds()) > tolerance:
        raise Unauthenticated(
            f"Thời điểm ký ({signed_at:%d/%m/%Y %H:%M:%S}) lệch quá {tolerance} giây so với giờ hệ thống: "
            "yêu cầu đã hết hạn hoặc bị gửi lại.", code="timestamp_expired", details={"tolerance": tolerance})
    expected = sign(secret, timestamp.strip(), body)
    if not hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("ascii", "replace")):
        raise Unauthenticated("Chữ ký của yêu cầu không đúng: không xác thực được Cổng Dịch vụ công quốc gia.",
                              code="signature_invalid")
    return signed_at


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def format_time(value: datetime) -> str:
    return value.astimezone(TZ).strftime(PORTAL_TIME_FORMAT)


# ---------------------------------------------------------------- payload


@dataclass
class PortalFile:
    """A file of the push: content carried in the body (stored by us) or a link to the portal's store."""

    name: str
    file_id: str = ""
    mime: str = ""
    size: int | None = None
    sha256: str = ""
    url: str = ""
    content: bytes | None = None
    component_code: str = ""
    component_name: str = ""
    digitised: bool = False
    reused: bool = False
    from_national_store: bool = False


@dataclass
class PortalIdentity:
    kind: int
    number: str


@dataclass
class PortalDossier:
    code: str
    procedure_code: str
    unit_code: str
    applicant_name: str
    applicant_phone: str
    identities: list[PortalIdentity]
    submitted_at: datetime
    case_code: str = ""
    competent_code: str = ""
    applicant_type: int = 1
    applicant_account: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    applicant_organisation: str = ""
    representative_name: str = ""
    subject: str = ""
    vneid_verified: bool = False
    components: list[PortalFile] = field(default_factory=list)
    other_files: list[PortalFile] = field(default_factory=list)

    @property
    def id_number(self) -> str:
        return self.identities[0].number if self.identities else ""


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    clock_skew: int = 300  # seconds a submission time may lie ahead of our clock


REQUIRED = ("MaHoSo", "MaTTHC", "MaDonVi", "ChuHoSo", "SoDienThoai", "DinhDanhCHS", "NgayNopHoSo", "TaiLieuNop")


def parse_json(body: bytes) -> dict[str, Any]:
    """The body as a JSON object; anything else is a malformed push."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MalformedJson("Nội dung gửi lên không phải JSON hợp lệ (UTF-8).", details={"reason": str(exc)[:200]}) \
            from None
    if not isinstance(data, dict):
        raise MalformedJson("Nội dung gửi lên phải là một đối tượng JSON (hồ sơ).", code="malformed_json")
    return data


def portal_code_of(data: dict[str, Any]) -> str:
    """The portal's dossier code if the body has a usable one (for logging a refusal), else ""."""
    value = data.get("MaHoSo")
    return value.strip()[:60] if isinstance(value, str) else ""


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"Trường {field_name}: {message}", code="invalid_field", details={"field": field_name})


def _text(data: dict[str, Any], key: str, *, max_len: int, truncate: bool = False, where: str = "") -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _invalid(where + key, "phải là chuỗi ký tự.")
    value = value.strip()
    if "\x00" in value:
        raise _invalid(where + key, "không được chứa ký tự NUL.")
    if len(value) > max_len:
        if not truncate:
            raise _invalid(where + key, f"dài quá {max_len} ký tự.")
        value = value[:max_len]
    return value


def _int(data: dict[str, Any], key: str, *, default: int, allowed: range, where: str = "") -> int:
    value = data.get(key)
    if value is None or value == "":
        return default
    try:
        number = int(value) if not isinstance(value, bool) and not isinstance(value, float) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number not in allowed:
        raise _invalid(where + key, f"phải là số nguyên từ {allowed.start} đến {allowed.stop - 1}.")
    return number


def _flag(data: dict[str, Any], key: str, *, where: str = "") -> bool:
    """The portal writes booleans as true/false, 1/0 or "1"/"0"."""
    value = data.get(key)
    if value in (None, "", False, 0, "0", "false", "False"):
        return False
    if value in (True, 1, "1", "true", "True"):
        return True
    raise _invalid(where + key, "phải là true/false hoặc 1/0.")


def parse_time(value: Any, key: str) -> datetime:
    if not isinstance(value, str) or not re.fullmatch(r"\d{14}", value.strip()):
        raise _invalid(key, "phải có dạng yyyyMMddHHmmss (giờ Việt Nam).")
    try:
        return datetime.strptime(value.strip(), PORTAL_TIME_FORMAT).replace(tzinfo=TZ)
    except ValueError:
        raise _invalid(key, "không phải một thời điểm có thật.") from None


def _sniff_ok(mime: str, content: bytes) -> bool:
    return any(content.startswith(magic) for magic in ALLOWED_TYPES[mime])


def _file(item: Any, index: int, key: str, limits: Limits, *, with_component: bool) -> PortalFile | None:
    where = f"{key}[{index}]."
    if not isinstance(item, dict):
        raise _invalid(f"{key}[{index}]", "phải là một đối tượng tệp.")
    if _flag(item, "IsDeleted", where=where):
        return None  # the portal marks files the applicant removed; they are not part of the dossier
    name = _text(item, "TenTepDinhKem", max_len=4000, where=where)
    if not name:
        raise ValidationFailed(f"Thiếu tên tệp ({where}TenTepDinhKem).", code="missing_fields",
                               details={"missing": [where + "TenTepDinhKem"]})
    out = PortalFile(
        name=name[-255:], file_id=_text(item, "TepDinhKemId", max_len=100, where=where),
        mime=_text(item, "LoaiTep", max_len=100, where=where).lower(),
        sha256=_text(item, "MaKiemTraSHA256", max_len=64, where=where).lower(),
        url=_text(item, "DuongDanTaiTepTin", max_len=1000, where=where),
        digitised=_flag(item, "DuocSoHoa", where=where), reused=_flag(item, "DuocTaiSuDung", where=where),
        from_national_store=_flag(item, "DuocLayTuKhoDMQG", where=where),
    )
    if with_component:
        out.component_code = _text(item, "MaThanhPhanHoSo", max_len=60, where=where)
        out.component_name = _text(item, "TenThanhPhanHoSo", max_len=1000, where=where)
        if not out.component_code and not out.component_name:
            raise ValidationFailed(f"Tệp “{out.name}” không ghi thành phần hồ sơ (MaThanhPhanHoSo).",
                                   code="missing_fields", details={"missing": [where + "MaThanhPhanHoSo"]})
    if out.sha256 and not _HEX64.fullmatch(out.sha256):
        raise _invalid(where + "MaKiemTraSHA256", "phải là 64 ký tự thập lục phân (SHA-256).")
    if "KichThuoc" in item and item["KichThuoc"] not in (None, ""):
        out.size = _int(item, "KichThuoc", default=0, allowed=range(0, 2**53), where=where)
    raw = item.get("NoiDungTep")
    if raw not in (None, ""):
        _content(out, raw, where, limits)
    elif out.url:
        if not re.match(r"https?://", out.url):
            raise _invalid(where + "DuongDanTaiTepTin", "phải là địa chỉ http(s).")
    else:
        raise ValidationFailed(f"Tệp “{out.name}” không có nội dung (NoiDungTep) cũng không có đường dẫn "
                               "(DuongDanTaiTepTin).", code="missing_fields",
                               details={"missing": [where + "NoiDungTep"]})
    return out


def _content(out: PortalFile, raw: Any, where: str, limits: Limits) -> None:
    if not isinstance(raw, str):
        raise _invalid(where + "NoiDungTep", "phải là chuỗi base64.")
    # Refuse before decoding: base64 is 4/3 of the file.
    if len(raw) > (limits.max_file_bytes + 2) // 3 * 4 + 4:
        raise TooLarge(f"Tệp “{out.name}” lớn quá {human_size(limits.max_file_bytes)}.",
                       code="file_too_large", details={"file": out.name, "limit": limits.max_file_bytes})
    try:
        content = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise _invalid(where + "NoiDungTep", "không phải base64 hợp lệ.") from None
    if len(content) > limits.max_file_bytes:
        raise TooLarge(f"Tệp “{out.name}” lớn quá {human_size(limits.max_file_bytes)}.",
                       code="file_too_large", details={"file": out.name, "limit": limits.max_file_bytes})
    if not out.sha256:
        raise ValidationFailed(f"Tệp “{out.name}” thiếu mã kiểm tra SHA-256 (MaKiemTraSHA256).",
                               code="missing_fields", details={"missing": [where + "MaKiemTraSHA256"]})
    actual = hashlib.sha256(content).hexdigest()
    if actual != out.sha256:
        raise ValidationFailed(f"Tệp “{out.name}” bị sai lệch: mã kiểm tra SHA-256 không khớp nội dung.",
                               code="checksum_mismatch", details={"file": out.name, "declared": out.sha256,
                                                                  "actual": actual})
    if out.size is not None and out.size != len(content):
        raise ValidationFailed(f"Tệp “{out.name}”: kích thước khai báo {out.size} byte khác kích thước thật "
                               f"{len(content)} byte.", code="size_mismatch", details={"file": out.name})
    if out.mime not in ALLOWED_TYPES:
        raise ValidationFailed(f"Tệp “{out.name}”: loại tệp “{out.mime or '(không ghi)'}” không được chấp nhận "
                               "(chỉ PDF, JPEG, PNG, XML).", code="file_type_not_allowed",
                               details={"file": out.name, "allowed": sorted(ALLOWED_TYPES)})
    if not _sniff_ok(out.mime, content):
        raise ValidationFailed(f"Tệp “{out.name}”: nội dung không phải {out.mime} như khai báo.",
                               code="file_type_mismatch", details={"file": out.name})
    out.size, out.content = len(content), content


def parse_payload(data: dict[str, Any], *, now: datetime, limits: Limits) -> PortalDossier:
    """Validate the portal's payload and turn it into a :class:`PortalDossier`; raises DomainError.

    Checks shape only: whether the procedure, unit and components exist is the service's job.
    """
    missing = [key for key in REQUIRED if data.get(key) in (None, "", [], {})
               and not (key == "TaiLieuNop" and data.get(key) == [])]
    if missing:
        raise ValidationFailed("Hồ sơ thiếu trường bắt buộc: " + ", ".join(missing) + ".", code="missing_fields",
                               details={"missing": missing})
    code = _text(data, "MaHoSo", max_len=60)
    if not _CODE.fullmatch(code):
        raise _invalid("MaHoSo", "chỉ gồm chữ, số và các ký tự . - _ / (tối đa 60 ký tự).")
    phone = _text(data, "SoDienThoai", max_len=20)
    if not _PHONE.fullmatch(phone):
        raise _invalid("SoDienThoai", "không phải số điện thoại hợp lệ.")
    email = _text(data, "Email", max_len=254)
    if email and not _EMAIL.fullmatch(email):
        raise _invalid("Email", "không phải địa chỉ thư điện tử hợp lệ.")
    channel = _int(data, "KenhThucHien", default=ONLINE_CHANNEL, allowed=range(1, 4))
    if channel != ONLINE_CHANNEL:
        raise _invalid("KenhThucHien", "hồ sơ từ Cổng Dịch vụ công quốc gia phải là kênh trực tuyến (2).")
    submitted_at = parse_time(data.get("NgayNopHoSo"), "NgayNopHoSo")
    if submitted_at > now + timedelta(seconds=limits.clock_skew):
        raise _invalid("NgayNopHoSo", "là thời điểm trong tương lai.")
    submitted_at = min(submitted_at, now)  # within the clock skew: the portal's clock runs a little ahead
    identities = _identities(data.get("DinhDanhCHS"))
    components_raw, others_raw = data.get("TaiLieuNop"), data.get("DanhSachTepDinhKemKhac") or []
    if not isinstance(components_raw, list):
        raise _invalid("TaiLieuNop", "phải là danh sách tệp.")
    if not isinstance(others_raw, list):
        raise _invalid("DanhSachTepDinhKemKhac", "phải là danh sách tệp.")
    if len(components_raw) + len(others_raw) > MAX_FILES:
        raise TooLarge(f"Hồ sơ có quá {MAX_FILES} tệp đính kèm.", code="too_many_files", details={"limit": MAX_FILES})
    components = [f for i, item in enumerate(components_raw)
                  if (f := _file(item, i, "TaiLieuNop", limits, with_component=True)) is not None]
    others = [f for i, item in enumerate(others_raw)
              if (f := _file(item, i, "DanhSachTepDinhKemKhac", limits, with_component=False)) is not None]
    return PortalDossier(
        code=code, procedure_code=_text(data, "MaTTHC", max_len=40), unit_code=_text(data, "MaDonVi", max_len=64),
        case_code=_text(data, "MaTruongHop", max_len=40), competent_code=_text(data, "DonViXuLy", max_len=64),
        applicant_name=_text(data, "ChuHoSo", max_len=255), applicant_phone=phone, identities=identities,
        submitted_at=submitted_at, applicant_type=_int(data, "LoaiDoiTuong", default=1, allowed=range(1, 5)),
        applicant_account=_text(data, "MaDoiTuong", max_len=100), applicant_email=email,
        applicant_address=_text(data, "DiaChi", max_len=500, truncate=True),
        applicant_organisation=_text(data, "TenToChuc", max_len=255),
        representative_name=_text(data, "NguoiDuocUyQuyen", max_len=255),
        subject=_text(data, "TrichYeuHoSo", max_len=1000, truncate=True),
        vneid_verified=_flag(data, "TaiKhoanDuocXacThucVoiVNeID"), components=components, other_files=others,
    )


def _identities(value: Any) -> list[PortalIdentity]:
    if not isinstance(value, list) or not value:
        raise _invalid("DinhDanhCHS", "phải là danh sách có ít nhất một giấy tờ định danh.")
    out = []
    for i, item in enumerate(value):
        where = f"DinhDanhCHS[{i}]."
        if not isinstance(item, dict):
            raise _invalid(f"DinhDanhCHS[{i}]", "phải là một đối tượng {LoaiDinhDanh, SoDinhDanh}.")
        kind = _int(item, "LoaiDinhDanh", default=1, allowed=range(1, 10), where=where)
        number = _text(item, "SoDinhDanh", max_len=20, where=where)
        if not number:
            raise ValidationFailed("Thiếu số định danh của chủ hồ sơ.", code="missing_fields",
                                   details={"missing": [where + "SoDinhDanh"]})
        # Spec §7.2: a 12-digit personal ID is type 1, a 9-digit (old CMND) type 2.
        if kind == 1 and not re.fullmatch(r"\d{12}", number):
            raise _invalid(where + "SoDinhDanh", "số định danh cá nhân (loại 1) phải có 12 chữ số.")
        if kind == 2 and not re.fullmatch(r"\d{9}", number):
            raise _invalid(where + "SoDinhDanh", "số chứng minh nhân dân (loại 2) phải có 9 chữ số.")
        if not re.fullmatch(r"[A-Za-z0-9\-]+", number):
            raise _invalid(where + "SoDinhDanh", "chỉ gồm chữ và số.")
        out.append(PortalIdentity(kind=kind, number=number))
    return out


def accepted_ack(*, portal_code: str, dossier_code: str, national_status: int, received_at: datetime) -> dict:
    """The acknowledgement of an accepted push (returned again, unchanged, for every repeat of it)."""
    return {"error_code": "00", "message": "Đã tiếp nhận hồ sơ, chờ Bộ phận Một cửa kiểm tra.",
            "MaHoSo": portal_code, "MaHoSoTiepNhan": dossier_code, "TrangThaiHoSo": national_status,
            "NgayNhan": format_time(received_at)}


def rejection(exc: DomainError, portal_code: str = "") -> dict:
    """A refusal: the house error shape plus the portal's top-level ``error_code`` and the dossier's code."""
    return {"error_code": exc.code, "message": exc.message, "MaHoSo": portal_code,
            "error": {"code": exc.code, "message": exc.message, "details": exc.details}}


def format_time_now() -> str:
    return datetime.now(TZ).strftime(PORTAL_TIME_FORMAT)


def push(base_url: str, secret: str, body: bytes, *, timeout: float = 30,
         timestamp: str | None = None) -> tuple[int, dict[str, Any]]:
    """Sign ``body`` and POST it to ``base_url``'s intake endpoint, as the portal would: (status, answer)."""
    import time
    import urllib.error
    import urllib.request

    ts = timestamp or str(int(time.time()))
    req = urllib.request.Request(base_url.rstrip("/") + "/api/v1/portal/dossiers", data=body, method="POST",
                                 headers={"Content-Type": "application/json", TIMESTAMP_HEADER: ts,
                                          SIGNATURE_HEADER: sign(secret, ts, body)})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - an address the operator gives
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, json.loads(exc.read() or b"{}")
        except ValueError:
            return exc.code, {}
