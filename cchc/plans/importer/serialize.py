"""``PlanDraft`` → the JSON contract of ``cchc import-plan --json`` and ``POST /api/v1/plans/import``.

Contract keys (named exactly so): document_number, document_type, issuer, place, signed_date,
signer, signer_title, title, plan_year, sections, key_tasks[{no, content, product, lead,
coordinating, deadline_text, deadline_date, recurrence, deadline_granularity, recurrence_until}],
unresolved_agencies. Extra keys carry the rest of what was extracted. Every string is NFC,
trimmed and whitespace-collapsed; dates are ISO.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc.common.text import clean

from .model import Item, KeyTask, PlanDraft


def _s(value: str | None) -> str | None:
    if value is None:
        return None
    out = clean(value)
    return out or None


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def task_to_json(task: KeyTask) -> dict[str, Any]:
    """One key task in the contract's shape (plus ``group`` and ``extra``)."""
    return {
        "no": _s(task.no),
        "content": clean(task.content),
        "product": _s(task.product),
        "lead": [clean(x) for x in task.lead],
        "coordinating": [clean(x) for x in task.coordinating],
        "deadline_text": clean(task.deadline.text),
        "deadline_date": _d(task.deadline.date),
        "recurrence": task.deadline.recurrence,
        "deadline_granularity": task.deadline.granularity,
        "recurrence_until": _d(task.deadline.recurrence_until),
        "group": _s(task.group),
        "extra": {clean(k): clean(v) for k, v in task.extra},
    }


def _item(item: Item) -> dict[str, Any]:
    return {"label": item.label, "text": clean(item.text), "children": [_item(c) for c in item.children]}


def draft_to_json(draft: PlanDraft, *, unresolved_agencies: list[str] | None = None) -> dict[str, Any]:
    """The JSON object for ``draft``; ``unresolved_agencies`` comes from the caller's resolver."""
    return {
        "document_number": _s(draft.document_number),
        "document_type": _s(draft.document_type),
        "issuer": _s(draft.issuer),
        "place": _s(draft.place),
        "signed_date": _d(draft.signed_date),
        "signer": _s(draft.signer),
        "signer_title": _s(draft.signer_title),
        "title": _s(draft.title),
        "plan_year": draft.plan_year,
        "sections": [clean(s) for s in draft.sections],
        "key_tasks": [task_to_json(t) for t in draft.key_tasks],
        "unresolved_agencies": [clean(a) for a in (unresolved_agencies or [])],
        "source_format": draft.source_format,
        "issuer_parent": _s(draft.issuer_parent),
        "plan_title": _s(draft.plan_title),
        "legal_bases": [clean(x) for x in draft.legal_bases],
        "articles": [{"number": a.number, "text": clean(a.text)} for a in draft.articles],
        "recipients": [clean(x) for x in draft.recipients],
        "solutions": [clean(x) for x in draft.solutions],
        "duties": [
            {"heading": clean(d.heading), "agencies": [clean(a) for a in d.agencies], "tasks": [clean(t) for t in d.tasks]}
            for d in draft.duties
        ],
        "parts": [
            {"label": p.label, "title": clean(p.title), "kind": p.kind, "items": [_item(i) for i in p.items]}
            for p in draft.parts
        ],
    }


def agency_names(draft: PlanDraft) -> list[str]:
    """Every distinct agency named by the key tasks (lead, coordinating) and the duties, first seen first."""
    seen: dict[str, None] = {}
    for task in draft.key_tasks:
        for name in (*task.lead, *task.coordinating):
            seen.setdefault(clean(name), None)
    for duty in draft.duties:
        for name in duty.agencies:
            seen.setdefault(clean(name), None)
    return [n for n in seen if n]
