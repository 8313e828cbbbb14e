#!/usr/bin/env bash
# Proves the Dockerfile's final stage on a machine with no registry and no container daemon:
#   1. builds the static binary exactly as the Dockerfile's build stage does (or takes
#      LACS_STATIC_BIN) and checks it needs no library;
#   2. lays out the build stage's /out with deploy/assemble-root.sh and has buildah build the
#      Dockerfile's `run` stage from it (--build-context build=…: the build stage's image is
#      the one thing that would need a registry);
#   3. checks the image: user 10001, entrypoint, health check, the files it holds;
#   4. unpacks the image into an empty folder and, chrooted there as user 10001, serves a
#      register (REGISTER, default: made from a few reports of ../shared/corpus) and asks
#      /healthz with the image's own health check command, then fetches pages from outside.
# Exit 0 when every step holds.
#   deploy/check-image.sh            (needs buildah, root for chroot, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/lacs-image.XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
say() { printf '\n== %s\n' "$*"; }

say "1. the static binary"
bin=${LACS_STATIC_BIN:-}
if [ -z "$bin" ]; then
  RUSTFLAGS="-C target-feature=+crt-static" \
    cargo build --locked --profile dist -p lacs-cli --target x86_64-unknown-linux-gnu
  bin=${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/dist/lacs
fi
file "$bin" | tee /dev/stderr | grep -Eq 'statically linked|static-pie linked' || { echo "FAIL: $bin is not statically linked"; exit 1; }
ls -l "$bin"

say "2. buildah builds the Dockerfile's final stage"
deploy/assemble-root.sh "$work/context/out" "$bin"
buildah bud --quiet --format docker --target run --build-context build="$work/context" -t lacs-check:latest -f Dockerfile . >/dev/null

say "3. what the image says and holds"
buildah inspect --type image lacs-check:latest > "$work/inspect.json"
python3 - "$work/inspect.json" <<'PY'
import json, sys
i = json.load(open(sys.argv[1]))
c = i["Docker"]["config"]
checks = {
    "user is 10001, not root": c.get("User") == "10001:10001",
    "entrypoint /lacs": c.get("Entrypoint") == ["/lacs"],
    "serves with a daily sync": c.get("Cmd", [])[:1] == ["serve"] and "--sync-every" in c.get("Cmd", []),
    "health check runs lacs healthcheck": (c.get("Healthcheck") or {}).get("Test", [])[:3] == ["CMD", "/lacs", "healthcheck"],
    "LACS_DB on the volume": "LACS_DB=/data/register.db" in c.get("Env", []),
    "/data is a volume": "/data" in (c.get("Volumes") or {}),
}
for what, ok in checks.items():
    print(("ok   " if ok else "FAIL ") + what)
sys.exit(0 if all(checks.values()) else 1)
PY
buildah push --quiet lacs-check:latest "dir:$work/image" >/dev/null
root=$work/root
mkdir -p "$root"
python3 - "$work/image" "$root" <<'PY'
import json, os, sys, tarfile
image, root = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(image, "manifest.json")))
for layer in manifest["layers"]:
    with tarfile.open(os.path.join(image, layer["digest"].split(":")[1])) as t:
        t.extractall(root, numeric_owner=True)
PY
echo "the image's whole file system:"
(cd "$root" && find . -mindepth 1 | sort | sed 's/^/  /')
[ "$(stat -c %u:%g "$root/data")" = 10001:10001 ] || { echo "FAIL: /data is not the user's"; exit 1; }

say "4. served from the empty root as user 10001"
if [ -n "${REGISTER:-}" ]; then
  cp "$REGISTER" "$root/data/register.db"
else
  reports=$(find ../shared/corpus -name '*.pdf' | sort | head -12)
  [ -n "$reports" ] || { echo "FAIL: no REGISTER given and no ../shared/corpus to make one"; exit 1; }
  "$bin" --db "$work/register.db" ingest $reports >/dev/null
  cp "$work/register.db" "$root/data/register.db"
fi
chown 10001:10001 "$root/data/register.db"
port=18080
chroot --userspec=10001:10001 "$root" /lacs --db /data/register.db serve --addr 127.0.0.1:$port --log-format json \
  2> "$work/server.log" &
server=$!
for _ in $(seq 50); do
  chroot --userspec=10001:10001 "$root" /lacs healthcheck --url http://127.0.0.1:$port/healthz > "$work/health.json" 2>/dev/null && break
  sleep 0.2
done
echo "the image's health check: $(cat "$work/health.json")"
grep -q '"status":"ok"' "$work/health.json" || { echo "FAIL: /healthz"; cat "$work/server.log"; exit 1; }
uid=$(awk '/^Uid:/ {print $2}' "/proc/$server/status")
echo "server process uid: $uid"
[ "$uid" = 10001 ] || { echo "FAIL: the server runs as uid $uid"; exit 1; }
for path in / /la /feeds/england.atom /metrics /api/v1/stats; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  echo "GET $path -> $code"
  [ "$code" = 200 ] || { echo "FAIL: $path"; exit 1; }
done
echo "a request's log line: $(grep -m1 '"path":"/la"' "$work/server.log")"
say "PASS: the final stage builds, holds only its files, and serves as a non-root user from an empty root"
