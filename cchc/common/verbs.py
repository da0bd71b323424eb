"""Readable Vietnamese names for event verbs (the log stores the stable technical verb)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "agency.create": _("thêm cơ quan"),
    "agency.update": _("sửa cơ quan"),
    "agency.bulk_create": _("thêm nhiều cơ quan"),
    "agency.add_alias": _("thêm tên gọi khác"),
    "agency.reorganise": _("sắp xếp tổ chức"),
    "agency.reorganisation_recorded": _("ghi nhận sắp xếp tổ chức"),
    "group.create": _("thêm nhóm cơ quan"),
    "group.update": _("sửa nhóm cơ quan"),
    "user.create": _("tạo tài khoản"),
    "user.set_roles": _("giao vai trò"),
    "user.activate": _("mở khoá tài khoản"),
    "user.deactivate": _("khoá tài khoản"),
    "token.create": _("tạo mã truy cập"),
    "token.revoke": _("thu hồi mã truy cập"),
    "plan.import": _("nhập kế hoạch"),
    "plan.new_version": _("nhập phiên bản kế hoạch"),
    "plan.approve": _("phê duyệt kế hoạch"),
    "task.create": _("tạo nhiệm vụ"),
    "task.update": _("sửa nhiệm vụ"),
    "task.reschedule": _("đổi thời hạn nhiệm vụ"),
    "task.assign": _("giao nhiệm vụ"),
    "task.cancel": _("huỷ nhiệm vụ"),
    "progress.submit": _("báo cáo tiến độ"),
    "progress.accept": _("chấp nhận báo cáo"),
    "progress.return": _("trả lại báo cáo"),
    "progress.evidence": _("đính kèm minh chứng"),
    "progress.sheet_import": _("nhập tiến độ từ Excel"),
    "progress.publish": _("công bố tiến độ"),
    "calendar.set": _("điều chỉnh lịch làm việc"),
    "calendar.update": _("sửa điều chỉnh lịch"),
}


def label(verb: str) -> str:
    return str(LABELS.get(verb, verb))
