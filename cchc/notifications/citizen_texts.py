"""What a citizen is told about their dossier, in Vietnamese (pure: no ORM).

One message per event verb (spec §7.6): receipt, supplement request (at intake, or during
processing when the clock stops), apology and new appointment (spec §5.6), result ready. Each
has an e-mail subject and body and a short SMS text, all with the dossier code, the procedure,
what happened, the dates that matter and the public lookup link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cchc.workdays import TZ

RECEIPT_VERBS = frozenset({"dossier.receive", "dossier.accept"})
SUPPLEMENT_VERBS = frozenset({"dossier.request_intake_supplement", "dossier.request_supplement"})
CITIZEN_VERBS = RECEIPT_VERBS | SUPPLEMENT_VERBS | frozenset({"dossier.apologise", "dossier.issue_result"})


@dataclass(frozen=True)
class DossierFacts:
    code: str
    procedure: str
    applicant_name: str
    receiving_agency: str
    competent_agency: str
    received_at: datetime | None = None
    original_due_at: datetime | None = None
    due_at: datetime | None = None


@dataclass(frozen=True)
class EventFacts:
    verb: str
    at: datetime
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str
    sms: str


def when(value: datetime | str | None) -> str:
    """ "17:00 ngày 16/03/2026" in local time; "" for nothing."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is not None:
        value = value.astimezone(TZ)
    return f"{value:%H:%M} ngày {value:%d/%m/%Y}"


def _components(data: dict[str, Any]) -> list[str]:
    items = data.get("components") or []
    return [str(c).strip() for c in items if str(c).strip()]


def compose(d: DossierFacts, e: EventFacts, *, lookup_url: str) -> Composed:
    """The e-mail and SMS for event ``e`` of dossier ``d``. Raises KeyError for a verb that has no message."""
    facts = [f"Mã hồ sơ: {d.code}", f"Thủ tục: {d.procedure}"]
    if e.verb in RECEIPT_VERBS:
        subject = f"Hồ sơ {d.code} đã được tiếp nhận"
        what = f"{d.receiving_agency} đã tiếp nhận hồ sơ của ông/bà."
        facts.append(f"Thời điểm tiếp nhận: {when(d.received_at or e.at)}")
        appointment = d.original_due_at
        facts.append(f"Ngày hẹn trả kết quả: {when(appointment)}" if appointment
                     else "Thủ tục này không có ngày hẹn trả kết quả.")
        sms = (f"{d.code}: ho so da duoc tiep nhan"
               + (f", hen tra ket qua {when(appointment)}" if appointment else "") + ".")
    elif e.verb in SUPPLEMENT_VERBS:
        subject = f"Hồ sơ {d.code} cần bổ sung, hoàn thiện"
        if e.verb == "dossier.request_intake_supplement":
            what = (f"Hồ sơ của ông/bà chưa đủ điều kiện để {d.receiving_agency} tiếp nhận. "
                    "Đề nghị ông/bà bổ sung, hoàn thiện hồ sơ theo nội dung dưới đây.")
        else:
            what = (f"Trong quá trình giải quyết, {d.competent_agency} đề nghị ông/bà bổ sung, hoàn thiện hồ sơ "
                    f"theo nội dung dưới đây. Thời gian giải quyết tạm dừng từ {when(e.at)} cho đến khi nhận đủ "
                    "hồ sơ bổ sung; ngày hẹn trả sẽ được tính lại.")
        facts.append(f"Ngày yêu cầu: {when(e.at)}")
        if e.reason:
            facts.append(f"Nội dung cần bổ sung: {e.reason}")
        comps = _components(e.data)
        if comps:
            facts.append("Giấy tờ cần bổ sung: " + "; ".join(comps))
        sms = f"{d.code}: ho so can bo sung" + (f" - {e.reason[:80]}" if e.reason else "") + "."
    elif e.verb == "dossier.apologise":
        subject = f"Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {d.code}"
        what = (f"{d.competent_agency} chân thành xin lỗi ông/bà vì hồ sơ chưa được giải quyết đúng hẹn "
                "và xin hẹn lại ngày trả kết quả.")
        if e.reason:
            facts.append(f"Lý do chậm: {e.reason}")
        old, new = e.data.get("old_due") or "", e.data.get("new_due") or d.due_at
        if old:
            facts.append(f"Ngày hẹn cũ: {when(old)}")
        facts.append(f"Ngày hẹn mới: {when(new)}")
        if e.data.get("document"):
            facts.append(f"Văn bản xin lỗi số: {e.data['document']}")
        sms = f"{d.code}: xin loi ong/ba, ho so duoc hen lai ngay tra ket qua {when(new)}."
    elif e.verb == "dossier.issue_result":
        subject = f"Hồ sơ {d.code} đã có kết quả"
        if e.data.get("electronic"):
            what = "Hồ sơ của ông/bà đã được giải quyết và có kết quả điện tử."
        else:
            what = f"Hồ sơ của ông/bà đã được giải quyết. Mời ông/bà nhận kết quả tại {d.receiving_agency}."
        if e.data.get("result_number"):
            facts.append(f"Số, ký hiệu kết quả: {e.data['result_number']}")
        facts.append(f"Ngày có kết quả: {when(e.at)}")
        sms = f"{d.code}: ho so da co ket qua, moi ong/ba nhan ket qua."
    else:
        raise KeyError(e.verb)
    body = "\n".join([
        f"Kính gửi ông/bà {d.applicant_name},", "", what, "", *facts, "",
        f"Tra cứu tình trạng hồ sơ: {lookup_url}", "",
        "Thư này được gửi tự động từ hệ thống giải quyết thủ tục hành chính; vui lòng không trả lời thư này.",
    ]) + "\n"
    return Composed(subject=subject, body=body, sms=f"{sms} Tra cuu: {lookup_url}")
