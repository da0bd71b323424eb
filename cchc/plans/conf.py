"""Settings of plan execution, read from Django settings when set there, else from the environment.

``CCHC_EVIDENCE_MAX_BYTES`` (default 20 MB): largest evidence file accepted.
``CCHC_TASK_AT_RISK_DAYS`` (default 5): a task is "at risk" this many working days before its due date.
``CCHC_SHEET_MAX_BYTES`` (default 10 MB): largest progress spreadsheet accepted.
Both go through ``cchc.common.env.env_int``, which fails loudly on a value that is not a number.
"""

from __future__ import annotations

from django.conf import settings

from cchc.common.env import env_int

DEFAULTS = {
    "CCHC_EVIDENCE_MAX_BYTES": 20 * 1024 * 1024,
    "CCHC_TASK_AT_RISK_DAYS": 5,
    "CCHC_SHEET_MAX_BYTES": 10 * 1024 * 1024,
}


def _get(name: str) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = env_int(name, DEFAULTS[name])
    return int(value)


def evidence_max_bytes() -> int:
    return _get("CCHC_EVIDENCE_MAX_BYTES")


def at_risk_days() -> int:
    return _get("CCHC_TASK_AT_RISK_DAYS")


def sheet_max_bytes() -> int:
    return _get("CCHC_SHEET_MAX_BYTES")
