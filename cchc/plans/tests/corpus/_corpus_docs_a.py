"""Corpus documents 1–4 (see ``_corpus_model``): decision in .docx, portal HTML, plan of a Sở, plan of a district."""

from __future__ import annotations

from _corpus_model import Area, Doc, Duty, Group, Node, Part, Task

SO_BAN_NGANH = "Các sở, ban, ngành"

# 1. A decision of UBND tỉnh Bắc Kạn in Word: header and signature in layout tables, an appendix
#    table with merged lead cells, group rows spanning the row, cells with several paragraphs.
QD_BAC_KAN_2022 = Doc(
    name="qd-2456-ubnd-bac-kan-2022",
    fmt="docx",
    issuer_lines=["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"],
    number_line="Số: 2456/QĐ-UBND",
    date_line="Bắc Kạn, ngày 28 tháng 12 năm 2021",
    heading="QUYẾT ĐỊNH",
    title_lines=["Ban hành Kế hoạch cải cách hành chính nhà nước tỉnh Bắc Kạn năm 2022"],
    authority="ỦY BAN NHÂN DÂN TỈNH BẮC KẠN",
    bases=[
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
        "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Quyết định số 1847/QĐ-UBND ngày 12 tháng 10 năm 2021 của Ủy ban nhân dân tỉnh ban hành Kế hoạch "
        "cải cách hành chính nhà nước tỉnh Bắc Kạn giai đoạn 2021 - 2025;",
    ],
    proposal="Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 312/TTr-SNV ngày 20 tháng 12 năm 2021.",
    articles=[
        ("1", "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính nhà nước tỉnh Bắc Kạn năm 2022."),
        ("2", "Quyết định này có hiệu lực kể từ ngày ký."),
        ("3", "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành, đơn vị "
              "thuộc tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thành phố và các cơ quan, đơn vị có liên quan chịu "
              "trách nhiệm thi hành Quyết định này./."),
    ],
    recipients=["- Như Điều 3;", "- Bộ Nội vụ (b/c);", "- TT. Tỉnh ủy, TT. HĐND tỉnh (b/c);", "- CT, PCT UBND tỉnh;",
                "- Các sở, ban, ngành thuộc tỉnh;", "- UBND các huyện, thành phố;", "- LĐVP;", "- Lưu: VT, NCPC."],
    signer_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)"],
    signer="Nông Quang Hiếu",
    plan_heading=["KẾ HOẠCH", "Cải cách hành chính nhà nước tỉnh Bắc Kạn năm 2022"],
    attach_note="(Ban hành kèm theo Quyết định số 2456/QĐ-UBND ngày 28/12/2021 của Ủy ban nhân dân tỉnh Bắc Kạn)",
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("1.", "Mục đích", [
                Node("-", "Triển khai thực hiện đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính (CCHC) theo "
                          "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030 và Kế hoạch "
                          "CCHC nhà nước tỉnh Bắc Kạn giai đoạn 2021 - 2025."),
                Node("-", "Phấn đấu cải thiện thứ hạng Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng về "
                          "sự phục vụ hành chính (SIPAS) của tỉnh năm 2022."),
            ]),
            Node("2.", "Yêu cầu", [
                Node("-", "Các cơ quan, đơn vị, địa phương xác định CCHC là nhiệm vụ trọng tâm, thường xuyên; "
                          "người đứng đầu trực tiếp chỉ đạo và chịu trách nhiệm về kết quả thực hiện."),
                Node("-", "Các nhiệm vụ phải cụ thể, rõ ràng, gắn với thời gian hoàn thành và sản phẩm đầu ra."),
            ]),
        ]),
        Part("II", "NHIỆM VỤ TRỌNG TÂM", "contents", areas=[
            Area("Cải cách thể chế", [
                "Nâng cao chất lượng xây dựng, ban hành văn bản quy phạm pháp luật (QPPL) của tỉnh; thực hiện tốt "
                "công tác kiểm tra, rà soát, hệ thống hóa văn bản QPPL.",
                "Tăng cường công tác theo dõi thi hành pháp luật, kịp thời phát hiện và xử lý những bất cập, vướng mắc.",
            ]),
            Area("Cải cách thủ tục hành chính", [
                "Thực hiện rà soát, đơn giản hóa thủ tục hành chính (TTHC) theo chỉ đạo của Chính phủ, Thủ tướng "
                "Chính phủ.",
                "Nâng cao chất lượng hoạt động của Bộ phận Một cửa các cấp; tăng tỷ lệ hồ sơ TTHC được giải quyết "
                "trực tuyến.",
            ]),
            Area("Cải cách tổ chức bộ máy hành chính nhà nước", [
                "Tiếp tục rà soát, sắp xếp tổ chức bộ máy các cơ quan hành chính, đơn vị sự nghiệp công lập theo "
                "hướng tinh gọn, hoạt động hiệu lực, hiệu quả.",
            ], style="dash"),
            Area("Cải cách chế độ công vụ", [
                "Hoàn thiện vị trí việc làm, cơ cấu ngạch công chức, chức danh nghề nghiệp viên chức; đổi mới công "
                "tác đánh giá, xếp loại cán bộ, công chức, viên chức.",
            ], style="dash"),
            Area("Cải cách tài chính công", [
                "Thực hiện cơ chế tự chủ tài chính đối với đơn vị sự nghiệp công lập theo Nghị định số "
                "60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ.",
            ], style="dash"),
            Area("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", [
                "Duy trì, nâng cấp Hệ thống thông tin giải quyết TTHC tỉnh; tăng cường kết nối, chia sẻ dữ liệu với "
                "Cổng Dịch vụ công quốc gia.",
            ], style="dash"),
        ]),
        Part("III", "GIẢI PHÁP THỰC HIỆN", "solutions", solutions=[
            "Tăng cường sự lãnh đạo, chỉ đạo của người đứng đầu cơ quan, đơn vị, địa phương đối với công tác CCHC.",
            "Đẩy mạnh công tác thông tin, tuyên truyền về CCHC bằng nhiều hình thức phù hợp.",
            "Bố trí đủ nguồn lực, kinh phí cho công tác CCHC; thực hiện chế độ hỗ trợ đối với công chức làm công "
            "tác CCHC.",
            "Tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ CCHC; gắn kết quả CCHC với công tác thi đua, "
            "khen thưởng.",
        ]),
        Part("IV", "KINH PHÍ THỰC HIỆN", "funding", nodes=[
            Node("", "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm 2022 của các cơ quan, "
                     "đơn vị, địa phương theo phân cấp ngân sách hiện hành."),
        ]),
        Part("V", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Các sở, ban, ngành, UBND các huyện, thành phố", ["Các sở, ban, ngành", "UBND các huyện, thành phố"], [
                "Căn cứ Kế hoạch này, xây dựng và ban hành Kế hoạch CCHC năm 2022 của cơ quan, đơn vị, địa phương, "
                "gửi về Sở Nội vụ trước ngày 15/01/2022.",
                "Báo cáo kết quả thực hiện CCHC định kỳ hằng quý, 6 tháng, năm về Sở Nội vụ để tổng hợp.",
            ], style="dash"),
            Duty("Sở Nội vụ", ["Sở Nội vụ"], [
                "Là cơ quan thường trực, tham mưu giúp UBND tỉnh hướng dẫn, theo dõi, đôn đốc, kiểm tra việc thực "
                "hiện Kế hoạch này.",
                "Tổng hợp, báo cáo kết quả thực hiện công tác CCHC của tỉnh theo quy định.",
            ]),
            Duty("Sở Tư pháp", ["Sở Tư pháp"], [
                "Chủ trì, hướng dẫn thực hiện nhiệm vụ cải cách thể chế; theo dõi, kiểm tra việc thực hiện công tác "
                "xây dựng, kiểm tra, rà soát văn bản QPPL.",
            ], style="dash"),
            Duty("Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"], [
                "Chủ trì, hướng dẫn, đôn đốc việc thực hiện cải cách TTHC, cơ chế một cửa, một cửa liên thông; kiểm "
                "soát TTHC trên địa bàn tỉnh.",
            ], style="colon"),
            Duty("Các Sở: Tài chính, Thông tin và Truyền thông, Văn hóa, Thể thao và Du lịch",
                 ["Sở Tài chính", "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch"], [
                     "Theo chức năng, nhiệm vụ được giao, chủ trì triển khai các nhiệm vụ cải cách tài chính công, "
                     "xây dựng chính quyền số và tuyên truyền CCHC.",
                 ], style="colon"),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính nhà nước tỉnh Bắc Kạn năm 2022. Trong quá trình thực hiện, "
            "nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa phương phản ánh về Sở Nội vụ để tổng hợp, báo cáo "
            "UBND tỉnh xem xét, giải quyết./.",
    appendix=["PHỤ LỤC", "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2022",
              "(Kèm theo Kế hoạch ban hành tại Quyết định số 2456/QĐ-UBND ngày 28/12/2021 của UBND tỉnh Bắc Kạn)"],
    columns=["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"],
    rows=[
        Group("I", "CẢI CÁCH THỂ CHẾ"),
        Task("1", "Xây dựng, trình HĐND, UBND tỉnh ban hành văn bản QPPL theo Chương trình xây dựng văn bản QPPL "
                  "năm 2022", "Sở Tư pháp", SO_BAN_NGANH, "Năm 2022", ("2022-12-31", "year", None, None),
             C=[SO_BAN_NGANH], product="Nghị quyết, Quyết định quy phạm pháp luật", lead_span=2),
        Task("2", "Kiểm tra, rà soát, hệ thống hóa văn bản QPPL; công bố danh mục văn bản hết hiệu lực",
             "Sở Tư pháp", ["- Văn phòng UBND tỉnh;", "- Các sở, ban, ngành;", "- UBND các huyện, thành phố."],
             "Quý I/2022", ("2022-03-31", "quarter", None, None),
             C=["Văn phòng UBND tỉnh", SO_BAN_NGANH, "UBND các huyện, thành phố"],
             product="Quyết định công bố danh mục"),
        Group("II", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", span_all=True),
        Task("3", "Ban hành Kế hoạch kiểm soát TTHC năm 2022", "Văn phòng UBND tỉnh",
             "Các sở, ban, ngành; UBND các huyện, thành phố", "Tháng 01/2022", ("2022-01-31", "month", None, None),
             C=[SO_BAN_NGANH, "UBND các huyện, thành phố"], product="Kế hoạch", lead_span=3),
        Task("4", ["Rà soát, đơn giản hóa TTHC thuộc thẩm quyền giải quyết của tỉnh.",
                   "Kiến nghị cắt giảm thành phần hồ sơ, thời gian giải quyết."],
             "Văn phòng UBND tỉnh", "Các sở, ngành liên quan", "Trước ngày 30/6/2022",
             ("2022-06-30", "day", None, None), C=["Các sở, ngành liên quan"], product="Báo cáo kết quả rà soát"),
        Task("5", "Công bố, công khai danh mục TTHC tại Bộ phận Một cửa các cấp", "Văn phòng UBND tỉnh",
             "UBND các huyện, thành phố", "Hằng quý", (None, "recurring", "quarterly", None),
             C=["UBND các huyện, thành phố"], product="Quyết định công bố"),
        Group("III", "CẢI CÁCH TỔ CHỨC BỘ MÁY VÀ CHẾ ĐỘ CÔNG VỤ"),
        Task("6", "Rà soát, sắp xếp tổ chức bộ máy, đơn vị sự nghiệp công lập theo Nghị quyết số 19-NQ/TW",
             "Sở Nội vụ", "Các sở, ban, ngành, UBND các huyện, thành phố", "6 tháng cuối năm",
             ("2022-12-31", "half_year", None, None), C=[SO_BAN_NGANH, "UBND các huyện, thành phố"],
             product="Đề án, Quyết định"),
        Task("7", "Tổ chức thi tuyển, xét tuyển công chức, viên chức theo vị trí việc làm", "Sở Nội vụ",
             "Các cơ quan, đơn vị có nhu cầu tuyển dụng", "Quý III/2022", ("2022-09-30", "quarter", None, None),
             C=["Các cơ quan, đơn vị có nhu cầu tuyển dụng"], product="Kết quả tuyển dụng"),
        Group("IV", "HIỆN ĐẠI HÓA HÀNH CHÍNH"),
        Task("8", "Nâng cấp Hệ thống thông tin giải quyết TTHC tỉnh Bắc Kạn, kết nối với Cổng Dịch vụ công quốc gia",
             "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh, Sở Nội vụ", "Tháng 6/2022",
             ("2022-06-30", "month", None, None), C=["Văn phòng UBND tỉnh", "Sở Nội vụ"],
             product="Hệ thống được nâng cấp, vận hành"),
        Task("9", "Duy trì, cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
             "Sở Khoa học và Công nghệ", "Các cơ quan hành chính nhà nước cấp tỉnh, cấp huyện", "Thường xuyên",
             (None, "recurring", "continuous", None), C=["Các cơ quan hành chính nhà nước cấp tỉnh, cấp huyện"]),
        Task("10", "Tổng hợp, đánh giá Chỉ số cải cách hành chính năm 2022 của các sở, ban, ngành, UBND các huyện, "
                   "thành phố", "Sở Nội vụ", "Hội đồng thẩm định Chỉ số CCHC tỉnh", "Quý IV/2022",
             ("2022-12-31", "quarter", None, None), product="Quyết định công bố Chỉ số CCHC"),
        Task("11", "Kiểm tra công tác CCHC tại các cơ quan, đơn vị, địa phương", "Sở Nội vụ",
             "Văn phòng UBND tỉnh, Sở Tư pháp, Sở Thông tin và Truyền thông", "Trước 15/11/2022",
             ("2022-11-15", "day", None, None), C=["Văn phòng UBND tỉnh", "Sở Tư pháp", "Sở Thông tin và Truyền thông"],
             product="Thông báo kết quả kiểm tra"),
    ],
    expected={
        "document_type": "Quyết định", "document_number": "2456/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Bắc Kạn",
        "issuer_parent": None, "place": "Bắc Kạn", "signed_date": "2021-12-28", "signer_title": "Phó Chủ tịch",
        "title": "Ban hành Kế hoạch cải cách hành chính nhà nước tỉnh Bắc Kạn năm 2022",
        "plan_title": "Cải cách hành chính nhà nước tỉnh Bắc Kạn năm 2022", "plan_year": 2022,
    },
    options={"stt_autonumber": True, "repeat_header_in_plan": True},
)

# 2. A plan of UBND tỉnh Thái Nguyên as published on a portal page: menus, scripts, a sidebar and a
#    footer around it; header table; a two-row table header with rowspan/colspan, a (1)…(6) row,
#    merged lead cells, group rows with colspan, a "Ghi chú" column, HTML entities.
KH_THAI_NGUYEN_2023 = Doc(
    name="kh-35-ubnd-thai-nguyen-2023-portal",
    fmt="html",
    issuer_lines=["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN"],
    number_line="Số: 35/KH-UBND",
    date_line="Thái Nguyên, ngày 14 tháng 02 năm 2023",
    heading="KẾ HOẠCH",
    title_lines=["Cải cách hành chính nhà nước tỉnh Thái Nguyên năm 2023"],
    bases=[
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành "
        "chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Kế hoạch số 198/KH-UBND ngày 29/10/2021 của UBND tỉnh về cải cách hành chính nhà nước tỉnh Thái "
        "Nguyên giai đoạn 2021 - 2025;",
    ],
    intro=["Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2023 như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("1.", "Mục đích", [
                Node("-", "Xác định cụ thể nhiệm vụ, thời gian hoàn thành và trách nhiệm của các cơ quan, đơn vị, "
                          "địa phương trong thực hiện cải cách hành chính năm 2023."),
            ]),
            Node("2.", "Yêu cầu", [
                Node("-", "Bám sát mục tiêu, nhiệm vụ của Chương trình tổng thể cải cách hành chính nhà nước giai "
                          "đoạn 2021 - 2030; bảo đảm tính khả thi."),
                Node("-", "Gắn kết quả cải cách hành chính với đánh giá, xếp loại người đứng đầu cơ quan, đơn vị."),
            ]),
        ]),
        Part("II", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023", "contents", areas=[
            Area("Cải cách thể chế", ["Nâng cao chất lượng xây dựng, ban hành và tổ chức thi hành văn bản quy "
                                      "phạm pháp luật của tỉnh."], style="dash"),
            Area("Cải cách thủ tục hành chính", ["Cắt giảm, đơn giản hóa thủ tục hành chính; đẩy mạnh số hóa hồ "
                                                 "sơ, kết quả giải quyết thủ tục hành chính."], style="dash"),
            Area("Cải cách tổ chức bộ máy hành chính nhà nước", ["Sắp xếp tổ chức bộ máy, đơn vị sự nghiệp công lập "
                                                                 "theo hướng tinh gọn."], style="dash"),
            Area("Cải cách chế độ công vụ", ["Đổi mới công tác tuyển dụng, đánh giá cán bộ, công chức, viên chức."],
                 style="dash"),
            Area("Cải cách tài chính công", ["Đẩy mạnh giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập."],
                 style="dash"),
            Area("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", [
                "Phát triển hạ tầng số, nền tảng số, dữ liệu số phục vụ chỉ đạo, điều hành và phục vụ người dân, "
                "doanh nghiệp."], style="dash"),
        ]),
        Part("III", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố",
                 ["các sở, ban, ngành", "UBND các huyện, thành phố"], [
                     "Xây dựng kế hoạch cải cách hành chính năm 2023 của cơ quan, đơn vị, địa phương.",
                     "Báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 10 của tháng cuối quý.",
                 ]),
            Duty("Sở Nội vụ", ["Sở Nội vụ"], [
                "Hướng dẫn, theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo UBND tỉnh.",
            ]),
            Duty("Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"], [
                "Chủ trì triển khai nhiệm vụ cải cách thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên "
                "thông.",
            ]),
            Duty("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"], [
                "Chủ trì triển khai nhiệm vụ xây dựng và phát triển chính quyền điện tử, chính quyền số.",
                "Chỉ đạo các cơ quan báo chí tăng cường thông tin, tuyên truyền về cải cách hành chính.",
            ]),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính nhà nước tỉnh Thái Nguyên năm 2023; yêu cầu các cơ quan, "
            "đơn vị, địa phương nghiêm túc triển khai thực hiện./.",
    recipients=["- Bộ Nội vụ (b/c);", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Chủ tịch, các PCT UBND tỉnh;",
                "- Các sở, ban, ngành;", "- UBND các huyện, thành phố;", "- Lưu: VT, NC."],
    signer_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    signer="Lê Quang Tiến",
    appendix=["PHỤ LỤC", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2023",
              "(Kèm theo Kế hoạch số 35/KH-UBND ngày 14/02/2023 của UBND tỉnh Thái Nguyên)"],
    columns=["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Ghi chú"],
    rows=[
        Group("I", "CẢI CÁCH THỂ CHẾ"),
        Task("1", "Xây dựng Kế hoạch kiểm tra, rà soát văn bản quy phạm pháp luật năm 2023", "Sở Tư pháp",
             SO_BAN_NGANH, "Tháng 3/2023", ("2023-03-31", "month", None, None), C=[SO_BAN_NGANH], lead_span=2),
        Task("2", "Tổ chức theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh", "Sở Tư pháp",
             "Các sở, ban, ngành, UBND các huyện, thành phố", "Thường xuyên", (None, "recurring", "continuous", None),
             C=[SO_BAN_NGANH, "UBND các huyện, thành phố"]),
        Group("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        Task("3", "Rà soát, đánh giá, đề xuất phương án đơn giản hóa thủ tục hành chính", "Văn phòng UBND tỉnh",
             SO_BAN_NGANH, "Quý II/2023", ("2023-06-30", "quarter", None, None), C=[SO_BAN_NGANH],
             note="Theo Kế hoạch rà soát của UBND tỉnh"),
        Task("4", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa các cấp",
             "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông, UBND các huyện, thành phố", "Hằng tháng",
             (None, "recurring", "monthly", None), C=["Sở Thông tin và Truyền thông", "UBND các huyện, thành phố"]),
        Group("III", "CẢI CÁCH TỔ CHỨC BỘ MÁY"),
        Task("5", "Rà soát, sắp xếp các đơn vị sự nghiệp công lập theo Nghị quyết số 19-NQ/TW", "Sở Nội vụ",
             "Các sở, ban, ngành; UBND các huyện, thành phố", "Trước 15/11/2023", ("2023-11-15", "day", None, None),
             C=[SO_BAN_NGANH, "UBND các huyện, thành phố"]),
        Task("6", "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2023", "Sở Nội vụ",
             "Các cơ quan, đơn vị, địa phương", "Hằng năm", (None, "recurring", "yearly", None),
             C=["Các cơ quan, đơn vị, địa phương"]),
        Group("IV", "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
        Task("7", "Triển khai các nhiệm vụ theo Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác "
                  "thực điện tử", "Công an tỉnh", "Các sở, ban, ngành, UBND các huyện, thành phố",
             "Theo tiến độ của Trung ương", (None, "unspecified", None, None),
             C=[SO_BAN_NGANH, "UBND các huyện, thành phố"]),
        Task("8", "Nâng cấp Cổng Dịch vụ công và Hệ thống thông tin một cửa điện tử tỉnh",
             "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh; VNPT Thái Nguyên; Viettel Thái Nguyên",
             "Quý III/2023", ("2023-09-30", "quarter", None, None),
             C=["Văn phòng UBND tỉnh", "VNPT Thái Nguyên", "Viettel Thái Nguyên"]),
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "35/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "issuer_parent": None, "place": "Thái Nguyên", "signed_date": "2023-02-14", "signer_title": "Phó Chủ tịch",
        "title": "Cải cách hành chính nhà nước tỉnh Thái Nguyên năm 2023",
        "plan_title": "Cải cách hành chính nhà nước tỉnh Thái Nguyên năm 2023", "plan_year": 2023,
    },
    options={"two_row_header": True, "number_row": True},
)

# 3. A plan issued by a department (Sở Nội vụ Bắc Kạn) without a decision, copied from a PDF: the
#    two header columns interleaved on each line, area headings and text on one line, duties
#    written "Unit: task", signature interleaved with the recipients, a tab-separated table.
KH_SNV_BAC_KAN_2021 = Doc(
    name="kh-18-so-noi-vu-bac-kan-2021",
    fmt="txt",
    issuer_lines=["UBND TỈNH BẮC KẠN", "SỞ NỘI VỤ"],
    number_line="Số: 18/KH-SNV",
    date_line="Bắc Kạn, ngày 20 tháng 01 năm 2021",
    heading="KẾ HOẠCH",
    title_lines=["Cải cách hành chính năm 2021 của Sở Nội vụ"],
    bases=[
        "Căn cứ Kế hoạch số 790/KH-UBND ngày 28/12/2020 của Ủy ban nhân dân tỉnh Bắc Kạn về cải cách hành chính "
        "nhà nước năm 2021;",
        "Căn cứ Quyết định số 05/2019/QĐ-UBND ngày 22/3/2019 của UBND tỉnh quy định chức năng, nhiệm vụ, quyền hạn "
        "và cơ cấu tổ chức của Sở Nội vụ tỉnh Bắc Kạn;",
    ],
    intro=["Sở Nội vụ xây dựng Kế hoạch cải cách hành chính năm 2021 như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("1.", "Mục đích: Triển khai kịp thời, đầy đủ các nhiệm vụ cải cách hành chính (CCHC) được UBND "
                       "tỉnh giao; nâng cao chất lượng phục vụ tổ chức, công dân."),
            Node("2.", "Yêu cầu: Các phòng, đơn vị thuộc Sở xác định rõ nhiệm vụ, thời gian hoàn thành; bảo đảm "
                       "tiến độ, chất lượng."),
        ]),
        Part("II", "NỘI DUNG THỰC HIỆN", "contents", areas=[
            Area("Cải cách thể chế", style="colon", text="Tham mưu ban hành kịp thời các văn bản thuộc lĩnh vực "
                 "quản lý nhà nước của ngành Nội vụ; thực hiện rà soát văn bản QPPL do Sở tham mưu ban hành."),
            Area("Cải cách thủ tục hành chính", style="colon", text="Rà soát, cập nhật bộ TTHC thuộc thẩm quyền "
                 "giải quyết của Sở; giải quyết 100% hồ sơ TTHC đúng hạn, trước hạn."),
            Area("Cải cách tổ chức bộ máy", style="colon", text="Tham mưu sắp xếp tổ chức bộ máy các cơ quan, đơn "
                 "vị sự nghiệp công lập của tỉnh theo quy định."),
            Area("Cải cách chế độ công vụ", style="colon", text="Thực hiện nghiêm kỷ luật, kỷ cương hành chính; "
                 "đánh giá, xếp loại công chức, viên chức theo quy định."),
            Area("Hiện đại hóa hành chính", style="colon", text="Sử dụng hiệu quả phần mềm quản lý văn bản và điều "
                 "hành; duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001:2015."),
        ]),
        Part("III", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Phòng Cải cách hành chính - Văn thư lưu trữ", ["Phòng Cải cách hành chính - Văn thư lưu trữ"], [
                "Là đầu mối tham mưu Giám đốc Sở theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch; báo cáo "
                "định kỳ theo quy định."], style="colon"),
            Duty("Văn phòng Sở", ["Văn phòng Sở"], [
                "Bảo đảm kinh phí, cơ sở vật chất cho việc thực hiện Kế hoạch; cập nhật kịp thời các TTHC lên Trang "
                "thông tin điện tử của Sở."], style="colon"),
            Duty("Các phòng, đơn vị thuộc Sở", ["Các phòng, đơn vị thuộc Sở"], [
                "Căn cứ nhiệm vụ được giao tại Kế hoạch, chủ động triển khai thực hiện, báo cáo kết quả trước ngày "
                "10 của tháng cuối quý."], style="colon"),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính năm 2021 của Sở Nội vụ tỉnh Bắc Kạn./.",
    recipients=["- UBND tỉnh (b/c);", "- Giám đốc, các PGĐ Sở;", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, CCHC."],
    signer_lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    signer="Hoàng Thị Thu Trang",
    appendix=["PHỤ LỤC", "CÁC NHIỆM VỤ CỤ THỂ", "(Kèm theo Kế hoạch số 18/KH-SNV ngày 20/01/2021 của Sở Nội vụ)"],
    columns=["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành"],
    rows=[
        Task("1", "Xây dựng, ban hành Kế hoạch CCHC năm 2021 của Sở", "Phòng CCHC - VTLT",
             "Các phòng, đơn vị thuộc Sở", "Quý 1/2021", ("2021-03-31", "quarter", None, None),
             C=["Các phòng, đơn vị thuộc Sở"]),
        Task("2", "Rà soát, cập nhật, công khai TTHC thuộc thẩm quyền giải quyết của Sở", "Văn phòng Sở",
             "Các phòng chuyên môn", "Tháng 6 năm 2021", ("2021-06-30", "month", None, None)),
        Task("3", "Tổ chức tự đánh giá, chấm điểm Chỉ số CCHC năm 2020 của Sở", "Phòng CCHC - VTLT",
             "Các phòng, đơn vị thuộc Sở", "6 tháng đầu năm 2021", ("2021-06-30", "half_year", None, None),
             C=["Các phòng, đơn vị thuộc Sở"]),
        Task("4", "Báo cáo kết quả thực hiện nhiệm vụ CCHC", "Phòng CCHC - VTLT",
             "Văn phòng Sở; Phòng Tổ chức, biên chế và TCPCP", "Hằng quý", (None, "recurring", "quarterly", None),
             C=["Văn phòng Sở", "Phòng Tổ chức, biên chế và TCPCP"]),
        Task("5", "Kiểm tra công tác CCHC, kỷ luật, kỷ cương hành chính tại các phòng, đơn vị thuộc Sở",
             "Thanh tra Sở", "Văn phòng Sở", "15/12/2021", ("2021-12-15", "day", None, None)),
        Task("6", "Duy trì, cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", "Văn phòng Sở", "",
             "Thường xuyên", (None, "recurring", "continuous", None), C=[]),
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "18/KH-SNV", "issuer": "Sở Nội vụ",
        "issuer_parent": "UBND tỉnh Bắc Kạn", "place": "Bắc Kạn", "signed_date": "2021-01-20",
        "signer_title": "Phó Giám đốc", "title": "Cải cách hành chính năm 2021 của Sở Nội vụ",
        "plan_title": "Cải cách hành chính năm 2021 của Sở Nội vụ", "plan_year": 2021,
    },
    options={"header": "interleaved", "signature": "interleaved", "table": "tabs"},
)

# 4. A plan of UBND huyện Phú Bình saved by a Windows tool: CRLF line endings, NFD text, prose
#    hard-wrapped at ~90 columns, and the appendix table flattened one cell per line with long
#    cells wrapped over several lines and group headings on two lines ("I" / "CẢI CÁCH THỂ CHẾ").
KH_PHU_BINH_2024 = Doc(
    name="kh-09-ubnd-huyen-phu-binh-2024-crlf-nfd",
    fmt="txt",
    issuer_lines=["ỦY BAN NHÂN DÂN", "HUYỆN PHÚ BÌNH"],
    number_line="Số: 09/KH-UBND",
    date_line="Phú Bình, ngày 12 tháng 01 năm 2024",
    heading="KẾ HOẠCH",
    title_lines=["CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC HUYỆN PHÚ BÌNH NĂM 2024"],
    bases=[
        "Căn cứ Kế hoạch số 196/KH-UBND ngày 21/12/2023 của UBND tỉnh Thái Nguyên về cải cách hành chính nhà nước "
        "tỉnh Thái Nguyên năm 2024;",
        "Căn cứ Kế hoạch số 152/KH-UBND ngày 15/11/2021 của UBND huyện Phú Bình về cải cách hành chính nhà nước "
        "huyện Phú Bình giai đoạn 2021 - 2025;",
    ],
    intro=["Ủy ban nhân dân huyện Phú Bình ban hành Kế hoạch cải cách hành chính nhà nước năm 2024, cụ thể như sau:"],
    parts=[
        Part("I", "MỤC ĐÍCH, YÊU CẦU", "purpose", nodes=[
            Node("1.", "Mục đích", [
                Node("-", "Tiếp tục đẩy mạnh cải cách hành chính, xây dựng nền hành chính dân chủ, chuyên nghiệp, "
                          "hiện đại, tinh gọn, hiệu lực, hiệu quả, lấy người dân, doanh nghiệp làm trung tâm phục vụ."),
                Node("-", "Phấn đấu nâng cao Chỉ số cải cách hành chính của huyện năm 2024 so với năm 2023."),
            ]),
            Node("2.", "Yêu cầu", [
                Node("-", "Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, thị trấn chịu trách nhiệm trước "
                          "Chủ tịch UBND huyện về kết quả cải cách hành chính của cơ quan, đơn vị, địa phương mình."),
            ]),
        ]),
        Part("II", "NHIỆM VỤ TRỌNG TÂM", "contents", areas=[
            Area("Cải cách thể chế", [
                "Thực hiện tốt công tác xây dựng, ban hành, kiểm tra, rà soát văn bản quy phạm pháp luật của HĐND, "
                "UBND huyện; bảo đảm tính hợp hiến, hợp pháp, thống nhất của hệ thống văn bản.",
                "Đổi mới công tác phổ biến, giáo dục pháp luật, nâng cao ý thức chấp hành pháp luật của cán bộ và "
                "Nhân dân trên địa bàn huyện.",
            ]),
            Area("Cải cách thủ tục hành chính", [
                "Công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận Một cửa các cấp; tiếp nhận, giải quyết "
                "hồ sơ đúng quy định, không để trễ hạn.",
                "Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến "
                "toàn trình.",
            ]),
            Area("Cải cách tổ chức bộ máy hành chính nhà nước", [
                "Rà soát chức năng, nhiệm vụ, cơ cấu tổ chức của các cơ quan chuyên môn thuộc UBND huyện bảo đảm "
                "đúng quy định.",
            ]),
            Area("Cải cách chế độ công vụ", [
                "Thực hiện nghiêm kỷ luật, kỷ cương hành chính; đánh giá, xếp loại cán bộ, công chức, viên chức "
                "thực chất, gắn với kết quả thực hiện nhiệm vụ.",
            ]),
            Area("Hiện đại hóa hành chính", [
                "Duy trì, áp dụng hiệu quả hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015; "
                "sử dụng văn bản điện tử có ký số trong hoạt động của các cơ quan.",
            ]),
        ]),
        Part("III", "GIẢI PHÁP THỰC HIỆN", "solutions", solutions=[
            "Tăng cường vai trò, trách nhiệm của người đứng đầu trong lãnh đạo, chỉ đạo công tác cải cách hành "
            "chính.",
            "Đẩy mạnh thông tin, tuyên truyền về cải cách hành chính trên Trang thông tin điện tử huyện và hệ thống "
            "truyền thanh cơ sở.",
            "Tăng cường kiểm tra, giám sát; kịp thời chấn chỉnh những tồn tại, hạn chế trong thực hiện nhiệm vụ.",
        ]),
        Part("IV", "TỔ CHỨC THỰC HIỆN", "implementation", duties=[
            Duty("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"], [
                "Chủ trì, hướng dẫn thực hiện cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông.",
                "Theo dõi, đôn đốc việc giải quyết hồ sơ thủ tục hành chính tại Bộ phận Một cửa huyện.",
            ]),
            Duty("Phòng Nội vụ", ["Phòng Nội vụ"], [
                "Là cơ quan thường trực, giúp UBND huyện theo dõi, tổng hợp, báo cáo kết quả thực hiện Kế hoạch.",
            ]),
            Duty("Phòng Tư pháp", ["Phòng Tư pháp"], [
                "Chủ trì thực hiện nhiệm vụ cải cách thể chế; kiểm tra, rà soát văn bản quy phạm pháp luật.",
            ]),
            Duty("Các cơ quan, đơn vị thuộc UBND huyện; UBND các xã, thị trấn",
                 ["Các cơ quan, đơn vị thuộc UBND huyện", "UBND các xã, thị trấn"], [
                     "Xây dựng kế hoạch cải cách hành chính năm 2024 của cơ quan, đơn vị, địa phương; báo cáo kết "
                     "quả thực hiện định kỳ theo quy định.",
                 ]),
        ]),
    ],
    closing="Trên đây là Kế hoạch cải cách hành chính nhà nước huyện Phú Bình năm 2024. Trong quá trình thực "
            "hiện, nếu có vướng mắc, các cơ quan, đơn vị, địa phương báo cáo về UBND huyện (qua Phòng Nội vụ) để "
            "xem xét, giải quyết./.",
    recipients=["- UBND tỉnh (b/c);", "- Sở Nội vụ (b/c);", "- TT Huyện ủy, TT HĐND huyện;",
                "- Chủ tịch, các PCT UBND huyện;", "- Các cơ quan, đơn vị thuộc UBND huyện;",
                "- UBND các xã, thị trấn;", "- Lưu: VT, NV."],
    signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    signer="Lưu Quang Huy",
    appendix=["PHỤ LỤC", "DANH MỤC NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH NĂM 2024",
              "(Kèm theo Kế hoạch số 09/KH-UBND ngày 12/01/2024 của UBND huyện Phú Bình)"],
    columns=["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    rows=[
        Group("I", "CẢI CÁCH THỂ CHẾ"),
        Task("1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành", "Phòng Tư pháp",
             "Văn phòng HĐND và UBND huyện, các cơ quan chuyên môn thuộc UBND huyện", "Quý I/2024",
             ("2024-03-31", "quarter", None, None),
             C=["Văn phòng HĐND và UBND huyện", "các cơ quan chuyên môn thuộc UBND huyện"]),
        Task("2", "Tổ chức tuyên truyền, phổ biến, giáo dục pháp luật cho cán bộ và Nhân dân trên địa bàn huyện",
             "Phòng Tư pháp", "UBND các xã, thị trấn", "Thường xuyên", (None, "recurring", "continuous", None),
             C=["UBND các xã, thị trấn"]),
        Group("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        Task("3", "Niêm yết, công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận Một cửa huyện và Bộ phận "
                  "Một cửa các xã, thị trấn", "Văn phòng HĐND và UBND huyện", "UBND các xã, thị trấn", "Hằng quý",
             (None, "recurring", "quarterly", None), C=["UBND các xã, thị trấn"]),
        Task("4", "Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo Nghị định số 107/2021/NĐ-CP "
                  "của Chính phủ", "Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin, UBND các xã, thị trấn",
             "Trước ngày 31/3/2024", ("2024-03-31", "day", None, None),
             C=["Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn"]),
        Group("III", "CẢI CÁCH TỔ CHỨC BỘ MÁY VÀ CHẾ ĐỘ CÔNG VỤ"),
        Task("5", "Rà soát, hoàn thiện vị trí việc làm, cơ cấu ngạch công chức của các cơ quan chuyên môn thuộc "
                  "UBND huyện", "Phòng Nội vụ", "Các cơ quan chuyên môn thuộc UBND huyện", "Tháng 9/2024",
             ("2024-09-30", "month", None, None)),
        Task("6", "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức và người lao động", "Phòng Nội vụ",
             "Các cơ quan, đơn vị, địa phương", "Năm 2024 và các năm tiếp theo", ("2024-12-31", "year", "yearly", None),
             C=["Các cơ quan, đơn vị, địa phương"]),
        Group("IV", "HIỆN ĐẠI HÓA HÀNH CHÍNH"),
        Task("7", "Duy trì, áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 tại các "
                  "cơ quan hành chính nhà nước cấp huyện, cấp xã", "Phòng Kinh tế và Hạ tầng",
             "Các cơ quan chuyên môn thuộc UBND huyện, UBND các xã, thị trấn", "Năm 2024",
             ("2024-12-31", "year", None, None),
             C=["Các cơ quan chuyên môn thuộc UBND huyện", "UBND các xã, thị trấn"]),
        Task("8", "Tổng hợp, báo cáo kết quả thực hiện công tác cải cách hành chính của huyện", "Phòng Nội vụ",
             "Các cơ quan, đơn vị, địa phương", "6 tháng đầu năm 2024", ("2024-06-30", "half_year", None, None),
             C=["Các cơ quan, đơn vị, địa phương"]),
    ],
    expected={
        "document_type": "Kế hoạch", "document_number": "09/KH-UBND", "issuer": "Ủy ban nhân dân huyện Phú Bình",
        "issuer_parent": None, "place": "Phú Bình", "signed_date": "2024-01-12", "signer_title": "Chủ tịch",
        "title": "CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC HUYỆN PHÚ BÌNH NĂM 2024",
        "plan_title": "CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC HUYỆN PHÚ BÌNH NĂM 2024", "plan_year": 2024,
    },
    options={"table": "wrapped", "wrap_prose": 90, "crlf": True, "nfd": True},
)
