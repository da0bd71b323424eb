"""Shared helpers for the HTTP benchmarks in bench/.

- throwaway databases: a temporary SQLite file, or a fresh database on the PostgreSQL server that
  ``BENCH_PG_URL`` points at (bench/run.sh starts one), migrated with ``cchc migrate``;
- granian serving the WSGI app the way production does (``--workers 2 --blocking-threads 1``),
  started on a free loopback port and waited for until ``/api/v1/health`` answers;
- wrk with 16 connections on 2 threads for a fixed time, driven by generated Lua scripts (random
  path parameters, JSON bodies with unique values, an Authorization header), its Requests/sec and
  latency percentiles parsed; a run with any non-2xx answer or socket error is refused, because its
  figure would measure error pages;
- the resident memory of the server's worker processes, read from /proc.

Benchmarks print their results on stdout as ``name value unit`` lines (``emit``); everything else
goes to stderr.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CACHE = ROOT / "bench" / ".cache"  # git-ignored; generated data kept between runs

CONNECTIONS = 16
WRK_THREADS = 2


def emit(name: str, value: float | int | str, unit: str) -> None:
    """One result line on stdout: ``name value unit``."""
    if isinstance(value, float):
        value = f"{value:.3f}" if abs(value) < 10 else f"{value:.0f}"
    print(f"{name} {value} {unit}", flush=True)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cache_dir() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    return CACHE


def migrations_fingerprint() -> str:
    """A hash of every migration file: cached databases are invalid once the schema changes."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("cchc/*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- environment and databases -----------------------------------------------------------------


def server_env(database_url: str, *, settings: str = "cchc.settings", var_dir: Path) -> dict[str, str]:
    """The environment of every process of one benchmark run (migrate, data set-up, server)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GRANIAN_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=settings,
        # bench/ holds the bare-view settings and urls: importable as the namespace package "bench".
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
        CCHC_ENV="development",
        CCHC_VAR_DIR=str(var_dir),  # keeps the developer's var/ (secret key, media) out of it
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    return env


def cchc(*args: str, env: dict[str, str]) -> None:
    """Run the ``cchc`` console command (e.g. ``migrate``) in the benchmark's environment."""
    subprocess.run([str(BIN / "cchc"), *args], env=env, cwd=ROOT, check=True)


def migrate(env: dict[str, str]) -> None:
    started = time.monotonic()
    cchc("migrate", "--noinput", "-v", "0", env=env)
    log(f"  migrated in {time.monotonic() - started:.1f} s")


@contextlib.contextmanager
def sqlite_database(template: Path | None = None) -> Iterator[str]:
    """A temporary SQLite file (a copy of ``template`` if given); yields its DATABASE_URL."""
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        path = Path(tmp) / "bench.sqlite3"
        if template is not None:
            shutil.copyfile(template, path)
        yield f"sqlite:///{path}"


@contextlib.contextmanager
def postgres_database(base_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``base_url``, dropped afterwards; yields its URL."""
    import psycopg

    name = f"cchc_bench_{os.getpid()}_{int(time.time())}"
    parsed = urlparse(base_url)
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(parsed._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_child(script: Path, args: Sequence[str], env: dict[str, str]) -> dict:
    """Run a benchmark's helper mode in a child process (its own Django set-up); return its JSON."""
    proc = subprocess.run([str(BIN / "python"), str(script), *args], env=env, cwd=ROOT, check=True,
                          stdout=subprocess.PIPE, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- the server --------------------------------------------------------------------------------


class Server:
    """granian serving a WSGI app on a free loopback port, as ``cchc serve`` runs it."""

    def __init__(self, env: dict[str, str], app: str = "cchc.wsgi:application", workers: int = 2,
                 blocking_threads: int = 1) -> None:
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cmd = [str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port),
                    "--workers", str(workers), "--blocking-threads", str(blocking_threads), "--no-ws",
                    "--log-level", "warning", "--no-access-log", app]
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        # Own process group: stopping it stops the workers granian forked, whatever happens to us.
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=ROOT, start_new_session=True)
        self.wait_healthy()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"granian exited with code {self.proc.returncode} before answering")
            try:
                with urllib.request.urlopen(self.url + "/api/v1/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"granian did not answer {self.url}/api/v1/health within {timeout:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        return descendants(self.proc.pid)

    def worker_rss_mib(self) -> tuple[float, float]:
        """(current, peak) resident memory of the largest worker, in MiB."""
        best = (0.0, 0.0)
        for pid in self.worker_pids():
            status = proc_status(pid)
            rss, hwm = status.get("VmRSS", 0) / 1024, status.get("VmHWM", 0) / 1024
            if hwm > best[1]:
                best = (rss, hwm)
        return best


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from /proc/<pid>/task/*/children."""
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                for child in children.read_text().split():
                    found.append(int(child))
                    todo.append(int(child))
    return found


def proc_status(pid: int) -> dict[str, int]:
    """The kB figures of /proc/<pid>/status (VmRSS, VmHWM, ...)."""
    out: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            parts = value.split()
            if len(parts) == 2 and parts[1] == "kB":
                out[key] = int(parts[0])
    return out


# --- wrk ---------------------------------------------------------------------------------------

# Each wrk thread learns its number in setup(), so generated values are unique across threads.
_LUA_THREAD_IDS = """
local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("id", thread_counter)
end
"""


def lua_get_random(path_template: str, count: int, width: int, headers: dict[str, str] | None = None) -> str:
    """GET ``path_template`` with ``{n}`` replaced by a random number 1..count, zero-padded to width."""
    head, _, tail = path_template.partition("{n}")
    return _LUA_THREAD_IDS + _lua_headers_init(headers, "GET") + f"""
function request()
  return wrk.format(nil, {_lua_str(head)} .. string.format("%0{width}d", math.random(1, {count})) .. {_lua_str(tail)})
end
"""


def lua_post_unique(path: str, body_template: str, headers: dict[str, str] | None = None) -> str:
    """POST a JSON body with every ``{uid}`` replaced by a value unique to this wrk run.

    The value is ``<prefix><thread>-<counter>``; the prefix is wrk's first script argument, so a
    warm-up and the measured run, or two runs on one database, never collide.
    """
    parts = body_template.split("{uid}")
    expr = " .. uid .. ".join(_lua_str(p) for p in parts)
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return _LUA_THREAD_IDS + _lua_headers_init(all_headers, "POST") + f"""
local counter = 0
function request()
  counter = counter + 1
  local uid = prefix .. id .. "-" .. counter
  return wrk.format(nil, {_lua_str(path)}, nil, {expr})
end
"""


def _lua_headers_init(headers: dict[str, str] | None, method: str) -> str:
    lines = [f'  wrk.headers[ {_lua_str(k)} ] = {_lua_str(v)}' for k, v in (headers or {}).items()]
    return f"""
function init(args)
  prefix = args[1] or "u"
  math.randomseed(os.time() + (id or 0) * 7919)
  wrk.method = "{method}"
{chr(10).join(lines)}
end
"""


def _lua_str(text: str) -> str:
    # A Lua long string cannot be broken by quotes or backslashes in the text.
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[{text}]{eq}]"


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    non_2xx: int


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(f"unexpected wrk duration {text!r}")
    return float(m.group(1)) * _UNITS_MS[m.group(2)]


def wrk(url: str, lua: str, *, seconds: float, prefix: str = "u", name: str = "run",
        allow_errors: bool = False) -> WrkResult:
    """Run wrk (16 connections, 2 threads) for ``seconds`` with a generated Lua script."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk)")
    script = cache_dir() / "lua" / f"{hashlib.sha256(lua.encode()).hexdigest()[:16]}.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(lua)
    cmd = ["wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency", "--timeout", "10s",
           "-s", str(script), url, "--", prefix]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    out = proc.stdout
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}) for {name}:\n{out}")
    # A Lua error does not stop wrk: it prints it and benchmarks a plain GET instead.
    if re.search(r"(?i)(error|unexpected symbol|attempt to)", out.split("Running", 1)[0]):
        raise RuntimeError(f"wrk's Lua script failed for {name}:\n{out}")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    if not (rps and total and p50 and p99):
        raise RuntimeError(f"could not read wrk's output for {name}:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result = WrkResult(
        rps=float(rps.group(1)), p50_ms=_ms(p50.group(1)), p99_ms=_ms(p99.group(1)), requests=int(total.group(1)),
        errors=sum(int(g) for g in sock.groups()) if sock else 0, non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
    )
    log(f"  {name:<28} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms"
        f"  ({result.requests} requests, {result.non_2xx} non-2xx, {result.errors} socket errors)")
    if (result.non_2xx or result.errors) and not allow_errors:
        raise RuntimeError(f"{name}: {result.non_2xx} non-2xx answers and {result.errors} socket errors; "
                           "a throughput of failing requests means nothing")
    return result
