"""Shapes of the corpus documents written by hand in ``_corpus_docs*.py``.

Each document is described once, as data: its header, parts, duties and key-task rows, and next
to every cell what it must be read as (agency lists split by hand, deadline dates worked out by
hand). ``make_corpus.py`` renders the data to .txt/.html/.docx/.pdf and writes the expected JSON
from the same data, so the expectations never come from the importer's own output.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Task:
    no: str
    content: str | list[str]  # a list is a cell with several paragraphs
    lead: str | list[str]
    coord: str | list[str]
    deadline: str
    when: tuple[str | None, str, str | None, str | None]  # date, granularity, recurrence, until
    L: list[str] | None = None  # expected lead agencies (needed when the cell has separators)
    C: list[str] | None = None  # expected coordinating agencies
    product: str | None = None
    note: str | None = None
    lead_span: int = 1  # rows covered by a merged lead cell (1 = not merged)


@dataclass
class Group:
    no: str
    name: str
    span_all: bool = False  # one cell over every column, the number included ("II. …")


@dataclass
class Node:
    label: str
    text: str
    children: list[Node] = field(default_factory=list)


@dataclass
class Area:
    heading: str
    children: list[str] = field(default_factory=list)
    style: str = "letters"  # letters (a, b…), dash, colon ("1. Heading: text")
    text: str = ""  # for the colon style


@dataclass
class Duty:
    heading: str
    agencies: list[str]
    tasks: list[str]
    style: str = "letters"  # letters, dash, colon ("2. Sở X: task"), verb ("2. Sở X chủ trì …")


@dataclass
class Part:
    roman: str
    title: str
    kind: str
    nodes: list[Node] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    solutions: list[str] = field(default_factory=list)


@dataclass
class Doc:
    name: str  # file name without extension
    fmt: str  # txt, html, docx, pdf
    issuer_lines: list[str]
    number_line: str
    date_line: str
    heading: str  # QUYẾT ĐỊNH / KẾ HOẠCH
    title_lines: list[str]
    bases: list[str]
    signer_lines: list[str]
    signer: str
    recipients: list[str]
    parts: list[Part]
    columns: list[str]  # header labels in order
    rows: list[Task | Group]
    expected: dict  # header fields written by hand
    authority: str | None = None  # "ỦY BAN NHÂN DÂN TỈNH …" in a decision
    proposal: str | None = None  # "Theo đề nghị của …"
    articles: list[tuple[str, str]] = field(default_factory=list)
    plan_heading: list[str] = field(default_factory=list)  # attached plan: ["KẾ HOẠCH", title…]
    attach_note: str | None = None
    intro: list[str] = field(default_factory=list)  # "… ban hành Kế hoạch … như sau:"
    closing: str | None = None
    appendix: list[str] = field(default_factory=list)
    options: dict = field(default_factory=dict)  # renderer options (header style, table style…)
