# syntax=docker/dockerfile:1
#
# pgbm in one image: pgbm-server (HTTP API + scheduler) and pgbm-cli, with the PostgreSQL client tools of
# every supported server major (13–17). Docs/DEPLOY.md explains every knob.
#
#   docker build -t pgbm .
#   docker run -d --name pgbm -p 127.0.0.1:8000:8000 -v pgbm-data:/data -v pgbm-backups:/backups pgbm
#
# Scripts/check-deploy runs this file's builder commands and checks the runtime layout on a machine without
# Docker; keep the RUN lines in the shapes it parses (one `apt-get install` list per RUN, the build and the
# copy to /out in one RUN).

ARG SWIFT_VERSION=6.3.1

# ---------------------------------------------------------------------------------------------- builder
FROM swift:${SWIFT_VERSION}-bookworm AS builder

# The C libraries the package links: CLibPQ, CZstd, CCurl (the -dev packages Scripts/test installs too) and
# GRDB's sqlite3.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpq-dev libzstd-dev libcurl4-openssl-dev libsqlite3-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# Package.swift names the test targets too, so their folders must exist for SwiftPM to load the manifest.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests

# Two products, one release build each (the second reuses the first's objects); the Swift runtime and
# Foundation are linked statically, so the runtime image needs no Swift toolchain. The binaries leave the
# cache mount in the same step, without their debug info (~190 → ~120 MB each; the symbol table stays, so
# crash backtraces still name functions). The web UI's files are SwiftPM resources of BackupAPI: the
# folder pgbm_BackupAPI.resources must sit beside pgbm-server, where Bundle.module looks for it.
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --static-swift-stdlib --product pgbm-server \
    && swift build -c release --static-swift-stdlib --product pgbm-cli \
    && install -D -m 0755 -t /out/bin \
        "$(swift build -c release --static-swift-stdlib --show-bin-path)/pgbm-server" \
        "$(swift build -c release --static-swift-stdlib --show-bin-path)/pgbm-cli" \
    && cp -R "$(swift build -c release --static-swift-stdlib --show-bin-path)/pgbm_BackupAPI.resources" /out/bin/ \
    && strip --strip-debug /out/bin/pgbm-server /out/bin/pgbm-cli

# ---------------------------------------------------------------------------------------------- binaries
# Only the two binaries and the web UI's resource folder, for a bare-metal or LXC install (Docs/DEPLOY.md):
#   docker build --target binaries --output type=local,dest=dist .
FROM scratch AS binaries
COPY --from=builder /out/bin/ /

# ---------------------------------------------------------------------------------------------- runtime
FROM debian:bookworm-slim AS runtime

# The PostgreSQL majors whose client tools the image carries; pgbm picks the lowest installed major at
# least as new as each server it backs up (Docs/DUMP.md). Trim the list for a smaller image.
ARG PG_MAJORS="13 14 15 16 17"

# Runtime libraries (libpq, zstd, libcurl for SMTP, sqlite, libxml2 for the statically linked FoundationXML:
# `readelf -d pgbm-server` lists each), CA certificates for S3/SMTP/webhooks over TLS,
# time zones for schedules, tini as PID 1, curl for the health check and for the PGDG signing key, the
# sqlite3 shell for consistent copies of the store (`sqlite3 /data/backup_manager.db ".backup ..."`).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpq5 libzstd1 libcurl4 libsqlite3-0 libxml2 ca-certificates tzdata tini curl sqlite3 \
    && rm -rf /var/lib/apt/lists/*

# Debian 12 ships PostgreSQL 15 only; the PostgreSQL project's apt repository (PGDG) has every major.
# Its key and source line follow the repository's own instructions. The slim image drops man pages, but the
# client packages register psql's man page as an alternative, which fails without the folders.
RUN mkdir -p /usr/share/man/man1 /usr/share/man/man7 \
    && install -d /usr/share/postgresql-common/pgdg \
    && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
        https://www.postgresql.org/media/keys/ACCC4CF8.asc \
    && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
        > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        $(for major in $PG_MAJORS; do printf 'postgresql-client-%s ' "$major"; done) \
    && rm -rf /var/lib/apt/lists/* \
    && for major in $PG_MAJORS; do /usr/lib/postgresql/$major/bin/pg_dump --version; done

# A fixed uid/gid so bind-mounted folders can be prepared on the host (chown 10001:10001, chmod 700). The
# folders are the pgbm user's only (a new named volume copies their mode); pgbm warns about a data folder
# others can enter.
RUN groupadd --system --gid 10001 pgbm \
    && useradd --system --uid 10001 --gid pgbm --home-dir /data --no-create-home --shell /usr/sbin/nologin pgbm \
    && install -d -o pgbm -g pgbm -m 0700 /data /backups

COPY --from=builder /out/bin/ /usr/local/bin/

ENV PGBM_HOST=0.0.0.0 \
    PGBM_PORT=8000 \
    PGBM_DATA_DIR=/data \
    PGBM_BACKUP_DIR=/backups \
    PGBM_LOG_LEVEL=info

VOLUME ["/data", "/backups"]
EXPOSE 8000
USER pgbm:pgbm
WORKDIR /data

# GET /api/health is cheap and needs no credentials.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:${PGBM_PORT:-8000}/api/health" || exit 1

# SIGTERM lets running backups finish (up to the server's shutdown grace), then the server exits 0; give
# `docker stop` at least that long (`docker stop -t 120`, compose's stop_grace_period). tini is PID 1,
# forwards the signal and reaps pg_dump/psql children (`docker run --init` would do the same). The shell
# sets the umask 0077 (Docker has no instruction for it) and execs pgbm-server in its place, so everything
# the container creates is the pgbm user's only; pgbm-server and pgbm-cli set the same umask themselves.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "/bin/sh", "-c", "umask 0077 && exec \"$0\" \"$@\"", "/usr/local/bin/pgbm-server"]
CMD []
