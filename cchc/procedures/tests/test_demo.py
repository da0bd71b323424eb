"""The demo catalogue: 30 illustrative procedures in force, idempotent, processes within their limits."""

from collections import Counter

import pytest

from cchc.procedures import selectors
from cchc.procedures.demo import load_procedures_demo
from cchc.procedures.models import Procedure, ProcedureVersion


@pytest.fixture
def demo(db):
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()
    return load_procedures_demo()


def test_the_demo_loads_thirty_published_illustrative_procedures_once(demo):
    assert demo == {"procedures": 30, "published": 30}
    assert load_procedures_demo() == {"procedures": 0, "published": 0}
    assert Procedure.objects.filter(illustrative=True).count() == 30
    assert ProcedureVersion.objects.filter(status="published").count() == 30


def test_every_case_has_a_3_to_6_step_process_that_fits_its_limit(demo):
    units = Counter()
    for version in selectors.with_details(ProcedureVersion.objects.all()):
        assert version.competent_agencies.exists() and version.intake_agencies.exists(), version
        for case in version.cases.all():
            units[case.time_unit] += 1
            assert 3 <= case.steps.count() <= 6
            check = selectors.process_check_of(case)
            assert check.ok, (version.procedure.code, case.code, check.issues)
    assert {"working_days", "working_hours", "calendar_days", "same_day"} <= set(units)


def test_certification_is_same_day_with_a_15_00_cut_off_at_every_commune(demo):
    v = selectors.version_in_force("2.000908")
    case = v.cases.get()
    assert case.time_unit == "same_day" and case.same_day_cutoff.strftime("%H:%M") == "15:00"
    assert v.competent_agencies.count() == 92 and v.levels == ["xa"]


def test_fees_come_before_after_and_free(demo):
    from cchc.procedures.models import Fee

    assert set(Fee.objects.values_list("collect", flat=True)) == {"before", "after", "free"}
