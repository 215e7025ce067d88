#!/usr/bin/env bash
# Backup benchmark (issue 7): pgbm-cli backup run (zstd + encrypted, local only, then with S3 upload)
# against plain `pg_dump -Fc -f file` on the same database, in one run: wall time, file size, peak RSS.
#
# Usage: Benchmarks/backup.sh [ROWS]     (default 8000000 rows, about 1 GB in PostgreSQL)
# Starts the test services (PostgreSQL 15, moto S3) in their own state folder unless PGBM_TEST_PG15_URL is
# set, builds pgbm-cli in release mode and keeps the result in Benchmarks/results/backup-<ROWS>.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS="${1:-8000000}"
swift build -c release --product pgbm-cli >/dev/null
if [ -z "${PGBM_TEST_PG15_URL:-}" ]; then
    export PGBM_TEST_STATE_DIR="$PWD/.test-services/bench"
    trap 'bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
    bash Scripts/services start >/dev/null
    # shellcheck disable=SC1091
    source "$PGBM_TEST_STATE_DIR/env.sh"
fi
CLI="$PWD/.build/release/pgbm-cli"
BIN="$PGBM_TEST_PG15_BINDIR"
WORK=$(mktemp -d /tmp/pgbm-bench-backup.XXXXXX)
trap 'rm -rf "$WORK"; bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
DB="bench_$ROWS"
PORT=$(python3 -c "import urllib.parse,sys; print(urllib.parse.urlparse(sys.argv[1]).port)" "$PGBM_TEST_PG15_URL")
URL="postgresql://postgres@127.0.0.1:$PORT/$DB"

# Runs a command; prints "seconds peak-RSS-KiB" of it (and its children) on fd 3.
measure() {
    python3 - "$@" 3>&1 1>/dev/null <<'PY'
import resource, subprocess, sys, time, os
start = time.monotonic()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.monotonic() - start
if code != 0: sys.exit(f"failed ({code}): {' '.join(sys.argv[1:])}")
os.write(3, f"{elapsed:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n".encode())
PY
}

if ! "$BIN/psql" -XAtq "$PGBM_TEST_PG15_URL" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    echo "creating $DB with $ROWS rows ..." >&2
    "$BIN/psql" -Xq "$PGBM_TEST_PG15_URL" -c "CREATE DATABASE $DB"
    "$BIN/psql" -Xq "$URL" -v ON_ERROR_STOP=1 -c "
        CREATE TABLE readings (id bigint PRIMARY KEY, device text, label text, value double precision,
                               ratio double precision, taken timestamptz, note text);
        INSERT INTO readings SELECT g, 'dev-' || (g % 5000), md5(g::text), random() * 1000, random(),
               '2026-01-01'::timestamptz + g * interval '1 second', md5((g * 7)::text) || md5((g * 13)::text)
          FROM generate_series(1, $ROWS) g;"
fi
SIZE=$("$BIN/psql" -XAtq "$URL" -c "SELECT pg_database_size(current_database())")

DATA="$WORK/data" BACKUPS="$WORK/backups"
"$CLI" db add --name bench --host 127.0.0.1 --port "$PORT" --database "$DB" --user postgres --data-dir "$DATA" --log-level error >/dev/null
PGBM_PASSPHRASE=bench-passphrase "$CLI" settings add-passphrase --data-dir "$DATA" --log-level error >/dev/null
"$CLI" settings set backup.pg_dump_path="$BIN/pg_dump" backup.pg_restore_path="$BIN/pg_restore" --data-dir "$DATA" --log-level error >/dev/null

read -r plain_s plain_rss < <(measure "$BIN/pg_dump" -Fc -f "$WORK/plain.dump" "$URL")
plain_bytes=$(stat -c %s "$WORK/plain.dump"); rm -f "$WORK/plain.dump"
read -r local_s local_rss < <(measure "$CLI" backup run bench --data-dir "$DATA" --backup-dir "$BACKUPS" --log-level error)
local_bytes=$(find "$BACKUPS" -name '*.enc' -printf '%s\n' | tail -1); rm -rf "$BACKUPS"/bench/*

export PGBM_SECRET="$PGBM_TEST_S3_SECRET_KEY"
python3 -c "
import boto3, os
boto3.client('s3', endpoint_url=os.environ['PGBM_TEST_S3_ENDPOINT'], aws_access_key_id=os.environ['PGBM_TEST_S3_ACCESS_KEY'],
    aws_secret_access_key=os.environ['PGBM_TEST_S3_SECRET_KEY'], region_name='us-east-1').create_bucket(Bucket='pgbm-bench-backup')"
"$CLI" settings set-secret s3.secret_key --data-dir "$DATA" --log-level error >/dev/null
"$CLI" settings set s3.enabled=true s3.bucket=pgbm-bench-backup s3.endpoint="$PGBM_TEST_S3_ENDPOINT" \
    s3.access_key_id="$PGBM_TEST_S3_ACCESS_KEY" s3.prefix=bench --data-dir "$DATA" --log-level error >/dev/null
read -r s3_s s3_rss < <(measure "$CLI" backup run bench --data-dir "$DATA" --backup-dir "$BACKUPS" --log-level error)

{
    echo "pgbm bench backup: $ROWS rows, database $((SIZE / 1048576)) MiB (PostgreSQL 15, $(nproc) cores)"
    echo "tool                                   seconds   file MiB   peak RSS MiB   time ratio"
    printf '%-36s %9s %10d %14d %12s\n' "pg_dump -Fc -f file" "$plain_s" $((plain_bytes / 1048576)) $((plain_rss / 1024)) "1.00"
    printf '%-36s %9s %10d %14d %12.2f\n' "pgbm backup run (zstd, encrypted)" "$local_s" $((local_bytes / 1048576)) $((local_rss / 1024)) \
        "$(python3 -c "print($local_s / $plain_s)")"
    printf '%-36s %9s %10s %14d %12.2f\n' "  + S3 upload (moto, loopback)" "$s3_s" "" $((s3_rss / 1024)) \
        "$(python3 -c "print($s3_s / $plain_s)")"
    echo "peak RSS of pgbm-cli includes its pg_dump child (max of the children)"
} | bash Benchmarks/save-result.sh "backup-$ROWS"
