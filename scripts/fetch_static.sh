#!/usr/bin/env bash
# Fetch the pinned front-end files from npm and copy their dist files into cchc/static/vendor.
# Source-map comments are stripped: the maps are not shipped, and whitenoise's manifest
# storage refuses references to missing files.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=cchc/static/vendor
stamp="$dest/.package.json"
if [ -f "$stamp" ] && cmp -s package.json "$stamp" && [ -f "$dest/bootstrap/bootstrap.min.css" ]; then
  exit 0
fi
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
rm -rf "$dest"
mkdir -p "$dest/bootstrap" "$dest/htmx" "$dest/chartjs"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$dest/bootstrap/"
cp node_modules/bootstrap/LICENSE "$dest/bootstrap/LICENSE"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
cp node_modules/chart.js/dist/chart.umd.min.js "$dest/chartjs/" 2>/dev/null || cp node_modules/chart.js/dist/chart.umd.js "$dest/chartjs/chart.umd.min.js"
cp node_modules/chart.js/LICENSE.md "$dest/chartjs/LICENSE.md"
find "$dest" -name '*.js' -o -name '*.css' | while read -r f; do sed -i '/sourceMappingURL=/d' "$f"; done
cp package.json "$stamp"
echo "front-end files copied into $dest"
