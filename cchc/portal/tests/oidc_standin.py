"""A local stand-in of the VNeID OpenID provider (http.server in a thread), for the tests only.

Endpoints: GET /authorize (the citizen "signs in" at once and is sent back with a code), POST /token
(checks client credentials, the code, the redirect URI and the PKCE verifier), GET /userinfo.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class OidcStandIn:
    client_id = "cchc-thai-nguyen"
    client_secret = "bi-mat-ung-dung-vneid"
    issuer = "https://vneid.example.test"

    def __init__(self) -> None:
        self.citizen = {"citizen_id": "019301000456", "name": "Trần Thị Bình", "phone_number": "0987654321"}
        self.sub = "vneid-sub-0001"
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, str] = {}
        self.token_calls = 0
        self.fail_token: tuple[int, dict] | None = None
        self.nonce_override: str | None = None
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _json(self, status: int, data: dict) -> None:
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urllib.parse.urlsplit(self.path)
                if url.path == "/authorize":
                    q = dict(urllib.parse.parse_qsl(url.query))
                    code = secrets.token_urlsafe(16)
                    stand_in.codes[code] = q
                    back = q["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": q["state"]})
                    self.send_response(302)
                    self.send_header("Location", back)
                    self.end_headers()
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in stand_in.tokens:
                        return self._json(401, {"error": "invalid_token"})
                    self._json(200, {"sub": stand_in.sub, **stand_in.citizen})
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                stand_in.token_calls += 1
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                expected = "Basic " + base64.b64encode(
                    f"{stand_in.client_id}:{stand_in.client_secret}".encode()).decode()
                if self.path != "/token" or self.headers.get("Authorization") != expected:
                    return self._json(401, {"error": "invalid_client"})
                if stand_in.fail_token is not None:
                    return self._json(*stand_in.fail_token)
                req = stand_in.codes.pop(form.get("code", ""), None)
                challenge = _b64(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
                if (req is None or form.get("grant_type") != "authorization_code"
                        or form.get("redirect_uri") != req["redirect_uri"] or challenge != req["code_challenge"]):
                    return self._json(400, {"error": "invalid_grant"})
                access = secrets.token_urlsafe(24)
                stand_in.tokens[access] = req["nonce"]
                self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                                 "id_token": stand_in.id_token(stand_in.nonce_override or req["nonce"])})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        claims = _b64(json.dumps({"iss": self.issuer, "aud": self.client_id, "sub": self.sub, "nonce": nonce,
                                  "iat": now, "exp": now + 300}).encode())
        sig = hmac.new(self.client_secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
        return f"{header}.{claims}.{_b64(sig)}"

    def settings(self) -> dict[str, str]:
        return {"CCHC_VNEID_AUTHORIZE_URL": self.url + "/authorize", "CCHC_VNEID_TOKEN_URL": self.url + "/token",
                "CCHC_VNEID_USERINFO_URL": self.url + "/userinfo", "CCHC_VNEID_CLIENT_ID": self.client_id,
                "CCHC_VNEID_CLIENT_SECRET": self.client_secret, "CCHC_VNEID_ISSUER": self.issuer,
                "CCHC_VNEID_TIMEOUT": "5"}

    def __enter__(self) -> OidcStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
