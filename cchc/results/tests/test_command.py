"""``cchc results-test-ca DIR``: a demo CA whose certificates sign results that validate."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from cchc.results.signing import LocalSigner, trust_roots
from cchc.results.verification import VALID, verify_pdf


def test_the_command_makes_a_ca_whose_certificates_sign(registry, tmp_path, settings):
    out = tmp_path / "ca"
    call_command("results_test_ca", str(out), "--agency", "TN.STP", "--agency", "TN.SNV")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["TN.SNV.cert.pem", "TN.SNV.key.pem", "TN.STP.cert.pem", "TN.STP.key.pem", "chain.pem",
                     "root.cert.pem", "root.key.pem"]
    assert oct((out / "TN.STP.key.pem").stat().st_mode & 0o777) == "0o600"
    from cryptography import x509

    root = x509.load_pem_x509_certificate((out / "root.cert.pem").read_bytes())
    assert "KHÔNG DÙNG CHO SẢN XUẤT" in root.subject.rfc4514_string()
    from weasyprint import HTML

    signed = LocalSigner(out).sign(HTML(string="<p>x</p>").write_pdf(), registry["stp"])
    # Outside production, with no trust roots configured, the demo root in the key directory is trusted.
    del settings.CCHC_RESULTS_TRUST_ROOTS
    settings.CCHC_RESULTS_KEY_DIR = str(out)
    assert verify_pdf(signed, trust_roots()).verdict == VALID


def test_a_second_run_keeps_the_root_and_adds_agencies(registry, tmp_path):
    out = tmp_path / "ca"
    call_command("results_test_ca", str(out), "--agency", "TN.STP")
    root = (out / "root.cert.pem").read_bytes()
    call_command("results_test_ca", str(out), "--agency", "TN.SNV", "--p12-password", "demo-pass")
    assert (out / "root.cert.pem").read_bytes() == root and (out / "TN.SNV.p12").exists()


def test_the_command_refuses_unknown_agencies_and_production(registry, tmp_path, settings):
    with pytest.raises(CommandError, match="Không có cơ quan mã"):
        call_command("results_test_ca", str(tmp_path), "--agency", "XX.NONE")
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("results_test_ca", str(tmp_path), "--agency", "TN.STP")
