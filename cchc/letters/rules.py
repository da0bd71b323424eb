"""Which printable letters a dossier has, their form numbers and titles, and the Decree 30 date line.

Pure: no ORM, no Django. The letters follow the one-stop form set (spec one-stop.md §5.1):

- TT 01/2018/TT-VPCP (until 2025): 01 receipt slip, 02 supplement request (the only number confirmed in
  templates), 03 refusal, 04 apology and re-appointment, 05 control slip — numbers other than 02 are
  the researcher's recollection;
- TT 03/2025/TT-VPCP Annex I (current, as one secondary source reports it): 01 receipt slip,
  02 supplement request, 03 refusal, 04 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
  05 stop notice (not made here), 06 control slip.

Form sets are effective-dated data (architecture rule 5): a letter uses the set in force on the day
its event happened. The day TT 03/2025 took effect could not be read; its signing date is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    SLIP = "slip"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    CONTROL = "control"


# Display order on the dossier page: the order in which a dossier's life produces them.
ORDER = (Kind.SLIP, Kind.SUPPLEMENT, Kind.REFUSAL, Kind.APOLOGY, Kind.CONTROL)

# States before acceptance or refused at intake: no receipt slip (the legal clock never started).
_NOT_RECEIVED = frozenset({"draft", "submitted", "intake_incomplete", "refused_at_intake"})


@dataclass(frozen=True)
class Form:
    number: str
    title: str


@dataclass(frozen=True)
class FormSet:
    code: str
    basis: str  # the circular, printed under the form number
    valid_from: date
    forms: dict[Kind, Form]


FORM_SETS: tuple[FormSet, ...] = (
    FormSet("tt01_2018", "Thông tư số 01/2018/TT-VPCP", date(2018, 12, 23), {
        Kind.SLIP: Form("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        Kind.SUPPLEMENT: Form("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        Kind.REFUSAL: Form("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        Kind.APOLOGY: Form("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        Kind.CONTROL: Form("05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    }),
    FormSet("tt03_2025", "Thông tư số 03/2025/TT-VPCP", date(2025, 9, 15), {
        Kind.SLIP: Form("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        Kind.SUPPLEMENT: Form("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        Kind.REFUSAL: Form("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        Kind.APOLOGY: Form("04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
        Kind.CONTROL: Form("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    }),
)

# Short names for buttons and file names.
LABELS: dict[Kind, str] = {
    Kind.SLIP: "Giấy tiếp nhận và hẹn trả",
    Kind.SUPPLEMENT: "Phiếu yêu cầu bổ sung",
    Kind.REFUSAL: "Phiếu từ chối tiếp nhận",
    Kind.APOLOGY: "Phiếu xin lỗi, hẹn lại",
    Kind.CONTROL: "Phiếu kiểm soát quá trình",
}
FILE_STEMS: dict[Kind, str] = {
    Kind.SLIP: "giay-tiep-nhan",
    Kind.SUPPLEMENT: "phieu-yeu-cau-bo-sung",
    Kind.REFUSAL: "phieu-tu-choi",
    Kind.APOLOGY: "phieu-xin-loi-hen-lai",
    Kind.CONTROL: "phieu-kiem-soat",
}


def form_set_on(day: date) -> FormSet:
    """The form set in force on ``day`` (the oldest set for days before every set)."""
    current = FORM_SETS[0]
    for fs in FORM_SETS:
        if fs.valid_from <= day:
            current = fs
    return current


@dataclass(frozen=True)
class Facts:
    """What decides the letters of a dossier: its state and what its history holds."""

    state: str
    received: bool  # has a received_at: the legal clock started
    supplements: int  # SupplementRequest rows (at intake or during processing)
    reappointments: int  # Reappointment rows
    has_closing_reason: bool = False


def unavailable_reason(kind: Kind | str, facts: Facts) -> str:
    """Why the dossier has no such letter (Vietnamese), or "" when it has it."""
    try:
        kind = Kind(kind)
    except ValueError:
        return "Không có loại phiếu này."
    if kind is Kind.SLIP:
        if not facts.received or facts.state in _NOT_RECEIVED:
            return "Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận và hẹn trả kết quả."
    elif kind is Kind.SUPPLEMENT:
        if facts.supplements == 0:
            return "Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nào nên không có phiếu yêu cầu bổ sung."
    elif kind is Kind.REFUSAL:
        if facts.state != "refused_at_intake":
            return "Hồ sơ không bị từ chối tiếp nhận nên không có phiếu từ chối."
    elif kind is Kind.APOLOGY:
        if facts.reappointments == 0:
            return "Hồ sơ chưa có lần xin lỗi, hẹn lại nào nên không có phiếu xin lỗi và hẹn lại ngày trả kết quả."
    elif kind is Kind.CONTROL:
        if not facts.received:
            return "Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát quá trình giải quyết."
    return ""


def available(facts: Facts) -> list[Kind]:
    """The letters the dossier has, in display order."""
    return [k for k in ORDER if not unavailable_reason(k, facts)]


def date_line(place: str, day: date) -> str:
    """"Thái Nguyên, ngày 05 tháng 02 năm 2026": Decree 30/2020 writes a 0 before a day below 10 and
    before months 1 and 2 (so that they cannot be extended by hand)."""
    dd = f"{day.day:02d}"
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {dd} tháng {mm} năm {day.year}"


def dmy(day: date | None) -> str:
    """dd/mm/yyyy, or an ellipsis for a date not known."""
    return f"{day:%d/%m/%Y}" if day else "…"


_UNITS = {
    "working_days": "ngày làm việc",
    "working_hours": "giờ làm việc",
    "calendar_days": "ngày",
}


def time_limit_text(limit, unit: str) -> str:
    """The legal time limit as printed on the slip: "05 ngày làm việc", "Trong ngày", "Không hẹn ngày trả"."""
    if unit == "same_day":
        return "Trong ngày"
    if unit == "no_appointment":
        return "Không hẹn ngày trả"
    number = f"{limit:f}" if limit is not None else "…"
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    if number.isdigit() and len(number) == 1:
        number = "0" + number
    return f"{number} {_UNITS.get(unit, unit)}".strip()


def sentence(text: str) -> str:
    """``text`` trimmed and ending with a full stop (reasons are typed without one as often as with)."""
    text = (text or "").strip()
    if text and text[-1] not in ".!?…:;":
        text += "."
    return text
