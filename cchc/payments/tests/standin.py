"""A local stand-in for the national payment platform, speaking the contract of docs/payment-gateway.md.

``http.server`` in a thread: POST /thanh-toan/khoi-tao registers a payment and answers the link;
POST /thanh-toan/tra-cuu answers its status. Requests must carry a valid signature; answers are signed.
``mode`` makes it refuse, answer late (timeout) or sign with the wrong key. ``callback()`` builds the
signed server-to-server result the platform would post to us.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cchc.payments import rules


class StandIn:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.mode = "ok"  # ok | refuse | slow | forge | down
        self.delay = 2.0
        self.payments: dict[str, dict[str, Any]] = {}
        self.received: list[tuple[str, dict[str, Any]]] = []
        self._n = 0
        stand = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not rules.verify(stand.secret, body, self.headers.get(rules.SIGNATURE_HEADER)):
                    return self._send(401, {"MaLoi": "97", "MoTaLoi": "Sai chữ ký"})
                data = json.loads(body)
                stand.received.append((self.path, data))
                if stand.mode == "slow":
                    time.sleep(stand.delay)
                if stand.mode == "down":
                    return self._send(503, {"MaLoi": "96", "MoTaLoi": "Bảo trì"})
                if self.path == "/thanh-toan/khoi-tao":
                    return self._send(200, stand._create(data))
                if self.path == "/thanh-toan/tra-cuu":
                    return self._send(200, stand._query(data))
                return self._send(404, {"MaLoi": "98", "MoTaLoi": "Không có dịch vụ"})

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                raw = json.dumps(payload, ensure_ascii=False).encode()
                key = "khoa-gia-mao" if stand.mode == "forge" else stand.secret
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(raw)))
                    self.send_header(rules.SIGNATURE_HEADER, rules.sign(key, raw))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the platform's behaviour -------------------------------------------------------------

    def _create(self, data: dict[str, Any]) -> dict[str, Any]:
        if self.mode == "refuse":
            return {"MaLoi": "51", "MoTaLoi": "Tài khoản thụ hưởng không hợp lệ"}
        ref = data["MaThamChieu"]
        self.payments[ref] = {"request": data, "status": "khoi-tao", "amount": data["SoTien"], "tx": ""}
        return {"MaLoi": "00", "MoTaLoi": "Thành công", "MaThamChieu": ref,
                "UrlThanhToan": f"{self.url}/thanh-toan?maThamChieu={ref}"}

    def _query(self, data: dict[str, Any]) -> dict[str, Any]:
        p = self.payments.get(data.get("MaThamChieu", ""))
        if p is None:
            return {"MaLoi": "00", "TrangThai": "khong-ton-tai"}
        return {"MaLoi": "00" if p["status"] != "that-bai" else "24", "TrangThai": p["status"],
                "MaGiaoDich": p["tx"], "SoTien": p["amount"], "ThoiGianGD": "20260310093000",
                "MaNganHang": "VCB"}

    def settle(self, reference: str, *, ok: bool = True, dossier_code: str = "", amount: int | None = None) -> str:
        """The citizen paid (or failed) on the platform; returns the transaction code."""
        self._n += 1
        tx = f"GD{self._n:06d}"
        p = self.payments.setdefault(reference, {"request": {"MaHoSo": dossier_code}, "amount": amount})
        p.update(status="thanh-cong" if ok else "that-bai", tx=tx)
        if amount is not None:
            p["amount"] = amount
        return tx

    def callback(self, reference: str, *, dossier_code: str, amount: int, ok: bool = True, tx: str = "",
                 key: str | None = None, **extra: Any) -> tuple[bytes, str]:
        """The signed body the platform posts to /api/v1/payments/callback."""
        payload = {"MaThamChieu": reference, "MaGiaoDich": tx or self.settle(reference, ok=ok,
                                                                             dossier_code=dossier_code,
                                                                             amount=amount),
                   "MaHoSo": dossier_code, "SoTien": amount, "MaLoi": "00" if ok else "24",
                   "MoTaLoi": "Giao dịch thành công" if ok else "Khách hàng hủy giao dịch",
                   "ThoiGianGD": "20260310093000", "MaNganHang": "VCB", "MaKenhThanhToan": "ATM", **extra}
        body = json.dumps(payload, ensure_ascii=False).encode()
        return body, rules.sign(self.secret if key is None else key, body)


def deliver(url: str, body: bytes, signature: str, timeout: float = 10.0) -> tuple[int, dict[str, Any]]:
    """Post a callback over real HTTP, as the platform does; returns (status, JSON answer)."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", rules.SIGNATURE_HEADER: signature})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the test's live server
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
