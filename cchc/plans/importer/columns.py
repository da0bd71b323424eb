"""Column roles of key-task tables, recognised from header labels whatever their order.

Roles: ``no`` (STT/TT/Số TT), ``content`` (Nội dung/Nhiệm vụ/Nội dung công việc), ``product``
(Sản phẩm/Kết quả), ``lead`` (Cơ quan/Đơn vị chủ trì), ``coordinating`` (… phối hợp),
``deadline`` (Thời gian/Thời hạn hoàn thành/thực hiện/chậm nhất, Tiến độ) and ``extra`` (Ghi
chú, Kinh phí… kept under their own label).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cchc.common.text import fold

from .deadlines import parse_deadline

ROLES = ("no", "content", "product", "lead", "coordinating", "deadline", "extra")

_NO = re.compile(r"^(?:so\s*)?(?:s\.?\s*tt|tt|thu\s*tu|so)\.?$")
_DEADLINE = re.compile(r"thoi\s*gian|thoi\s*han|tien\s*do|moc\s*thoi|thoi\s*diem|han\s*hoan\s*thanh|^hoan\s*thanh")
_CONTENT = re.compile(r"noi\s*dung|nhiem\s*vu|cong\s*viec|ten\s+(?:de\s*an|du\s*an|hoat\s*dong|van\s*ban)|hoat\s*dong|giai\s*phap|de\s*an")
_PRODUCT = re.compile(r"san\s*pham|^ket\s*qua|hinh\s*thuc\s*(?:van\s*ban|san\s*pham)|^hinh\s*thuc")
_LEAD_FALLBACK = re.compile(r"(?:co\s*quan|don\s*vi|bo\s*phan)\s*(?:thuc\s*hien|duoc\s*giao|phu\s*trach|dau\s*moi)|^thuc\s*hien$|phu\s*trach|dau\s*moi")
_EXTRA = re.compile(r"ghi\s*chu|kinh\s*phi|nguon\s*(?:von|kinh)|linh\s*vuc|du\s*toan|chi\s*tieu|muc\s*tieu|so\s*luong")
_DEADLINE_WORDS = re.compile(
    r"^(?:theo|trước|chậm nhất|trong|từ|đến|định kỳ|hằng|hàng|thường xuyên|sau khi|khi có|kịp thời|"
    r"quý|tháng|năm|ngày|giai đoạn|liên tục|cả năm)(?![\wà-ỹđ])",
    re.IGNORECASE,
)


def column_role(label: str) -> str | None:
    """The role of a column from its header label, or None when it is not a header label."""
    k = fold(label).replace("/", " ").replace("-", " ")
    k = re.sub(r"\s+", " ", k).strip(" .:()")
    if not k or len(k.split()) > 10:
        return None
    if _NO.match(k):
        return "no"
    if "phoi hop" in k:
        return "coordinating"
    if "chu tri" in k:
        return "lead"
    if _PRODUCT.search(k):
        return "product"
    if _DEADLINE.search(k):
        return "deadline"
    if _CONTENT.search(k):
        return "content"
    if _LEAD_FALLBACK.search(k):
        return "lead"
    if _EXTRA.search(k):
        return "extra"
    return None


def deadline_preference(label: str) -> int:
    """Among several date columns, the completion date is the deadline ("Thời gian hoàn thành")."""
    k = fold(label)
    if re.search(r"hoan\s*thanh|cham\s*nhat|thoi\s*han|ket\s*thuc", k):
        return 2
    if "bat dau" in k or "khoi cong" in k:
        return 0
    return 1


@lru_cache(maxsize=16384)
def is_deadline_like(text: str) -> bool:
    """True when ``text`` reads like a deadline cell (a period, a date, or a schedule phrase)."""
    t = text.strip()
    if not t or len(t) > 90:
        return False
    d = parse_deadline(t)
    return d.granularity != "unspecified" or bool(_DEADLINE_WORDS.match(t))


def is_number_row(texts: list[str]) -> bool:
    """The "(1) (2) (3)…" row some tables print under their header."""
    nums = []
    for t in texts:
        m = re.fullmatch(r"\(?(\d{1,2})\)?", t.strip())
        if not m:
            return False
        nums.append(int(m.group(1)))
    distinct = sorted(set(nums))
    return len(distinct) >= 3 and distinct == list(range(distinct[0], distinct[0] + len(distinct)))
