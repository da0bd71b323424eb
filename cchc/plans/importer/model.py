"""What the importer extracts: frozen dataclasses, no behaviour, no database.

``PlanDraft`` is the whole result; ``draft_to_json`` (in ``serialize``) turns it into the JSON
contract of the import command and API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

GRANULARITIES = ("day", "month", "quarter", "half_year", "year", "recurring", "unspecified")
RECURRENCES = ("monthly", "quarterly", "yearly", "continuous")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline cell: the text as written and what it means.

    ``date`` is the last day of the stated period; recurring phrases have no date but a
    ``recurrence`` and, when a year bounds them, ``recurrence_until``.
    """

    text: str
    date: date | None = None
    granularity: str = "unspecified"
    recurrence: str | None = None
    recurrence_until: date | None = None


@dataclass(frozen=True, slots=True)
class KeyTask:
    """One row of a key-task appendix table."""

    no: str | None
    content: str
    product: str | None
    lead: tuple[str, ...]
    coordinating: tuple[str, ...]
    deadline: Deadline
    group: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered or bulleted item of a part: ``label`` as printed ("1.", "2.1.", "a)", "-" or "")."""

    label: str
    text: str
    children: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Part:
    """A Roman-numbered part of the plan ("I. MỤC ĐÍCH, YÊU CẦU") with its items.

    ``kind`` is one of purpose, contents, solutions, implementation, funding, reporting, other.
    """

    label: str
    title: str
    kind: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Duty:
    """What the implementation part asks of one agency (or a group of agencies)."""

    heading: str
    agencies: tuple[str, ...]
    tasks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """An article of a decision: "Điều 1. …"."""

    number: str
    text: str


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """Everything extracted from one document."""

    source_format: str
    document_type: str | None = None
    document_number: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    signed_date: date | None = None
    signer: str | None = None
    signer_title: str | None = None
    title: str | None = None
    plan_title: str | None = None
    plan_year: int | None = None
    legal_bases: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    recipients: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()
    sections: tuple[str, ...] = ()
    solutions: tuple[str, ...] = ()
    duties: tuple[Duty, ...] = ()
    key_tasks: tuple[KeyTask, ...] = ()
    warnings: tuple[str, ...] = field(default=())
