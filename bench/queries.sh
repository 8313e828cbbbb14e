#!/usr/bin/env bash
# Query speed (issues 3 and 6): builds a register from the corpus and the official files
# (unless bench/out/bench.db exists from bench/ingest.sh), then times every stats, la,
# changes, firsts and search query over it with criterion (crates/query/benches/register.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
db=${LACS_BENCH_DB:-$out/bench.db}
cargo build --release -q -p lacs-cli
if [ ! -f "$db" ]; then
  target/release/lacs --db "$db" ingest ../shared/corpus || true
fi
target/release/lacs --db "$db" import-official ../shared/official/*.ods
LACS_BENCH_DB=$(realpath "$db") cargo bench -q -p lacs-query --bench register 2>&1 | grep -E "^[a-z].*|time:" 
