#!/usr/bin/env bash
# Restore benchmark (issue 8): pgbm-cli restore of an encrypted, zstd-compressed backup against plain
# `pg_restore` of an unencrypted `pg_dump -Fc` file of the same database, in one run, both with 2 jobs
# and both with 1 (streaming for pgbm): wall time and peak RSS.
#
# Usage: Benchmarks/restore.sh [ROWS]     (default 8000000 rows, about 1 GB in PostgreSQL)
# Starts the test services in their own state folder unless PGBM_TEST_PG15_URL is set, builds pgbm-cli in
# release mode and keeps the result in Benchmarks/results/restore-<ROWS>.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS="${1:-8000000}"
# shellcheck source=Benchmarks/lib.sh
source Benchmarks/lib.sh
DB="bench_$ROWS"
make_database "$DB" "$ROWS"
"$BIN/psql" -Xq "$BASE/$DB" -c "CREATE INDEX IF NOT EXISTS readings_device ON readings (device)"
SIZE=$("$BIN/psql" -XAtq "$BASE/$DB" -c "SELECT pg_database_size(current_database())")

DATA="$WORK/data" BACKUPS="$WORK/backups"
make_store "$DB"
"$BIN/pg_dump" -Fc -f "$WORK/plain.dump" "$BASE/$DB"
"$CLI" backup run bench --data-dir "$DATA" --backup-dir "$BACKUPS" --log-level error >/dev/null
FILE=$(find "$BACKUPS" -name '*.enc' | tail -1)

# Drops a database, then flushes the server's and the kernel's dirty pages, so no run pays for the
# writeback of the one before it.
fresh() { "${ADMIN[@]}" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CHECKPOINT"; sync; sleep 2; }
fresh r_plain2; "${ADMIN[@]}" -c "CREATE DATABASE r_plain2"
read -r plain2_s plain2_rss < <(measure "$BIN/pg_restore" -j 2 --exit-on-error -d "$BASE/r_plain2" "$WORK/plain.dump")
fresh r_plain2
fresh r_pgbm2
read -r pgbm2_s pgbm2_rss < <(measure "$CLI" restore --from "$FILE" --to "$BASE/r_pgbm2" --create --jobs 2 --data-dir "$DATA" --log-level error)
fresh r_pgbm2
fresh r_plain1; "${ADMIN[@]}" -c "CREATE DATABASE r_plain1"
read -r plain1_s plain1_rss < <(measure "$BIN/pg_restore" --exit-on-error -d "$BASE/r_plain1" "$WORK/plain.dump")
fresh r_plain1
fresh r_pgbm1
read -r pgbm1_s pgbm1_rss < <(measure "$CLI" restore --from "$FILE" --to "$BASE/r_pgbm1" --create --data-dir "$DATA" --log-level error)
fresh r_pgbm1

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
{
    echo "pgbm bench restore: $ROWS rows, database $((SIZE / 1048576)) MiB, backup $(( $(stat -c %s "$FILE") / 1048576 )) MiB encrypted+zstd (PostgreSQL 15, $(nproc) cores)"
    echo "tool                                                   seconds   peak RSS MiB   time ratio"
    printf '%-52s %9s %14d %12s\n' "pg_restore -j 2 (unencrypted pg_dump -Fc file)" "$plain2_s" $((plain2_rss / 1024)) "1.00"
    printf '%-52s %9s %14d %12s\n' "pgbm restore --jobs 2 (streams when < 2 tables)" "$pgbm2_s" $((pgbm2_rss / 1024)) "$(ratio "$pgbm2_s" "$plain2_s")"
    printf '%-52s %9s %14d %12s\n' "pg_restore (1 job, unencrypted file)" "$plain1_s" $((plain1_rss / 1024)) "1.00"
    printf '%-52s %9s %14d %12s\n' "pgbm restore (1 job, streamed into pg_restore)" "$pgbm1_s" $((pgbm1_rss / 1024)) "$(ratio "$pgbm1_s" "$plain1_s")"
    echo "peak RSS is the largest of the process and its children (pg_restore's own included)"
} | bash Benchmarks/save-result.sh "restore-$ROWS"
