#!/usr/bin/env bash
# Reading the register again (issue 12), side by side in one run on one machine:
#   1. `lacs ingest` of the whole corpus into a fresh register (JOBS reader processes);
#   2. every reading marked as made under older rules, then `lacs reread` (same JOBS), which
#      reads each document again from the register's copy of its bytes;
#   3. `lacs reread` once more: nothing is stale, so it must read nothing.
# Prints the wall times, their ratio, how many documents were read again and changed (0:
# the same rules read the same), and the size of the kept bytes beside the register.
# usage: bench/reread.sh   (LACS=path/to/lacs, default target/release/lacs; CORPUS; JOBS)
set -euo pipefail
cd "$(dirname "$0")/.."
lacs=${LACS:-target/release/lacs}
corpus=${CORPUS:-../shared/corpus}
jobs=${JOBS:-2}
[ -x "$lacs" ] || { echo "bench: no binary at $lacs (cargo build --release -p lacs-cli, or set LACS)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
db="$out/register.db"
t0=$(date +%s.%N)
"$lacs" --db "$db" ingest -j "$jobs" "$corpus" --json >"$out/ingest.json" 2>/dev/null || true
t1=$(date +%s.%N)
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE documents SET reading_rules = '0.0.0+older' WHERE status != 'refused'")
c.commit()
PY
t2=$(date +%s.%N)
"$lacs" --db "$db" reread -j "$jobs" --json >"$out/reread.json"
t3=$(date +%s.%N)
"$lacs" --db "$db" reread --json >"$out/again.json"
python3 - "$out" "$t0" "$t1" "$t2" "$t3" <<'PY'
import json, os, sys
out, t0, t1, t2, t3 = sys.argv[1], *map(float, sys.argv[2:])
ingest = json.load(open(f"{out}/ingest.json"))
reread = json.load(open(f"{out}/reread.json"))
again = json.load(open(f"{out}/again.json"))
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{out}/cache") for f in fs)
print(f"ingest: {ingest['files']} files, {ingest['stored']} stored, {t1 - t0:.1f} s")
print(f"reread: {reread['documents']} documents, {reread['changed']} changed, {reread['failed']} failed, {t3 - t2:.1f} s "
      f"(ratio to ingest {(t3 - t2) / (t1 - t0):.2f})")
print(f"reread again: {again['documents']} documents")
print(f"bytes kept beside the register: {size / 1e6:.1f} MB")
assert reread["failed"] == 0 and reread["changed"] == 0 and again["documents"] == 0
PY
