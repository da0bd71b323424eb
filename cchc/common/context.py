"""Template context: the navigation a person sees depends on their roles."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        items.append((_("Trang chủ"), reverse("home")))
        if user.kind == "staff":
            items.append((_("Cơ quan, đơn vị"), reverse("org:agency_list")))
            items.append((_("Nhận diện tên"), reverse("org:resolve")))
        if user.has_perm("org.manage_registry"):
            items.append((_("Sắp xếp tổ chức"), reverse("org:reorganisations")))
        if user.has_perm("accounts.manage_agency_users"):
            items.append((_("Người dùng"), reverse("accounts:users")))
        items.append((_("Mã truy cập API"), reverse("accounts:tokens")))
    path = request.path
    return {
        "nav_items": [(label, url, path == url or (url != "/" and path.startswith(url))) for label, url in items],
    }
