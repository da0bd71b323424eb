"""Thirty procedures of Thái Nguyên's departments and communes for the demo. ILLUSTRATIVE.

Names, sectors, legal bases and the shape of components and fees follow the national catalogue as
published, but the codes ("1.00xxxx"/"2.00xxxx"), decision numbers, time limits of some cases, fee
amounts and every internal process are illustrative: not checked against the national database or
a provincial decision. Each record is marked ``illustrative=True`` when loaded.

Compact notation: ``doc(name, originals, copies)`` is a component; ``fee(kind, amount, collect, text)``
a fee; a case is ``(code, name, limit, unit)`` plus optional keys.
"""

from __future__ import annotations

from typing import Any

# --- helpers ----------------------------------------------------------------------------------


def doc(name: str, originals: int = 1, copies: int = 0, form: str = "", required: bool = True) -> dict[str, Any]:
    return {"name": name, "originals": originals, "copies": copies, "form_name": form, "required": required}


def fee(kind: str, amount: int | None, collect: str = "before", text: str = "") -> dict[str, Any]:
    return {"kind": kind, "amount": amount, "collect": "free" if amount == 0 else collect, "description": text}


FREE = [fee("le_phi", 0, text="Miễn lệ phí")]
CCCD = doc("Căn cước công dân hoặc giấy tờ tùy thân có ảnh (xuất trình, hoặc khai thác từ Cơ sở dữ liệu quốc gia "
           "về dân cư)", 0, 0, required=False)
TO_KHAI_HT = "Tờ khai theo mẫu ban hành kèm Thông tư 04/2020/TT-BTP"


def law(number: str, title: str, day: str, issuer: str) -> dict[str, str]:
    return {"number": number, "title": title, "date": day, "issuer": issuer}


LUAT_HO_TICH = law("60/2014/QH13", "Luật Hộ tịch", "20/11/2014", "Quốc hội")
ND_HO_TICH = law("123/2015/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
                 "15/11/2015", "Chính phủ")
ND_CHUNG_THUC = law("23/2015/NĐ-CP", "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng "
                    "thực chữ ký và chứng thực hợp đồng, giao dịch", "16/02/2015", "Chính phủ")
TT_PHI_CT = law("226/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
                "11/11/2016", "Bộ Tài chính")
LUAT_XD = law("50/2014/QH13", "Luật Xây dựng", "18/06/2014", "Quốc hội")
ND_XD = law("175/2024/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản "
            "lý hoạt động xây dựng", "30/12/2024", "Chính phủ")
LUAT_DN = law("59/2020/QH14", "Luật Doanh nghiệp", "17/06/2020", "Quốc hội")
ND_DKDN = law("168/2025/NĐ-CP", "Nghị định về đăng ký doanh nghiệp", "30/06/2025", "Chính phủ")
LUAT_DAT = law("31/2024/QH15", "Luật Đất đai", "18/01/2024", "Quốc hội")
ND_DAT = law("101/2024/NĐ-CP", "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền "
             "sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai", "29/07/2024",
             "Chính phủ")

# Who does the work: a department (its name as of today in the registry), or "commune".
PROVINCE_INTAKE = "Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên"

PROCEDURES: list[dict[str, Any]] = [
    # --- Sở Tư pháp ---
    {"code": "2.000488", "agency": "Sở Tư pháp", "sector": "Lý lịch tư pháp", "online": "toan_trinh",
     "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
     "subjects": ["Công dân Việt Nam", "Người nước ngoài"], "result": "Phiếu lý lịch tư pháp",
     "legal": [law("28/2009/QH12", "Luật Lý lịch tư pháp", "17/06/2009", "Quốc hội"),
               law("244/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp "
                   "thông tin lý lịch tư pháp", "11/11/2016", "Bộ Tài chính")],
     "cases": [("TH1", "Công dân cư trú tại một tỉnh", 10, "calendar_days"),
               ("TH2", "Đã cư trú ở nhiều nơi hoặc có thời gian cư trú ở nước ngoài; người nước ngoài", 15,
                "calendar_days")],
     "docs": [doc("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", form="Mẫu số 03/2013/TT-LLTP"), CCCD],
     "fees": [fee("phi", 200_000, text="Phí cung cấp thông tin lý lịch tư pháp"),
              fee("phi", 100_000, text="Sinh viên, người có công với cách mạng, thân nhân liệt sĩ")]},
    {"code": "1.001877", "agency": "Sở Tư pháp", "sector": "Công chứng", "online": "mot_phan",
     "name": "Đăng ký hoạt động Văn phòng công chứng", "subjects": ["Tổ chức hành nghề công chứng"],
     "result": "Giấy đăng ký hoạt động Văn phòng công chứng",
     "legal": [law("46/2024/QH15", "Luật Công chứng", "26/11/2024", "Quốc hội")],
     "cases": [("TH1", "Trường hợp chung", 10, "working_days")],
     "docs": [doc("Đơn đề nghị đăng ký hoạt động", form="Mẫu TP-CC-08"), doc("Quyết định cho phép thành lập", 0, 1),
              doc("Giấy tờ chứng minh về trụ sở", 0, 1)],
     "fees": [fee("phi", 1_000_000, text="Phí thẩm định điều kiện hoạt động Văn phòng công chứng")]},
    {"code": "2.000778", "agency": "Sở Tư pháp", "sector": "Công chứng", "online": "mot_phan",
     "name": "Đăng ký tập sự hành nghề công chứng", "subjects": ["Công dân Việt Nam"],
     "result": "Quyết định đăng ký tập sự hành nghề công chứng",
     "legal": [law("46/2024/QH15", "Luật Công chứng", "26/11/2024", "Quốc hội")],
     "cases": [("TH1", "Trường hợp chung", 7, "working_days")],
     "docs": [doc("Giấy đề nghị đăng ký tập sự", form="Mẫu TP-TSCC-01"), doc("Giấy chứng nhận tốt nghiệp khóa đào "
              "tạo nghề công chứng", 0, 1), doc("Giấy xác nhận về việc tiếp nhận tập sự của tổ chức hành nghề công chứng")],
     "fees": FREE},
    # --- Sở Xây dựng ---
    {"code": "1.009975", "agency": "Sở Xây dựng", "sector": "Hoạt động xây dựng", "online": "mot_phan",
     "name": "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (công trình không theo tuyến/theo tuyến "
             "trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/theo giai đoạn)",
     "subjects": ["Doanh nghiệp", "Tổ chức", "Công dân Việt Nam"], "result": "Giấy phép xây dựng",
     "legal": [LUAT_XD, ND_XD], "cases": [("TH1", "Công trình không theo tuyến", 20, "calendar_days"),
                                           ("TH2", "Công trình theo tuyến trong đô thị", 20, "calendar_days")],
     "docs": [doc("Đơn đề nghị cấp giấy phép xây dựng", form="Mẫu số 01 Phụ lục II"),
              doc("Giấy tờ hợp pháp về đất đai", 0, 1), doc("Hai bộ bản vẽ thiết kế xây dựng", 2, 0),
              doc("Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy (nếu có)", 0, 1, required=False)],
     "fees": [fee("le_phi", 150_000, "after", "Lệ phí cấp giấy phép xây dựng công trình")]},
    {"code": "1.009977", "agency": "Sở Xây dựng", "sector": "Hoạt động xây dựng", "online": "mot_phan",
     "name": "Cấp giấy phép xây dựng sửa chữa, cải tạo công trình", "subjects": ["Doanh nghiệp", "Tổ chức"],
     "result": "Giấy phép xây dựng sửa chữa, cải tạo", "legal": [LUAT_XD, ND_XD],
     "cases": [("TH1", "Trường hợp chung", 20, "calendar_days")],
     "docs": [doc("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo", form="Mẫu số 01 Phụ lục II"),
              doc("Giấy tờ về quyền sở hữu công trình", 0, 1), doc("Bản vẽ hiện trạng bộ phận công trình", 2, 0)],
     "fees": [fee("le_phi", 150_000, "after", "Lệ phí cấp giấy phép xây dựng")]},
    {"code": "1.009983", "agency": "Sở Xây dựng", "sector": "Hoạt động xây dựng", "online": "toan_trinh",
     "name": "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "subjects": ["Công dân Việt Nam"],
     "result": "Chứng chỉ hành nghề hoạt động xây dựng", "legal": [LUAT_XD, ND_XD],
     "cases": [("TH1", "Cấp lần đầu", 10, "working_days"), ("TH2", "Cấp lại do hết hạn hoặc bị mất", 5, "working_days")],
     "docs": [doc("Đơn đề nghị cấp chứng chỉ hành nghề", form="Mẫu số 01 Phụ lục IV"), doc("Ảnh màu cỡ 4x6 cm", 1, 0),
              doc("Văn bằng do cơ sở đào tạo hợp pháp cấp", 0, 1)],
     "fees": [fee("phi", 300_000, text="Phí thẩm định cấp chứng chỉ hành nghề (cá nhân)")]},
    # --- Sở Tài chính (đăng ký doanh nghiệp) ---
    {"code": "2.001610", "agency": "Sở Tài chính", "sector": "Thành lập và hoạt động của doanh nghiệp",
     "online": "toan_trinh", "name": "Đăng ký thành lập doanh nghiệp tư nhân", "subjects": ["Công dân Việt Nam"],
     "result": "Giấy chứng nhận đăng ký doanh nghiệp", "legal": [LUAT_DN, ND_DKDN],
     "cases": [("TH1", "Trường hợp chung", 3, "working_days")],
     "docs": [doc("Giấy đề nghị đăng ký doanh nghiệp tư nhân", form="Phụ lục I-1"), CCCD],
     "fees": [fee("le_phi", 50_000, text="Nộp hồ sơ giấy; miễn lệ phí khi đăng ký qua mạng điện tử")]},
    {"code": "2.002033", "agency": "Sở Tài chính", "sector": "Thành lập và hoạt động của doanh nghiệp",
     "online": "toan_trinh", "name": "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
     "subjects": ["Công dân Việt Nam", "Tổ chức", "Người nước ngoài"],
     "result": "Giấy chứng nhận đăng ký doanh nghiệp", "legal": [LUAT_DN, ND_DKDN],
     "cases": [("TH1", "Trường hợp chung", 3, "working_days")],
     "docs": [doc("Giấy đề nghị đăng ký doanh nghiệp", form="Phụ lục I-2"), doc("Điều lệ công ty"),
              doc("Bản sao giấy tờ pháp lý của chủ sở hữu", 0, 1)],
     "fees": [fee("le_phi", 50_000, text="Nộp hồ sơ giấy; miễn lệ phí khi đăng ký qua mạng điện tử")]},
    {"code": "2.002042", "agency": "Sở Tài chính", "sector": "Thành lập và hoạt động của doanh nghiệp",
     "online": "toan_trinh", "name": "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
     "subjects": ["Doanh nghiệp"], "result": "Giấy chứng nhận đăng ký doanh nghiệp (cấp đổi)",
     "legal": [LUAT_DN, ND_DKDN], "cases": [("TH1", "Trường hợp chung", 3, "working_days")],
     "docs": [doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp", form="Phụ lục II-1"),
              doc("Nghị quyết, quyết định của chủ sở hữu hoặc Hội đồng thành viên", 1, 0)],
     "fees": [fee("le_phi", 50_000, text="Nộp hồ sơ giấy")]},
    # --- Sở Nông nghiệp và Môi trường ---
    {"code": "1.012774", "agency": "Sở Nông nghiệp và Môi trường", "sector": "Đất đai", "online": "mot_phan",
     "name": "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", "interagency": True,
     "subjects": ["Công dân Việt Nam", "Tổ chức"], "result": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản "
     "gắn liền với đất", "legal": [LUAT_DAT, ND_DAT],
     # supplement_days: the applicant's allowance to supplement (illustrative), after which the
     # division head is asked to consider stopping the dossier (T13).
     "cases": [("TH1", "Hộ gia đình, cá nhân", 20, "working_days", {"payment_pauses_clock": True, "supplement_days": 30}),
               ("TH2", "Tổ chức", 20, "working_days", {"payment_pauses_clock": True, "supplement_days": 30})],
     "docs": [doc("Đơn đăng ký đất đai, tài sản gắn liền với đất", form="Mẫu số 04/ĐK"),
              doc("Giấy tờ về quyền sử dụng đất", 0, 1), doc("Sơ đồ nhà ở, công trình xây dựng (nếu có)", 0, 1,
                                                              required=False)],
     "fees": [fee("le_phi", 100_000, "after", "Lệ phí cấp Giấy chứng nhận (mức minh hoạ; theo nghị quyết HĐND tỉnh)"),
              fee("khac", None, "after", "Tiền sử dụng đất, lệ phí trước bạ theo thông báo của cơ quan thuế")],
     "coordination": True},
    {"code": "1.012781", "agency": "Sở Nông nghiệp và Môi trường", "sector": "Đất đai", "online": "mot_phan",
     "name": "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, "
             "thừa kế", "interagency": True, "subjects": ["Công dân Việt Nam", "Tổ chức"],
     "result": "Giấy chứng nhận đã xác nhận nội dung biến động", "legal": [LUAT_DAT, ND_DAT],
     "cases": [("TH1", "Trường hợp chung", 10, "working_days", {"payment_pauses_clock": True, "supplement_days": 30})],
     "docs": [doc("Đơn đăng ký biến động đất đai", form="Mẫu số 11/ĐK"), doc("Hợp đồng, văn bản đã công chứng"),
              doc("Giấy chứng nhận đã cấp")],
     "fees": [fee("le_phi", 50_000, "after", "Lệ phí chứng nhận đăng ký biến động (mức minh hoạ)")],
     "coordination": True},
    {"code": "1.010727", "agency": "Sở Nông nghiệp và Môi trường", "sector": "Môi trường", "online": "mot_phan",
     "name": "Cấp giấy phép môi trường (cấp tỉnh)", "subjects": ["Doanh nghiệp", "Tổ chức"],
     "result": "Giấy phép môi trường",
     "legal": [law("72/2020/QH14", "Luật Bảo vệ môi trường", "17/11/2020", "Quốc hội"),
               law("08/2022/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Bảo vệ môi trường",
                   "10/01/2022", "Chính phủ")],
     "cases": [("TH1", "Dự án đầu tư, cơ sở không phải vận hành thử nghiệm", 15, "working_days"),
               ("TH2", "Dự án phải vận hành thử nghiệm công trình xử lý chất thải", 30, "working_days")],
     "docs": [doc("Văn bản đề nghị cấp giấy phép môi trường", form="Mẫu Phụ lục XIII"),
              doc("Báo cáo đề xuất cấp giấy phép môi trường"), doc("Bản sao báo cáo nghiên cứu khả thi", 0, 1)],
     "fees": [fee("phi", None, text="Phí thẩm định cấp giấy phép môi trường theo nghị quyết HĐND tỉnh")]},
    # --- Sở Công Thương ---
    {"code": "2.000591", "agency": "Sở Công Thương", "sector": "An toàn thực phẩm", "online": "mot_phan",
     "name": "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm "
             "do Sở Công Thương thực hiện", "subjects": ["Doanh nghiệp", "Hộ kinh doanh"],
     "result": "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
     "legal": [law("55/2010/QH12", "Luật An toàn thực phẩm", "17/06/2010", "Quốc hội"),
               law("67/2021/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công "
                   "tác an toàn thực phẩm", "05/08/2021", "Bộ Tài chính")],
     "cases": [("TH1", "Cơ sở sản xuất", 20, "working_days"), ("TH2", "Cơ sở kinh doanh", 20, "working_days")],
     "docs": [doc("Đơn đề nghị cấp Giấy chứng nhận", form="Mẫu 01a"), doc("Bản thuyết minh về cơ sở vật chất"),
              doc("Giấy xác nhận đủ sức khỏe của chủ cơ sở", 0, 1)],
     "fees": [fee("phi", 2_500_000, text="Cơ sở sản xuất"), fee("phi", 1_000_000, text="Cơ sở kinh doanh")]},
    {"code": "2.000633", "agency": "Sở Công Thương", "sector": "Lưu thông hàng hóa trong nước", "online": "mot_phan",
     "name": "Cấp Giấy phép bán buôn sản phẩm rượu", "subjects": ["Doanh nghiệp"],
     "result": "Giấy phép bán buôn sản phẩm rượu",
     "legal": [law("105/2017/NĐ-CP", "Nghị định về kinh doanh rượu", "14/09/2017", "Chính phủ")],
     "cases": [("TH1", "Trường hợp chung", 10, "working_days")],
     "docs": [doc("Đơn đề nghị cấp Giấy phép", form="Mẫu số 01"), doc("Giấy chứng nhận đăng ký doanh nghiệp", 0, 1),
              doc("Hợp đồng nguyên tắc với thương nhân sản xuất rượu", 0, 1)],
     "fees": [fee("phi", 1_200_000, text="Phí thẩm định kinh doanh hàng hóa có điều kiện (khu vực thành phố)")]},
    {"code": "2.000648", "agency": "Sở Công Thương", "sector": "Kinh doanh khí, xăng dầu", "online": "mot_phan",
     "name": "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "subjects": ["Doanh nghiệp"],
     "result": "Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
     "legal": [law("83/2014/NĐ-CP", "Nghị định về kinh doanh xăng dầu", "03/09/2014", "Chính phủ")],
     "cases": [("TH1", "Trường hợp chung", 15, "working_days")],
     "docs": [doc("Đơn đề nghị cấp Giấy chứng nhận", form="Mẫu số 10"),
              doc("Tài liệu chứng minh cửa hàng phù hợp quy hoạch", 0, 1),
              doc("Văn bản nghiệm thu về phòng cháy và chữa cháy", 0, 1)],
     "fees": [fee("phi", 1_200_000, text="Phí thẩm định điều kiện kinh doanh")]},
    # --- Sở Y tế ---
    {"code": "1.012271", "agency": "Sở Y tế", "sector": "Khám bệnh, chữa bệnh", "online": "toan_trinh",
     "name": "Cấp giấy phép hành nghề đối với chức danh bác sĩ, y sĩ, điều dưỡng, hộ sinh",
     "subjects": ["Công dân Việt Nam", "Người nước ngoài"], "result": "Giấy phép hành nghề khám bệnh, chữa bệnh",
     "legal": [law("15/2023/QH15", "Luật Khám bệnh, chữa bệnh", "09/01/2023", "Quốc hội"),
               law("96/2023/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh",
                   "30/12/2023", "Chính phủ")],
     "cases": [("TH1", "Trường hợp chung", 30, "calendar_days")],
     "docs": [doc("Đơn đề nghị cấp giấy phép hành nghề", form="Mẫu 01 Phụ lục I"), doc("Văn bằng chuyên môn", 0, 1),
              doc("Giấy chứng nhận đủ sức khỏe hành nghề", 1, 0), doc("Ảnh chân dung cỡ 04x06 cm", 2, 0)],
     "fees": [fee("phi", 360_000, text="Phí thẩm định cấp giấy phép hành nghề")]},
    {"code": "1.002339", "agency": "Sở Y tế", "sector": "Dược phẩm", "online": "mot_phan",
     "name": "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc",
     "subjects": ["Doanh nghiệp", "Hộ kinh doanh"], "result": "Giấy chứng nhận đủ điều kiện kinh doanh dược",
     "legal": [law("105/2016/QH13", "Luật Dược", "06/04/2016", "Quốc hội"),
               law("54/2017/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Dược",
                   "08/05/2017", "Chính phủ")],
     "cases": [("TH1", "Trường hợp chung", 20, "working_days")],
     "docs": [doc("Đơn đề nghị cấp Giấy chứng nhận", form="Mẫu số 19 Phụ lục I"),
              doc("Tài liệu kỹ thuật về địa điểm, trang thiết bị"), doc("Chứng chỉ hành nghề dược", 0, 1)],
     "fees": [fee("phi", 1_000_000, text="Phí thẩm định điều kiện kinh doanh thuốc")]},
    # --- Sở Giáo dục và Đào tạo ---
    {"code": "1.005092", "agency": "Sở Giáo dục và Đào tạo", "sector": "Văn bằng, chứng chỉ", "online": "toan_trinh",
     "name": "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "subjects": ["Công dân Việt Nam"],
     "result": "Bản sao văn bằng, chứng chỉ từ sổ gốc",
     "legal": [ND_CHUNG_THUC, law("21/2019/TT-BGDĐT", "Thông tư ban hành Quy chế quản lý bằng tốt nghiệp trung học "
                                  "cơ sở, bằng tốt nghiệp trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ",
                                  "29/11/2019", "Bộ Giáo dục và Đào tạo")],
     "cases": [("TH1", "Trường hợp chung", 8, "working_hours")],
     "docs": [doc("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc"), CCCD], "fees": FREE},
    {"code": "1.005083", "agency": "Sở Giáo dục và Đào tạo", "sector": "Giáo dục thường xuyên", "online": "mot_phan",
     "name": "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "subjects": ["Tổ chức", "Doanh nghiệp"],
     "result": "Quyết định cho phép hoạt động giáo dục",
     "legal": [law("125/2024/NĐ-CP", "Nghị định quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục",
                   "05/10/2024", "Chính phủ")],
     "cases": [("TH1", "Trường hợp chung", 15, "working_days")],
     "docs": [doc("Tờ trình đề nghị cho phép hoạt động giáo dục"), doc("Quyết định thành lập trung tâm", 0, 1),
              doc("Danh sách đội ngũ giáo viên kèm văn bằng", 1, 0)], "fees": FREE},
    {"code": "1.006390", "agency": "Sở Giáo dục và Đào tạo", "sector": "Giáo dục trung học", "online": "toan_trinh",
     "name": "Chuyển trường đối với học sinh trung học phổ thông", "subjects": ["Công dân Việt Nam"],
     "result": "Giấy giới thiệu chuyển trường",
     "legal": [law("32/2020/TT-BGDĐT", "Thông tư ban hành Điều lệ trường trung học cơ sở, trường trung học phổ "
                   "thông và trường phổ thông có nhiều cấp học", "15/09/2020", "Bộ Giáo dục và Đào tạo")],
     "cases": [("TH1", "Chuyển trường trong tỉnh", 3, "working_days"),
               ("TH2", "Chuyển trường từ tỉnh khác đến", 16, "working_hours")],
     "docs": [doc("Đơn xin chuyển trường", form="Mẫu đơn chuyển trường"), doc("Học bạ", 1, 0)], "fees": FREE},
    # --- UBND cấp xã (tiếp nhận tại Trung tâm Phục vụ hành chính công xã, phường) ---
    {"code": "1.001193", "agency": "commune", "sector": "Hộ tịch", "online": "toan_trinh", "name": "Đăng ký khai sinh",
     "subjects": ["Công dân Việt Nam"], "result": "Giấy khai sinh (bản chính)", "legal": [LUAT_HO_TICH, ND_HO_TICH],
     "cases": [("TH1", "Đăng ký khai sinh đúng hạn", 0, "same_day", {"same_day_cutoff": "15:00"})],
     "docs": [doc("Tờ khai đăng ký khai sinh", form=TO_KHAI_HT), doc("Giấy chứng sinh", 1, 0), CCCD], "fees": FREE},
    {"code": "1.000894", "agency": "commune", "sector": "Hộ tịch", "online": "mot_phan", "name": "Đăng ký kết hôn",
     "subjects": ["Công dân Việt Nam"], "result": "Giấy chứng nhận kết hôn", "legal": [LUAT_HO_TICH, ND_HO_TICH],
     "cases": [("TH1", "Đủ điều kiện, không cần xác minh", 0, "same_day", {"same_day_cutoff": "15:00"}),
               ("TH2", "Cần xác minh điều kiện kết hôn", 5, "working_days")],
     "docs": [doc("Tờ khai đăng ký kết hôn", form=TO_KHAI_HT), doc("Giấy xác nhận tình trạng hôn nhân", 1, 0), CCCD],
     "fees": FREE},
    {"code": "2.000908", "agency": "commune", "sector": "Chứng thực", "online": "mot_phan",
     "name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc "
             "chứng nhận", "subjects": ["Công dân Việt Nam", "Người nước ngoài", "Tổ chức", "Doanh nghiệp"],
     "result": "Bản sao được chứng thực từ bản chính", "legal": [ND_CHUNG_THUC, TT_PHI_CT],
     "cases": [("TH1", "Trường hợp chung", 0, "same_day", {"same_day_cutoff": "15:00"})],
     "docs": [doc("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", 1, 0),
              doc("Bản sao cần chứng thực", 0, 1)],
     "fees": [fee("phi", 2_000, text="Trang thứ nhất, trang thứ hai"),
              fee("phi", 1_000, text="Từ trang thứ ba trở lên, tối đa 200.000 đồng/bản")]},
    {"code": "2.000884", "agency": "commune", "sector": "Chứng thực", "online": "khong",
     "name": "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)",
     "subjects": ["Công dân Việt Nam", "Người nước ngoài"], "result": "Giấy tờ, văn bản được chứng thực chữ ký",
     "legal": [ND_CHUNG_THUC, TT_PHI_CT],
     "cases": [("TH1", "Trường hợp chung", 0, "same_day", {"same_day_cutoff": "15:00"})],
     "docs": [doc("Giấy tờ, văn bản cần chứng thực chữ ký", 1, 0), CCCD],
     "fees": [fee("phi", 10_000, text="Mỗi trường hợp")]},
    {"code": "2.001035", "agency": "commune", "sector": "Chứng thực", "online": "khong",
     "name": "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
     "subjects": ["Công dân Việt Nam"], "result": "Hợp đồng, giao dịch được chứng thực",
     "legal": [ND_CHUNG_THUC, TT_PHI_CT], "cases": [("TH1", "Trường hợp chung", 2, "working_days")],
     "docs": [doc("Dự thảo hợp đồng, giao dịch", 1, 0), doc("Giấy chứng nhận quyền sử dụng đất", 0, 1), CCCD],
     "fees": [fee("phi", 50_000, text="Mỗi hợp đồng, giao dịch")]},
    {"code": "1.004873", "agency": "commune", "sector": "Hộ tịch", "online": "toan_trinh",
     "name": "Cấp Giấy xác nhận tình trạng hôn nhân", "subjects": ["Công dân Việt Nam"],
     "result": "Giấy xác nhận tình trạng hôn nhân", "legal": [LUAT_HO_TICH, ND_HO_TICH],
     "cases": [("TH1", "Trường hợp chung", 3, "working_days")],
     "docs": [doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", form=TO_KHAI_HT), CCCD],
     "fees": [fee("le_phi", 0, text="Miễn lệ phí (mức minh hoạ; theo nghị quyết HĐND tỉnh)")]},
    {"code": "1.000656", "agency": "commune", "sector": "Hộ tịch", "online": "toan_trinh", "name": "Đăng ký khai tử",
     "subjects": ["Công dân Việt Nam"], "result": "Trích lục khai tử", "legal": [LUAT_HO_TICH, ND_HO_TICH],
     "cases": [("TH1", "Trường hợp chung", 0, "same_day", {"same_day_cutoff": "15:00"})],
     "docs": [doc("Tờ khai đăng ký khai tử", form=TO_KHAI_HT), doc("Giấy báo tử hoặc giấy tờ thay thế", 1, 0)],
     "fees": FREE},
    {"code": "2.000635", "agency": "commune", "sector": "Hộ tịch", "online": "toan_trinh",
     "name": "Cấp bản sao Trích lục hộ tịch", "subjects": ["Công dân Việt Nam"], "result": "Bản sao trích lục hộ tịch",
     "legal": [LUAT_HO_TICH, ND_HO_TICH], "cases": [("TH1", "Trường hợp chung", 4, "working_hours")],
     "docs": [doc("Tờ khai cấp bản sao trích lục hộ tịch", form=TO_KHAI_HT), CCCD],
     "fees": [fee("phi", 8_000, "after", "Mỗi bản sao trích lục")]},
    {"code": "1.004227", "agency": "commune", "sector": "Hộ tịch", "online": "mot_phan",
     "name": "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "subjects": ["Công dân Việt Nam"],
     "result": "Trích lục thay đổi, cải chính hộ tịch", "legal": [LUAT_HO_TICH, ND_HO_TICH],
     "cases": [("TH1", "Trường hợp chung", 3, "working_days")],
     "docs": [doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", form=TO_KHAI_HT),
              doc("Giấy tờ làm căn cứ thay đổi, cải chính", 0, 1)],
     "fees": [fee("le_phi", 15_000, text="Mức minh hoạ; theo nghị quyết HĐND tỉnh")]},
    {"code": "1.009994", "agency": "commune", "sector": "Hoạt động xây dựng", "online": "mot_phan",
     "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "subjects": ["Công dân Việt Nam"],
     "result": "Giấy phép xây dựng nhà ở riêng lẻ", "legal": [LUAT_XD, ND_XD],
     "cases": [("TH1", "Trường hợp chung", 15, "calendar_days")],
     "docs": [doc("Đơn đề nghị cấp giấy phép xây dựng", form="Mẫu số 01 Phụ lục II"),
              doc("Giấy tờ hợp pháp về đất đai", 0, 1), doc("Hai bộ bản vẽ thiết kế xây dựng", 2, 0)],
     "fees": [fee("le_phi", 75_000, "after", "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ (mức minh hoạ)")]},
]


# E-forms of the demo cases (format: cchc/eforms/schema.py), beside the common applicant block every
# e-form has. Procedures not listed get DEFAULT_EFORM.
def _f(name: str, label: str, type_: str = "text", required: bool = False, help_: str = "",
       choices: list[Any] | None = None) -> dict[str, Any]:
    field = {"name": name, "label": label, "type": type_, "required": required}
    if help_:
        field["help"] = help_
    if choices is not None:
        field["choices"] = choices
    return field


RECEIVE_BY = _f("hinh_thuc_nhan", "Hình thức nhận kết quả", "select", True,
                choices=["Nhận trực tiếp tại Bộ phận Một cửa", "Nhận qua dịch vụ bưu chính công ích",
                         "Nhận bản điện tử"])
DEFAULT_EFORM: dict[str, Any] = {"version": 1, "fields": [
    _f("so_bo_ho_so", "Số bộ hồ sơ", "number", help_="Thường là 01 bộ."), RECEIVE_BY]}
EFORMS: dict[str, dict[str, Any]] = {
    "2.000488": {"version": 1, "fields": [
        _f("ngay_sinh", "Ngày, tháng, năm sinh", "date", True),
        _f("noi_sinh", "Nơi sinh", "text", True),
        _f("gioi_tinh", "Giới tính", "select", True, choices=["Nam", "Nữ"]),
        _f("loai_phieu", "Loại phiếu yêu cầu", "select", True, choices=["Phiếu số 1", "Phiếu số 2"]),
        _f("muc_dich", "Mục đích sử dụng phiếu", "text", True, "Ví dụ: bổ sung hồ sơ xin việc."),
        _f("so_luong", "Số lượng phiếu yêu cầu", "number", True), RECEIVE_BY]},
    "2.001610": {"version": 1, "fields": [
        _f("ten_doanh_nghiep", "Tên doanh nghiệp viết bằng tiếng Việt", "text", True),
        _f("dia_chi_tru_so", "Địa chỉ trụ sở chính", "text", True),
        _f("nganh_nghe", "Ngành, nghề kinh doanh (mã ngành cấp 4)", "textarea", True),
        _f("von_dau_tu", "Vốn đầu tư (đồng)", "number", True),
        _f("email_doanh_nghiep", "Thư điện tử của doanh nghiệp", "email"),
        _f("dien_thoai_doanh_nghiep", "Điện thoại doanh nghiệp", "phone"), RECEIVE_BY]},
    "1.009994": {"version": 1, "fields": [
        _f("dia_diem_xay_dung", "Địa điểm xây dựng (lô đất, thửa đất, địa chỉ)", "text", True),
        _f("dien_tich_xay_dung", "Diện tích xây dựng tầng 1 (m²)", "number", True),
        _f("tong_dien_tich_san", "Tổng diện tích sàn (m²)", "number", True),
        _f("so_tang", "Số tầng", "number", True),
        _f("ngay_khoi_cong", "Dự kiến ngày khởi công", "date"), RECEIVE_BY]},
}
