#!/usr/bin/env bash
# Executes examples/notebooks headlessly against the package as users install it: builds and packs
# it here (no other script needs to run first), installs it with tslab into .tmp/notebooks, and
# runs Deno's kernel and tslab through jupyter nbconvert. Fails if a cell errors, a picture cell
# does not show exactly one picture, or a text cell prints a quoted literal (check.mjs).
#
# Kernels: both kernelspecs are written into .tmp/notebooks/jupyter and Jupyter is pointed there
# (JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_CONFIG_DIR, JUPYTER_RUNTIME_DIR); nothing is installed
# user- or system-wide, so a kernel the machine already has is never replaced.
# Needs Debian's jupyter-nbconvert, python3-nbclient, jupyter-client and python3-ipykernel
# (.ci/run installs them) and the repository's node_modules (npm ci).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.tmp/notebooks"
rm -rf "$work" && mkdir -p "$work/pack"
(cd "$root" && npm run --silent build > /dev/null)
tarball="$work/pack/$(cd "$root" && npm pack --silent --pack-destination "$work/pack" | tail -n 1)"
cp "$root/scripts/notebooks/package.json" "$root/scripts/notebooks/package-lock.json" "$work/"
cd "$work"
npm ci --no-audit --no-fund --silent
npm install --no-save --no-audit --no-fund --silent "$tarball"
cp "$root"/examples/notebooks/*.ipynb .

jupyter_home="$work/jupyter"
export JUPYTER_PATH="$jupyter_home" JUPYTER_DATA_DIR="$jupyter_home" JUPYTER_CONFIG_DIR="$jupyter_home/config" JUPYTER_RUNTIME_DIR="$jupyter_home/runtime"
export DENO_DIR="$work/deno-cache" DENO_NO_UPDATE_CHECK=1
mkdir -p "$jupyter_home/kernels/tslab" "$jupyter_home/kernels/deno" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR"
# The kernelspecs `tslab install` and `deno jupyter --install` would write, written here by hand
# because both installers also write outside JUPYTER_DATA_DIR.
cat > "$jupyter_home/kernels/tslab/kernel.json" <<JSON
{ "argv": ["$work/node_modules/.bin/tslab", "kernel", "--config-path", "{connection_file}"], "display_name": "TypeScript (tslab)", "language": "typescript" }
JSON
cat > "$jupyter_home/kernels/deno/kernel.json" <<JSON
{ "argv": ["$root/node_modules/.bin/deno", "jupyter", "--kernel", "--conn", "{connection_file}"], "display_name": "Deno", "language": "typescript" }
JSON
jupyter kernelspec list

failed=0
run_book() {
  jupyter nbconvert --to notebook --execute "$1.ipynb" --output "executed-$1.ipynb" --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.allow_errors=True
  node "$root/scripts/notebooks/check.mjs" "executed-$1.ipynb"
}
for book in rwanda-deno rwanda-tslab; do
  if ! run_book "$book"; then
    # Deno's kernel under nbconvert now and then loses one cell's display output with no error
    # (seen about once in five cold runs; docs/decisions.md). One more run, said out loud: a real
    # defect fails both times.
    if [ "$book" = rwanda-deno ]; then
      echo "notebooks: $book failed its check; running it once more (Deno kernel output drops)"
      run_book "$book" || failed=1
    else
      failed=1
    fi
  fi
done
exit "$failed"
