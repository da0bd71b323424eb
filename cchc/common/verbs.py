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
    "dossier_log.digest": _("lập bản tóm lược nhật ký hồ sơ"),
    "portal.dossier_receive": _("nhận hồ sơ từ Cổng Dịch vụ công quốc gia"),
    "eforms.draft_create": _("bắt đầu khai biểu mẫu điện tử"),
    "eforms.draft_delete": _("xoá bản khai"),
    "eforms.file_add": _("tải lên thành phần hồ sơ"),
    "eforms.file_remove": _("gỡ thành phần hồ sơ"),
    "eforms.scan_attach": _("đính kèm bản quét thành phần hồ sơ"),
    "eforms.submit": _("nộp hồ sơ qua biểu mẫu điện tử"),
    "payment.fee_lines": _("lập danh sách phí, lệ phí"),
    "payment.fee_line_add": _("thêm khoản phí"),
    "payment.request": _("yêu cầu thanh toán"),
    "payment.link": _("tạo liên kết thanh toán"),
    "payment.paid": _("ghi nhận đã thanh toán"),
    "payment.failed": _("thanh toán không thành công"),
    "payment.cancel": _("huỷ yêu cầu thanh toán"),
    "payment.expire": _("yêu cầu thanh toán hết hạn"),
    "results.sign": _("ký số kết quả điện tử"),
    "results.download": _("người dân tải kết quả điện tử"),
    "results.postal_sent": _("gửi kết quả qua bưu chính"),
    "results.postal_status": _("cập nhật trạng thái bưu gửi"),
    "public.rating": _("người dân đánh giá mức độ hài lòng"),
    "queues.bulk_action": _("xử lý nhiều hồ sơ cùng lúc"),
}


def label(verb: str) -> str:
    if verb in LABELS:
        return str(LABELS[verb])
    if verb.startswith("dossier."):
        # Dossier events are named by their life-cycle action ("dossier.receive").
        from cchc.dossiers.lifecycle import ACTION_LABELS, Action

        action = verb.removeprefix("dossier.")
        if action in Action._value2member_map_:
            return ACTION_LABELS[Action(action)]
    return verb
