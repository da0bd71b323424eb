"""Demo accounts: fictional people in real agencies of the demo province, one per role."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from cchc.accounts.models import User
from cchc.accounts.roles import Role
from cchc.accounts.services import user_create
from cchc.org.models import Agency

DEMO_PASSWORD = "ThaiNguyen@2026"

# username, full name (fictional), agency (name as of today), roles, position
DEMO_USERS: list[tuple[str, str, str | None, list[str], str]] = [
    ("admin", "Quản trị hệ thống", None, [Role.ADMIN], "Quản trị viên"),
    ("thuongtruc", "Nguyễn Thị Hồng Nhung", "Sở Nội vụ", [Role.SECRETARIAT, Role.AGENCY_OFFICER], "Chuyên viên phòng CCHC"),
    ("thamdinh", "Đỗ Minh Châu", "Sở Nội vụ", [Role.APPRAISER], "Thành viên Tổ thẩm định"),
    ("lanhdao.tuphap", "Trần Văn Bình", "Sở Tư pháp", [Role.AGENCY_LEADER, Role.SIGNER], "Phó Giám đốc"),
    ("canbo.tuphap", "Lê Thị Mai", "Sở Tư pháp", [Role.AGENCY_OFFICER], "Chuyên viên"),
    ("chuyenvien.tuphap", "Vũ Đức Thắng", "Sở Tư pháp", [Role.SPECIALIST], "Chuyên viên thụ lý"),
    ("truongphong.tuphap", "Ngô Thị Thu Hà", "Sở Tư pháp", [Role.DIVISION_HEAD], "Trưởng phòng Hành chính tư pháp"),
    ("canbo.xaydung", "Hoàng Văn Nam", "Sở Xây dựng", [Role.AGENCY_OFFICER], "Chuyên viên"),
    ("tiepnhan", "Bùi Thị Ngọc Ánh", "Trung tâm Phục vụ hành chính công tỉnh", [Role.RECEPTION_OFFICER], "Công chức một cửa"),
    ("trakq", "Đinh Văn Khải", "Trung tâm Phục vụ hành chính công tỉnh", [Role.RETURN_OFFICER], "Công chức trả kết quả"),
    ("congdan", "Phạm Thị Lan", None, [], "Công dân"),
]


def _agency(name: str, today: date) -> Agency | None:
    qs = Agency.objects.as_of(today)
    return (qs.filter(name=name).first() or qs.filter(short_name=name).first()
            or qs.filter(aliases__text=name).first() or qs.filter(name__startswith=name).order_by("code").first())


@transaction.atomic
def load_demo_users(today: date | None = None) -> list[tuple[str, str, str]]:
    """Create the missing demo accounts; return (username, roles, agency) for the login list."""
    today = today or date.today()
    listing = []
    for username, full_name, agency_name, roles, position in DEMO_USERS:
        agency = _agency(agency_name, today) if agency_name else None
        if agency_name and agency is None:
            continue  # the registry has no such agency (a custom registry): skip that demo person
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name,
                email=f"{username}@demo.cchc.local", agency=agency, roles=[str(r) for r in roles],
                kind=User.Kind.CITIZEN if not agency_name and not roles else User.Kind.STAFF, demo=True,
            )
            User.objects.filter(pk=user.pk).update(
                position=position, is_staff=username == "admin", is_superuser=username == "admin"
            )
        role_text = ", ".join(str(Role(r).label) for r in roles) or "Công dân"
        listing.append((username, role_text, agency.name if agency else "—"))
    return listing
