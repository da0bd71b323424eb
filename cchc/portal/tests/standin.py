"""A local stand-in of the national portal (Cổng DVCQG): builds payloads in its shape, signs them with
the shared secret and pushes them, over real HTTP (to Django's live server) or through the test client.

Speaks exactly the contract of docs/national-portal-intake.md; used by the tests only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from cchc.portal import contract

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def file_item(name: str, content: bytes = PDF, *, mime: str = "application/pdf", component: str = "",
              component_name: str = "", **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "TepDinhKemId": hashlib.md5(name.encode()).hexdigest()[:12], "TenTepDinhKem": name, "LoaiTep": mime,  # noqa: S324
        "KichThuoc": len(content), "MaKiemTraSHA256": hashlib.sha256(content).hexdigest(),
        "NoiDungTep": base64.b64encode(content).decode("ascii"), "IsDeleted": False, "DuocSoHoa": False,
    }
    if component:
        item["MaThanhPhanHoSo"] = component
    if component_name:
        item["TenThanhPhanHoSo"] = component_name
    item.update(extra)
    return item


def payload(*, code: str, procedure: str, unit: str, components: list[dict[str, Any]], **extra: Any) -> dict:
    """A dossier as the portal pushes it (spec §3.4 / §7.2 field names, plus the documented assumptions)."""
    data: dict[str, Any] = {
        "MaHoSo": code, "MaTTHC": procedure, "MaTruongHop": "TH1", "MaDonVi": unit, "KenhThucHien": 2,
        "NgayNopHoSo": contract.format_time_now(), "TrichYeuHoSo": "Cấp phiếu lý lịch tư pháp số 1",
        "ChuHoSo": "Trần Thị Bình", "LoaiDoiTuong": 1, "MaDoiTuong": "dvcqg-acc-001",
        "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "019301000456"}], "SoDienThoai": "0987654321",
        "Email": "binh@example.org", "DiaChi": "Phường Phan Đình Phùng, tỉnh Thái Nguyên",
        "TaiKhoanDuocXacThucVoiVNeID": True, "TaiLieuNop": components, "DanhSachTepDinhKemKhac": [],
    }
    data.update(extra)
    return data


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


class PortalStandIn:
    """Signs and pushes. ``base_url`` set: real HTTP; else ``client`` (Django's test client)."""

    path = "/api/v1/portal/dossiers"

    def __init__(self, secret: str, *, base_url: str = "", client: Any = None) -> None:
        self.secret, self.base_url, self.client = secret, base_url.rstrip("/"), client

    def headers(self, body: bytes, *, timestamp: str | None = None, secret: str | None = None) -> dict[str, str]:
        ts = timestamp or str(int(time.time()))
        return {contract.TIMESTAMP_HEADER: ts, contract.SIGNATURE_HEADER: contract.sign(secret or self.secret, ts, body)}

    def push(self, data: dict | bytes, *, headers: dict[str, str] | None = None, **sign_kw: Any) -> Answer:
        body = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
        hdrs = self.headers(body, **sign_kw) if headers is None else headers
        if self.base_url:
            return self._http(body, hdrs)
        response = self.client.post(self.path, data=body, content_type="application/json",
                                    headers=hdrs)
        return Answer(response.status_code, json.loads(response.content or b"{}"), dict(response.headers))

    def _http(self, body: bytes, hdrs: dict[str, str]) -> Answer:
        req = urllib.request.Request(self.base_url + self.path, data=body, method="POST",
                                     headers={"Content-Type": "application/json", **hdrs})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - local live server
                return Answer(resp.status, json.loads(resp.read()), dict(resp.headers))
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers))
