"""Every letter is a real PDF whose text layer carries the dossier code and the dates that matter."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from django.urls import NoReverseMatch, reverse
from pdfminer.high_level import extract_text

from cchc.common.errors import NotFound
from cchc.letters import render, selectors
from cchc.letters.rules import Kind


def text_of(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    # Letters wrap lines anywhere: compare on single spaces.
    return re.sub(r"\s+", " ", extract_text(io.BytesIO(pdf)))


def test_the_receipt_slip_prints_code_receipt_and_appointment(received):
    text = text_of(render.render_letter("slip", received))
    assert received.code in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Thái Nguyên, ngày 02 tháng 3 năm 2026" in text
    assert "08 giờ 00 phút, ngày 02/03/2026" in text  # received
    assert "17 giờ 00 phút, ngày 16/03/2026" in text  # appointment: 10 working days
    assert "10 ngày làm việc" in text
    assert "Tờ khai yêu cầu cấp phiếu" in text and "Nguyễn Văn An" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text


def test_the_slip_qr_code_opens_the_public_lookup_of_the_dossier(received, settings):
    settings.CCHC_PUBLIC_BASE_URL = "https://dichvucong.thainguyen.gov.vn/"
    try:
        path = reverse("public:lookup")
    except NoReverseMatch:
        path = "/public/lookup/"
    expected = f"https://dichvucong.thainguyen.gov.vn{path}?code={quote(received.code)}"
    assert selectors.public_lookup_url(received.code) == expected
    qr = render.qr_code(expected)
    # The matrix that is drawn is the one of this URL, and it is the one embedded in the slip.
    assert qr.designator.endswith(("-M",)) and qr.mode == "byte"
    assert render.qr_svg(qr) in render.letter_html("slip", received)
    assert expected in text_of(render.render_letter("slip", received))


def test_the_lookup_url_defaults_to_the_local_server(received, settings):
    del settings.CCHC_PUBLIC_BASE_URL
    assert selectors.public_lookup_url("A.B-1").startswith("http://127.0.0.1:8000/")
    assert selectors.public_lookup_url("A.B-1").endswith("?code=A.B-1")


def test_the_supplement_letter_prints_the_request(supplemented):
    text = text_of(render.render_letter("supplement", supplemented))
    assert supplemented.code in text
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and "Mẫu số 02" in text
    assert "Ngày 05/03/2026" in text and "Ngày 02/03/2026" in text
    assert "Thái Nguyên, ngày 05 tháng 3 năm 2026" in text
    assert "Văn bản ủy quyền có chứng thực" in text and "Bản chụp căn cước bị mờ" in text
    assert "SỞ TƯ PHÁP" in text  # asked during processing: the competent agency writes


def test_the_refusal_letter_gives_the_reason(refused):
    text = text_of(render.render_letter("refusal", refused))
    assert refused.code in text
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp." in text
    assert "Ngày 03/03/2026" in text and "ngày 03 tháng 3 năm 2026" in text
    assert "Ủy ban nhân dân phường Phan Đình Phùng" in text


def test_the_apology_letter_gives_old_and_new_appointments(apologised):
    text = text_of(render.render_letter("apology", apologised))
    assert apologised.code in text
    assert "16/03/2026" in text and "20/03/2026" in text and "02/03/2026" in text
    assert "Số: 15/PXL" in text and "ngày 13 tháng 3 năm 2026" in text
    assert "xin lỗi" in text and "Cần xác minh tại địa phương" in text


def test_the_control_slip_tabulates_the_process_log(apologised):
    text = text_of(render.render_letter("control", apologised))
    assert apologised.code in text
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "02/03/2026" in text and "03/03/2026" in text and "13/03/2026" in text
    assert "Tiếp nhận tại quầy" in text and "Chuyển cơ quan giải quyết" in text
    assert "Xin lỗi và hẹn lại ngày trả" in text
    assert "Quá hạn" in text  # the 4-hour reception step (due 02/03 12:00) was done the next day


@pytest.mark.parametrize(("fixture", "kind", "words"), [
    ("received", "apology", "xin lỗi"),
    ("received", "refusal", "từ chối"),
    ("received", "supplement", "bổ sung"),
    ("refused", "slip", "chưa được tiếp nhận"),
    ("refused", "control", "chưa được tiếp nhận"),
])
def test_a_letter_the_dossier_does_not_have_is_not_found_with_the_reason(db, request, fixture, kind, words):
    dossier = request.getfixturevalue(fixture)
    with pytest.raises(NotFound) as exc:
        render.render_letter(kind, dossier)
    assert words in exc.value.message and exc.value.code == "letter_not_available"


def test_the_available_letters_follow_the_history(received, refused, apologised):
    assert [link.kind for link in selectors.letters_available(dossier=refused)] == [Kind.REFUSAL]
    assert [link.kind for link in selectors.letters_available(dossier=apologised)] == [Kind.SLIP, Kind.APOLOGY, Kind.CONTROL]


def test_each_supplement_round_gets_its_own_page(clock, supplemented, staff):
    from pdfminer.high_level import extract_pages

    from cchc.dossiers import services
    from cchc.letters.tests.util import local, reload

    s = staff
    clock.set(local(2026, 3, 9, 10, 0))
    d = services.dossier_receive_supplement(actor=s["reception"], dossier=reload(s["reception"], supplemented))
    clock.set(local(2026, 3, 10, 14, 30))
    d = services.dossier_request_supplement(actor=s["specialist"], dossier=reload(s["specialist"], d),
                                            reason="Thiếu xác nhận nơi cư trú " + "rất dài " * 40)
    pdf = render.render_letter("supplement", d)
    pages = list(extract_pages(io.BytesIO(pdf)))
    assert len(pages) == 2
    text = text_of(pdf)
    assert "lần 1" in text and "lần 2" in text and "Ngày 10/03/2026" in text
    assert "Đã nhận hồ sơ bổ sung ngày 09/03/2026." in text


def test_a_supplement_asked_at_intake_is_written_by_the_receiving_unit(clock, cat, staff):
    from cchc.dossiers import services
    from cchc.dossiers.testing import intake_data
    from cchc.letters.tests.util import local

    clock.set(local(2026, 3, 4, 9, 0))
    d = services.dossier_submit(actor=staff["reception"], data=intake_data(cat, channel="postal"))
    d = services.dossier_request_intake_supplement(actor=staff["reception"], dossier=d, reason="Thiếu tờ khai",
                                                   components=["Tờ khai có chữ ký"])
    assert [link.kind for link in selectors.letters_available(dossier=d)] == [Kind.SUPPLEMENT]
    text = text_of(render.render_letter("supplement", d))
    assert d.code in text and "Ngày 04/03/2026" in text and "Tờ khai có chữ ký" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text and "SỞ TƯ PHÁP" not in text


def _printed_matrix(pdf: bytes, size: int, dpi: int = 200) -> list[list[bool]]:
    """The QR modules as printed: rasterise page 1, find the top-left finder pattern (a dark run of
    7 modules, not a thin rule), and sample the centre of every module."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "slip.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "slip.pdf", "page"],
                       cwd=tmp, check=True)
        image = Image.open(next(Path(tmp).glob("page*.png"))).convert("L")
    width, height = image.size
    px = image.load()
    module = 27 / 25.4 * dpi / (size + 4)  # 27 mm across, a quiet zone of 2 modules each side

    def dark(x: float, y: float) -> bool:
        return px[int(x), int(y)] < 128

    for y in range(height // 6, height * 2 // 3):
        x = width // 2
        while x < width - 1:
            if not dark(x, y):
                x += 1
                continue
            start = x
            while x < width - 1 and dark(x, y):
                x += 1
            run = x - start
            if 6.5 * module <= run <= 7.5 * module and dark(start + module / 2, y + 6.5 * module) \
                    and not dark(start + 1.5 * module, y + 1.5 * module) and dark(start + 3.5 * module, y + 3.5 * module):
                return [[dark(start + (j + 0.5) * module, y + (i + 0.5) * module) for j in range(size)]
                        for i in range(size)]
    raise AssertionError("no QR code found on the slip")


def test_the_printed_qr_code_is_the_code_of_the_lookup_url(received):
    url = selectors.public_lookup_url(received.code)
    qr = render.qr_code(url)
    size = qr.symbol_size(scale=1, border=0)[0]
    expected = [[bool(bit) for bit in row] for row in qr.matrix]
    assert _printed_matrix(render.render_letter("slip", received), size) == expected
