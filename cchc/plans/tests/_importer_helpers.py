"""Shared helpers for the importer tests (no Django)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.plans.importer import draft_to_json, parse_document

CORPUS = Path(__file__).resolve().parent / "corpus"
SEED = CORPUS / "4203-QD-UBND-2019-thai-nguyen.txt"


def corpus_documents() -> list[Path]:
    """Every corpus document that has an expected JSON next to it."""
    out = []
    for expected in sorted(CORPUS.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        docs = [p for p in CORPUS.glob(f"{stem}.*") if not p.name.endswith(".json")]
        assert len(docs) == 1, f"one document per expected JSON: {stem}"
        out.append(docs[0])
    return out


def expected_for(path: Path) -> dict:
    return json.loads((CORPUS / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def parse_json(data: bytes, filename: str) -> dict:
    return draft_to_json(parse_document(data, filename))


def parse_text(text: str, filename: str = "plan.txt") -> dict:
    return parse_json(text.encode("utf-8"), filename)


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Shadows the suite-wide autouse fixture of ``cchc/conftest.py``, which needs pytest-django's
    ``settings``: the importer tests use no Django and must also run with ``-p no:django``."""
