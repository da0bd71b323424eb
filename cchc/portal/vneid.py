"""VNeID single sign-on: an OpenID-Connect-style authorization-code adapter (docs/vneid-sso.md).

VNeID's interface for third parties is not public; this speaks plain OIDC (authorization code, PKCE
S256, state, nonce, token endpoint, userinfo) with every address and claim name from settings, so
the real provider can be plugged in by configuration. HTTP with urllib; no ORM here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from cchc.common.errors import DomainError


class VneidError(DomainError):
    """The provider refused, answered nonsense or could not be reached: nobody is logged in."""

    status = 502
    default_code = "vneid_failed"


class VneidStateMismatch(DomainError):
    """The browser came back with a state we did not send (or no login was started): a forged callback."""

    status = 400
    default_code = "vneid_state_mismatch"


class VneidNotConfigured(DomainError):
    status = 503
    default_code = "vneid_not_configured"


@dataclass(frozen=True)
class Config:
    authorize_url: str
    token_url: str
    userinfo_url: str
    client_id: str
    client_secret: str
    issuer: str = ""
    scope: str = "openid profile phone"
    redirect_uri: str = ""
    id_claim: str = "citizen_id"
    name_claim: str = "name"
    phone_claim: str = "phone_number"
    timeout: float = 10.0


@dataclass(frozen=True)
class Identity:
    """Who VNeID says the citizen is."""

    subject: str
    id_number: str
    full_name: str
    phone: str


def _get(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    if value in (None, ""):
        value = os.environ.get(name, "")
    return str(value or default).strip()


def config() -> Config:
    """The adapter's configuration from settings (or the environment); a clear refusal if incomplete."""
    required = {"CCHC_VNEID_AUTHORIZE_URL": _get("CCHC_VNEID_AUTHORIZE_URL"),
                "CCHC_VNEID_TOKEN_URL": _get("CCHC_VNEID_TOKEN_URL"),
                "CCHC_VNEID_USERINFO_URL": _get("CCHC_VNEID_USERINFO_URL"),
                "CCHC_VNEID_CLIENT_ID": _get("CCHC_VNEID_CLIENT_ID"),
                "CCHC_VNEID_CLIENT_SECRET": _get("CCHC_VNEID_CLIENT_SECRET")}
    missing = [k for k, v in required.items() if not v]
    if missing:
        raise VneidNotConfigured("Chưa cấu hình đăng nhập bằng VNeID: thiếu " + ", ".join(missing) + ".",
                                 details={"missing": missing})
    return Config(authorize_url=required["CCHC_VNEID_AUTHORIZE_URL"], token_url=required["CCHC_VNEID_TOKEN_URL"],
                  userinfo_url=required["CCHC_VNEID_USERINFO_URL"], client_id=required["CCHC_VNEID_CLIENT_ID"],
                  client_secret=required["CCHC_VNEID_CLIENT_SECRET"], issuer=_get("CCHC_VNEID_ISSUER"),
                  scope=_get("CCHC_VNEID_SCOPE", "openid profile phone"),
                  redirect_uri=_get("CCHC_VNEID_REDIRECT_URI"), id_claim=_get("CCHC_VNEID_ID_CLAIM", "citizen_id"),
                  name_claim=_get("CCHC_VNEID_NAME_CLAIM", "name"),
                  phone_claim=_get("CCHC_VNEID_PHONE_CLAIM", "phone_number"),
                  timeout=float(_get("CCHC_VNEID_TIMEOUT", "10")))


@dataclass(frozen=True)
class Start:
    """One login attempt: what goes in the session and where the browser is sent."""

    state: str
    nonce: str
    verifier: str
    url: str


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def start(cfg: Config, redirect_uri: str) -> Start:
    """A fresh state, nonce and PKCE verifier, and the provider's authorize URL carrying them."""
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    challenge = _b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": cfg.client_id, "redirect_uri": redirect_uri, "scope": cfg.scope,
        "state": state, "nonce": nonce, "code_challenge": challenge, "code_challenge_method": "S256",
    })
    sep = "&" if "?" in cfg.authorize_url else "?"
    return Start(state=state, nonce=nonce, verifier=verifier, url=f"{cfg.authorize_url}{sep}{query}")


def _call(req: urllib.request.Request, cfg: Config, what: str) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(req, timeout=cfg.timeout) as resp:  # noqa: S310 - configured https endpoint
            raw = resp.read(1024 * 1024)
    except urllib.error.HTTPError as exc:
        detail = ""
        try:
            detail = str(json.loads(exc.read(64 * 1024) or b"{}").get("error", ""))[:100]
        except (ValueError, AttributeError):
            pass
        raise VneidError(f"VNeID từ chối {what} (HTTP {exc.code}{': ' + detail if detail else ''}).",
                         code="vneid_refused", details={"step": what, "status": exc.code, "error": detail}) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise VneidError(f"Không kết nối được VNeID khi {what}.", code="vneid_unreachable",
                         details={"step": what, "reason": str(exc)[:200]}) from None
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise VneidError(f"VNeID trả lời không đúng định dạng khi {what}.", code="vneid_bad_answer",
                         details={"step": what})
    return data


def exchange_code(cfg: Config, *, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
    """The token endpoint: the one-time code (with the PKCE verifier) for an access token and an ID token."""
    body = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                                   "code_verifier": verifier, "client_id": cfg.client_id}).encode("ascii")
    basic = base64.b64encode(f"{urllib.parse.quote(cfg.client_id)}:{urllib.parse.quote(cfg.client_secret)}"
                             .encode()).decode("ascii")
    req = urllib.request.Request(cfg.token_url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
        "Authorization": f"Basic {basic}"})
    tokens = _call(req, cfg, "đổi mã xác thực")
    if not isinstance(tokens.get("access_token"), str) or not tokens["access_token"]:
        raise VneidError("VNeID không cấp mã truy cập.", code="vneid_bad_answer", details={"step": "token"})
    return tokens


def id_token_claims(cfg: Config, id_token: Any, *, nonce: str, now: float | None = None) -> dict[str, Any]:
    """The ID token's claims, checked: issuer (if configured), audience, expiry, and the nonce we sent.

    The token came straight from the token endpoint over TLS with our client secret, which OIDC Core
    §3.1.3.7 accepts in place of checking its signature; the provider's keys are therefore not needed.
    """
    if not isinstance(id_token, str) or id_token.count(".") != 2:
        raise VneidError("VNeID không cấp mã định danh (ID token) hợp lệ.", code="vneid_bad_answer")
    try:
        part = id_token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except ValueError:
        raise VneidError("Không đọc được mã định danh (ID token) của VNeID.", code="vneid_bad_answer") from None
    if not isinstance(claims, dict):
        raise VneidError("Không đọc được mã định danh (ID token) của VNeID.", code="vneid_bad_answer")
    aud = claims.get("aud")
    audiences = aud if isinstance(aud, list) else [aud]
    if cfg.client_id not in audiences:
        raise VneidError("Mã định danh VNeID không cấp cho hệ thống này.", code="vneid_wrong_audience")
    if cfg.issuer and claims.get("iss") != cfg.issuer:
        raise VneidError("Mã định danh không do VNeID cấp.", code="vneid_wrong_issuer")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp < (now if now is not None else time.time()) - 60:
        raise VneidError("Mã định danh VNeID đã hết hạn.", code="vneid_expired")
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise VneidError("Mã định danh VNeID không khớp phiên đăng nhập này (nonce).", code="vneid_nonce_mismatch")
    return claims


def userinfo(cfg: Config, access_token: str) -> dict[str, Any]:
    req = urllib.request.Request(cfg.userinfo_url, headers={"Authorization": f"Bearer {access_token}",
                                                            "Accept": "application/json"})
    return _call(req, cfg, "lấy thông tin công dân")


def identity(cfg: Config, claims: dict[str, Any], info: dict[str, Any]) -> Identity:
    """The citizen from userinfo; its ``sub`` must be the ID token's (OIDC Core §5.3.2)."""
    if str(info.get("sub", "")) != str(claims.get("sub", "")) or not claims.get("sub"):
        raise VneidError("Thông tin công dân không khớp mã định danh VNeID.", code="vneid_subject_mismatch")
    number = str(info.get(cfg.id_claim) or "").strip()
    if not number.isdigit() or len(number) != 12:
        raise VneidError("VNeID không trả số định danh cá nhân (12 chữ số).", code="vneid_no_id_number")
    phone = str(info.get(cfg.phone_claim) or "").strip()[:20]
    return Identity(subject=str(claims["sub"])[:255], id_number=number,
                    full_name=str(info.get(cfg.name_claim) or "").strip()[:150], phone=phone)
