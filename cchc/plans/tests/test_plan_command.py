"""``cchc import-plan``: the JSON contract, dry runs and refusals."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from cchc.plans.models import Plan

ROOT = Path(__file__).resolve().parents[3]
SEED = Path(__file__).resolve().parent / "corpus" / "4203-QD-UBND-2019-thai-nguyen.txt"

KEYS = {"document_number", "document_type", "issuer", "place", "signed_date", "signer", "signer_title", "title",
        "plan_year", "sections", "key_tasks", "unresolved_agencies"}
TASK_KEYS = {"no", "content", "product", "lead", "coordinating", "deadline_text", "deadline_date", "recurrence",
             "deadline_granularity", "recurrence_until"}


@pytest.fixture
def demo_registry(db):
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()


def run(capsys, *args):
    with pytest.raises(SystemExit) if "--fail" in args else _null():
        call_command("import_plan", *[a for a in args if a != "--fail"])
    return capsys.readouterr()


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_json_output_has_the_contract_keys(demo_registry, capsys):
    out = run(capsys, str(SEED), "--json", "--dry-run")
    payload = json.loads(out.out)
    assert KEYS <= set(payload)
    assert TASK_KEYS <= set(payload["key_tasks"][0])
    assert payload["signed_date"] == "2019-12-27" and len(payload["key_tasks"]) == 21
    task11 = next(t for t in payload["key_tasks"] if t["no"] == "11")
    assert (task11["recurrence"], task11["recurrence_until"], task11["deadline_date"]) == ("quarterly", "2020-12-31", None)
    assert Plan.objects.count() == 0


def test_without_dry_run_it_creates_the_plan(demo_registry, capsys):
    out = run(capsys, str(SEED))
    assert "Đã tạo kế hoạch" in out.out
    assert Plan.objects.count() == 1


def test_a_refusal_exits_non_zero_with_the_error_on_stdout_and_stderr(demo_registry, capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = run(capsys, str(empty), "--json", "--fail")
    assert set(json.loads(out.out)["error"]) == {"code", "message"}
    assert out.err.startswith("Lỗi:")
    assert Plan.objects.count() == 0


def test_the_console_command_maps_the_hyphenated_name(tmp_path):
    env_path = tmp_path / "missing.txt"
    result = subprocess.run([sys.executable, "-m", "cchc", "import-plan", str(env_path), "--json", "--dry-run"],
                            cwd=ROOT, capture_output=True, text=True, env={"CCHC_VAR_DIR": str(tmp_path), "PATH": "/usr/bin"})
    assert result.returncode == 1
    assert json.loads(result.stdout)["error"]["code"] == "file_not_found"
