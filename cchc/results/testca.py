"""A throw-away certificate authority for tests and the demo: a root CA and agency signing certificates.

NOT FOR PRODUCTION. Real results are signed with an organisational certificate issued by a licensed
Vietnamese CA (or the government CA of Ban Cơ yếu Chính phủ) and held in an HSM or a remote signing
service (docs/signing-service.md). Every name made here says "KHÔNG DÙNG CHO SẢN XUẤT" so a
certificate that leaks into real use is obvious. Pure module: no ORM, no settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOT_FOR_PRODUCTION = "KHÔNG DÙNG CHO SẢN XUẤT"
KEY_BITS = 2048


@dataclass(frozen=True)
class Issued:
    """A certificate with its private key."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())

    def pkcs12(self, password: bytes | None, chain: list[x509.Certificate] = ()) -> bytes:
        enc = (serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption())
        return pkcs12.serialize_key_and_certificates(b"cchc", self.key, self.cert, list(chain) or None, enc)


def _fit(text: str, limit: int = 64) -> str:
    """At most ``limit`` UTF-8 bytes, cut on a character boundary (cryptography counts bytes, and a
    Vietnamese agency name of 60 letters can take 80)."""
    raw = text.encode()[:limit]
    return raw.decode("utf-8", errors="ignore").rstrip()


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Thái Nguyên"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(organisation)),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, NOT_FOR_PRODUCTION),
        x509.NameAttribute(NameOID.COMMON_NAME, _fit(common_name)),
    ])


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


def make_root(common_name: str = "CCHC Test Root CA", *, days: int = 3650,
              now: dt.datetime | None = None) -> Issued:
    """A self-signed root that may issue end-entity certificates (path length 0)."""
    now = now or dt.datetime.now(dt.UTC)
    key = _key()
    name = _name(common_name, "CCHC — CA thử nghiệm")
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key)


def issue_signing_cert(ca: Issued, *, agency_name: str, agency_code: str = "", days: int = 730,
                       now: dt.datetime | None = None) -> Issued:
    """An organisational document-signing certificate for an agency, issued by ``ca``."""
    now = now or dt.datetime.now(dt.UTC)
    key = _key()
    cn = agency_name if not agency_code else f"{agency_name} ({agency_code})"
    cert = (
        x509.CertificateBuilder().subject_name(_name(cn, agency_name)).issuer_name(ca.cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(cert, key)


def key_file_names(agency_code: str) -> tuple[str, str]:
    """The file names the local signer looks for in its key directory (key, certificate)."""
    return f"{agency_code}.key.pem", f"{agency_code}.cert.pem"


CHAIN_FILE = "chain.pem"
ROOT_FILE = "root.cert.pem"


def write_demo_ca(directory: Path, agencies: list[tuple[str, str]], *, p12_password: bytes | None = None) -> list[Path]:
    """Write a root CA and one signing certificate per ``(code, name)`` into ``directory``.

    Layout (what :class:`cchc.results.signing.LocalSigner` reads): ``root.cert.pem`` (the trust
    root to configure), ``chain.pem`` (intermediates: the root here), ``<CODE>.key.pem`` and
    ``<CODE>.cert.pem`` per agency, and ``<CODE>.p12`` when a password is given. The root's key is
    written too (``root.key.pem``) so more agencies can be added; keep the directory private.
    """
    directory.mkdir(parents=True, exist_ok=True)
    root_key_path = directory / "root.key.pem"
    if root_key_path.exists() and (directory / ROOT_FILE).exists():
        root = Issued(x509.load_pem_x509_certificate((directory / ROOT_FILE).read_bytes()),
                      serialization.load_pem_private_key(root_key_path.read_bytes(), password=None))
    else:
        root = make_root(f"CCHC Test Root CA — {NOT_FOR_PRODUCTION}")
    written = [_write(directory / ROOT_FILE, root.cert_pem), _write(root_key_path, root.key_pem, private=True),
               _write(directory / CHAIN_FILE, root.cert_pem)]
    for code, name in agencies:
        issued = issue_signing_cert(root, agency_name=name, agency_code=code)
        key_name, cert_name = key_file_names(code)
        written += [_write(directory / key_name, issued.key_pem, private=True),
                    _write(directory / cert_name, issued.cert_pem)]
        if p12_password:
            written.append(_write(directory / f"{code}.p12", issued.pkcs12(p12_password, [root.cert]), private=True))
    return written


def _write(path: Path, data: bytes, *, private: bool = False) -> Path:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)
    return path
