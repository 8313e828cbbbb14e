#!/usr/bin/env bash
# The variation suite: every corpus report varied one class at a time (crates/variations),
# read by the extractor and scored against truth; prints per class how many variants are
# read right, flagged and wrong. Extra arguments go to the binary (--class NAME,
# --show-wrong, --show-flagged, --samples N, --json, --list).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p lacs-variations -- "$@"
