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


def _vneid_enabled() -> bool:
    try:
        from cchc.portal.selectors import vneid_enabled
    except ImportError:  # the portal app is not installed
        return False
    return vneid_enabled()


def _is_here(path: str, url: str) -> bool:
    return path == url or (url != "/" and path.startswith(url))


def _item(label: str, url: str, path: str, children: list[tuple[str, str]] | None) -> dict:
    """One entry of the main menu; with ``children`` it is a drop-down."""
    kids = [{"label": lab, "url": u, "active": _is_here(path, u)} for lab, u in children or []]
    active = any(k["active"] for k in kids) if kids else _is_here(path, url)
    return {"label": label, "url": url, "active": active, "children": kids}


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items: list[tuple[str, str]] = []
    groups: dict[int, list[tuple[str, str]]] = {}  # position in items -> the entries of its drop-down
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
            # The one-stop pages share one menu: a clerk or specialist sees two or three of them, and
            # side by side with the plan's pages they no longer fit a 1280 px bar.
            one_stop: list[tuple[str, str]] = []
            for label, name, roles in (
                (_("Quầy tiếp nhận"), "queues:counter", ("reception_officer", "return_officer")),
                (_("Hồ sơ cần xử lý"), "queues:mine", ("specialist", "division_head", "signer")),
                (_("Hồ sơ trễ hạn"), "queues:late", ("agency_leader", "division_head")),
                (_("Tất cả hồ sơ một cửa"), "dossiers:list", ONE_STOP_ROLES),
                (_("Tiếp nhận hồ sơ mới"), "dossiers:new", ("reception_officer",)),
                (_("Nộp có hỗ trợ (biểu mẫu điện tử)"), "eforms:assisted", ("reception_officer",)),
            ):
                if user.has_role(*roles) and (url := _url(name)):
                    one_stop.append((label, url))
            if one_stop:
                groups[len(items)] = one_stop
                items.append((_("Một cửa"), one_stop[0][1]))

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
        "vneid_enabled": _vneid_enabled(),
        "account_items": account,
        "nav_items": [_item(label, url, path, groups.get(i)) for i, (label, url) in enumerate(items)],
    }
