"""The official schedules shipped with the engine (``data/official_schedules.json``).

The file is the seed of the editable override table: a Django data migration loads ``entries``
(fields ``date``, ``kind``, ``name``, ``source``, ``confidence``, ``scope``) so that the schedules
exist after ``cchc migrate`` alone; afterwards the table, not this file, is the source of truth.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .calendar import Override

DATA_FILE = Path(__file__).resolve().parent / "data" / "official_schedules.json"


def load_official_schedules(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The rows of the schedules file, as plain dicts (the data-migration shape)."""
    with open(path or DATA_FILE, encoding="utf-8") as fh:
        return list(json.load(fh)["entries"])


def official_overrides(path: Path | str | None = None) -> list[Override]:
    """The rows of the schedules file as validated :class:`Override` objects."""
    return [Override.from_dict(row) for row in load_official_schedules(path)]
