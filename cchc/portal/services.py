"""Intake of dossiers pushed by the national portal (Cổng DVCQG), spec §7.1–§7.2.

A push is validated (cchc.portal.contract), its procedure, receiving unit and components resolved
against the catalogue, and then, in ONE transaction, the inbound row (unique by the portal's dossier
code) and the dossier (via ``dossier_submit`` as the portal's SystemActor) are written: both commit
or neither does. A repeat of an accepted push returns the stored acknowledgement unchanged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from cchc.accounts.models import User
from cchc.accounts.services import user_create
from cchc.common.errors import Conflict, NotFound, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers import catalogue
from cchc.dossiers.access import SystemActor
from cchc.dossiers.lifecycle import Action
from cchc.dossiers.services import ComponentData, IntakeData, dossier_submit
from cchc.dossiers.services.intake import check_components
from cchc.org.models import Agency
from cchc.portal import contract
from cchc.portal.models import InboundDossier, InboundFile, VneidLink
from cchc.procedures.models import Component, Procedure

logger = logging.getLogger("cchc.portal")

PORTAL_ACTOR = SystemActor(name="dvcqg", label="Cổng Dịch vụ công quốc gia", actions=frozenset({Action.SUBMIT}))

DEFAULT_TOLERANCE = 300
DEFAULT_MAX_BODY = 30 * 1024 * 1024
DEFAULT_MAX_FILE = 10 * 1024 * 1024
STORE_DIR = "portal"


# ---------------------------------------------------------------- configuration


def _setting(name: str, default: Any = None) -> Any:
    """A setting, else the environment variable of the same name, else ``default``."""
    value = getattr(settings, name, None)
    if value in (None, ""):
        value = os.environ.get(name, "")
    return default if value in (None, "") else value


def shared_secret() -> str:
    """The secret shared with the portal; a clear refusal (503) when the installation has none."""
    secret = shared_secret_or_none()
    if not secret:
        logger.error("CCHC_DVCQG_SECRET is not set: pushes from the national portal cannot be verified.")
        raise contract.NotConfigured(
            "Hệ thống chưa được cấu hình khóa bí mật dùng chung với Cổng Dịch vụ công quốc gia "
            "(CCHC_DVCQG_SECRET): chưa thể nhận hồ sơ.")
    return secret


def shared_secret_or_none() -> str:
    return str(_setting("CCHC_DVCQG_SECRET", "")).strip()


def tolerance_seconds() -> int:
    return int(_setting("CCHC_DVCQG_TOLERANCE_SECONDS", DEFAULT_TOLERANCE))


def max_body_bytes() -> int:
    return int(_setting("CCHC_DVCQG_MAX_BODY_BYTES", DEFAULT_MAX_BODY))


def limits() -> contract.Limits:
    return contract.Limits(max_file_bytes=int(_setting("CCHC_DVCQG_MAX_FILE_BYTES", DEFAULT_MAX_FILE)),
                           clock_skew=tolerance_seconds())


# ---------------------------------------------------------------- resolution (reads only)


@dataclass
class Receipt:
    """What the endpoint answers: the acknowledgement (exact JSON text), and whether it was a repeat."""

    ack: str
    repeat: bool
    inbound: InboundDossier


@dataclass
class _Resolved:
    unit: Agency
    competent_code: str
    case_code: str
    components: list[ComponentData]
    files: list[tuple[contract.PortalFile, int | None]]  # file and its Component id (None: other file)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _agency(code: str) -> Agency | None:
    """A unit by its electronic identifier (mã định danh, what the portal knows) or by our own code."""
    return Agency.objects.filter(Q(identifier=code) | Q(code=code)).order_by("-valid_from").first()


def _case_code(parsed: contract.PortalDossier) -> tuple[str, int]:
    """The case (trường hợp) of the published version in force, with the refusals of §7.2's bad input."""
    cases = [row.case for row in catalogue.published_cases(parsed.procedure_code)]
    if not cases:
        if not Procedure.objects.filter(code=parsed.procedure_code).exists():
            raise NotFound(f"Không có thủ tục hành chính mã “{parsed.procedure_code}” trong danh mục của tỉnh.",
                           code="procedure_not_found", details={"MaTTHC": parsed.procedure_code})
        raise ValidationFailed(
            f"Thủ tục “{parsed.procedure_code}” chưa được công bố (hoặc đã bãi bỏ) tại tỉnh: chưa thể nhận hồ sơ.",
            code="procedure_not_published", details={"MaTTHC": parsed.procedure_code})
    if parsed.case_code:
        found = next((c for c in cases if c.code == parsed.case_code), None)
        if found is None:
            raise ValidationFailed(f"Thủ tục “{parsed.procedure_code}” không có trường hợp “{parsed.case_code}”.",
                                   code="unknown_case", details={"cases": [c.code for c in cases]})
        return found.code, found.pk
    if len(cases) > 1:
        raise ValidationFailed("Thủ tục có nhiều trường hợp: Cổng phải ghi trường hợp (MaTruongHop).",
                               code="case_required", details={"cases": [c.code for c in cases]})
    return cases[0].code, cases[0].pk


def _match_components(parsed: contract.PortalDossier, case_id: int) -> tuple[list[ComponentData], list]:
    """Each file of TaiLieuNop to a Component of the case: by national code, else by its exact name."""
    rows = list(Component.objects.filter(case_id=case_id).order_by("order", "id"))
    by_code = {c.national_code: c for c in rows if c.national_code}
    by_name = {_norm(c.name): c for c in rows}
    flags: dict[int, ComponentData] = {}
    files: list[tuple[contract.PortalFile, int | None]] = []
    for f in parsed.components:
        comp = by_code.get(f.component_code) or (by_name.get(_norm(f.component_name)) if f.component_name else None)
        if comp is None:
            label = f.component_code or f.component_name
            raise ValidationFailed(
                f"Thành phần hồ sơ “{label}” (tệp “{f.name}”) không thuộc trường hợp thủ tục này.",
                code="unknown_component",
                details={"component": label, "known": [c.national_code or c.name for c in rows]})
        data = flags.setdefault(comp.pk, ComponentData(component_id=comp.pk))
        data.digitised |= f.digitised
        data.reused |= f.reused
        data.from_national_store |= f.from_national_store
        files.append((f, comp.pk))
    files.extend((f, None) for f in parsed.other_files)
    components = list(flags.values())
    # Refuse missing required components here, before any file is written (the core checks again).
    check_components(components, [(c.pk, c.name, c.required) for c in rows])
    return components, files


def _resolve(parsed: contract.PortalDossier) -> _Resolved:
    unit = _agency(parsed.unit_code)
    if unit is None:
        raise ValidationFailed(f"Không có đơn vị tiếp nhận mã “{parsed.unit_code}” (MaDonVi) trong danh mục của tỉnh.",
                               code="unknown_unit", details={"MaDonVi": parsed.unit_code})
    day = parsed.submitted_at.astimezone(contract.TZ).date()
    if not unit.exists_on(day):
        raise ValidationFailed(f"Đơn vị “{unit.name}” không còn tồn tại vào ngày nộp {day:%d/%m/%Y}.",
                               code="unit_not_in_force", details={"MaDonVi": parsed.unit_code})
    competent_code = ""
    if parsed.competent_code:
        competent = _agency(parsed.competent_code)
        competent_code = competent.code if competent is not None else parsed.competent_code
    case_code, case_id = _case_code(parsed)
    components, files = _match_components(parsed, case_id)
    return _Resolved(unit=unit, competent_code=competent_code, case_code=case_code, components=components,
                     files=files)


def intake_data(parsed: contract.PortalDossier, res: _Resolved) -> IntakeData:
    """The portal's dossier as the dossier core's intake data (channel online_portal)."""
    return IntakeData(
        procedure_code=parsed.procedure_code, case_code=res.case_code, channel="online_portal",
        competent_agency_code=res.competent_code, receiving_agency_code=res.unit.code,
        applicant_type=parsed.applicant_type, applicant_name=parsed.applicant_name,
        applicant_id_number=parsed.id_number, applicant_phone=parsed.applicant_phone,
        applicant_email=parsed.applicant_email, applicant_address=parsed.applicant_address,
        applicant_organisation=parsed.applicant_organisation, representative_name=parsed.representative_name,
        subject=parsed.subject, components=res.components, submitted_at=parsed.submitted_at,
        vneid_verified=parsed.vneid_verified, other_code=parsed.code,
        note=f"Nhận từ Cổng Dịch vụ công quốc gia, mã hồ sơ trên Cổng: {parsed.code}.",
    )


# ---------------------------------------------------------------- files


def store_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / STORE_DIR


def _store(content: bytes, sha: str) -> str:
    """Write a file under MEDIA_ROOT/portal/<aa>/<sha256> (content-addressed: a repeat costs nothing).

    Written before the transaction and never deleted on a later refusal: another dossier may hold the
    same content, and an orphan is harmless (see docs/national-portal-intake.md).
    """
    rel = f"{STORE_DIR}/{sha[:2]}/{sha}"
    path = Path(settings.MEDIA_ROOT) / rel
    if path.exists():
        return rel
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".up-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return rel


def open_file(row: InboundFile) -> bytes:
    """The stored content of a file, checked against its SHA-256 (a damaged file is refused)."""
    if not row.path:
        raise NotFound("Tệp này chỉ có đường dẫn trên Cổng, không lưu tại hệ thống.", code="file_not_stored")
    content = (Path(settings.MEDIA_ROOT) / row.path).read_bytes()
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise Conflict("Tệp lưu trữ bị sai lệch so với mã kiểm tra.", code="file_damaged")
    return content


# ---------------------------------------------------------------- the service


def _canonical_sha(data: dict[str, Any]) -> str:
    """A checksum that ignores key order and spacing: a repeat re-serialised by the portal is the same push."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without_contents(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("TaiLieuNop", "DanhSachTepDinhKemKhac"):
        if isinstance(out.get(key), list):
            out[key] = [{k: ("<đã lưu riêng>" if k == "NoiDungTep" else v) for k, v in item.items()}
                        if isinstance(item, dict) else item for item in out[key]]
    return out


def _repeat(portal_code: str, checksum: str) -> Receipt | None:
    """A push already accepted: the same acknowledgement; the same code with other content: 409."""
    if not portal_code:
        return None
    row = InboundDossier.objects.select_related("dossier").filter(portal_code=portal_code).first()
    if row is None:
        return None
    if row.content_sha256 != checksum:
        raise Conflict(
            f"Hồ sơ “{portal_code}” đã được nhận trước đó (mã tiếp nhận {row.dossier.code}) với nội dung khác; "
            "việc cập nhật hồ sơ đã gửi không qua điểm nhận này.", code="conflicting_duplicate",
            details={"MaHoSoTiepNhan": row.dossier.code})
    InboundDossier.objects.filter(pk=row.pk).update(repeats=F("repeats") + 1, last_repeat_at=timezone.now())
    return Receipt(ack=row.ack, repeat=True, inbound=row)


def inbound_dossier_receive(*, actor: SystemActor, body: bytes, signed_at: datetime,
                            remote_addr: str = "") -> Receipt:
    """Receive one push of the national portal (already authenticated by its signature).

    Validates the payload, resolves procedure, unit and components, stores the files, then in one
    transaction writes the inbound row and submits the dossier (state SUBMITTED, channel
    online_portal). Idempotent by ``MaHoSo``: a repeat — also a concurrent one — gets the same
    acknowledgement and no second dossier. Raises DomainError; a refusal writes nothing.
    """
    data = contract.parse_json(body)
    checksum = _canonical_sha(data)
    portal_code = contract.portal_code_of(data)
    repeat = _repeat(portal_code, checksum)
    if repeat is not None:
        return repeat
    now = timezone.now()
    parsed = contract.parse_payload(data, now=now, limits=limits())
    res = _resolve(parsed)
    stored = {f.sha256: _store(f.content, f.sha256) for f, _comp in res.files if f.content is not None}
    try:
        with transaction.atomic():
            # Claimed first: a concurrent duplicate waits here (PostgreSQL) and then fails on the key.
            inbound = InboundDossier.objects.create(
                portal_code=parsed.code, body_sha256=contract.body_sha256(body), content_sha256=checksum,
                signed_at=signed_at, received_at=now, payload=_without_contents(data), remote_addr=remote_addr[:64])
            dossier = dossier_submit(actor=actor, data=intake_data(parsed, res))
            inbound.dossier = dossier
            ack = contract.accepted_ack(portal_code=parsed.code, dossier_code=dossier.code,
                                        national_status=dossier.national_status or 1, received_at=now)
            inbound.ack = json.dumps(ack, ensure_ascii=False)
            inbound.save(update_fields=["dossier", "ack"])
            InboundFile.objects.bulk_create([
                InboundFile(inbound=inbound, component_id=comp, portal_file_id=f.file_id, name=f.name, mime=f.mime,
                            size=f.size, sha256=f.sha256, path=stored.get(f.sha256, "") if f.content else "",
                            url=f.url, digitised=f.digitised, reused=f.reused,
                            from_national_store=f.from_national_store)
                for f, comp in res.files])
            record_event(actor=actor, verb="portal.dossier_receive", subject=("portal.inbounddossier", parsed.code),
                         data={"dossier": dossier.code, "files": len(res.files), "procedure": parsed.procedure_code})
    except IntegrityError:
        # Lost the race to a concurrent push of the same code (it committed first): answer as a repeat.
        repeat = _repeat(parsed.code, checksum)
        if repeat is None:
            raise
        return repeat
    return Receipt(ack=inbound.ack, repeat=False, inbound=inbound)


# ---------------------------------------------------------------- VNeID accounts


def vneid_account(*, actor: Any = None, identity: Any) -> Any:
    """The citizen account proven by VNeID (a ``vneid.Identity``): found by its ID number, else created.

    Only citizen accounts: a staff member signs in with the staff login. A local account that merely
    has a matching username is never taken over (its owner, not VNeID, chose it); a new one is made.
    """
    now = timezone.now()
    with transaction.atomic():
        link = VneidLink.objects.select_for_update().select_related("user").filter(
            id_number=identity.id_number).first()
        if link is not None:
            user = link.user
            if user.kind != User.Kind.CITIZEN or not user.is_active:
                raise ValidationFailed("Tài khoản gắn với số định danh này không đăng nhập được bằng VNeID.",
                                       code="vneid_account_unusable")
            link.full_name, link.phone, link.last_login_at = identity.full_name, identity.phone, now
            link.subject = identity.subject
            link.save(update_fields=["full_name", "phone", "last_login_at", "subject"])
            verb = "portal.vneid_login"
        else:
            username = f"vneid.{identity.id_number}"
            if User.objects.filter(username=username).exists():
                username = f"{username}.{secrets.token_hex(3)}"
            user = user_create(actor=None, username=username, password=secrets.token_urlsafe(32),
                               full_name=identity.full_name, kind=User.Kind.CITIZEN)
            user.set_unusable_password()  # only VNeID logs this account in
            user.phone = identity.phone
            user.save(update_fields=["password", "phone"])
            VneidLink.objects.create(user=user, id_number=identity.id_number, subject=identity.subject,
                                     full_name=identity.full_name, phone=identity.phone, verified_at=now,
                                     last_login_at=now)
            verb = "portal.vneid_link"
        record_event(actor=user, verb=verb, subject=("accounts.user", user.username),
                     data={"id_number_tail": identity.id_number[-4:]})
    return user


def sample_payload(*, code: str, procedure_code: str, unit_code: str, case_code: str = "") -> dict[str, Any]:
    """A dossier in the portal's shape for the published case of a procedure, one small PDF per required
    component (for ``cchc portal-push`` and demos)."""
    import base64

    cases = [row.case for row in catalogue.published_cases(procedure_code)]
    case = next((c for c in cases if not case_code or c.code == case_code), None)
    if case is None:
        raise NotFound(f"Không có trường hợp đã công bố của thủ tục “{procedure_code}”.", code="procedure_not_found")
    pdf = b"%PDF-1.4\n% minh hoa\ntrailer << >>\n%%EOF\n"
    files = [{"TenTepDinhKem": f"thanh-phan-{c.order}.pdf", "TenThanhPhanHoSo": c.name,
              "MaThanhPhanHoSo": c.national_code, "LoaiTep": "application/pdf", "KichThuoc": len(pdf),
              "MaKiemTraSHA256": hashlib.sha256(pdf).hexdigest(), "NoiDungTep": base64.b64encode(pdf).decode()}
             for c in Component.objects.filter(case_id=case.pk, required=True).order_by("order")]
    return {"MaHoSo": code, "MaTTHC": procedure_code, "MaTruongHop": case.code, "MaDonVi": unit_code,
            "KenhThucHien": contract.ONLINE_CHANNEL, "NgayNopHoSo": contract.format_time_now(),
            "TrichYeuHoSo": f"Hồ sơ minh họa {code}", "ChuHoSo": "Nguyễn Văn Minh Họa",
            "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "019201000001"}], "SoDienThoai": "0912000001",
            "TaiKhoanDuocXacThucVoiVNeID": True, "TaiLieuNop": files}
