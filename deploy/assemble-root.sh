#!/bin/sh
# Lays out everything the container image holds under OUT, from the static binary BIN: the
# binary, CA certificates, a passwd/group naming the unprivileged user, /tmp and the data
# folder. The Dockerfile's build stage runs it, and deploy/check-image.sh, so the image and
# its check hold the same files.
#   deploy/assemble-root.sh OUT BIN
set -eu
out=$1 bin=$2
mkdir -p "$out/data" "$out/tmp" "$out/etc/ssl/certs"
cp "$bin" "$out/lacs"
cp /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/"
echo 'lacs:x:10001:10001:lacs:/data:/lacs' > "$out/etc/passwd"
echo 'lacs:x:10001:' > "$out/etc/group"
chmod 1777 "$out/tmp"
