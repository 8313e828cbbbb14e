#!/usr/bin/env bash
# Peak resident memory of the whole `lacs ingest` process tree (supervisor and reader
# workers) on the hostile-file batch of crates/cli/tests/bad_input.rs (a decompression bomb,
# truncated, encrypted, cyclic, deeply nested, HTML, random bytes, …), at the default limits.
# A bomb must be refused from the size its streams inflate to, not by the worker's memory
# limit: fails if the peak is LIMIT_MB (300) or more.
# usage: bench/bad_input_memory.sh   (LACS=path/to/lacs; default target/release/lacs)
set -euo pipefail
cd "$(dirname "$0")/.."
lacs=${LACS:-target/release/lacs}
limit_mb=${LIMIT_MB:-300}
[ -x "$lacs" ] || { echo "bench: no binary at $lacs (cargo build --release -p lacs-cli, or set LACS)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The test's own builder writes the batch, so the two never drift apart.
LACS_BAD_INPUT_DIR="$out/batch" cargo test -q -p lacs-cli --test bad_input -- --ignored --exact write_bad_input_batch >/dev/null
python3 bench/peak_rss.py "$out/peak.json" -- "$lacs" --db "$out/r.db" ingest "$out/batch"
python3 - "$out/peak.json" "$limit_mb" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
limit = float(sys.argv[2])
print(f"lacs ingest on the bad-input batch: peak RSS {r['peak_rss_mb']:.0f} MB "
      f"(limit {limit:.0f} MB), {r['seconds']:.1f} s, exit {r['exit']}")
# The batch has failures, so ingest exits 1; anything else (a crash, a usage error) is wrong.
assert r["exit"] == 1, f"lacs ingest exited {r['exit']}, not 1"
assert r["peak_rss_mb"] < limit, f"peak RSS {r['peak_rss_mb']:.0f} MB is not under {limit:.0f} MB"
PY
