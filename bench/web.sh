#!/usr/bin/env bash
# The web benchmark (issue 4): the server over the full register, driven by wrk.
#   1. builds the release server (`lacs serve` when the CLI has it, else lacs-web's own binary);
#   2. starts it on a register at $DB (default bench/out/bench.db, made by bench/ingest.sh;
#      add official rows with `lacs import-official ../shared/official/*.ods` for the full
#      picture), on 127.0.0.1:$PORT;
#   3. runs `wrk -t2 -c64 -d10s --latency` against the home page and an LA page;
#   4. prints requests per second and p99 latency of each (target: p99 < 20 ms) and the
#      server's peak memory (VmHWM; target < 100 MB).
# Needs wrk (Debian package). Traffic goes to 127.0.0.1 only, and each run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-bench/out/bench.db}
port=${PORT:-18181}
duration=${DURATION:-10s}
reference=${REFERENCE_DIR:-../shared/reference}
out=bench/out
mkdir -p "$out"
command -v wrk >/dev/null || { echo "bench: wrk not found (apt-get install wrk)" >&2; exit 2; }
[ -f "$db" ] || { echo "bench: no register at $db: run bench/ingest.sh first (or set DB=FILE)" >&2; exit 2; }
target=${CARGO_TARGET_DIR:-target}

if [ -z "${SERVER_BIN:-}" ]; then
  cargo build --release -q -p lacs-cli 2>/dev/null || true
  if [ -x "$target/release/lacs" ] && "$target/release/lacs" serve --help >/dev/null 2>&1; then
    server=("$target/release/lacs" --db "$db" serve --addr "127.0.0.1:$port")
  else
    cargo build --release -q -p lacs-web --bin lacs-web
    server=("$target/release/lacs-web" --db "$db" --addr "127.0.0.1:$port")
  fi
else
  server=("$SERVER_BIN" --db "$db" --addr "127.0.0.1:$port")
fi
if [ -d "$reference" ]; then
  server+=(--reference-dir "$reference")
else
  echo "bench: no reference folder at $reference: the home page has no map" >&2
fi

"${server[@]}" > "$out/web-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done
curl -fs -o /dev/null "http://127.0.0.1:$port/" || { echo "bench: server did not start:" >&2; cat "$out/web-server.log" >&2; exit 1; }

run() {
  local name=$1 path=$2 gz=${3:-}
  local size label hdr=()
  if [ -n "$gz" ]; then
    hdr=(-H "Accept-Encoding: gzip")
    label="$path (gzip)"
  else
    label="$path"
  fi
  size=$(curl -fs "${hdr[@]}" "http://127.0.0.1:$port$path" | wc -c)
  wrk -t2 -c64 -d"$duration" --latency "${hdr[@]}" "http://127.0.0.1:$port$path" > "$out/wrk-$name$gz.txt"
  python3 - "$out/wrk-$name$gz.txt" "$label" "$size" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{sys.argv[2]:<18} {int(sys.argv[3])/1024:6.0f} KiB  {rps:8.0f} req/s  p50 {ms(*p50.groups()):6.2f} ms  p99 {ms(*p99.groups()):6.2f} ms"
      + (f"  NON-2XX: {errors.group(1)}" if errors else ""))
PY
}

echo "register: $db; wrk -t2 -c64 -d$duration --latency against 127.0.0.1:$port"
echo "target: p99 < 20 ms. Browsers send Accept-Encoding: gzip (the first two lines); plain HTTP after."
run home / -gzip
run la /la/80426 -gzip
run home /
run la /la/80426
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
echo "server peak memory (VmHWM): $((hwm / 1024)) MB  (target < 100 MB)"
