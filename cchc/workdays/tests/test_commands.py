"""``cchc due-date`` uses the calendar table shipped by the migration, and edits to it take effect."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def due(*args):
    out = StringIO()
    call_command("due_date", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_it_prints_the_spec_example_after_tet_2026(db):
    assert due("--received", "2026-02-13T10:00", "--limit", "5", "--unit", "working_days") == "2026-02-27T17:00+07:00"


def test_the_new_year_2026_swap_comes_from_the_migrated_table(db):
    from cchc.workdays.models import CalendarOverride

    assert CalendarOverride.objects.filter(date=date(2026, 1, 10), kind="working_day").exists()
    # Wed 31/12/2025 + 1 working day: 01/01 holiday, 02/01 swapped off, weekend → Mon 05/01/2026.
    assert due("--received", "2025-12-31T09:00", "--limit", "1") == "2026-01-05T17:00+07:00"


def test_an_extra_day_off_added_by_the_secretariat_moves_the_due_date(db, people):
    from cchc.common.models import Event
    from cchc.workdays.services import calendar_override_set

    before = due("--received", "2026-03-02T09:00", "--limit", "1")
    calendar_override_set(actor=people["secretariat"], day=date(2026, 3, 3), kind="day_off", name="Nghỉ đột xuất (thử)")
    assert before == "2026-03-03T17:00+07:00"
    assert due("--received", "2026-03-02T09:00", "--limit", "1") == "2026-03-04T17:00+07:00"
    assert Event.objects.filter(verb="calendar.set").exists()


def test_hour_convention_and_same_day(db):
    assert due("--received", "2026-02-13T10:00", "--limit", "5", "--convention", "hour").startswith("2026-02-27T")
    assert due("--received", "2026-03-02T16:00", "--limit", "0", "--unit", "same_day") == "2026-03-03T17:00+07:00"


@pytest.mark.parametrize("args", [
    ("--received", "1900-01-01T10:00", "--limit", "5"),
    ("--received", "2026-01-01T10:00", "--limit", "-1"),
    ("--received", "2026-01-01T10:00", "--limit", "0"),
    ("--received", "hôm qua", "--limit", "1"),
    ("--received", "2026-01-01T10:00", "--limit", "1", "--unit", "fortnights"),
])
def test_bad_input_is_refused_with_a_message(db, args):
    with pytest.raises(CommandError) as err:
        due(*args)
    assert str(err.value)
