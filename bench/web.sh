#!/usr/bin/env bash
# The web benchmark (issue 4): the server over the full register, driven by wrk.
#   1. builds the release server (`lacs serve` when the CLI has it, else lacs-web's own binary),
#      or takes LACS_BIN as it is;
#   2. starts it on a register at $DB (default bench/out/bench.db, made by bench/ingest.sh;
#      add official rows with `lacs import-official ../shared/official/*.ods` for the full
#      picture), on 127.0.0.1:$PORT;
#   3. runs `wrk -t2 -c64 -d10s --latency` against the home page and an LA page;
#   4. prints requests per second and p99 latency of each (target: p99 < 20 ms) and the
#      server's peak memory (VmHWM; target < 100 MB).
# REPLICAS=N (N > 1): the scale-out recipe instead: `lacs export snapshot` of $DB, N read-only
# `lacs serve` replicas of it on the next N ports, and nginx (Debian package) in front on $PORT
# balancing between them; the same runs against the front, then each replica's peak memory.
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

lacs=${LACS_BIN:-$target/release/lacs}
if [ -n "${LACS_BIN:-}" ]; then
  # A lacs built already (the dist or static build): used as it is.
  server=("$LACS_BIN" --db "{db}" serve --addr "127.0.0.1:{port}")
elif [ -z "${SERVER_BIN:-}" ]; then
  cargo build --release -q -p lacs-cli 2>/dev/null || true
  if [ -x "$target/release/lacs" ] && "$target/release/lacs" serve --help >/dev/null 2>&1; then
    server=("$target/release/lacs" --db "{db}" serve --addr "127.0.0.1:{port}")
  else
    cargo build --release -q -p lacs-web --bin lacs-web
    server=("$target/release/lacs-web" --db "{db}" --addr "127.0.0.1:{port}")
  fi
else
  server=("$SERVER_BIN" --db "{db}" --addr "127.0.0.1:{port}")
fi
if [ -d "$reference" ]; then
  server+=(--reference-dir "$reference")
else
  echo "bench: no reference folder at $reference: the home page has no map" >&2
fi

pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done' EXIT
wait_for() {
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: nothing answers on port $1:" >&2; cat "$out"/web-*.log >&2; exit 1
}
# One server on register $1, port $2.
start() {
  local cmd=("${server[@]//\{db\}/$1}")
  cmd=("${cmd[@]//\{port\}/$2}")
  "${cmd[@]}" > "$out/web-server-$2.log" 2>&1 &
  pids+=($!)
  wait_for "$2"
}

replicas=${REPLICAS:-1}
if [ "$replicas" -gt 1 ]; then
  command -v nginx >/dev/null || { echo "bench: REPLICAS needs nginx (apt-get install nginx-light)" >&2; exit 2; }
  snapshot=$out/snapshot.db
  rm -f "$snapshot"
  "$lacs" --db "$db" export snapshot -o "$snapshot"
  upstream=""
  for i in $(seq 1 "$replicas"); do
    start "$snapshot" $((port + i))
    upstream+="server 127.0.0.1:$((port + i));"
  done
  cat > "$out/nginx.conf" <<NGINX
worker_processes 1;
pid $PWD/$out/nginx.pid;
error_log $PWD/$out/web-nginx.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream lacs { $upstream keepalive 64; }
  server {
    listen 127.0.0.1:$port;
    # Whole pages held in memory (the home page is 181 KiB unzipped), never spilled to disk.
    proxy_buffer_size 16k;
    proxy_buffers 64 8k;
    location / { proxy_pass http://lacs; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
NGINX
  nginx -c "$PWD/$out/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  wait_for "$port"
  echo "scale-out: $replicas read-only replicas of a snapshot ($(du -h "$snapshot" | cut -f1)) behind nginx"
else
  start "$db" "$port"
fi

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
for i in $(seq 0 $((replicas > 1 ? replicas - 1 : 0))); do
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/${pids[$i]}/status")
  echo "server $((i + 1)) peak memory (VmHWM): $((hwm / 1024)) MB  (target < 100 MB)"
done
