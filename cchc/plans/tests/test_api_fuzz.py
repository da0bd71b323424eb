"""Schemathesis over the plan-execution operations, with path ids that exist.

The suite-wide run (tests/test_api_schema.py) mostly meets 404s here, since its random ids match
no plan; this one points every ``{plan_id}``, ``{task_id}``, ``{work_item_id}``, ``{report_id}`` and
``{evidence_id}`` at rows of an approved plan, so generated bodies and queries reach the services.
Every check, zero failures allowed, with the secretariat's token (a manager with an agency, so both
the management and the reporting operations run).
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, is_check_class, load_all_checks

from cchc.wsgi import application

load_all_checks()
ALL_CHECKS = [c for c in CHECKS.get_all() if not is_check_class(c)]
CONFIG = schemathesis.Config.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
"""
)
# The WSGI handler closes the connection after each request, as in production: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)
OPERATIONS = r"^/api/v1/(plans/\{plan_id\}/(versions|tasks|progress)|tasks/|queue|work-items/|reports|evidence/|progress/)"
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG).include(
    path_regex=OPERATIONS)


@pytest.fixture
def fuzz_ids(approved, plan_v1, people, registry, settings, tmp_path):
    from cchc.accounts.services import token_create
    from cchc.plans.models import Task
    from cchc.plans.services.evidence import FileIn
    from cchc.plans.services.progress import ReportInput, progress_report_submit
    from cchc.plans.tests.conftest import work_item
    from cchc.plans.tests.test_evidence import PDF

    settings.MEDIA_ROOT = tmp_path
    plan, _ = plan_v1
    item = work_item("2", registry["snv"], seq=1)
    report = progress_report_submit(actor=people["secretariat"], work_item=item, today=date(2020, 3, 20),
                                    data=ReportInput(status="in_progress", percent=20,
                                                     files=[FileIn("bc.pdf", PDF)]))
    _token, raw = token_create(actor=people["secretariat"], name="fuzz")
    return {"token": raw, "ids": {
        "plan_id": plan.pk, "number": 1, "task_id": Task.objects.get(plan=plan, no="2").pk,
        "work_item_id": item.pk, "report_id": report.pk, "evidence_id": report.evidence.get().pk}}


def valid_input_passes_validation(ctx, response, case) -> bool | None:
    """As in the suite-wide run: schema-valid data may break a business rule (own code), never validation."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        code = None
    if code == "validation_failed":
        raise AssertionError(f"Schema-valid request refused by input validation: {response.text[:500]}")
    return None


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("CCHC_ST_EXAMPLES", "25")),
    deadline=None,
    derandomize=not os.environ.get("CCHC_ST_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_plan_execution_operations_conform_with_real_ids(case, fuzz_ids):
    positive = case.meta is None or case.meta.generation.mode.is_positive
    # A negative case may have made an id invalid on purpose: only valid cases get real ids.
    if case.path_parameters and positive:
        for name in case.path_parameters:
            if name in fuzz_ids["ids"]:
                case.path_parameters[name] = fuzz_ids["ids"][name]
    # A generated "Host" header names a host Django does not serve: it answers with its own HTML 400 before
    # the API is reached. The transport sets Host; what is tested here is the API behind it.
    for name in [k for k in (case.headers or {}) if k.lower() == "host"]:
        del case.headers[name]
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_ids['token']}"}, checks=ALL_CHECKS,
                           additional_checks=[valid_input_passes_validation])
