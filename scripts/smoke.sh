#!/usr/bin/env bash
# Packs the package and uses the tarball as a user would: publint, are-the-types-wrong, the core
# entry's files (no vega, no Node built-in imports), then imports of both entries
# (`twinning-network`, `twinning-network/view`) from Node ESM, Node CommonJS and Deno in a fresh
# folder, and the command line through npx.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.tmp/smoke"
rm -rf "$work" && mkdir -p "$work"
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $tarball"
(cd "$root" && npx --no-install publint run --strict "$work/$tarball")
(cd "$root" && npx --no-install attw "$work/$tarball")
cp "$root"/scripts/smoke/*.mjs "$root"/scripts/smoke/cjs.cjs "$root"/scripts/smoke/deno.ts "$work/"
cd "$work"
echo '{ "name": "smoke", "private": true }' > package.json
npm install --no-audit --no-fund --silent "./$tarball"
node core-entry.mjs node_modules/twinning-network "$root/dist/metafile-esm.json"
node resolve.mjs "$root/node_modules/.bin/esbuild"
node esm.mjs
node cjs.cjs
node mixed.mjs
# A private Deno cache: Deno keys its analysis of CommonJS files by path, so a cache from an
# earlier build of the same folder can name chunks that no longer exist.
DENO_DIR="$work/deno-cache" "$root/node_modules/.bin/deno" run --allow-read --allow-env --allow-sys --allow-write=. deno.ts
for picture in svg svg-plan; do cmp "$picture-esm.svg" "$picture-cjs.svg" && cmp "$picture-esm.svg" "$picture-deno.svg"; done
echo "pictures: identical from ESM, CJS and Deno (network and plan)"
# The command as users run it: npx resolves the package's bin.
npx --no-install twinning-network --help | grep -q "Commands:"
npx --no-install twinning-network plan node_modules/twinning-network/examples/data/rwanda --out cli-out --quiet > /dev/null
test -s cli-out/plan.csv
if npx --no-install twinning-network plan no-such-folder --quiet 2> /dev/null; then echo "CLI: a missing folder exited 0" >&2; exit 1; fi
echo "CLI: ok (bin, plan.csv, non-zero exit on bad input)"
