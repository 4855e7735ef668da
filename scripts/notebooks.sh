#!/usr/bin/env bash
# Executes examples/notebooks headlessly against the packed package (made by scripts/smoke.sh):
# Deno's kernel and tslab, through jupyter nbconvert; fails if a cell errors or a cell tagged
# "picture" shows no SVG. Needs Debian's jupyter-nbconvert, python3-nbclient, jupyter-client and
# python3-ipykernel (.ci/run installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.tmp/notebooks"
tarball="$(ls "$root"/.tmp/smoke/twinning-network-*.tgz | head -n 1)"
rm -rf "$work" && mkdir -p "$work"
cp "$root/scripts/notebooks/package.json" "$root/scripts/notebooks/package-lock.json" "$work/"
cd "$work"
npm ci --no-audit --no-fund --silent
npm install --no-save --no-audit --no-fund --silent "$tarball"
cp "$root"/examples/notebooks/*.ipynb .
export PATH="$work/node_modules/.bin:$PATH"
export JUPYTER_DATA_DIR="$work/jupyter"
tslab install --python=/usr/bin/python3 > /dev/null
"$root/node_modules/.bin/deno" jupyter --install --force > /dev/null 2>&1
failed=0
for book in rwanda-deno rwanda-tslab; do
  jupyter nbconvert --to notebook --execute "$book.ipynb" --output "executed-$book.ipynb" --ExecutePreprocessor.timeout=600
  node "$root/scripts/notebooks/check.mjs" "executed-$book.ipynb" || failed=1
done
exit "$failed"
