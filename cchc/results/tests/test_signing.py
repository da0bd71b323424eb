"""The signing adapters and the validation, with the test certificate authority."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils
from cryptography.hazmat.primitives.hashes import SHA256
from pyhanko.keys import load_certs_from_pemder

from cchc.results import testca
from cchc.results.signing import LocalSigner, RemoteSigner, SigningFailed, get_signer, pades_sign, trust_roots
from cchc.results.verification import INVALID, UNREADABLE, UNSIGNED, UNTRUSTED, VALID, verify_pdf

STP = SimpleNamespace(code="TN.STP", name="Sở Tư pháp")


@pytest.fixture(scope="module")
def plain_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Phiếu lý lịch tư pháp</h1><p>Số 123/PLLTP — Nguyễn Văn An</p>").write_pdf()


@pytest.fixture
def roots(ca_dir):
    return list(load_certs_from_pemder([str(ca_dir / "root.cert.pem")]))


def test_the_test_ca_signs_and_the_signature_validates(plain_pdf, ca_dir, roots):
    signed = LocalSigner(ca_dir).sign(plain_pdf, STP)
    report = verify_pdf(signed, roots)
    assert report.verdict == VALID and report.ok and not report.problems
    sig = report.last
    assert sig.intact and sig.valid and sig.trusted and sig.covers_whole_file
    assert sig.signer_common_name == "Sở Tư pháp (TN.STP)"
    assert testca.NOT_FOR_PRODUCTION in sig.signer and sig.signing_time is not None
    assert len(sig.fingerprint) == 64
    # An incremental update: the original bytes are the signed file's prefix.
    assert signed.startswith(plain_pdf)


def test_a_flipped_byte_in_the_signed_pdf_fails_validation(plain_pdf, ca_dir, roots):
    signed = bytearray(LocalSigner(ca_dir).sign(plain_pdf, STP))
    signed[len(plain_pdf) // 2] ^= 0x01  # inside the page content, covered by the signature
    report = verify_pdf(bytes(signed), roots)
    assert report.verdict == INVALID and not report.ok and not report.intact
    assert any("thay đổi" in p for p in report.problems)


def test_bytes_appended_after_signing_are_reported(plain_pdf, ca_dir, roots):
    signed = LocalSigner(ca_dir).sign(plain_pdf, STP)
    report = verify_pdf(signed + b"\n% them noi dung\n", roots)
    assert report.verdict == INVALID
    assert "Tài liệu có nội dung được thêm vào sau khi ký." in report.problems


def test_a_certificate_from_an_unknown_ca_shows_as_untrusted(plain_pdf, rogue_ca, roots):
    signed = LocalSigner(rogue_ca).sign(plain_pdf, STP)  # same agency name, another CA
    report = verify_pdf(signed, roots)
    assert report.verdict == UNTRUSTED and report.intact and not report.ok
    assert report.last.intact and not report.last.trusted
    assert "không thuộc tổ chức chứng thực được tin cậy" in report.label


def test_an_unsigned_pdf_and_a_non_pdf_are_told_apart(plain_pdf, roots):
    assert verify_pdf(plain_pdf, roots).verdict == UNSIGNED
    assert verify_pdf(b"GIF89a not a pdf", roots).verdict == UNREADABLE
    assert verify_pdf(b"%PDF-1.7\n garbage", roots).verdict in (UNREADABLE, UNSIGNED)


def test_a_missing_key_for_the_agency_is_a_clear_refusal(plain_pdf, ca_dir):
    with pytest.raises(SigningFailed, match="Chưa cấu hình chứng thư số"):
        LocalSigner(ca_dir).sign(plain_pdf, SimpleNamespace(code="TN.KHONGCO", name="Cơ quan lạ"))


def test_a_pkcs12_file_with_its_password_signs(plain_pdf, tmp_path, roots, ca_dir):
    from cryptography import x509

    root = testca.Issued(x509.load_pem_x509_certificate((ca_dir / "root.cert.pem").read_bytes()),
                         serialization.load_pem_private_key((ca_dir / "root.key.pem").read_bytes(), None))
    issued = testca.issue_signing_cert(root, agency_name="Sở Tư pháp", agency_code="TN.STP")
    (tmp_path / "TN.STP.p12").write_bytes(issued.pkcs12(b"mat-khau-12", [root.cert]))
    signed = LocalSigner(tmp_path, password=b"mat-khau-12").sign(plain_pdf, STP)
    assert verify_pdf(signed, roots).verdict == VALID
    with pytest.raises(SigningFailed):
        LocalSigner(tmp_path, password=b"sai").sign(plain_pdf, STP)


def test_the_configured_signer_and_trust_roots_come_from_settings(settings, ca_dir):
    assert isinstance(get_signer(), LocalSigner) and get_signer().directory == ca_dir
    assert len(trust_roots()) == 1
    settings.CCHC_RESULTS_TRUST_ROOTS = []
    assert trust_roots() == []


def test_a_broken_or_encrypted_pdf_is_not_signed(ca_dir):
    with pytest.raises(SigningFailed, match="Không đọc được tệp PDF"):
        LocalSigner(ca_dir).sign(b"%PDF-1.4\nnot really", STP)


# --- the remote signing service (docs/signing-service.md), against a local stand-in ---------------

class _Service:
    """A stand-in remote signing service: holds the agency key, signs SHA-256 digests (PKCS#1 v1.5)."""

    def __init__(self, ca_dir, token="bi-mat"):
        self.key = serialization.load_pem_private_key((ca_dir / "TN.STP.key.pem").read_bytes(), None)
        self.cert = (ca_dir / "TN.STP.cert.pem").read_text()
        self.chain = [(ca_dir / "root.cert.pem").read_text()]
        self.token, self.requests, self.fail_sign = token, [], False
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _authorised(self):
                return self.headers.get("Authorization") == f"Bearer {service.token}"

            def do_GET(self):
                service.requests.append(("GET", self.path, None))
                if not self._authorised():
                    return self._send(401, {"error": "unauthorised"})
                if self.path != "/v1/credentials/TN.STP":
                    return self._send(404, {"error": "unknown credential"})
                return self._send(200, {"certificate": service.cert, "chain": service.chain})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                service.requests.append(("POST", self.path, body))
                if not self._authorised():
                    return self._send(401, {"error": "unauthorised"})
                if service.fail_sign:
                    return self._send(503, {"error": "hsm busy"})
                digest = base64.b64decode(body["hash"])
                sig = service.key.sign(digest, padding.PKCS1v15(), utils.Prehashed(SHA256()))
                return self._send(200, {"signature": base64.b64encode(sig).decode()})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_the_remote_signer_signs_through_the_stand_in_service(plain_pdf, ca_dir, roots):
    with _Service(ca_dir) as service:
        signed = RemoteSigner(service.url, token="bi-mat", timeout=5).sign(plain_pdf, STP)
    report = verify_pdf(signed, roots)
    assert report.verdict == VALID and report.last.signer_common_name == "Sở Tư pháp (TN.STP)"
    posted = [r for r in service.requests if r[0] == "POST"]
    # Only a digest travels: never the document.
    assert len(posted) == 1 and set(posted[0][2]) == {"credential", "hash_algorithm", "hash"}
    assert len(base64.b64decode(posted[0][2]["hash"])) == 32


def test_the_remote_signer_refuses_cleanly_when_the_service_fails(plain_pdf, ca_dir):
    with _Service(ca_dir) as service:
        with pytest.raises(SigningFailed, match="không có chứng thư"):
            RemoteSigner(service.url, token="bi-mat").sign(plain_pdf, SimpleNamespace(code="TN.SNV", name="SNV"))
        with pytest.raises(SigningFailed, match="HTTP 401"):
            RemoteSigner(service.url, token="sai").sign(plain_pdf, STP)
        service.fail_sign = True
        with pytest.raises(SigningFailed, match="HTTP 503"):
            RemoteSigner(service.url, token="bi-mat").sign(plain_pdf, STP)
    with pytest.raises(SigningFailed, match="Không kết nối được"):
        RemoteSigner(service.url, token="bi-mat", timeout=1).sign(plain_pdf, STP)


def test_the_remote_signer_is_chosen_by_settings(settings):
    settings.CCHC_RESULTS_SIGNER = "remote"
    settings.CCHC_RESULTS_REMOTE_URL = "http://127.0.0.1:9/"
    signer = get_signer()
    assert isinstance(signer, RemoteSigner) and signer.base_url == "http://127.0.0.1:9"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_signed_pdf_renders_with_its_visible_stamp(plain_pdf, ca_dir, tmp_path):
    signed = LocalSigner(ca_dir).sign(plain_pdf, STP)
    (tmp_path / "signed.pdf").write_bytes(signed)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "signed.pdf"), str(tmp_path / "page")],
                   check=True, timeout=60)
    png = tmp_path / "page-1.png"
    assert png.exists() and png.read_bytes().startswith(b"\x89PNG")
    text = subprocess.run(["pdftotext", str(tmp_path / "signed.pdf"), "-"], capture_output=True, text=True,
                          timeout=60).stdout if shutil.which("pdftotext") else "Ký số bởi"
    assert "Ký số bởi" in text


def test_pades_sign_uses_the_pades_subfilter(plain_pdf, ca_dir):
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    signer = LocalSigner(ca_dir)._signer_for(STP)
    signed = pades_sign(plain_pdf, signer)
    sig = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached" and sig.field_name == "KetQuaDienTu"


def test_signing_and_validation_work_inside_a_running_event_loop(plain_pdf, ca_dir, roots):
    """Under ASGI (or next to Playwright) the thread runs a loop; pyHanko's asyncio.run must not break."""
    import asyncio

    async def inside():
        signed = LocalSigner(ca_dir).sign(plain_pdf, STP)
        return verify_pdf(signed, roots).verdict

    # In a thread of its own: the test's main thread may already run Playwright's loop.
    out = {}
    worker = threading.Thread(target=lambda: out.update(verdict=asyncio.run(inside())))
    worker.start()
    worker.join(timeout=60)
    assert out == {"verdict": VALID}
