"""What an approved version asks to be tracked, as plain specs. Pure (no Django).

Three sources, as the decision is written:

- the key-task appendix: one spec per row, with its lead and coordinating agencies;
- the contents part ("NỘI DUNG KẾ HOẠCH"): each top-level item is a content *area*; the items
  under it are tasks, an item with sub-items is a container whose progress is derived from them.
  The contents part names no agency, so its tasks go to ``content_leads`` — the agencies the
  implementation part charges with the whole plan ("Thủ trưởng các Sở, Ban, ngành, Chủ tịch
  UBND cấp huyện"), each leading its own share;
- the implementation part ("TỔ CHỨC THỰC HIỆN"): one spec per duty sentence, led by the agencies
  its heading names.

Each spec carries a ``key`` (source + accent-folded content hash) and a ``fallback_key`` (source +
number), so a later approved version updates the same task instead of creating a twin.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cchc.common.text import clean, fold

_LEAD_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:-]\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TaskSpec:
    key: str
    source: str  # "key_task" | "content" | "duty"
    no: str
    order: int
    content: str
    product: str = ""
    area: str | None = None
    parent_key: str | None = None
    deadline_text: str = ""
    deadline: date | None = None
    recurrence: str = ""
    until: date | None = None
    lead: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    container: bool = False
    key_task_id: int | None = None
    fallback_key: str = ""


def content_key(prefix: str, text: str) -> str:
    return f"{prefix}:{hashlib.sha1(fold(text).encode()).hexdigest()[:24]}"


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _label(raw: str) -> str:
    """ "2.1." → "2.1", "a)" → "a", "-" → "" (bullets are numbered by position)."""
    label = raw.strip().rstrip(".)").strip()
    return "" if label in {"-", "+", "•", "*", ""} else label


def match_area(text: str | None, areas: Sequence[str]) -> str | None:
    """The area a key-task group heading belongs to ("I. CẢI CÁCH THỂ CHẾ" → "Cải cách thể chế")."""
    if not text:
        return None
    wanted = fold(_LEAD_NUMBERING.sub("", text))
    if not wanted:
        return None
    for area in areas:
        if fold(area) == wanted:
            return area
    for area in areas:
        folded = fold(area)
        if folded and (folded in wanted or wanted in folded):
            return area
    return None


def key_task_specs(rows: Iterable[dict[str, Any]], areas: Sequence[str]) -> list[TaskSpec]:
    """One spec per appendix row (dicts with the import JSON's keys, plus ``id`` and ``order``)."""
    out = []
    for i, row in enumerate(rows, 1):
        content = clean(row.get("content") or "")
        no = str(row.get("no") or i)
        out.append(TaskSpec(
            key=content_key("kt", content), fallback_key=f"kt#{no}", source="key_task", no=no,
            order=int(row.get("order") or i), content=content, product=clean(row.get("product") or ""),
            area=match_area(row.get("group"), areas), deadline_text=clean(row.get("deadline_text") or ""),
            deadline=_date(row.get("deadline_date")), recurrence=row.get("recurrence") or "",
            until=_date(row.get("recurrence_until")), lead=tuple(row.get("lead") or ()),
            coordinating=tuple(row.get("coordinating") or ()), key_task_id=row.get("id"),
        ))
    return out


def _is_note(item: dict[str, Any]) -> bool:
    """ "(Có Danh mục nhiệm vụ trọng tâm ... kèm theo)": a pointer to the appendix, not a task."""
    text = (item.get("text") or "").strip()
    return not _label(item.get("label") or "") and text.startswith("(") and text.endswith(")")


def content_specs(parts: Sequence[dict[str, Any]], sections: Sequence[str], *, content_leads: Sequence[str],
                  order_from: int = 0) -> list[TaskSpec]:
    """Specs for the items of the contents part (see the module docstring)."""
    part = next((p for p in parts if p.get("kind") == "contents"), None)
    if part is None:
        return []
    prefix = _label(part.get("label") or "") or "ND"
    out: list[TaskSpec] = []

    def walk(items: Sequence[dict[str, Any]], parent_no: str, parent_key: str | None, area: str) -> None:
        visible = [it for it in items if not _is_note(it)]
        for pos, item in enumerate(visible, 1):
            label = _label(item.get("label") or "") or str(pos)
            # "2.1." under "2." already carries its parent's number.
            no = label if label.startswith(parent_no + ".") else f"{parent_no}.{label}"
            children = [c for c in item.get("children") or [] if not _is_note(c)]
            content = clean(item.get("text") or "")
            if not content:
                continue
            spec = TaskSpec(
                key=content_key("ct", f"{area}|{content}"), fallback_key=f"ct#{prefix}.{no}", source="content",
                no=f"{prefix}.{no}", order=order_from + len(out) + 1, content=content, area=area,
                parent_key=parent_key, container=bool(children), lead=tuple(content_leads),
            )
            out.append(spec)
            if children:
                walk(children, no, spec.key, area)

    for pos, top in enumerate(part.get("items") or [], 1):
        if _is_note(top):
            continue
        title = clean(top.get("text") or "")
        area = match_area(title, sections) or title
        label = _label(top.get("label") or "") or str(pos)
        children = [c for c in top.get("children") or [] if not _is_note(c)]
        if children:
            walk(children, label, None, area)
        elif title:
            out.append(TaskSpec(
                key=content_key("ct", f"{area}|{title}"), fallback_key=f"ct#{prefix}.{label}", source="content",
                no=f"{prefix}.{label}", order=order_from + len(out) + 1, content=title, area=area,
                lead=tuple(content_leads),
            ))
    return out


def duty_specs(parts: Sequence[dict[str, Any]], duties: Sequence[dict[str, Any]], *, order_from: int = 0) -> list[TaskSpec]:
    """One spec per duty sentence of the implementation part, led by the agencies its heading names."""
    part = next((p for p in parts if p.get("kind") == "implementation"), None)
    prefix = _label(part.get("label") or "") if part else ""
    prefix = prefix or "TC"
    items = (part.get("items") or []) if part else []
    out: list[TaskSpec] = []
    for i, duty in enumerate(duties, 1):
        tasks = [clean(t) for t in duty.get("tasks") or [] if clean(t)]
        item = items[i - 1] if len(items) == len(duties) else {}
        head = _label(item.get("label") or "") or str(i)
        child_labels = [_label(c.get("label") or "") for c in item.get("children") or []]
        if len(child_labels) != len(tasks):
            child_labels = [""] * len(tasks)
        heading = clean(duty.get("heading") or "")
        for j, text in enumerate(tasks, 1):
            sub = child_labels[j - 1] or (str(j) if len(tasks) > 1 else "")
            no = f"{prefix}.{head}" + (f".{sub}" if sub else "")
            out.append(TaskSpec(
                key=content_key("du", f"{heading}|{text}"), fallback_key=f"du#{no}", source="duty", no=no,
                order=order_from + len(out) + 1, content=text, area=None, lead=tuple(duty.get("agencies") or ()),
                deadline_text="",
            ))
    return out


def dedupe_keys(specs: Sequence[TaskSpec]) -> list[TaskSpec]:
    """Make keys unique (the same sentence twice in one part gets "~2"), keeping parents consistent."""
    seen: dict[str, int] = {}
    renamed: dict[str, str] = {}
    out = []
    for s in specs:
        n = seen.get(s.key, 0) + 1
        seen[s.key] = n
        if n > 1:
            new_key = f"{s.key}~{n}"
            renamed[s.key] = new_key
            s = replace(s, key=new_key, fallback_key=f"{s.fallback_key}~{n}")
        if s.parent_key in renamed:
            s = replace(s, parent_key=renamed[s.parent_key])
        out.append(s)
    return out
