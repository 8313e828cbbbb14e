#!/usr/bin/env bash
# The ingest benchmark (issue 2), in one run on one machine:
#   1. `lacs ingest` of the whole corpus into a fresh register, with JOBS reader processes;
#   2. `pdftotext -layout` over the same files with the same parallelism (xargs -P JOBS),
#      text only, to /dev/null.
# Prints both wall times, their ratio (target <= 0.5) and the peak memory of lacs's whole
# process tree (target < 300 MB). Needs poppler-utils (pdftotext) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus}
jobs=${JOBS:-$(nproc)}
out=bench/out
mkdir -p "$out"
[ -d "$corpus" ] || { echo "bench: corpus not found at $corpus (set CORPUS)" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "bench: pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
if [ -z "${LACS_BIN:-}" ]; then
  cargo build --release -q -p lacs-cli
fi
lacs=${LACS_BIN:-target/release/lacs}

find "$corpus" -name '*.pdf' -print0 | sort -z > "$out/files"
count=$(tr -cd '\0' < "$out/files" | wc -c)
# Warm the page cache so neither side pays for the first read from disk.
xargs -0 cat < "$out/files" > /dev/null

rm -f "$out"/bench.db*
python3 bench/peak_rss.py "$out/lacs.json" -- "$lacs" --db "$out/bench.db" ingest -j "$jobs" "$corpus"
python3 bench/peak_rss.py "$out/pdftotext.json" -- \
  sh -c "xargs -0 -P $jobs -n 1 sh -c 'pdftotext -layout \"\$0\" /dev/null 2>/dev/null; true' < $out/files"

python3 - "$out" "$count" "$jobs" <<'PY'
import json, sys
out, count, jobs = sys.argv[1], sys.argv[2], sys.argv[3]
lacs = json.load(open(f"{out}/lacs.json"))
pdf = json.load(open(f"{out}/pdftotext.json"))
ratio = lacs["seconds"] / pdf["seconds"]
print(f"files: {count}, parallelism: {jobs}")
print(f"lacs ingest (fresh register): {lacs['seconds']:.2f} s, peak RSS of the process tree {lacs['peak_rss_mb']:.0f} MB (exit {lacs['exit']}: 1 = the refused HTML pages)")
print(f"pdftotext -layout:            {pdf['seconds']:.2f} s")
print(f"ratio lacs / pdftotext:       {ratio:.3f}  (target <= 0.5)")
print(f"peak memory:                  {lacs['peak_rss_mb']:.0f} MB (target < 300 MB)")
PY
