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
            if user.has_role("reception_officer", "return_officer") and (url := _url("queues:counter")):
                items.append((_("Quầy tiếp nhận"), url))
            if user.has_role("specialist", "division_head", "signer") and (url := _url("queues:mine")):
                items.append((_("Hồ sơ cần xử lý"), url))
            if user.has_role("agency_leader", "division_head") and (url := _url("queues:late")):
                items.append((_("Hồ sơ trễ hạn"), url))

    if user is None or not user.is_authenticated or user.kind != "staff":
        # Citizens and visitors: the public procedure catalogue and the dossier lookup.
        for label, name in ((_("Thủ tục hành chính"), "public:procedure_list"), (_("Tra cứu hồ sơ"), "public:lookup")):
            if url := _url(name):
                items.append((label, url))

    account: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        if user.has_perm("accounts.manage_agency_users"):
            account.append((_("Người dùng"), reverse("accounts:users")))
        if user.has_perm("plans.review_progress"):
            account.append((_("Báo cáo chờ duyệt"), reverse("plans:reviews")))
        if url := _url("notifications:list"):
            account.append((_("Thông báo"), url))
        if user.has_role("agency_leader", "admin") and (url := _url("queues:views")):
            account.append((_("Nhật ký xem dữ liệu cá nhân"), url))
        account.append((_("Mã truy cập API"), reverse("accounts:tokens")))
        if user.is_staff:
            account.append((_("Quản trị danh mục"), reverse("admin:index")))
    path = request.path
    return {
        "account_items": account,
        "nav_items": [(label, url, path == url or (url != "/" and path.startswith(url))) for label, url in items],
    }
