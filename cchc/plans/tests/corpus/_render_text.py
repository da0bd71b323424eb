"""Render a corpus ``Doc`` as the paragraphs a plain-text copy would have (see ``make_corpus``)."""

from __future__ import annotations

import re

from _corpus_model import Doc, Group, Node, Part, Task

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
LETTERS = "abcdđeghiklmn"
_LABELISH = re.compile(r"^(?:[-–+•]|\d{1,2}[.)]|[a-zđ]\)|Điều)$")


def node_lines(node: Node, out: list[str]) -> None:
    out.append(f"{node.label} {node.text}".strip())
    for child in node.children:
        node_lines(child, out)


def part_lines(part: Part) -> list[str]:
    out = [f"{part.roman}. {part.title}"]
    for node in part.nodes:
        node_lines(node, out)
    for i, area in enumerate(part.areas, 1):
        if area.style == "colon":
            out.append(f"{i}. {area.heading}: {area.text}")
            continue
        out.append(f"{i}. {area.heading}")
        for j, child in enumerate(area.children):
            out.append(f"{LETTERS[j]}) {child}" if area.style == "letters" else f"- {child}")
    for i, duty in enumerate(part.duties, 1):
        if duty.style == "colon":
            out.append(f"{i}. {duty.heading}: {duty.tasks[0]}")
        elif duty.style == "verb":
            out.append(f"{i}. {duty.heading} {duty.tasks[0]}")
        else:
            out.append(f"{i}. {duty.heading}")
            for j, task in enumerate(duty.tasks):
                out.append(f"{LETTERS[j]}) {task}" if duty.style == "letters" else f"- {task}")
    for i, sol in enumerate(part.solutions, 1):
        out.append(f"{i}. {sol}")
    return out


def cell_text(value: str | list[str] | None) -> list[str]:
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else list(value)


def row_cells(doc: Doc, row: Task) -> list[list[str]]:
    """The cells of a task row in the document's column order."""
    out = []
    for label in doc.columns:
        k = label.lower()
        if k in ("stt", "tt", "số tt"):
            out.append([row.no])
        elif "phối hợp" in k:
            out.append(cell_text(row.coord))
        elif "chủ trì" in k:
            out.append(cell_text(row.lead))
        elif "sản phẩm" in k:
            out.append(cell_text(row.product))
        elif "thời" in k:
            out.append([row.deadline])
        elif "ghi chú" in k:
            out.append(cell_text(row.note))
        else:
            out.append(cell_text(row.content))
    return out


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap that never starts a line with something that reads as a label ("-", "2.", "a)")."""
    lines: list[list[str]] = []
    cur: list[str] = []
    for word in text.split(" "):
        if cur and len(" ".join([*cur, word])) > width:
            carry = [word]
            while len(cur) > 1 and _LABELISH.match(carry[0]):
                carry.insert(0, cur.pop())
            lines.append(cur)
            cur = carry
        else:
            cur.append(word)
    lines.append(cur)
    return [" ".join(x) for x in lines if x]


def table_lines(doc: Doc, style: str) -> list[str]:
    out: list[str] = []
    width = len(doc.columns)
    if style == "tabs":
        out.append("\t".join(doc.columns))
    elif style == "pipes":
        out.append("| " + " | ".join(doc.columns) + " |")
        out.append("|" + "---|" * width)
    else:
        out.extend(doc.columns)
    for row in doc.rows:
        if isinstance(row, Group):
            if style == "tabs":
                out.append("\t".join([row.no, row.name] + [""] * (width - 2)))
            elif style == "pipes":
                out.append(f"| {row.no} | {row.name} |" + " |" * (width - 2))
            elif row.span_all:
                out.append(row.name)
            else:
                out.extend([row.no, row.name])
            continue
        cells = row_cells(doc, row)
        if style == "tabs":
            out.append("\t".join(" ".join(c) for c in cells))
        elif style == "pipes":
            out.append("| " + " | ".join(" ".join(c) for c in cells) + " |")
        else:
            for cell in cells:
                for line in cell:
                    out.extend(wrap(line, 42) if style == "wrapped" else [line])
    return out


def header_lines(doc: Doc) -> list[str]:
    if doc.options.get("header") == "interleaved":
        return [f"{doc.issuer_lines[0]} {MOTTO[0]}", f"{doc.issuer_lines[1]} {MOTTO[1]}",
                f"{doc.number_line} {doc.date_line}"]
    return [*doc.issuer_lines, "--------", *MOTTO, "---------------", doc.number_line, doc.date_line]


def signature_lines(doc: Doc) -> list[str]:
    if doc.options.get("signature") == "interleaved":
        lines = [f"Nơi nhận: {doc.signer_lines[0]}"]
        rest = list(doc.signer_lines[1:])
        for rec in doc.recipients:
            lines.append(f"{rec} {rest.pop(0)}" if rest else rec)
        return [*lines, *rest, doc.signer]
    return ["Nơi nhận:", *doc.recipients, *doc.signer_lines, doc.signer]


def body_lines(doc: Doc) -> list[str]:
    """Every paragraph of the document, in order, as a plain-text copy shows them."""
    out = [*header_lines(doc), doc.heading, *doc.title_lines]
    if doc.authority:
        out.append(doc.authority)
    out.extend(doc.bases)
    if doc.proposal:
        out.append(doc.proposal)
    if doc.articles:
        out.append("QUYẾT ĐỊNH:")
        out.extend(f"Điều {n}. {t}" for n, t in doc.articles)
        out.extend(signature_lines(doc))
        out.extend(doc.plan_heading)
        if doc.attach_note:
            out.append(doc.attach_note)
    out.extend(doc.intro)
    for part in doc.parts:
        out.extend(part_lines(part))
    if doc.closing:
        out.append(doc.closing)
    if not doc.articles:
        out.extend(signature_lines(doc))
    return out


def render_text(doc: Doc) -> str:
    """The whole .txt file (before encoding)."""
    prose = body_lines(doc)
    width = doc.options.get("wrap_prose")
    paragraphs: list[str] = []
    for line in prose:
        paragraphs.append("\n".join(wrap(line, width)) if width and len(line) > width else line)
    if doc.options.get("markdown"):
        paragraphs = [_markdown(p, doc) for p in paragraphs]
    table = table_lines(doc, doc.options.get("table", "lines"))
    sep = "\n" if doc.options.get("table") in ("tabs", "pipes") else "\n\n"
    text = "\n\n".join(paragraphs) + "\n\n" + "\n\n".join(doc.appendix) + "\n\n" + sep.join(table) + "\n"
    return text


def _markdown(paragraph: str, doc: Doc) -> str:
    if paragraph == doc.heading:
        return f"# {paragraph}"
    if re.match(r"^[IVX]+\. ", paragraph):
        return f"## {paragraph}"
    if paragraph in doc.title_lines:
        return f"**{paragraph}**"
    return paragraph
