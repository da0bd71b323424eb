"""Generate the test corpus: documents in every format and their expected JSON.

Run from the repository root: ``.venv/bin/python cchc/plans/tests/corpus/make_corpus.py``.
Deterministic (fixed zip timestamps, fixed PDF metadata), so re-running it changes nothing.
The documents are described as data in ``_corpus_docs_a.py`` / ``_corpus_docs_b.py`` with the
expected reading of every cell written by hand; the expected JSON comes from that data, never
from the importer. The seed (``4203-QD-UBND-2019-thai-nguyen.txt``) is copied from
``shared/seeds`` and its expected JSON is maintained by hand.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _corpus_docs_a import KH_PHU_BINH_2024, KH_SNV_BAC_KAN_2021, KH_THAI_NGUYEN_2023, QD_BAC_KAN_2022  # noqa: E402
from _corpus_docs_b import (  # noqa: E402
    KH_STP_THAI_NGUYEN_2025,
    KH_STTTT_TUYEN_QUANG_2020,
    KH_TAN_CUONG_2025,
    KH_TUYEN_QUANG_2026,
    QD_SONG_CONG_2021,
)
from _corpus_model import Doc, Group, Node, Task  # noqa: E402
from _render_rich import render_docx, render_pdf, render_portal_html  # noqa: E402
from _render_text import LETTERS, render_text  # noqa: E402

DOCS: list[Doc] = [QD_BAC_KAN_2022, KH_THAI_NGUYEN_2023, KH_SNV_BAC_KAN_2021, KH_PHU_BINH_2024, KH_TAN_CUONG_2025,
                   QD_SONG_CONG_2021, KH_STP_THAI_NGUYEN_2025, KH_TUYEN_QUANG_2026, KH_STTTT_TUYEN_QUANG_2020]
EXT = {"txt": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}
SOURCE_FORMAT = {"txt": "text", "html": "html", "docx": "docx", "pdf": "pdf"}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese tools write it: a precomposed base plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        # Recompose the base with the marks the code page has letters for (â, ê, ô, ơ, ư, ă).
        # NFD puts the dot below before the circumflex ("ệ" = e + U+0323 + U+0302): try every mark.
        progress = True
        while progress:
            progress = False
            for m in marks:
                if _encodable(unicodedata.normalize("NFC", base + m)):
                    base = unicodedata.normalize("NFC", base + m)
                    marks.remove(m)
                    progress = True
                    break
        out += base.encode("cp1258") + "".join(marks).encode("cp1258")
    return bytes(out)


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1258")
        return len(ch) == 1
    except UnicodeEncodeError:
        return False


def render(doc: Doc) -> bytes:
    if doc.fmt == "docx":
        return render_docx(doc)
    if doc.fmt == "html":
        return render_portal_html(doc)
    if doc.fmt == "pdf":
        return render_pdf(doc)
    text = render_text(doc)
    if doc.options.get("nfd"):
        text = unicodedata.normalize("NFD", text)
    if doc.options.get("crlf"):
        text = text.replace("\n", "\r\n")
    encoding = doc.options.get("encoding", "utf-8")
    if encoding == "cp1258":
        return encode_cp1258(text)
    return text.encode(encoding)


def _node(node: Node) -> dict:
    return {"label": node.label, "text": _clean(node.text), "children": [_node(c) for c in node.children]}


def _part(part) -> dict:
    items = [_node(n) for n in part.nodes]
    for i, area in enumerate(part.areas, 1):
        if area.style == "colon":
            items.append({"label": f"{i}.", "text": _clean(f"{area.heading}: {area.text}"), "children": []})
            continue
        kids = [{"label": f"{LETTERS[j]})" if area.style == "letters" else "-", "text": _clean(c), "children": []}
                for j, c in enumerate(area.children)]
        items.append({"label": f"{i}.", "text": area.heading, "children": kids})
    for i, duty in enumerate(part.duties, 1):
        if duty.style in ("colon", "verb"):
            sep = ": " if duty.style == "colon" else " "
            items.append({"label": f"{i}.", "text": _clean(duty.heading + sep + duty.tasks[0]), "children": []})
            continue
        kids = [{"label": f"{LETTERS[j]})" if duty.style == "letters" else "-", "text": _clean(t), "children": []}
                for j, t in enumerate(duty.tasks)]
        items.append({"label": f"{i}.", "text": duty.heading, "children": kids})
    for i, sol in enumerate(part.solutions, 1):
        items.append({"label": f"{i}.", "text": _clean(sol), "children": []})
    return {"label": part.roman, "title": part.title, "kind": part.kind, "items": items}


def _agencies(cell: str | list[str], explicit: list[str] | None) -> list[str]:
    if explicit is not None:
        return explicit
    text = cell if isinstance(cell, str) else " ".join(cell)
    assert not re.search(r"[,;]", text), f"write the expected split of {text!r} by hand"
    return [text] if text else []


def _task(row: Task, group: str | None) -> dict:
    date, gran, rec, until = row.when
    content = row.content if isinstance(row.content, str) else " ".join(row.content)
    return {
        "no": row.no, "content": _clean(content), "product": row.product, "lead": _agencies(row.lead, row.L),
        "coordinating": _agencies(row.coord, row.C), "deadline_text": row.deadline, "deadline_date": date,
        "recurrence": rec, "deadline_granularity": gran, "recurrence_until": until, "group": group,
        "extra": {"Ghi chú": row.note} if row.note else {},
    }


def expected_json(doc: Doc) -> dict:
    """The full expected JSON of ``doc``, from the hand-written data."""
    x = doc.expected
    tasks, group = [], None
    for row in doc.rows:
        if isinstance(row, Group):
            group = re.sub(r"^[IVX]+\.\s*", "", row.name)
            continue
        tasks.append(_task(row, group))
    contents = next((p for p in doc.parts if p.kind == "contents"), None)
    solutions = next((p for p in doc.parts if p.kind == "solutions"), None)
    implementation = next((p for p in doc.parts if p.kind == "implementation"), None)
    return {
        "document_number": x["document_number"], "document_type": x["document_type"], "issuer": x["issuer"],
        "place": x["place"], "signed_date": x["signed_date"], "signer": doc.signer, "signer_title": x["signer_title"],
        "title": x["title"], "plan_year": x["plan_year"],
        "sections": [a.heading for a in contents.areas] if contents else [],
        "key_tasks": tasks,
        "unresolved_agencies": [],
        "source_format": SOURCE_FORMAT[doc.fmt],
        "issuer_parent": x["issuer_parent"],
        "plan_title": x["plan_title"],
        "legal_bases": [_clean(b).rstrip(" ;,.") for b in doc.bases],
        "articles": [{"number": n, "text": _clean(t)} for n, t in doc.articles],
        "recipients": [_clean(re.sub(r"^-\s*", "", r)).rstrip(" ;,.") for r in doc.recipients],
        "solutions": [_clean(s) for s in solutions.solutions] if solutions else [],
        "duties": [{"heading": d.heading, "agencies": d.agencies, "tasks": [_clean(t) for t in d.tasks]}
                   for d in implementation.duties] if implementation else [],
        "parts": [_part(p) for p in doc.parts],
    }


def build_docx_tasks(n: int) -> bytes:
    """A decision-less plan in Word with ``n`` key tasks (for the benchmark)."""
    from copy import deepcopy

    doc = deepcopy(QD_BAC_KAN_2022)
    base = [r for r in doc.rows if isinstance(r, Task)]
    rows: list[Task | Group] = []
    for i in range(n):
        if i % 20 == 0:
            rows.append(Group(_roman(i // 20 + 1), f"NHÓM NHIỆM VỤ {i // 20 + 1}"))
        t = deepcopy(base[i % len(base)])
        t.no, t.lead_span = str(i + 1), 1
        rows.append(t)
    doc.rows = rows
    doc.options = {}
    return render_docx(doc)


def _roman(n: int) -> str:
    vals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def main() -> None:
    for doc in DOCS:
        path = HERE / f"{doc.name}.{EXT[doc.fmt]}"
        path.write_bytes(render(doc))
        (HERE / f"{doc.name}.expected.json").write_text(
            json.dumps(expected_json(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
