"""Benchmark: the pure plan importer (issue 3). No Django, no database.

Prints ``name value unit`` lines:

* ``plan_import_field_accuracy <0..1> ratio`` over the test corpus, and one
  ``plan_import_field_accuracy_<document> <0..1> ratio`` line per document (target >= 0.95 each).
  Fields: the nine header fields, each content area heading, and the ten contract fields of every
  key task (no, content, product, lead, coordinating, deadline_text, deadline_date, recurrence,
  deadline_granularity, recurrence_until). Tasks and headings are compared by position; a missing
  or extra task counts all its fields as wrong.
* ``plan_import_seed_ms <median> ms``: parsing the seed, warm, in-process median (target < 200).
* ``plan_import_docx200_ms <median> ms``: a generated Word plan with 200 key tasks (target < 2000).

Run: ``.venv/bin/python bench/plan_import.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "cchc" / "plans" / "tests" / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CORPUS))

from cchc.common.text import clean  # noqa: E402
from cchc.plans.importer import draft_to_json, parse_document  # noqa: E402

HEADER = ["document_number", "document_type", "issuer", "place", "signed_date", "signer", "signer_title", "title",
          "plan_year"]
TASK = ["no", "content", "product", "lead", "coordinating", "deadline_text", "deadline_date", "recurrence",
        "deadline_granularity", "recurrence_until"]
SEED = CORPUS / "4203-QD-UBND-2019-thai-nguyen.txt"


def _norm(value):
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def field_score(expected: dict, got: dict) -> tuple[int, int]:
    """(matching fields, fields) of one document."""
    right = total = 0
    for key in HEADER:
        total += 1
        right += _norm(expected.get(key)) == _norm(got.get(key))
    exp_s, got_s = expected.get("sections", []), got.get("sections", [])
    for i in range(max(len(exp_s), len(got_s))):
        total += 1
        right += i < len(exp_s) and i < len(got_s) and _norm(exp_s[i]) == _norm(got_s[i])
    exp_t, got_t = expected.get("key_tasks", []), got.get("key_tasks", [])
    for i in range(max(len(exp_t), len(got_t))):
        for key in TASK:
            total += 1
            if i < len(exp_t) and i < len(got_t):
                right += _norm(exp_t[i].get(key)) == _norm(got_t[i].get(key))
    return right, total


def corpus() -> list[tuple[Path, dict]]:
    out = []
    for exp in sorted(CORPUS.glob("*.expected.json")):
        stem = exp.name[: -len(".expected.json")]
        doc = next(p for p in CORPUS.glob(f"{stem}.*") if not p.name.endswith(".json"))
        out.append((doc, json.loads(exp.read_text(encoding="utf-8"))))
    return out


def median_ms(fn, rounds: int) -> float:
    fn()  # warm: imports, regex compilation, caches of the readers
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()

    right_all = total_all = 0
    lines = []
    for doc, expected in corpus():
        try:
            got = draft_to_json(parse_document(doc.read_bytes(), doc.name))
        except Exception as exc:  # a refusal or a crash scores zero for the document
            print(f"{doc.name}: {exc!r}", file=sys.stderr)
            got = {}
        right, total = field_score(expected, got)
        right_all, total_all = right_all + right, total_all + total
        name = re.sub(r"[^0-9a-z]+", "_", doc.stem.lower()).strip("_")
        lines.append(f"plan_import_field_accuracy_{name} {right / total:.4f} ratio")
    print(f"plan_import_field_accuracy {right_all / total_all:.4f} ratio")
    print("\n".join(lines))

    seed = SEED.read_bytes()
    print(f"plan_import_seed_ms {median_ms(lambda: parse_document(seed, SEED.name), args.rounds):.1f} ms")

    from make_corpus import build_docx_tasks

    print("plan_import: generating a 200-task .docx", file=sys.stderr)
    docx = build_docx_tasks(200)
    assert len(parse_document(docx, "plan200.docx").key_tasks) == 200
    print(f"plan_import_docx200_ms {median_ms(lambda: parse_document(docx, 'plan200.docx'), max(5, args.rounds // 3)):.1f} ms")


if __name__ == "__main__":
    main()
