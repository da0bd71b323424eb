"""Differences between two versions' key tasks: added, removed, changed. Pure.

Tasks are paired by their content (accent-folded) first, so a renumbered task is "changed",
not removed and added; what is left is paired by number.
"""

from __future__ import annotations

from typing import Any

from cchc.common.text import fold

COMPARED = ("no", "content", "product", "lead", "coordinating", "deadline_text", "deadline_date", "recurrence")


def _key(task: dict[str, Any]) -> str:
    return fold(task.get("content") or "")


def diff_tasks(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list]:
    """Compare two key-task lists (dicts with the JSON contract's keys)."""
    unmatched_old = list(old)
    pairs: list[tuple[dict, dict]] = []
    rest_new = []
    by_content: dict[str, list[dict]] = {}
    for t in unmatched_old:
        by_content.setdefault(_key(t), []).append(t)
    for t in new:
        bucket = by_content.get(_key(t))
        if bucket:
            o = bucket.pop(0)
            unmatched_old.remove(o)
            pairs.append((o, t))
        else:
            rest_new.append(t)
    by_no = {str(t.get("no")): t for t in unmatched_old if t.get("no")}
    added = []
    for t in rest_new:
        o = by_no.pop(str(t.get("no")), None) if t.get("no") else None
        if o is not None:
            unmatched_old.remove(o)
            pairs.append((o, t))
        else:
            added.append(t)
    changed = []
    for o, t in pairs:
        fields = {f: {"old": o.get(f), "new": t.get(f)} for f in COMPARED if o.get(f) != t.get(f)}
        if fields:
            changed.append({"no": t.get("no"), "content": t.get("content"), "fields": fields})
    return {"added": added, "removed": unmatched_old, "changed": changed}
