"""Fixtures shared by the app tests: a small two-province registry and people in it."""

from __future__ import annotations

from datetime import date

import pytest

PASSWORD = "ThaiNguyen@2026"


@pytest.fixture
def registry(db):
    from cchc.org.services import AgencyData, agency_create, group_upsert, reorganisation_record

    def make(code, name, type_, parent=None, start=date(2000, 1, 1), end=None, short="", aliases=()):
        return agency_create(actor=None, data=AgencyData(
            code=code, name=name, type=type_, parent=parent, valid_from=start, valid_to=end, short_name=short,
            aliases=tuple(aliases)))

    tn = make("TN.UBND", "Ủy ban nhân dân tỉnh Thái Nguyên", "ubnd_tinh", short="UBND tỉnh")
    bk = make("BK.UBND", "Ủy ban nhân dân tỉnh Bắc Kạn", "ubnd_tinh", end=date(2025, 6, 30))
    a = {
        "tn": tn, "bk": bk,
        "snv": make("TN.SNV", "Sở Nội vụ", "so", tn),
        "stp": make("TN.STP", "Sở Tư pháp", "so", tn),
        "stttt": make("TN.STTTT", "Sở Thông tin và Truyền thông", "so", tn, end=date(2025, 2, 28), short="Sở TT&TT"),
        "skhcn": make("TN.SKHCN", "Sở Khoa học và Công nghệ", "so", tn, short="Sở KH&CN"),
        "vpub": make("TN.VPUB", "Văn phòng Ủy ban nhân dân tỉnh", "nganh", tn, short="VP UBND tỉnh"),
        "bql": make("TN.BQLKCN", "Ban Quản lý các Khu công nghiệp tỉnh Thái Nguyên", "ban", tn, short="BQL các KCN"),
        "h164": make("TN.H164", "Ủy ban nhân dân thành phố Thái Nguyên", "ubnd_huyen", tn, end=date(2025, 6, 30)),
        "h167": make("TN.H167", "Ủy ban nhân dân huyện Định Hóa", "ubnd_huyen", tn, end=date(2025, 6, 30)),
        "bksnv": make("BK.SNV", "Sở Nội vụ tỉnh Bắc Kạn", "so", bk, end=date(2025, 6, 30)),
        "bkh058": make("BK.H058", "Ủy ban nhân dân thành phố Bắc Kạn", "ubnd_huyen", bk, end=date(2025, 6, 30)),
        "bhxh": make("VN.BHXH.TN", "Bảo hiểm xã hội tỉnh Thái Nguyên", "nganh_doc", short="BHXH tỉnh",
                     aliases=["Bảo hiểm xã hội tỉnh"]),
    }
    a["x_old"] = make("TN.H164.TAN-CUONG", "Ủy ban nhân dân xã Tân Cương", "ubnd_xa", a["h164"], end=date(2025, 6, 30))
    a["x_new"] = make("TN.X05443", "Ủy ban nhân dân phường Phan Đình Phùng", "ubnd_xa", tn, start=date(2025, 7, 1))
    reorganisation_record(actor=None, kind="merge", effective_date=date(2025, 3, 1),
                          predecessors=[a["stttt"], a["skhcn"]], successors=[a["skhcn"]], legal_basis="NQ HĐND (minh hoạ)")
    reorganisation_record(actor=None, kind="merge", effective_date=date(2025, 7, 1),
                          predecessors=[a["bksnv"], a["snv"]], successors=[a["snv"]], legal_basis="NQ 202/2025/QH15")
    group_upsert(actor=None, code="SO_BAN_NGANH", name="Các Sở, Ban, ngành",
                 aliases=["Sở, Ban, ngành", "các Sở, Ban, ngành của tỉnh"], member_types=["so", "ban", "nganh"])
    group_upsert(actor=None, code="UBND_CAP_HUYEN", name="UBND cấp huyện",
                 aliases=["UBND các huyện, thành phố, thị xã"], member_types=["ubnd_huyen"])
    group_upsert(actor=None, code="UBND_CAP_XA", name="UBND cấp xã", aliases=[], member_types=["ubnd_xa"])
    return a


@pytest.fixture
def clock(monkeypatch):
    """Set the dossier services' clock: ``clock.set(datetime)`` (unset: the real time)."""
    from cchc.dossiers.services import _core

    class Clock:
        at = None

        def set(self, value):
            self.at = value

    c = Clock()
    real = _core.now
    monkeypatch.setattr(_core, "now", lambda: c.at or real())
    return c


@pytest.fixture
def people(registry):
    from cchc.accounts.services import user_create

    def make(username, agency=None, roles=(), kind="staff"):
        return user_create(actor=None, username=username, password=PASSWORD, full_name=username.title(),
                           email=f"{username}@example.org", agency=agency, roles=list(roles), kind=kind)

    return {
        "admin": make("quantri", roles=["admin"]),
        "secretariat": make("thuongtruc", registry["snv"], ["secretariat", "agency_officer"]),
        "leader_stp": make("lanhdao.stp", registry["stp"], ["agency_leader"]),
        "officer_stp": make("canbo.stp", registry["stp"], ["agency_officer"]),
        "officer_snv": make("canbo.snv", registry["snv"], ["agency_officer"]),
        "citizen": make("congdan", kind="citizen"),
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    # PBKDF2's 1M iterations cost ~0.3 s a user; tests create dozens of users.
    # Pure tests run without pytest-django (-p no:django): they have no settings to change.
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
