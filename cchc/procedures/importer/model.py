"""What the importer reads out of the national TTHC exports: plain dataclasses, no database."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Issue:
    """A message about a file, with the spreadsheet row when there is one (``None`` for a whole file)."""

    file: str
    row: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "message": self.message}


@dataclass(frozen=True)
class TimeLimit:
    amount: Decimal
    unit: str  # a cchc.workdays.Unit value
    text: str
    cutoff: str | None = None  # "15:00" for a same-day limit with a cut-off hour


@dataclass(frozen=True)
class FeeDraft:
    kind: str  # phi | le_phi | khac
    amount: int | None  # None: the text gives no single amount (a formula, a table)
    description: str
    collect: str  # before | after | free

    def as_dict(self) -> dict[str, Any]:
        name = {"phi": "Phí", "le_phi": "Lệ phí", "khac": "Nghĩa vụ tài chính"}[self.kind]
        return {"kind": self.kind, "name": name, "amount": self.amount, "description": self.description,
                "collect": self.collect}


@dataclass(frozen=True)
class ComponentDraft:
    name: str
    form_name: str
    originals: int
    copies: int
    required: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "form_name": self.form_name, "originals": self.originals, "copies": self.copies,
                "required": self.required}


@dataclass(frozen=True)
class ChannelDraft:
    """A row of "Cách thức thực hiện": how to submit, its time limit, its fees."""

    channel: str
    limit: TimeLimit | None
    fees: tuple[FeeDraft, ...]
    description: str


@dataclass
class CaseDraft:
    name: str
    components: list[ComponentDraft] = dataclasses.field(default_factory=list)


@dataclass
class ListRow:
    """One data row of the list export (the catalogue's spine)."""

    file: str
    row: int
    code: str
    name: str
    issuing_agency: str
    implementing_agencies: list[str]
    field: str


@dataclass
class DetailDraft:
    """One detail export (ChiTietTTHC_<mã>), by label."""

    file: str
    code: str = ""
    decision: str = ""
    name: str = ""
    levels: list[str] = dataclasses.field(default_factory=list)
    procedure_type: str = ""
    field: str = ""
    steps_text: str = ""
    channels: list[ChannelDraft] = dataclasses.field(default_factory=list)
    cases: list[CaseDraft] = dataclasses.field(default_factory=list)
    subjects: list[str] = dataclasses.field(default_factory=list)
    implementing_agencies: list[str] = dataclasses.field(default_factory=list)
    competent_agencies: list[str] = dataclasses.field(default_factory=list)
    results: list[dict[str, str]] = dataclasses.field(default_factory=list)
    legal_basis: list[dict[str, str]] = dataclasses.field(default_factory=list)
    requirements: str = ""
    keywords: str = ""
    description: str = ""
    extra: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass
class ProcedureRecord:
    """A procedure as the files describe it: a list row, a detail export, or both (matched by code)."""

    code: str
    name: str
    issuing_agency: str = ""
    implementing_agencies: list[str] = dataclasses.field(default_factory=list)
    field: str = ""
    sources: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    detail: DetailDraft | None = None


@dataclass
class Batch:
    records: list[ProcedureRecord] = dataclasses.field(default_factory=list)
    errors: list[Issue] = dataclasses.field(default_factory=list)
    warnings: list[Issue] = dataclasses.field(default_factory=list)
