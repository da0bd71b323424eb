#!/usr/bin/env bash
# Regenerate the English catalogue (cchc/locale/en/LC_MESSAGES/django.po) from the
# Vietnamese source strings, keeping existing translations (msgmerge), then compile django.mo.
# Run from anywhere; works from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

.venv/bin/cchc makemessages -l en \
  --ignore ".venv/*" --ignore "node_modules/*" --ignore "var/*" \
  --ignore "bench/*" --ignore "tests/*" --no-obsolete
# compilemessages walks every "locale" directory under the current one: keep it out of the
# virtualenv (Django's own catalogues), node_modules and the other non-project trees.
.venv/bin/cchc compilemessages -l en \
  --ignore ".venv/*" --ignore "node_modules/*" --ignore "var/*" \
  --ignore "bench/*" --ignore "tests/*"

msgfmt --check-format --statistics -o /dev/null cchc/locale/en/LC_MESSAGES/django.po
