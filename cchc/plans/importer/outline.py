"""The plan's outline: Roman-numbered parts and their nested items.

Labels and their depth: "1." (1), "2.1." (2), "2.1.1." (3), "a)" (10), "-" (20), "+" (21),
other bullets (22), and unlabelled paragraphs (30, attached to the item above; a note in
parentheses belongs to the part itself). An item is the
child of the nearest item above it with a smaller depth, which is how Vietnamese administrative
texts nest "1." → "1.1." → "a)" → "-".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.common.text import clean, fold

from .model import Item, Part
from .vn import is_upper, roman_to_int

PART = re.compile(r"^(?:PHẦN\s+)?([IVX]{1,5})\s*[.:/)\-–]\s*(\S.*)$")
_ITEM = re.compile(
    r"^(?:(?P<dec>\d{1,2}(?:\.\d{1,2})+)\.?(?=\s)|(?P<num>\d{1,2})(?:[.)]|/(?=\s))(?=\s|[A-ZÀ-ỸĐ])|"
    r"(?P<let>[a-zđ])\)|(?P<let2>[a-zđ])[./](?=\s)|(?P<dash>[-–—])(?=\s|[A-ZÀ-ỸĐa-zđ])|(?P<plus>\+)|(?P<bullet>[•●▪◦*]))\s*(?P<text>.*)$"
)
_KINDS = (
    ("implementation", re.compile(r"to chuc thuc hien|trach nhiem thuc hien|phan cong")),
    ("solutions", re.compile(r"^giai phap|giai phap thuc hien|cac giai phap")),
    ("purpose", re.compile(r"muc dich|yeu cau|muc tieu|quan diem")),
    ("contents", re.compile(r"noi dung|nhiem vu")),
    ("funding", re.compile(r"kinh phi")),
    ("reporting", re.compile(r"bao cao|che do")),
)


def part_heading(line: str, expected: int) -> tuple[str, str] | None:
    """"II. NỘI DUNG KẾ HOẠCH" → ("II", "NỘI DUNG KẾ HOẠCH") when II is the expected number."""
    m = PART.match(line)
    if not m:
        return None
    value, title = roman_to_int(m.group(1)), m.group(2).strip()
    # The first part is I; an excerpt may start later, but then only with a heading in capitals.
    if value != expected and not (expected == 1 and value in (2, 3) and is_upper(title, ratio=0.9)):
        return None
    if is_upper(title, ratio=0.7) or (len(title) <= 100 and title[:1].isupper() and not title.endswith((";", ","))):
        return m.group(1), title
    return None


def part_kind(title: str) -> str:
    """Classify a part by its title: purpose, contents, solutions, implementation, funding…"""
    k = fold(title)
    for kind, rx in _KINDS:
        if rx.search(k):
            return kind
    return "other"


def item_label(line: str) -> tuple[str, int, str] | None:
    """(label as printed, depth, text) for a labelled line, else None."""
    m = _ITEM.match(line)
    if not m:
        return None
    text = m.group("text").strip()
    if m.group("dec"):
        return m.group("dec") + ("." if line[len(m.group("dec")):].startswith(".") else ""), m.group("dec").count(".") + 1, text
    if m.group("num"):
        return line[: len(m.group("num")) + 1], 1, text
    if m.group("let") or m.group("let2"):
        return line[:2], 10, text
    if m.group("dash"):
        return "-", 20, text
    if m.group("plus"):
        return "+", 21, text
    return "•", 22, text


@dataclass
class _Node:
    label: str
    depth: int
    text: str
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Item:
        return Item(self.label, clean(self.text), tuple(c.freeze() for c in self.children))


def parse_parts(lines: list[str]) -> list[Part]:
    """Split ``lines`` (the body of the plan) into parts with their item trees."""
    parts: list[tuple[str, str, list[str]]] = []
    expected = 1
    for line in lines:
        head = part_heading(line, expected)
        if head:
            parts.append((head[0], head[1], []))
            expected = (roman_to_int(head[0]) or expected) + 1
        elif parts:
            parts[-1][2].append(line)
    return [Part(label, clean(title), part_kind(title), items(body)) for label, title, body in parts]


def items(lines: list[str]) -> tuple[Item, ...]:
    """Build the item tree of a part's lines."""
    root = _Node("", 0, "")
    stack = [root]
    for line in lines:
        found = item_label(line)
        label, depth, text = found if found else ("", 30, line)
        if depth == 1 and found and not _plausible_number(label, stack):
            label, depth, text = "", 30, line
        node = _Node(label, depth, text)
        if not found and text.startswith("(") and text.endswith(")"):
            del stack[1:]  # "(Có Danh mục … kèm theo)": a note on the whole part, not on the item above
        while len(stack) > 1 and stack[-1].depth >= depth:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return tuple(c.freeze() for c in root.children)


def _plausible_number(label: str, stack: list[_Node]) -> bool:
    # "03 dự án…" or "2020." at the start of a wrapped line is not item 3 / item 2020.
    return int(re.sub(r"\D", "", label) or "0") <= 40


def heading_of(item: Item) -> str:
    """An area's heading: the item text without a trailing colon or full stop.

    "1. Cải cách thể chế: Tiếp tục đổi mới…" (heading and text on one line) keeps the part before
    the colon.
    """
    text = item.text
    if ":" in text:
        head, rest = text.split(":", 1)
        if 3 <= len(head) <= 100 and len(rest.strip()) >= 10:
            text = head
    return clean(text).rstrip(" .:;")
