"""Settings from the environment fail loudly and clearly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cchc.common.env import database_from_url, env_bool, secret_key

ROOT = Path(__file__).resolve().parents[3]


def test_no_database_url_means_embedded_sqlite_in_wal_mode(tmp_path):
    cfg = database_from_url(None, tmp_path / "cchc.sqlite3")
    assert cfg["ENGINE"] == "cchc.common.sqlite_backend"
    assert "journal_mode=WAL" in cfg["OPTIONS"]["init_command"]
    assert cfg["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_postgres_url_is_parsed():
    cfg = database_from_url("postgres://u:p%40ss@db.local:5433/cchc?sslmode=require", Path("x"))
    assert (cfg["NAME"], cfg["USER"], cfg["PASSWORD"], cfg["HOST"], cfg["PORT"]) == ("cchc", "u", "p@ss", "db.local", "5433")
    assert cfg["OPTIONS"] == {"sslmode": "require", "prepare_threshold": 1_000_000}


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    cfg = database_from_url("postgres://u@db.local/cchc?prepare_threshold=none", Path("x"))
    assert cfg["OPTIONS"]["prepare_threshold"] is None


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host:notaport/db", "postgres://host:5432/", "nonsense"])
def test_a_malformed_database_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url, Path("x"))


def test_booleans_must_be_booleans(monkeypatch):
    monkeypatch.setenv("FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")


def test_a_secret_key_is_generated_once_for_a_local_demo(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(tmp_path, production=False)
    assert first == secret_key(tmp_path, production=False)
    assert len(first) > 40


def test_production_requires_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured):
        secret_key(tmp_path, production=True)


def run_cchc(env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update({"CCHC_VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run([sys.executable, "-m", "cchc", "check"], cwd=ROOT, env=env, capture_output=True, text=True)


def test_start_up_stops_with_one_line_on_a_bad_database_url(tmp_path):
    result = run_cchc({"DATABASE_URL": "mysql://nope"}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "DATABASE_URL" in result.stderr


def test_production_mode_without_secret_key_stops_with_one_line(tmp_path):
    result = run_cchc({"CCHC_ENV": "production", "ALLOWED_HOSTS": "cchc.example"}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "SECRET_KEY" in result.stderr


def test_production_mode_without_allowed_hosts_stops_with_one_line(tmp_path):
    result = run_cchc({"CCHC_ENV": "production", "SECRET_KEY": "x" * 50}, tmp_path)
    assert result.returncode == 2 and "ALLOWED_HOSTS" in result.stderr


def test_the_cli_maps_hyphenated_names_to_commands(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CCHC_VAR_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "cchc", "prune-db-task-results", "--help"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "usage: cchc prune_db_task_results" in result.stdout
