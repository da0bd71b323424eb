#!/usr/bin/env bash
# The whole test suite (`make test`): pytest over cchc/ and tests/ as pyproject.toml configures it.
# DATABASE_URL picks the database (unset: SQLite). Extra arguments go to pytest, e.g.
#   bash scripts/test.sh -k browser        bash scripts/test.sh tests/test_api_schema.py
set -uo pipefail
cd "$(dirname "$0")/.."

ci=$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]')
if [[ "$ci" == "true" || "$ci" == "1" || "$ci" == "yes" ]]; then
  # In CI the browser tests must run: say so now, not as a screen of failed tests later.
  if ! command -v chromium >/dev/null 2>&1; then
    echo "scripts/test.sh: CI=true but 'chromium' is not installed (apt-get install -y chromium)." >&2
    exit 1
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "scripts/test.sh: no .venv here; run 'make setup' (or 'make test', which does it)." >&2
  exit 1
fi

echo "scripts/test.sh: database ${DATABASE_URL:-sqlite (var/)}" | sed -E 's#//([^:@/]+):[^@/]*@#//\1:***@#'
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
if [[ $rc -eq 5 ]]; then
  # pytest's "no tests collected": a suite that ran nothing has not passed.
  echo "scripts/test.sh: pytest collected no tests; treating that as a failure." >&2
  exit 1
fi
exit $rc
