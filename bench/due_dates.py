"""Benchmark: due-date computations per second in one process (issue 5, target >= 200,000).

Mixed units and conventions, distinct random inputs generated before timing (receipt instants
across 2020–2027, some given in UTC, some limits as Decimal), no result cache. Prints
``due_dates_per_s <value> per_s``.

Run: ``.venv/bin/python bench/due_dates.py [--count N] [--seed S] [--rounds R]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc.workdays import TZ, build_calendar, compute_due  # noqa: E402

# (unit, convention, limits to draw from, weight)
MIX: list[tuple[str, str, list[int | Decimal], int]] = [
    ("working_days", "day", [1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60], 40),
    ("working_days", "hour", [1, 2, 3, 5, 7, 10, 15, 20, 30], 15),
    ("working_hours", "hour", [1, 2, 4, 8, 16, 24, 40], 15),
    ("calendar_days", "day", [1, 3, 7, 10, 15, 30, 60, 90], 15),
    ("same_day", "day", [0], 10),
    ("working_days", "day", [Decimal("0.5"), Decimal("1.5"), Decimal("2.5")], 5),
]


def make_inputs(count: int, seed: int) -> list[tuple[datetime, int | Decimal, str, str]]:
    """Distinct random (received, limit, unit, convention) tuples."""
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=TZ)
    span = int((datetime(2027, 12, 1, tzinfo=TZ) - start).total_seconds())
    kinds = [m for m in MIX for _ in range(m[3])]
    seen: set[tuple[datetime, int | Decimal, str, str]] = set()
    out: list[tuple[datetime, int | Decimal, str, str]] = []
    while len(out) < count:
        received = start + timedelta(seconds=rng.randrange(span))
        if rng.random() < 0.2:  # some callers hand over UTC datetimes from the database
            received = received.astimezone(UTC)
        unit, conv, limits, _ = rng.choice(kinds)
        item = (received, rng.choice(limits), unit, conv)
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20260213)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; the best one is reported")
    args = parser.parse_args()

    calendar = build_calendar()  # the shipped official schedules, default sessions
    inputs = make_inputs(args.count, args.seed)
    compute_due(inputs[0][0], inputs[0][1], inputs[0][2], calendar=calendar, convention=inputs[0][3])

    best = float("inf")
    for _ in range(args.rounds):
        began = time.perf_counter()
        for received, limit, unit, conv in inputs:
            compute_due(received, limit, unit, calendar=calendar, convention=conv)
        best = min(best, time.perf_counter() - began)
    print(f"due_dates_per_s {len(inputs) / best:.0f} per_s")


if __name__ == "__main__":
    main()
