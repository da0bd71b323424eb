"""Working-time standing of a due instant: the text the queues show."""

from __future__ import annotations

from datetime import datetime

from cchc import workdays
from cchc.queues import timing
from cchc.workdays import TZ

CAL = workdays.default_calendar()


def local(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


def test_it_counts_working_days_left_skipping_the_weekend_and_holidays():
    # Friday 07:30 to Wednesday 17:00: Friday, Monday and Wednesday are working days; the weekend and
    # Tuesday 24/11 (Ngày Văn hóa Việt Nam) are not.
    s = timing.standing(local(2026, 11, 25, 17, 0), local(2026, 11, 20, 7, 30), calendar=CAL)
    assert s.text == "còn 3 ngày"
    assert s.status == timing.ON_TRACK


def test_it_says_how_long_overdue_in_working_hours():
    # Due Wednesday at the close; Thursday 09:30 is two working hours later.
    s = timing.standing(local(2026, 11, 25, 17, 0), local(2026, 11, 26, 9, 30), calendar=CAL)
    assert s.text == "quá 2 giờ"
    assert s.status == timing.LATE
    assert s.seconds == -2 * 3600


def test_it_warns_within_one_working_day():
    s = timing.standing(local(2026, 11, 25, 17, 0), local(2026, 11, 25, 14, 0), calendar=CAL)
    assert s.status == timing.SOON and s.text == "còn 3 giờ"


def test_a_paused_dossier_or_one_without_appointment_has_no_countdown():
    assert timing.standing(local(2026, 11, 25, 17, 0), local(2026, 11, 25, 8, 0), calendar=CAL,
                           paused=True).text == "tạm dừng"
    assert timing.standing(None, local(2026, 11, 25, 8, 0), calendar=CAL).status == timing.NONE


def test_the_soon_cutoff_is_one_working_day_ahead():
    # Friday 16:00 plus one working day is Monday 16:00, not Saturday.
    assert timing.soon_cutoff(local(2026, 11, 20, 16, 0), calendar=CAL) == local(2026, 11, 23, 16, 0)
