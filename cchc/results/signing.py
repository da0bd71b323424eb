"""Signing adapters: the issuing agency's PAdES signature on an electronic result.

``Signer`` is the one interface the services use: ``sign(pdf_bytes, agency) -> bytes`` returns the
signed PDF. Two implementations:

- :class:`LocalSigner`: key material on this server (a PKCS#12 file or a PEM key and certificate
  per agency in ``CCHC_RESULTS_KEY_DIR``) — the demo and small installations;
- :class:`RemoteSigner`: a remote signing service (an HSM or a CA's cloud signing, e.g. the
  government CA's): the PDF never leaves the system, only the SHA-256 digest of the CMS signed
  attributes is sent; the contract is in docs/signing-service.md.

Both produce a PAdES baseline signature (ETSI.CAdES.detached, SHA-256, signing certificate
embedded) with a visible stamp on the last page; with ``CCHC_RESULTS_TSA_URL`` set an RFC 3161
timestamp is added (PAdES B-T). Pure of the ORM: ``agency`` is anything with ``code`` and ``name``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any, Protocol

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils import timezone
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from cchc.workdays import TZ

logger = logging.getLogger(__name__)
FIELD_NAME = "KetQuaDienTu"
# Lower-left corner of the last page, in points: the generated result leaves this space blank.
STAMP_BOX = (56, 40, 316, 104)


def off_loop(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` (a pyHanko entry point that uses ``asyncio.run``) where no event loop is running.

    Under ASGI, or next to Playwright in the tests, the calling thread already runs a loop and
    ``asyncio.run`` refuses; the call then goes to a short-lived worker thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


class SigningFailed(Exception):
    """The signer could not sign (no key for the agency, service down, bad PDF); message in Vietnamese."""


class Signer(Protocol):
    """Signs a PDF on behalf of an agency; returns the signed PDF (an incremental update of the input)."""

    backend: str

    def sign(self, pdf_bytes: bytes, agency: Any) -> bytes: ...


@dataclass(frozen=True)
class SignOptions:
    reason: str = "Kết quả giải quyết thủ tục hành chính"
    location: str = "Thái Nguyên, Việt Nam"


def setting(name: str, default: Any = None) -> Any:
    """A results setting: Django settings first, then the environment variable of the same name."""
    if hasattr(settings, name):
        return getattr(settings, name)
    return os.environ.get(name, default)


def key_dir() -> Path:
    return Path(setting("CCHC_RESULTS_KEY_DIR", "") or (Path(settings.VAR_DIR) / "signing"))


def _password() -> bytes | None:
    value = setting("CCHC_RESULTS_KEY_PASSWORD", "")
    return value.encode() if value else None


def _stamp_pdf(signer: str, when: datetime, path: Path) -> None:
    """The visible stamp as a one-page PDF (WeasyPrint renders Vietnamese; pyHanko's own text stamp
    needs HarfBuzz for non-Latin glyphs, which is not installed)."""
    from django.utils.html import escape
    from weasyprint import HTML

    w, h = STAMP_BOX[2] - STAMP_BOX[0], STAMP_BOX[3] - STAMP_BOX[1]
    local = when.astimezone(TZ)
    html = (
        f"<style>@page{{size:{w}pt {h}pt;margin:0}}body{{margin:0;font:7.5pt 'DejaVu Sans',sans-serif;"
        f"color:#b00}}div{{border:1pt solid #b00;height:{h - 8}pt;padding:3pt 5pt;line-height:1.3}}</style>"
        f"<div><b>Ký số bởi:</b> {escape(signer)}<br><b>Thời gian ký:</b> {local:%d/%m/%Y %H:%M:%S} (GMT+7)<br>"
        "Kết quả điện tử — kiểm tra chữ ký tại trang tra cứu hồ sơ</div>"
    )
    HTML(string=html).write_pdf(str(path))


def pades_sign(pdf_bytes: bytes, hanko_signer: signers.Signer, options: SignOptions | None = None) -> bytes:
    """Sign ``pdf_bytes`` with a pyHanko signer: PAdES, SHA-256, visible stamp on the last page."""
    options = options or SignOptions()
    try:
        reader_check = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        if reader_check.encrypted:
            raise SigningFailed("Tệp PDF đã mã hoá; hãy tải lên tệp không đặt mật khẩu.")
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
        existing = {name for name, *_ in fields.enumerate_sig_fields(writer.prev)} if writer.prev else set()
        field_name = FIELD_NAME if FIELD_NAME not in existing else f"{FIELD_NAME}{len(existing) + 1}"
        meta = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=options.reason, location=options.location, use_pades_lta=False,
        )
        tsa_url = setting("CCHC_RESULTS_TSA_URL", "")
        timestamper = None
        if tsa_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper

            timestamper = HTTPTimeStamper(tsa_url, timeout=10)
        cert = hanko_signer.signing_cert
        signer_name = (cert.subject.native.get("common_name") or cert.subject.human_friendly) if cert else ""
        with tempfile.TemporaryDirectory() as tmp:
            stamp_file = Path(tmp) / "stamp.pdf"
            _stamp_pdf(signer_name, timezone.now(), stamp_file)
            pdf_signer = signers.PdfSigner(
                meta, signer=hanko_signer, timestamper=timestamper,
                stamp_style=StaticStampStyle.from_pdf_file(str(stamp_file), border_width=0),
                new_field_spec=fields.SigFieldSpec(field_name, box=STAMP_BOX, on_page=-1),
            )
            out = BytesIO()
            off_loop(pdf_signer.sign_pdf, writer, output=out)
        return out.getvalue()
    except SigningFailed:
        raise
    except SigningError as exc:
        raise SigningFailed(f"Không ký được tài liệu: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - any parse error of an uploaded PDF is the user's file
        logger.warning("signing failed", exc_info=True)
        raise SigningFailed("Không đọc được tệp PDF để ký (tệp hỏng hoặc không đúng định dạng).") from exc


class LocalSigner:
    """Keys on this server: ``<KEY_DIR>/<AGENCY_CODE>.p12`` (password ``CCHC_RESULTS_KEY_PASSWORD``) or
    ``<AGENCY_CODE>.key.pem`` + ``<AGENCY_CODE>.cert.pem``; ``chain.pem`` holds intermediates."""

    backend = "local"

    def __init__(self, directory: Path | None = None, password: bytes | None = None,
                 options: SignOptions | None = None) -> None:
        self.directory = Path(directory) if directory else key_dir()
        self.password = password if password is not None else _password()
        self.options = options or SignOptions()

    def _signer_for(self, agency: Any) -> signers.SimpleSigner:
        code = agency.code
        chain = self.directory / "chain.pem"
        others = list(load_certs_from_pemder([str(chain)])) if chain.exists() else []
        p12 = self.directory / f"{code}.p12"
        key, cert = self.directory / f"{code}.key.pem", self.directory / f"{code}.cert.pem"
        signer = None
        try:
            if p12.exists():
                signer = signers.SimpleSigner.load_pkcs12_data(p12.read_bytes(), other_certs=others,
                                                                passphrase=self.password)
            elif key.exists() and cert.exists():
                signer = signers.SimpleSigner.load(str(key), str(cert), key_passphrase=self.password,
                                                   other_certs=others)
            else:
                raise SigningFailed(f"Chưa cấu hình chứng thư số ký kết quả cho cơ quan “{agency.name}” ({code}).")
        except (ValueError, OSError, TypeError):
            signer = None
        if signer is None:
            raise SigningFailed(f"Không đọc được khoá ký của cơ quan {code} (sai mật khẩu hoặc tệp hỏng).")
        return signer

    def sign(self, pdf_bytes: bytes, agency: Any) -> bytes:
        return pades_sign(pdf_bytes, self._signer_for(agency), self.options)


class _RemoteHankoSigner(signers.Signer):
    """A pyHanko signer whose raw signature comes from the remote service (hash-only signing)."""

    def __init__(self, client: RemoteSigner, credential: str, cert: asn1_x509.Certificate,
                 chain: list[asn1_x509.Certificate]) -> None:
        self.client, self.credential = client, credential
        algo = cert.public_key.algorithm  # "rsa" or "ec"
        mechanism = "sha256_rsa" if algo == "rsa" else "sha256_ecdsa"
        from asn1crypto.algos import SignedDigestAlgorithm

        super().__init__(signing_cert=cert, cert_registry=SimpleCertificateStore.from_certs(chain),
                         signature_mechanism=SignedDigestAlgorithm({"algorithm": mechanism}))
        self._size = (cert.public_key.bit_size + 7) // 8 if algo == "rsa" else 2 * ((cert.public_key.bit_size + 7) // 8) + 9

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:
            return bytes(self._size)
        if digest_algorithm != "sha256":
            raise SigningError("Dịch vụ ký chỉ hỗ trợ SHA-256.")
        return self.client.sign_hash(self.credential, hashlib.sha256(data).digest())


class RemoteSigner:
    """The remote signing-service adapter (docs/signing-service.md): credentials and hash signing over HTTPS."""

    backend = "remote"

    def __init__(self, base_url: str | None = None, token: str | None = None, timeout: float | None = None,
                 options: SignOptions | None = None, session: Any = None) -> None:
        import requests

        self.base_url = (base_url or setting("CCHC_RESULTS_REMOTE_URL", "") or "").rstrip("/")
        self.token = token if token is not None else (setting("CCHC_RESULTS_REMOTE_TOKEN", "") or "")
        self.timeout = float(timeout or setting("CCHC_RESULTS_REMOTE_TIMEOUT", 15) or 15)
        self.options = options or SignOptions()
        self.session = session or requests.Session()
        if not self.base_url:
            raise SigningFailed("Chưa cấu hình địa chỉ dịch vụ ký số (CCHC_RESULTS_REMOTE_URL).")

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        import requests

        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        try:
            resp = self.session.request(method, f"{self.base_url}{path}", headers=headers, timeout=self.timeout,
                                        **kwargs)
        except requests.RequestException as exc:
            raise SigningError(f"Không kết nối được dịch vụ ký số ({type(exc).__name__}).") from exc
        if resp.status_code == 404:
            raise SigningError("Dịch vụ ký số không có chứng thư cho cơ quan này.")
        if resp.status_code != 200:
            raise SigningError(f"Dịch vụ ký số trả lỗi HTTP {resp.status_code}.")
        try:
            body = resp.json()
        except ValueError as exc:
            raise SigningError("Dịch vụ ký số trả dữ liệu không hợp lệ.") from exc
        if not isinstance(body, dict):
            raise SigningError("Dịch vụ ký số trả dữ liệu không hợp lệ.")
        return body

    def credential(self, agency_code: str) -> tuple[asn1_x509.Certificate, list[asn1_x509.Certificate]]:
        body = self._call("GET", f"/v1/credentials/{agency_code}")
        try:
            cert = load_cert_from_pemder_bytes(body["certificate"].encode())
            chain = [load_cert_from_pemder_bytes(p.encode()) for p in body.get("chain", [])]
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise SigningError("Dịch vụ ký số trả chứng thư không hợp lệ.") from exc
        return cert, chain

    def sign_hash(self, credential: str, digest: bytes) -> bytes:
        body = self._call("POST", "/v1/sign", json={
            "credential": credential, "hash_algorithm": "sha256",
            "hash": base64.b64encode(digest).decode(),
        })
        try:
            return base64.b64decode(body["signature"], validate=True)
        except (KeyError, ValueError, TypeError) as exc:
            raise SigningError("Dịch vụ ký số trả chữ ký không hợp lệ.") from exc

    def sign(self, pdf_bytes: bytes, agency: Any) -> bytes:
        try:
            cert, chain = self.credential(agency.code)
        except SigningError as exc:
            raise SigningFailed(str(exc)) from exc
        return pades_sign(pdf_bytes, _RemoteHankoSigner(self, agency.code, cert, chain), self.options)


def load_cert_from_pemder_bytes(data: bytes) -> asn1_x509.Certificate:
    """One certificate from PEM or DER bytes."""
    from asn1crypto import pem

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


def get_signer() -> Signer:
    """The configured signer: ``CCHC_RESULTS_SIGNER`` = ``local`` (default) or ``remote``."""
    kind = (setting("CCHC_RESULTS_SIGNER", "local") or "local").strip().lower()
    if kind == "remote":
        return RemoteSigner()
    return LocalSigner()


def trust_roots() -> list[asn1_x509.Certificate]:
    """The roots results are validated against: ``CCHC_RESULTS_TRUST_ROOTS`` (PEM files, a list or
    ``os.pathsep``-separated). Outside production, when it is unset, the demo CA's ``root.cert.pem``
    in the key directory is used, so the demo shows trusted signatures without configuration."""
    value = setting("CCHC_RESULTS_TRUST_ROOTS", None)
    if isinstance(value, str):
        paths = [p for p in value.split(os.pathsep) if p.strip()]
    else:
        paths = list(value or [])
    if value is None and not getattr(settings, "PRODUCTION", False):
        demo = key_dir() / "root.cert.pem"
        paths = [str(demo)] if demo.exists() else []
    roots: list[asn1_x509.Certificate] = []
    for p in paths:
        if Path(p).exists():
            roots.extend(load_certs_from_pemder([str(p)]))
    return roots


__all__ = ["LocalSigner", "RemoteSigner", "SignOptions", "Signer", "SigningFailed", "get_signer",
           "load_cert_from_pemder_bytes", "pades_sign", "trust_roots"]
