#!/usr/bin/env bash
# Backup benchmark (issues 7, 17): pgbm-cli backup run (zstd + encrypted, local only, then with S3 upload)
# against plain `pg_dump -Fc -f file` and its floor, raw `pg_dump -Fc -Z0 -f file`, on the same database,
# in one run: wall time, file size, peak RSS.
#
# Usage: Benchmarks/backup.sh [ROWS]     (default 8000000 rows, about 1 GB in PostgreSQL)
# Starts the test services (PostgreSQL 15, moto S3) in their own state folder unless PGBM_TEST_PG15_URL is
# set, builds pgbm-cli in release mode and keeps the result in Benchmarks/results/backup-<ROWS>.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS="${1:-8000000}"
# shellcheck source=Benchmarks/lib.sh
source Benchmarks/lib.sh
DB="bench_$ROWS"
URL="$BASE/$DB"
make_database "$DB" "$ROWS"
SIZE=$("$BIN/psql" -XAtq "$URL" -c "SELECT pg_database_size(current_database())")

DATA="$WORK/data" BACKUPS="$WORK/backups"
make_store "$DB"

read -r plain_s plain_rss < <(measure "$BIN/pg_dump" -Fc -f "$WORK/plain.dump" "$URL")
plain_bytes=$(stat -c %s "$WORK/plain.dump"); rm -f "$WORK/plain.dump"
# The floor: pg_dump writing its archive without compression (what pgbm reads from it, -Z0).
read -r raw_s raw_rss < <(measure "$BIN/pg_dump" -Fc -Z0 -f "$WORK/raw.dump" "$URL")
raw_bytes=$(stat -c %s "$WORK/raw.dump"); rm -f "$WORK/raw.dump"
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
    printf '%-36s %9s %10d %14d %12.2f\n' "pg_dump -Fc -Z0 -f file (raw)" "$raw_s" $((raw_bytes / 1048576)) $((raw_rss / 1024)) \
        "$(python3 -c "print($raw_s / $plain_s)")"
    printf '%-36s %9s %10d %14d %12.2f\n' "pgbm backup run (zstd, encrypted)" "$local_s" $((local_bytes / 1048576)) $((local_rss / 1024)) \
        "$(python3 -c "print($local_s / $plain_s)")"
    printf '%-36s %9s %10s %14d %12.2f\n' "  + S3 upload (moto, loopback)" "$s3_s" "" $((s3_rss / 1024)) \
        "$(python3 -c "print($s3_s / $plain_s)")"
    echo "pgbm backup run vs raw pg_dump -Fc -Z0: $(python3 -c "print(f'{$local_s / $raw_s:.2f}')") (goal <= 1.20; verification included)"
    echo "peak RSS of pgbm-cli includes its pg_dump child (max of the children)"
} | bash Benchmarks/save-result.sh "backup-$ROWS"
