"""Template context: the navigation a person sees depends on their roles."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

ONE_STOP_ROLES = ("reception_officer", "specialist", "division_head", "signer", "return_officer", "admin")


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # a module whose pages are not installed
        return None


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        if user.kind == "staff":
            items.append((_("Kế hoạch CCHC"), reverse("plans:list")))
            if user.agency_id or user.has_perm("plans.review_progress"):
                items.append((_("Việc của cơ quan"), reverse("plans:queue")))
            if url := _url("reports:index"):
                items.append((_("Bảng theo dõi"), url))
            items.append((_("Cơ quan, đơn vị"), reverse("org:agency_list")))
            if url := _url("procedures:list"):
                items.append((_("Thủ tục hành chính"), url))
            if user.has_role(*ONE_STOP_ROLES) and (url := _url("dossiers:list")):
                items.append((_("Hồ sơ một cửa"), url))

    account: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        if user.has_perm("accounts.manage_agency_users"):
            account.append((_("Người dùng"), reverse("accounts:users")))
        if user.has_perm("plans.review_progress"):
            account.append((_("Báo cáo chờ duyệt"), reverse("plans:reviews")))
        if url := _url("notifications:list"):
            account.append((_("Thông báo"), url))
        account.append((_("Mã truy cập API"), reverse("accounts:tokens")))
        if user.is_staff:
            account.append((_("Quản trị danh mục"), reverse("admin:index")))
    path = request.path
    return {
        "account_items": account,
        "nav_items": [(label, url, path == url or (url != "/" and path.startswith(url))) for label, url in items],
    }
