# syntax=docker/dockerfile:1
# lacs in a container: a statically linked binary built in the first stage, run from an empty
# image (no shell, no libraries) as a user that is not root.
#
#   docker build -t lacs .
#   docker run -d -p 8080:8080 -v lacs-data:/data lacs      # serve, syncing once a day
#   docker run --rm -v lacs-data:/data lacs stats            # any other command
#
# compose.yaml does the first with a named volume. deploy/check-image.sh proves the final stage
# on a machine with buildah and no registry (see the README's "Running as a service").

FROM docker.io/library/rust:1-bookworm AS build
WORKDIR /src
COPY . .
# +crt-static links glibc in: the binary needs no library at run time. With --target given,
# build scripts and proc-macros stay dynamic (they run here, not in the image). Names resolve
# through /etc/hosts and /etc/resolv.conf, which the container runtime provides (glibc 2.34+
# has its files and dns lookups built in, so a static binary needs no NSS library).
RUN RUSTFLAGS="-C target-feature=+crt-static" \
        cargo build --locked --profile dist -p lacs-cli --target x86_64-unknown-linux-gnu \
 && deploy/assemble-root.sh /out target/x86_64-unknown-linux-gnu/dist/lacs

FROM scratch AS run
COPY --from=build /out/lacs /lacs
COPY --from=build /out/etc/ /etc/
COPY --from=build /out/tmp/ /tmp/
COPY --from=build --chown=10001:10001 /out/data/ /data/
USER 10001:10001
ENV LACS_DB=/data/register.db \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
VOLUME /data
EXPOSE 8080
# No curl here: lacs asks its own /healthz (200 while the register file is readable).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["/lacs", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/lacs"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--sync-every", "24h", "--log-format", "json"]
