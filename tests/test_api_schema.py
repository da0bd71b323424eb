"""Schemathesis over the whole OpenAPI schema of /api/v1, with every check, zero failures allowed.

The API runs in-process through its WSGI application, against the test database, with the
bearer token of an admin so that the write operations are reached too (not only their 401).
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, is_check_class, load_all_checks

from cchc.accounts.roles import Role
from cchc.accounts.services import token_create, user_create
from cchc.org.models import AgencyType
from cchc.org.services import AgencyData, agency_create
from cchc.wsgi import application

load_all_checks()
# Every registered response check (not-a-server-error, status codes, content types, response
# schemas, headers, positive/negative data, auth, unsupported methods, ...), named explicitly so
# that a schemathesis upgrade that turns one off by default does not silently weaken the suite.
ALL_CHECKS = [c for c in CHECKS.get_all() if not is_check_class(c)]


@pytest.fixture
def api_token(transactional_db) -> str:
    """An admin's bearer token, and a small registry for the reads to find."""
    province = agency_create(actor=None, data=AgencyData(
        code="TN.UBND", name="Ủy ban nhân dân tỉnh Thái Nguyên", type=AgencyType.UBND_TINH,
        valid_from=date(1997, 1, 1)))
    agency_create(actor=None, data=AgencyData(
        code="TN.SNV", name="Sở Nội vụ", short_name="SNV", type=AgencyType.SO, parent=province,
        valid_from=date(2008, 4, 4), aliases=("Sở NV",)))
    admin = user_create(actor=None, username="st-admin", password="ThaiNguyen@2026", roles=[Role.ADMIN])
    _token, raw = token_create(actor=admin, name="st")
    return raw


# Schema-valid data may still break a business rule that JSON Schema cannot state (a date outside
# the registry's range, an unknown parent code, valid_to before valid_from): the API answers 422
# with the rule's own error code, and positive_data_acceptance is told that 422 is acceptable.
# What must not happen is the API's *input validation* refusing data its own schema allows (the
# models and the schema disagree): schemathesis cannot tell the two 422s apart, the check below can.
CONFIG = schemathesis.Config.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
"""
)

# Fetched through the application itself, as a client would; serving the schema needs no database.
# (schemathesis.pytest.from_fixture would defer this into a fixture, but schemathesis 4.32 breaks
# on pytest 9.2 there: it writes Node._nodeid, which pytest 9.2 removed.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


def schema_valid_input_passes_validation(ctx, response, case) -> bool | None:
    """Schema-valid data must get past the API's input validation (only business rules may refuse it).

    Input validation answers code "validation_failed" with per-field details (``loc``); a service's
    own ValidationFailed has no ``loc`` details and is a business rule, allowed above.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return None
    details = error.get("details")
    if error.get("code") == "validation_failed" and isinstance(details, list) and any(
        isinstance(d, dict) and "loc" in d for d in details
    ):
        raise AssertionError(
            "Schema-valid request refused by input validation (the OpenAPI schema allows what the "
            f"input models reject): {response.text[:500]}"
        )
    return None


@schema.parametrize()
@settings(
    # CCHC_ST_EXAMPLES=500 CCHC_ST_RANDOM=1 digs deeper by hand; the suite keeps to a few seconds.
    max_examples=int(os.environ.get("CCHC_ST_EXAMPLES", "25")),
    deadline=None,  # the first request of an operation pays for imports and connection set-up
    derandomize=not os.environ.get("CCHC_ST_RANDOM"),  # CI must not turn red by luck
    database=None,  # no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case, api_token):
    # A generated "Host" header names a host Django does not serve: it answers with its own HTML 400
    # before the API is reached. The transport sets Host; what is tested is the API behind it.
    for name in [k for k in (case.headers or {}) if k.lower() == "host"]:
        del case.headers[name]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {api_token}"},
        checks=ALL_CHECKS,
        additional_checks=[schema_valid_input_passes_validation],
    )


def test_schema_names_are_unique():
    """Two pydantic models with one class name become one OpenAPI component: the schema then documents
    one of them and the API validates or answers with the other (a mismatch schemathesis only finds
    by luck). Every model of cchc must have its own name."""
    from collections import defaultdict

    import pydantic

    from cchc.api.main import api

    api.get_openapi_schema()  # imports every router's schemas

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    homes: dict[str, set[str]] = defaultdict(set)
    for model in subclasses(pydantic.BaseModel):
        if model.__module__.startswith("cchc.") and ".tests." not in model.__module__:
            homes[model.__name__].add(model.__module__)
    clashes = {name: sorted(mods) for name, mods in homes.items() if len(mods) > 1}
    assert not clashes, f"model names defined in more than one module: {clashes}"
