"""The roles a person can hold. Pure data: which roles exist and who may grant which."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    SECRETARIAT = "secretariat", _("Thường trực CCHC (Sở Nội vụ)")
    AGENCY_LEADER = "agency_leader", _("Lãnh đạo cơ quan")
    AGENCY_OFFICER = "agency_officer", _("Cán bộ cơ quan")
    APPRAISER = "appraiser", _("Thành viên thẩm định")
    RECEPTION_OFFICER = "reception_officer", _("Cán bộ tiếp nhận (một cửa)")
    SPECIALIST = "specialist", _("Chuyên viên thụ lý")
    DIVISION_HEAD = "division_head", _("Lãnh đạo phòng")
    SIGNER = "signer", _("Người ký duyệt")
    RETURN_OFFICER = "return_officer", _("Cán bộ trả kết quả")


# Highest first: the role an event records when a person holds several.
PRECEDENCE = [
    Role.ADMIN, Role.SECRETARIAT, Role.AGENCY_LEADER, Role.SIGNER, Role.DIVISION_HEAD, Role.APPRAISER,
    Role.SPECIALIST, Role.RECEPTION_OFFICER, Role.RETURN_OFFICER, Role.AGENCY_OFFICER,
]

# An agency leader manages the people of their own agency, but cannot make admins or secretariat members.
LEADER_GRANTABLE = frozenset(
    {
        Role.AGENCY_LEADER, Role.AGENCY_OFFICER, Role.RECEPTION_OFFICER, Role.SPECIALIST,
        Role.DIVISION_HEAD, Role.SIGNER, Role.RETURN_OFFICER,
    }
)
