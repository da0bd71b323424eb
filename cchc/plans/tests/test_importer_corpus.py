"""Every corpus document reads exactly as its hand-checked expected JSON says."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.plans.tests._importer_helpers import (  # noqa: F401
    CORPUS,
    _fast_password_hashing,
    corpus_documents,
    expected_for,
    parse_json,
)

DOCS = corpus_documents()
CONTRACT = ["document_number", "document_type", "issuer", "place", "signed_date", "signer", "signer_title", "title",
            "plan_year", "sections", "key_tasks", "unresolved_agencies"]
TASK_KEYS = ["no", "content", "product", "lead", "coordinating", "deadline_text", "deadline_date", "recurrence",
             "deadline_granularity", "recurrence_until"]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {p.name: parse_json(p.read_bytes(), p.name) for p in DOCS}


def test_the_corpus_has_the_seed_and_at_least_eight_more_documents_in_every_format():
    names = [p.name for p in DOCS]
    assert "4203-QD-UBND-2019-thai-nguyen.txt" in names
    assert len(names) >= 9
    assert {p.suffix for p in DOCS} >= {".txt", ".html", ".docx", ".pdf"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_it_reads_the_document_exactly_as_expected(doc, parsed):
    got, expected = parsed[doc.name], expected_for(doc)
    for key in expected:
        assert got[key] == expected[key], key


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_it_answers_with_the_contract_keys_named_exactly(doc, parsed):
    got = parsed[doc.name]
    assert list(got)[: len(CONTRACT)] == CONTRACT
    for task in got["key_tasks"]:
        assert list(task)[: len(TASK_KEYS)] == TASK_KEYS


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_every_string_is_nfc_trimmed_and_collapsed(doc, parsed):
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield k
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    for s in strings(parsed[doc.name]):
        assert s == unicodedata.normalize("NFC", s)
        assert s == s.strip() and "  " not in s and "\u00a0" not in s and "\n" not in s


def test_the_generated_fixtures_are_committed_next_to_their_script():
    assert (CORPUS / "make_corpus.py").exists()
    for suffix in (".docx", ".pdf"):
        assert any(p.suffix == suffix for p in DOCS)
