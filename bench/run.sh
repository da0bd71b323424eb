#!/usr/bin/env bash
# Run the benchmarks (`make bench`, or `make bench B=name` for bench/name.py alone).
#
# Starts a throwaway PostgreSQL cluster first (stopped and removed on exit) and exports its URL as
# BENCH_PG_URL (maintenance database "postgres"; a benchmark creates and drops its own database).
# The cluster keeps PostgreSQL's durable defaults (fsync, synchronous_commit), unlike the test
# cluster of .ci/run: write throughput should be what a real server gives. bench/.cache/
# (git-ignored) holds generated data kept between runs. Each bench/*.py except _*.py runs with the
# project's Python; their stdout lines `name value unit` pass through, their stderr is progress.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[[ -x $PY ]] || { echo "bench/run.sh: no .venv; run 'make setup' first" >&2; exit 1; }
mkdir -p bench/.cache

if [[ $# -gt 0 && -n "$1" ]]; then
  benches=("bench/$1.py")
  [[ -f ${benches[0]} ]] || { echo "bench/run.sh: no benchmark ${benches[0]}" >&2; exit 1; }
else
  benches=()
  for f in bench/*.py; do
    [[ $(basename "$f") == _* ]] || benches+=("$f")
  done
fi

PGDATA=""
PGBIN=""
cleanup() {
  local rc=$?
  if [[ -n "$PGDATA" && -d "$PGDATA" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    else
      "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGDATA"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_pg() {  # initdb refuses root: run the server as the postgres user when we are root
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_cluster() {
  local initdb port
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  if [[ ! -x "$initdb" ]]; then
    echo "bench/run.sh: PostgreSQL is not installed (apt-get install -y postgresql); its figures are skipped" >&2
    return 0
  fi
  PGBIN=$(dirname "$initdb")
  PGDATA=$(mktemp -d /tmp/cchc-bench-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PGDATA"
  port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGDATA.log" 2>&1 \
    || { cat "$PGDATA.log" >&2; rm -f "$PGDATA.log"; return 1; }
  rm -f "$PGDATA.log"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-p $port -k $PGDATA -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { cat "$PGDATA/server.log" >&2; return 1; }
  export BENCH_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "bench/run.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}
start_cluster

status=0
for b in "${benches[@]}"; do
  echo "bench/run.sh: $b" >&2
  $PY "$b" || { echo "bench/run.sh: $b FAILED" >&2; status=1; }
done
exit "$status"
