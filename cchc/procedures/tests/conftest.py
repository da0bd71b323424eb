"""Helpers of the catalogue tests: a minimal valid content, the fixture files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def make_content(**overrides: Any) -> dict[str, Any]:
    """A procedure of the Sở Tư pháp of the shared ``registry`` fixture, one case of 5 working days."""
    case = {"code": "TH1", "name": "Trường hợp chung", "time_limit": 5, "time_unit": "working_days",
            "components": [{"name": "Tờ khai", "originals": 1, "copies": 0}],
            "fees": [{"kind": "le_phi", "amount": 50000, "collect": "before"}]}
    case.update(overrides.pop("case", {}))
    base = {"name": "Cấp Phiếu lý lịch tư pháp", "sector": "Lý lịch tư pháp", "levels": ["tinh"],
            "implementing_agencies": ["Sở Tư pháp"], "competent_agencies": ["TN.STP"], "cases": [case]}
    base.update(overrides)
    return base


def fixture_bytes(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


@pytest.fixture
def manager(people):
    return people["secretariat"]


@pytest.fixture
def officer(people):
    return people["officer_stp"]
