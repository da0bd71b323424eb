"""Validation of a signed PDF with pyHanko: intact, who signed, when, trusted or not. No ORM.

A document is *valid* when every signature is cryptographically intact, the last one covers the
whole file (nothing was changed after signing) and the signer's certificate chains to a configured
trust root. An intact signature from an unknown CA is reported as "not trusted", not as tampered:
the citizen sees the difference. Revocation is checked "soft-fail" without network fetching (the
server has no route to the CAs' OCSP responders in the demo); a CRL/OCSP fetch is a setting away.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509


def _not_an_untrusted_chain(record: logging.LogRecord) -> bool:
    # A certificate from an unknown CA is a verdict shown to the user ("untrusted"), not a server
    # problem: pyHanko logs it as a warning with a traceback; anyone can upload such a file.
    return not str(record.msg).startswith("Failed to build path")


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_not_an_untrusted_chain)

UNREADABLE = "unreadable"
UNSIGNED = "unsigned"
INVALID = "invalid"
UNTRUSTED = "untrusted"
VALID = "valid"

VERDICT_LABELS = {
    VALID: "Chữ ký số hợp lệ: tài liệu toàn vẹn, chứng thư được tin cậy.",
    UNTRUSTED: "Tài liệu toàn vẹn nhưng chứng thư ký không thuộc tổ chức chứng thực được tin cậy.",
    INVALID: "Chữ ký số KHÔNG hợp lệ: tài liệu đã bị thay đổi hoặc chữ ký bị hỏng.",
    UNSIGNED: "Tài liệu không có chữ ký số.",
    UNREADABLE: "Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF).",
}


@dataclass
class SignatureReport:
    field_name: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    signer: str
    signer_common_name: str
    signing_time: datetime | None
    timestamp_time: datetime | None
    fingerprint: str  # SHA-256 of the signer certificate, hex
    issuer: str
    problems: list[str] = field(default_factory=list)
    issuer_common_name: str = ""


@dataclass
class Verification:
    verdict: str
    signatures: list[SignatureReport] = field(default_factory=list)
    sha256: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict == VALID

    @property
    def intact(self) -> bool:
        return self.verdict in (VALID, UNTRUSTED)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def last(self) -> SignatureReport | None:
        return self.signatures[-1] if self.signatures else None

    def as_dict(self) -> dict[str, Any]:
        last = self.last
        return {
            "verdict": self.verdict, "valid": self.ok, "intact": self.intact,
            "trusted": bool(last and last.trusted), "message": self.label, "sha256": self.sha256,
            "problems": list(self.problems),
            "signatures": [{
                "field": s.field_name, "intact": s.intact, "valid": s.valid, "trusted": s.trusted,
                "covers_whole_file": s.covers_whole_file, "signer": s.signer,
                "signer_common_name": s.signer_common_name, "issuer": s.issuer,
                "issuer_common_name": s.issuer_common_name,
                "signing_time": s.signing_time, "timestamp_time": s.timestamp_time,
                "certificate_sha256": s.fingerprint, "problems": list(s.problems),
            } for s in self.signatures],
        }


def _cn(name: asn1_x509.Name) -> str:
    try:
        return name.native.get("common_name", "") or name.human_friendly
    except Exception:  # noqa: BLE001 - an odd name is shown as it can be
        return ""


def verify_pdf(data: bytes, roots: list[asn1_x509.Certificate]) -> Verification:
    """Validate every signature of ``data`` against ``roots``; never raises on a bad file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    digest = hashlib.sha256(data).hexdigest()
    if not data.startswith(b"%PDF-"):
        return Verification(UNREADABLE, sha256=digest, problems=["Tệp không bắt đầu bằng “%PDF-”."])
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception:  # noqa: BLE001 - a broken upload is a verdict, not an error page
        return Verification(UNREADABLE, sha256=digest, problems=["Cấu trúc PDF bị hỏng."])
    if not embedded:
        return Verification(UNSIGNED, sha256=digest)
    reports: list[SignatureReport] = []
    for sig in embedded:
        reports.append(_one(sig, roots, validate_pdf_signature, ValidationContext))
    # The last signature must cover the whole file: bytes appended later were not signed.
    if reports and not reports[-1].covers_whole_file:
        reports[-1].problems.append("Tài liệu có nội dung được thêm vào sau khi ký.")
    problems = [p for r in reports for p in r.problems]
    if not all(r.intact and r.valid for r in reports) or not reports[-1].covers_whole_file:
        verdict = INVALID
    elif all(r.trusted for r in reports):
        verdict = VALID
    else:
        verdict = UNTRUSTED
    return Verification(verdict, reports, digest, problems)


def _one(sig: Any, roots: list[asn1_x509.Certificate], validate, context_cls) -> SignatureReport:
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from cchc.results.signing import off_loop

    name = getattr(sig, "field_name", "") or ""
    try:
        ctx = context_cls(trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail")
        status = off_loop(validate, sig, signer_validation_context=ctx)
    except (SignatureValidationError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return SignatureReport(name, False, False, False, False, "", "", None, None, "", "",
                               [f"Không kiểm tra được chữ ký “{name}”: {type(exc).__name__}."])
    except Exception as exc:  # noqa: BLE001 - pyHanko raises several kinds on a damaged signature
        return SignatureReport(name, False, False, False, False, "", "", None, None, "", "",
                               [f"Chữ ký “{name}” bị hỏng ({type(exc).__name__})."])
    cert = status.signing_cert
    coverage = getattr(status, "coverage", None)
    whole = coverage == SignatureCoverageLevel.ENTIRE_FILE
    ts = getattr(status, "timestamp_validity", None)
    report = SignatureReport(
        field_name=name, intact=bool(status.intact), valid=bool(status.valid), trusted=bool(status.trusted),
        covers_whole_file=whole, signer=cert.subject.human_friendly if cert else "",
        signer_common_name=_cn(cert.subject) if cert else "", signing_time=status.signer_reported_dt,
        timestamp_time=getattr(ts, "timestamp", None) if ts else None,
        fingerprint=cert.sha256.hex() if cert else "", issuer=cert.issuer.human_friendly if cert else "",
        issuer_common_name=_cn(cert.issuer) if cert else "",
    )
    if not status.intact:
        report.problems.append("Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).")
    elif not status.valid:
        report.problems.append("Chữ ký không khớp với chứng thư của người ký.")
    if status.intact and status.valid and not status.trusted:
        report.problems.append("Chứng thư ký không thuộc tổ chức chứng thực được tin cậy.")
    return report
