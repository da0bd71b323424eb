"""Corpus documents 5–9 (see ``_corpus_model``): UTF-16, Windows-1258, PDF, Word numbering, deadlines."""

from __future__ import annotations

from _corpus_model import Area, Doc, Duty, Group, Node, Part, Task

# 5. A commune's plan saved as "Unicode" by Notepad (UTF-16 LE with BOM); title starting with
#    "Thực hiện"; one cell per line with some cells missing altogether (empty "phối hợp").
KH_TAN_CUONG_2025 = Doc(
    name="kh-03-ubnd-xa-tan-cuong-2025-utf16",
    fmt="txt",
    issuer_lines=["UBND THÀNH PHỐ THÁI NGUYÊN", "UBND XÃ TÂN CƯƠNG"],
    number_line="Số: 03/KH-UBND",
    date_line="Tân Cương, ngày 06 tháng 01 năm 2025",
    heading="KẾ HOẠCH",
    title_lines=["Thực hiện công tác cải cách hành chính năm 2025"],
    bases=[],
    intro=["Thực hiện Kế hoạch số 212/KH-UBND ngày 25/12/2024 của UBND thành phố Thái Nguyên về cải cách hành "
           "chính năm 2025, UBND xã Tân Cương xây dựng Kế hoạch thực hiện như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("-", "Nâng cao chất lượng giải quyết thủ tục hành chính, sự hài lòng của người dân, tổ chức đối "
                      "với sự phục vụ của UBND xã."),
            Node("-", "Các nhiệm vụ được triển khai đúng tiến độ, có sản phẩm cụ thể."),
        ]),
        Part("II", "NỘI DUNG", "contents", areas=[
            Area("Cải cách thủ tục hành chính", ["Công khai, minh bạch thủ tục hành chính; giải quyết hồ sơ đúng "
                                                 "hạn, không để tồn đọng."], style="dash"),
            Area("Cải cách chế độ công vụ", ["Nâng cao tinh thần trách nhiệm, thái độ phục vụ của cán bộ, công "
                                             "chức xã."], style="dash"),
            Area("Hiện đại hóa hành chính", ["Sử dụng văn bản điện tử, chữ ký số trong xử lý công việc."],
                 style="dash"),
            Area("Tuyên truyền về cải cách hành chính", ["Tuyên truyền trên hệ thống truyền thanh xã và tại các "
                                                         "xóm."], style="dash"),
        ]),
        Part("III", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Văn phòng HĐND và UBND xã", ["Văn phòng HĐND và UBND xã"], [
                "Tham mưu UBND xã triển khai, theo dõi, báo cáo kết quả thực hiện Kế hoạch.",
            ], style="dash"),
            Duty("Bộ phận Một cửa xã", ["Bộ phận Một cửa xã"], [
                "Tiếp nhận, trả kết quả giải quyết thủ tục hành chính đúng quy định.",
            ], style="dash"),
            Duty("Các ban, ngành, đoàn thể xã", ["Các ban, ngành, đoàn thể xã"], [
                "Phối hợp tuyên truyền, vận động Nhân dân sử dụng dịch vụ công trực tuyến.",
            ], style="dash"),
        ]),
    ],
    closing="Trên đây là Kế hoạch thực hiện công tác cải cách hành chính năm 2025 của UBND xã Tân Cương./.",
    recipients=["- UBND thành phố (b/c);", "- Phòng Nội vụ thành phố;", "- Đảng ủy, HĐND xã;", "- Lưu: VP."],
    signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    signer="Nguyễn Thị Hồng Vân",
    appendix=["PHỤ LỤC", "NHIỆM VỤ CỤ THỂ",
              "(Kèm theo Kế hoạch số 03/KH-UBND ngày 06/01/2025 của UBND xã Tân Cương)"],
    columns=["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    rows=[
        Task("1", "Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2025 của xã", "Văn phòng HĐND và UBND xã", "",
             "Tháng 01/2025", ("2025-01-31", "month", None, None), C=[]),
        Task("2", "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa xã", "Bộ phận Một cửa xã", "",
             "Hằng tháng", (None, "recurring", "monthly", None), C=[]),
        Task("3", "Rà soát, đánh giá chất lượng giải quyết thủ tục hành chính của xã", "Văn phòng HĐND và UBND xã",
             "Bộ phận Một cửa xã", "Quý II/2025", ("2025-06-30", "quarter", None, None)),
        Task("4", "Tuyên truyền về cải cách hành chính trên hệ thống truyền thanh xã", "Văn phòng HĐND và UBND xã",
             "Các ban, ngành, đoàn thể xã", "Trước 30/6/2025", ("2025-06-30", "day", None, None),
             C=["Các ban, ngành, đoàn thể xã"]),
        Task("5", "Tổng hợp, báo cáo kết quả thực hiện cải cách hành chính năm 2025", "Văn phòng HĐND và UBND xã", "",
             "6 tháng cuối năm 2025", ("2025-12-31", "half_year", None, None), C=[]),
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "03/KH-UBND", "issuer": "UBND xã Tân Cương",
        "issuer_parent": "UBND thành phố Thái Nguyên", "place": "Tân Cương", "signed_date": "2025-01-06",
        "signer_title": "Chủ tịch", "title": "Thực hiện công tác cải cách hành chính năm 2025",
        "plan_title": "Thực hiện công tác cải cách hành chính năm 2025", "plan_year": 2025,
    },
    options={"encoding": "utf-16"},
)

# 6. A decision of UBND thành phố Sông Công in the legacy Windows-1258 code page (tones as
#    combining marks); a two-line capital title; "Nhiệm vụ và giải pháp" part; duties written
#    "Unit verb …"; a table with a product column and the deadline before the agencies.
QD_SONG_CONG_2021 = Doc(
    name="qd-1520-ubnd-tp-song-cong-2021-cp1258",
    fmt="txt",
    issuer_lines=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ SÔNG CÔNG"],
    number_line="Số: 1520/QĐ-UBND",
    date_line="Sông Công, ngày 30 tháng 12 năm 2020",
    heading="QUYẾT ĐỊNH",
    title_lines=["VỀ VIỆC BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", "THÀNH PHỐ SÔNG CÔNG NĂM 2021"],
    authority="ỦY BAN NHÂN DÂN THÀNH PHỐ SÔNG CÔNG",
    bases=[
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
        "Căn cứ Kế hoạch số 215/KH-UBND ngày 25/12/2020 của UBND tỉnh Thái Nguyên về cải cách hành chính năm 2021;",
    ],
    proposal="Xét đề nghị của Trưởng phòng Nội vụ thành phố.",
    articles=[
        ("1", "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính thành phố Sông Công năm 2021."),
        ("2", "Quyết định này có hiệu lực kể từ ngày ký."),
        ("3", "Chánh Văn phòng HĐND và UBND thành phố, Trưởng các phòng, ban chuyên môn, Chủ tịch UBND các xã, "
              "phường và các cơ quan có liên quan căn cứ Quyết định thi hành./."),
    ],
    recipients=["- Như Điều 3;", "- Sở Nội vụ (b/c);", "- TT Thành ủy;", "- Lưu: VT."],
    signer_lines=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    signer="Trần Minh Khôi",
    plan_heading=["KẾ HOẠCH", "CẢI CÁCH HÀNH CHÍNH THÀNH PHỐ SÔNG CÔNG NĂM 2021"],
    attach_note="(Ban hành kèm theo Quyết định số 1520/QĐ-UBND ngày 30/12/2020 của UBND thành phố Sông Công)",
    parts=[
        Part("I", "MỤC TIÊU", "purpose", nodes=[
            Node("", "Nâng cao hiệu lực, hiệu quả quản lý nhà nước; cải thiện Chỉ số cải cách hành chính của thành "
                     "phố năm 2021."),
        ]),
        Part("II", "NHIỆM VỤ VÀ GIẢI PHÁP", "contents", areas=[
            Area("Cải cách thủ tục hành chính", ["Rà soát, công khai thủ tục hành chính; nâng cao tỷ lệ hồ sơ giải "
                                                 "quyết đúng hạn."], style="dash"),
            Area("Cải cách tổ chức bộ máy hành chính", ["Kiện toàn tổ chức, bộ máy các phòng, ban chuyên môn theo "
                                                        "quy định."], style="dash"),
            Area("Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
                 ["Đẩy mạnh đào tạo, bồi dưỡng kỹ năng cho công chức làm việc tại Bộ phận Một cửa."], style="dash"),
            Area("Hiện đại hóa hành chính", ["Triển khai dịch vụ công trực tuyến mức độ 3, 4."], style="dash"),
        ]),
        Part("III", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Phòng Nội vụ", ["Phòng Nội vụ"], [
                "chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp báo cáo UBND thành phố."],
                style="verb"),
            Duty("Văn phòng HĐND và UBND thành phố", ["Văn phòng HĐND và UBND thành phố"], [
                "chủ trì thực hiện nhiệm vụ cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông."],
                style="verb"),
            Duty("Các phòng, ban chuyên môn, UBND các xã, phường", ["Các phòng, ban chuyên môn", "UBND các xã, phường"],
                 ["căn cứ Kế hoạch này xây dựng kế hoạch của cơ quan, đơn vị mình."], style="verb"),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính thành phố Sông Công năm 2021./.",
    appendix=["DANH MỤC", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
    columns=["TT", "Nhiệm vụ", "Sản phẩm", "Thời hạn hoàn thành", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    rows=[
        Task("1", "Xây dựng Kế hoạch CCHC năm 2021 của thành phố", "Phòng Nội vụ", "Các phòng, ban chuyên môn",
             "Quý I/2021", ("2021-03-31", "quarter", None, None), C=["Các phòng, ban chuyên môn"], product="Kế hoạch"),
        Task("2", "Ban hành Kế hoạch kiểm soát TTHC năm 2021", "Văn phòng HĐND và UBND thành phố", "Phòng Tư pháp",
             "Tháng 1/2021", ("2021-01-31", "month", None, None), product="Kế hoạch"),
        Task("3", "Tự đánh giá, chấm điểm Chỉ số CCHC năm 2020", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan",
             "Trước ngày 15/01/2021", ("2021-01-15", "day", None, None), C=["Các cơ quan, đơn vị liên quan"],
             product="Báo cáo tự đánh giá"),
        Task("4", "Kiểm tra công tác CCHC tại các phòng, ban chuyên môn và UBND các xã, phường", "Phòng Nội vụ",
             "Văn phòng HĐND và UBND thành phố; Phòng Tư pháp", "Tháng 10/2021", ("2021-10-31", "month", None, None),
             C=["Văn phòng HĐND và UBND thành phố", "Phòng Tư pháp"], product="Thông báo kết luận kiểm tra"),
        Task("5", "Báo cáo kết quả thực hiện CCHC định kỳ", "Phòng Nội vụ",
             "Các phòng, ban chuyên môn; UBND các xã, phường", "Hàng quý", (None, "recurring", "quarterly", None),
             C=["Các phòng, ban chuyên môn", "UBND các xã, phường"], product="Báo cáo"),
        Task("6", "Triển khai dịch vụ công trực tuyến mức độ 3, 4", "Văn phòng HĐND và UBND thành phố",
             "Trung tâm Văn hóa - Thông tin và Truyền thông thành phố", "Năm 2021", ("2021-12-31", "year", None, None),
             product="Hồ sơ được tiếp nhận, giải quyết trực tuyến"),
    ],
    expected={
        "document_type": "Quyết định", "document_number": "1520/QĐ-UBND",
        "issuer": "Ủy ban nhân dân thành phố Sông Công", "issuer_parent": None, "place": "Sông Công",
        "signed_date": "2020-12-30", "signer_title": "Phó Chủ tịch",
        "title": "VỀ VIỆC BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH THÀNH PHỐ SÔNG CÔNG NĂM 2021",
        "plan_title": "CẢI CÁCH HÀNH CHÍNH THÀNH PHỐ SÔNG CÔNG NĂM 2021", "plan_year": 2021,
    },
    options={"encoding": "cp1258"},
)

# 7. A department's plan printed to PDF (text layer): header and signature in borderless layout
#    tables, a bordered appendix table over two pages with a repeated header, wrapped cells,
#    group rows, a merged lead cell and a product column.
KH_STP_THAI_NGUYEN_2025 = Doc(
    name="kh-27-so-tu-phap-thai-nguyen-2025",
    fmt="pdf",
    issuer_lines=["UBND TỈNH THÁI NGUYÊN", "SỞ TƯ PHÁP"],
    number_line="Số: 27/KH-STP",
    date_line="Thái Nguyên, ngày 10 tháng 01 năm 2025",
    heading="KẾ HOẠCH",
    title_lines=["Cải cách hành chính năm 2025 của Sở Tư pháp"],
    bases=["Căn cứ Kế hoạch số 230/KH-UBND ngày 26/12/2024 của UBND tỉnh Thái Nguyên về cải cách hành chính nhà "
           "nước năm 2025;"],
    intro=["Sở Tư pháp ban hành Kế hoạch cải cách hành chính năm 2025 như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("1.", "Mục đích", [Node("-", "Thực hiện có hiệu quả các nhiệm vụ cải cách hành chính được UBND "
                                              "tỉnh giao cho ngành Tư pháp năm 2025.")]),
            Node("2.", "Yêu cầu", [Node("-", "Xác định rõ nhiệm vụ, sản phẩm, thời hạn và đơn vị chịu trách "
                                             "nhiệm thực hiện.")]),
        ]),
        Part("II", "NHIỆM VỤ TRỌNG TÂM", "contents", areas=[
            Area("Cải cách thể chế", ["Nâng cao chất lượng thẩm định, kiểm tra, rà soát văn bản quy phạm pháp luật "
                                      "của tỉnh."]),
            Area("Cải cách thủ tục hành chính", ["Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực tư pháp; bảo "
                                                 "đảm 100% hồ sơ được số hóa."]),
            Area("Cải cách chế độ công vụ", ["Hoàn thiện vị trí việc làm; đánh giá, xếp loại công chức, viên chức "
                                             "thực chất."]),
            Area("Xây dựng chính quyền số", ["Đẩy mạnh ký số, hồ sơ công việc điện tử; cập nhật dữ liệu hộ tịch, "
                                             "lý lịch tư pháp."]),
        ]),
        Part("III", "GIẢI PHÁP THỰC HIỆN", "solutions", solutions=[
            "Gắn trách nhiệm của người đứng đầu các phòng, đơn vị với kết quả thực hiện nhiệm vụ cải cách hành "
            "chính.",
            "Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của Sở.",
        ]),
        Part("IV", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Văn phòng Sở", ["Văn phòng Sở"], [
                "Tham mưu Giám đốc Sở theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch.",
                "Tổng hợp, báo cáo kết quả cải cách hành chính của Sở theo quy định.",
            ]),
            Duty("Các phòng chuyên môn, đơn vị sự nghiệp thuộc Sở",
                 ["Các phòng chuyên môn, đơn vị sự nghiệp thuộc Sở"], [
                     "Chủ động triển khai các nhiệm vụ được giao tại Phụ lục kèm theo Kế hoạch này.",
                 ], style="dash"),
            Duty("Thanh tra Sở", ["Thanh tra Sở"], [
                "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tại các phòng, đơn vị thuộc Sở.",
            ], style="colon"),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính năm 2025 của Sở Tư pháp tỉnh Thái Nguyên./.",
    recipients=["- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Lãnh đạo Sở;", "- Các phòng, đơn vị thuộc Sở;",
                "- Lưu: VT, VP."],
    signer_lines=["GIÁM ĐỐC"],
    signer="Nguyễn Thị Lan Anh",
    appendix=["PHỤ LỤC", "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
              "(Kèm theo Kế hoạch số 27/KH-STP ngày 10/01/2025 của Sở Tư pháp)"],
    columns=["TT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
    rows=[
        Group("I", "CẢI CÁCH THỂ CHẾ"),
        Task("1", "Tham mưu UBND tỉnh xây dựng, ban hành các văn bản quy phạm pháp luật theo Chương trình xây dựng "
                  "văn bản năm 2025", "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Các sở, ban, ngành",
             "Năm 2025", ("2025-12-31", "year", None, None), L=["Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật"],
             C=["Các sở, ban, ngành"], product="Quyết định của UBND tỉnh", lead_span=2),
        Task("2", "Kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật; công bố danh mục văn bản hết hiệu "
                  "lực", "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Văn phòng UBND tỉnh",
             "Quý I/2025", ("2025-03-31", "quarter", None, None),
             L=["Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật"], product="Quyết định công bố danh mục"),
        Task("3", "Theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm năm 2025",
             "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Các sở, ngành liên quan", "Tháng 6 năm 2025",
             ("2025-06-30", "month", None, None), L=["Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật"],
             C=["Các sở, ngành liên quan"], product="Báo cáo"),
        Group("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        Task("4", "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực tư pháp", "Văn phòng Sở", "Các phòng chuyên môn",
             "6 tháng đầu năm 2025", ("2025-06-30", "half_year", None, None),
             product="Báo cáo, phương án đơn giản hóa"),
        Task("5", "Giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh; bảo đảm "
                  "100% hồ sơ được số hóa", "Văn phòng Sở", "Trung tâm Phục vụ hành chính công tỉnh", "Thường xuyên",
             (None, "recurring", "continuous", None), product="Hồ sơ được giải quyết đúng hạn"),
        Task("6", "Cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công quốc gia", "Văn phòng Sở",
             "Văn phòng UBND tỉnh", "Hằng tháng", (None, "recurring", "monthly", None),
             product="Thủ tục hành chính được công khai"),
        Group("III", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
        Task("7", "Rà soát, hoàn thiện Đề án vị trí việc làm của Sở và các đơn vị sự nghiệp trực thuộc", "Văn phòng Sở",
             "Sở Nội vụ", "Tháng 6/2025", ("2025-06-30", "month", None, None), product="Đề án vị trí việc làm"),
        Task("8", "Đánh giá, xếp loại chất lượng công chức, viên chức năm 2025", "Văn phòng Sở",
             "Các phòng, đơn vị thuộc Sở", "Trước 15/12/2025", ("2025-12-15", "day", None, None),
             C=["Các phòng, đơn vị thuộc Sở"], product="Quyết định xếp loại"),
        Group("IV", "XÂY DỰNG CHÍNH QUYỀN SỐ"),
        Task("9", "Triển khai chữ ký số, hồ sơ công việc điện tử tại các phòng, đơn vị thuộc Sở", "Văn phòng Sở",
             "Sở Khoa học và Công nghệ", "Quý II/2025", ("2025-06-30", "quarter", None, None),
             product="Văn bản điện tử có ký số"),
        Task("10", "Cập nhật dữ liệu hộ tịch, lý lịch tư pháp vào cơ sở dữ liệu dùng chung của tỉnh",
             "Phòng Hành chính tư pháp", "Trung tâm Dịch vụ đấu giá tài sản; UBND cấp xã", "Hằng năm",
             (None, "recurring", "yearly", None), C=["Trung tâm Dịch vụ đấu giá tài sản", "UBND cấp xã"],
             product="Dữ liệu được cập nhật"),
        Task("11", "Tổng kết công tác cải cách hành chính năm 2025, xây dựng kế hoạch năm 2026", "Văn phòng Sở",
             "Các phòng, đơn vị thuộc Sở", "Tháng 12/2025", ("2025-12-31", "month", None, None),
             C=["Các phòng, đơn vị thuộc Sở"], product="Báo cáo, Kế hoạch"),
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "27/KH-STP", "issuer": "Sở Tư pháp",
        "issuer_parent": "UBND tỉnh Thái Nguyên", "place": "Thái Nguyên", "signed_date": "2025-01-10",
        "signer_title": "Giám đốc", "title": "Cải cách hành chính năm 2025 của Sở Tư pháp",
        "plan_title": "Cải cách hành chính năm 2025 của Sở Tư pháp", "plan_year": 2025,
    },
)

# 8. A provincial plan typed in Word with automatic numbering for parts ("I.") and items ("1.",
#    "a)") — the numbers are not in the text — and an appendix grouped by numbered headings
#    ("1 | Cải cách thể chế" over "1.1", "1.2") with a product column placed before the deadline
#    and the agencies last; no "Căn cứ", only a "Thực hiện …" preamble.
KH_TUYEN_QUANG_2026 = Doc(
    name="kh-08-ubnd-tuyen-quang-2026-numbered",
    fmt="docx",
    issuer_lines=["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"],
    number_line="Số: 08/KH-UBND",
    date_line="Tuyên Quang, ngày 15 tháng 01 năm 2026",
    heading="KẾ HOẠCH",
    title_lines=["Cải cách hành chính nhà nước tỉnh Tuyên Quang năm 2026"],
    bases=[],
    intro=["Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
           "hành chính nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính "
           "nhà nước năm 2026, như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("1.", "Mục đích", [Node("a)", "Tổ chức bộ máy chính quyền địa phương hai cấp vận hành thông suốt, "
                                               "hiệu lực, hiệu quả."),
                                    Node("b)", "Nâng cao chất lượng phục vụ người dân, doanh nghiệp.")]),
            Node("2.", "Yêu cầu", [Node("a)", "Nhiệm vụ cụ thể, có sản phẩm, thời hạn hoàn thành và cơ quan chịu "
                                              "trách nhiệm.")]),
        ]),
        Part("II", "NHIỆM VỤ TRỌNG TÂM", "contents", areas=[
            Area("Cải cách thể chế", ["Rà soát, hoàn thiện văn bản quy phạm pháp luật phù hợp với mô hình chính "
                                      "quyền địa phương hai cấp."]),
            Area("Cải cách thủ tục hành chính", ["Cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh; "
                                                 "thực hiện thủ tục hành chính không phụ thuộc địa giới hành chính."]),
            Area("Cải cách tổ chức bộ máy hành chính nhà nước", ["Hoàn thiện cơ cấu tổ chức các cơ quan chuyên môn "
                                                                 "thuộc UBND tỉnh và UBND cấp xã."]),
            Area("Cải cách chế độ công vụ", ["Xây dựng đội ngũ cán bộ, công chức cấp xã chuyên nghiệp, đáp ứng yêu "
                                             "cầu nhiệm vụ."]),
            Area("Cải cách tài chính công", ["Quản lý, sử dụng hiệu quả tài sản công sau sắp xếp đơn vị hành "
                                             "chính."]),
            Area("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", ["Phát triển dữ liệu số, nền tảng "
                                                                                "số dùng chung của tỉnh."]),
        ]),
        Part("III", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Sở Nội vụ", ["Sở Nội vụ"], [
                "Chủ trì, theo dõi, hướng dẫn, kiểm tra việc thực hiện Kế hoạch.",
                "Tham mưu UBND tỉnh sơ kết, tổng kết, đánh giá kết quả cải cách hành chính năm 2026.",
            ]),
            Duty("Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"], [
                "Chủ trì triển khai nhiệm vụ cải cách thủ tục hành chính và Trung tâm Phục vụ hành chính công tỉnh.",
            ]),
            Duty("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"], [
                "Chủ trì triển khai nhiệm vụ xây dựng chính quyền số, chuyển đổi số của tỉnh.",
            ]),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính nhà nước tỉnh Tuyên Quang năm 2026./.",
    recipients=["- Bộ Nội vụ (b/c);", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ban, ngành;",
                "- UBND các xã, phường;", "- Lưu: VT, NC."],
    signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    signer="Vương Ngọc Hà",
    appendix=["PHỤ LỤC", "DANH MỤC NHIỆM VỤ, SẢN PHẨM CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
    columns=["TT", "Nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    rows=[
        Group("1", "Cải cách thể chế"),
        Task("1.1", "Rà soát, đề xuất sửa đổi, bổ sung các văn bản quy phạm pháp luật không còn phù hợp",
             "Sở Tư pháp", "Các sở, ban, ngành", "Quý II/2026", ("2026-06-30", "quarter", None, None),
             C=["Các sở, ban, ngành"], product="Báo cáo kết quả rà soát"),
        Task("1.2", "Đánh giá tình hình thi hành pháp luật về xử lý vi phạm hành chính", "Sở Tư pháp", "Công an tỉnh",
             "Tháng 11/2026", ("2026-11-30", "month", None, None), product="Báo cáo đánh giá"),
        Group("2", "Cải cách thủ tục hành chính"),
        Task("2.1", "Cắt giảm, đơn giản hóa quy định liên quan đến hoạt động kinh doanh", "Văn phòng UBND tỉnh",
             "Các sở, ban, ngành; UBND cấp xã", "Trước ngày 30/6/2026", ("2026-06-30", "day", None, None),
             C=["Các sở, ban, ngành", "UBND cấp xã"], product="Phương án cắt giảm"),
        Task("2.2", "Thực hiện thanh toán trực tuyến phí, lệ phí giải quyết thủ tục hành chính", "Văn phòng UBND tỉnh",
             "Sở Tài chính; Kho bạc Nhà nước khu vực VIII", "Hằng quý", (None, "recurring", "quarterly", None),
             C=["Sở Tài chính", "Kho bạc Nhà nước khu vực VIII"], product="Tỷ lệ hồ sơ thanh toán trực tuyến"),
        Group("3", "Cải cách tổ chức bộ máy và chế độ công vụ"),
        Task("3.1", "Hoàn thiện cơ cấu tổ chức, vị trí việc làm của chính quyền địa phương hai cấp", "Sở Nội vụ",
             "Các sở, ban, ngành, UBND các xã, phường", "Năm 2026", ("2026-12-31", "year", None, None),
             C=["Các sở, ban, ngành", "UBND các xã, phường"], product="Quyết định phê duyệt"),
        Task("3.2", "Khảo sát, đánh giá sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính "
                    "nhà nước", "Sở Nội vụ", "Văn phòng UBND tỉnh", "Quý IV/2026", ("2026-12-31", "quarter", None, None),
             product="Báo cáo Chỉ số hài lòng"),
        Group("4", "Chính quyền số"),
        Task("4.1", "Vận hành, khai thác Trung tâm giám sát, điều hành thông minh (IOC) của tỉnh",
             "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "Thường xuyên", (None, "recurring", "continuous", None),
             C=["Các sở, ban, ngành"], product="Hệ thống IOC vận hành ổn định"),
        Task("4.2", "Tích hợp, chia sẻ dữ liệu chuyên ngành với Cơ sở dữ liệu quốc gia về dân cư",
             "Sở Khoa học và Công nghệ", "Công an tỉnh, các sở, ban, ngành", "Năm 2026 và các năm tiếp theo",
             ("2026-12-31", "year", "yearly", None), C=["Công an tỉnh", "các sở, ban, ngành"],
             product="Dữ liệu được kết nối, chia sẻ"),
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "08/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Tuyên Quang",
        "issuer_parent": None, "place": "Tuyên Quang", "signed_date": "2026-01-15", "signer_title": "Chủ tịch",
        "title": "Cải cách hành chính nhà nước tỉnh Tuyên Quang năm 2026",
        "plan_title": "Cải cách hành chính nhà nước tỉnh Tuyên Quang năm 2026", "plan_year": 2026,
    },
    options={"autonumber_outline": True},
)

# 9. Every deadline phrasing of the genre, one per task, in a Markdown conversion of a department's
#    plan (UTF-8 with BOM, a pipe table, headings without decision wrapper).
_DEADLINES = [
    ("Quý I/2020", ("2020-03-31", "quarter", None, None)),
    ("Quý 1/2020", ("2020-03-31", "quarter", None, None)),
    ("Tháng 7/2020", ("2020-07-31", "month", None, None)),
    ("Tháng 6 năm 2020", ("2020-06-30", "month", None, None)),
    ("Năm 2020", ("2020-12-31", "year", None, None)),
    ("6 tháng đầu năm 2020", ("2020-06-30", "half_year", None, None)),
    ("6 tháng cuối năm", ("2020-12-31", "half_year", None, None)),
    ("Trước ngày 31/3/2020", ("2020-03-31", "day", None, None)),
    ("Trước 15/11/2020", ("2020-11-15", "day", None, None)),
    ("30/9/2020", ("2020-09-30", "day", None, None)),
    ("Hàng quý", (None, "recurring", "quarterly", None)),
    ("Hằng quý", (None, "recurring", "quarterly", None)),
    ("Hằng tháng", (None, "recurring", "monthly", None)),
    ("Hằng năm", (None, "recurring", "yearly", None)),
    ("Thường xuyên", (None, "recurring", "continuous", None)),
    ("Năm 2020 và các năm tiếp theo", ("2020-12-31", "year", "yearly", None)),
    ("Theo tiến độ của Trung ương", (None, "unspecified", None, None)),
    ("Hàng quý, năm 2020", (None, "recurring", "quarterly", "2020-12-31")),
]
_WORK = [
    ("Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2020 của Sở", "Văn phòng Sở"),
    ("Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2020", "Văn phòng Sở"),
    ("Tổ chức sơ kết công tác cải cách hành chính 6 tháng đầu năm", "Văn phòng Sở"),
    ("Rà soát quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực báo chí, xuất bản",
     "Phòng Thông tin - Báo chí - Xuất bản"),
    ("Nâng cấp Cổng thông tin điện tử của tỉnh", "Trung tâm Công nghệ thông tin và Truyền thông"),
    ("Đánh giá mức độ an toàn thông tin của các hệ thống thông tin dùng chung", "Phòng Công nghệ thông tin"),
    ("Tổ chức tập huấn ứng dụng chữ ký số cho cán bộ, công chức", "Phòng Công nghệ thông tin"),
    ("Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2019 của Sở", "Văn phòng Sở"),
    ("Kiểm tra việc thực hiện quy chế văn hóa công sở tại các phòng, đơn vị", "Thanh tra Sở"),
    ("Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính", "Văn phòng Sở"),
    ("Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính", "Văn phòng Sở"),
    ("Cập nhật tình hình tiếp nhận, giải quyết hồ sơ trên Hệ thống một cửa điện tử", "Văn phòng Sở"),
    ("Đăng tải tin, bài tuyên truyền về cải cách hành chính trên Trang thông tin điện tử của Sở",
     "Trung tâm Công nghệ thông tin và Truyền thông"),
    ("Đánh giá, xếp loại công chức, viên chức, người lao động", "Văn phòng Sở"),
    ("Duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", "Văn phòng Sở"),
    ("Duy trì, vận hành hệ thống hội nghị truyền hình trực tuyến của tỉnh",
     "Trung tâm Công nghệ thông tin và Truyền thông"),
    ("Triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) kết nối với nền tảng quốc gia",
     "Phòng Công nghệ thông tin"),
    ("Thống kê, báo cáo tình hình cung cấp dịch vụ công trực tuyến", "Phòng Công nghệ thông tin"),
]
KH_STTTT_TUYEN_QUANG_2020 = Doc(
    name="kh-112-so-tttt-tuyen-quang-2020-deadlines",
    fmt="txt",
    issuer_lines=["UBND TỈNH TUYÊN QUANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
    number_line="Số: 112/KH-STTTT",
    date_line="Tuyên Quang, ngày 31 tháng 12 năm 2019",
    heading="KẾ HOẠCH",
    title_lines=["Cải cách hành chính năm 2020"],
    bases=["Căn cứ Kế hoạch số 128/KH-UBND ngày 20/12/2019 của UBND tỉnh Tuyên Quang về cải cách hành chính năm "
           "2020;"],
    intro=["Sở Thông tin và Truyền thông xây dựng Kế hoạch cải cách hành chính năm 2020 như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("-", "Cụ thể hóa các nhiệm vụ cải cách hành chính của tỉnh thuộc lĩnh vực thông tin và truyền "
                      "thông."),
        ]),
        Part("II", "NHIỆM VỤ", "contents", areas=[
            Area("Cải cách thủ tục hành chính", ["Rà soát, đơn giản hóa quy trình giải quyết thủ tục hành chính "
                                                 "thuộc thẩm quyền của Sở."], style="dash"),
            Area("Cải cách tổ chức bộ máy", ["Kiện toàn tổ chức các phòng, đơn vị thuộc Sở."], style="dash"),
            Area("Hiện đại hóa hành chính", ["Phát triển hạ tầng, ứng dụng công nghệ thông tin phục vụ chính quyền "
                                             "điện tử của tỉnh."], style="dash"),
        ]),
        Part("III", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Văn phòng Sở", ["Văn phòng Sở"], ["có trách nhiệm theo dõi, tổng hợp, báo cáo kết quả thực hiện "
                                                    "Kế hoạch."], style="verb"),
            Duty("Các phòng, đơn vị thuộc Sở", ["Các phòng, đơn vị thuộc Sở"],
                 ["căn cứ nhiệm vụ được giao, chủ động triển khai thực hiện."], style="verb"),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính năm 2020 của Sở Thông tin và Truyền thông./.",
    recipients=["- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."],
    signer_lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    signer="Ma Thị Ngọc Lan",
    appendix=["DANH MỤC NHIỆM VỤ"],
    columns=["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
    rows=[
        Task(str(i + 1), work, lead, "Các phòng, đơn vị thuộc Sở" if i % 3 else "", text, when,
             C=(["Các phòng, đơn vị thuộc Sở"] if i % 3 else []))
        for i, ((work, lead), (text, when)) in enumerate(zip(_WORK, _DEADLINES, strict=True))
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "112/KH-STTTT", "issuer": "Sở Thông tin và Truyền thông",
        "issuer_parent": "UBND tỉnh Tuyên Quang", "place": "Tuyên Quang", "signed_date": "2019-12-31",
        "signer_title": "Phó Giám đốc", "title": "Cải cách hành chính năm 2020",
        "plan_title": "Cải cách hành chính năm 2020", "plan_year": 2020,
    },
    options={"table": "pipes", "encoding": "utf-8-sig", "markdown": True},
)
