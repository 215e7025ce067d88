#!/usr/bin/env bash
# Restore benchmark (issues 8 and 17): pgbm-cli restore of an encrypted, zstd-compressed backup against
# plain `pg_restore` of `pg_dump -Fc -f` (pg_dump's default compression) of the same database, each into a
# fresh database, the median of 3 runs (interleaved): `pg_restore -j 2` against `pgbm restore --jobs 2`
# (the baseline of issue 17), and single-job `pg_restore` against pgbm's streaming restore. Two databases
# of about the same size: one table, and 50 tables. Wall time and peak RSS.
#
# Usage: flock /tmp/swift-build.lock bash Benchmarks/restore.sh [ROWS]   (or ROWS=…; default 1000000 rows,
#        about 200 MB in PostgreSQL; 8000000 is about 1.6 GB)
# Starts the test services in their own state folder unless PGBM_TEST_PG15_URL is set, builds pgbm-cli in
# release mode (PGBM_BENCH_CLI=path measures another build) and keeps the result in
# Benchmarks/results/restore-<ROWS>.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS="${1:-${ROWS:-1000000}}"
TABLES=50
RUNS=3
# shellcheck source=Benchmarks/lib.sh
source Benchmarks/lib.sh
ONE="bench_$ROWS" MANY="bench_${ROWS}_t$TABLES"
make_database "$ONE" "$ROWS"
"$BIN/psql" -Xq "$BASE/$ONE" -c "CREATE INDEX IF NOT EXISTS readings_device ON readings (device)"
make_tables_database "$MANY" "$ROWS" "$TABLES"

DATA="$WORK/data" BACKUPS="$WORK/backups"
make_store "$ONE"
"$CLI" db add --name bench50 --host 127.0.0.1 --port "$PORT" --database "$MANY" --user postgres --data-dir "$DATA" --log-level error >/dev/null
declare -A SIZE FILE
for db in "$ONE" "$MANY"; do
    SIZE[$db]=$("$BIN/psql" -XAtq "$BASE/$db" -c "SELECT pg_database_size(current_database())")
    "$BIN/pg_dump" -Fc -f "$WORK/$db.dump" "$BASE/$db"
done
"$CLI" backup run bench --data-dir "$DATA" --backup-dir "$BACKUPS" --log-level error >/dev/null
"$CLI" backup run bench50 --data-dir "$DATA" --backup-dir "$BACKUPS" --log-level error >/dev/null
FILE[$ONE]=$(find "$BACKUPS/bench" -name '*.enc' | tail -1)
FILE[$MANY]=$(find "$BACKUPS/bench50" -name '*.enc' | tail -1)

# Drops a database, then flushes the server's and the kernel's dirty pages, so no run pays for the
# writeback of the one before it.
fresh() { "${ADMIN[@]}" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CHECKPOINT"; sync; sleep 2; }
# One timed restore of database $2 by $1 (plain2, pgbm2, plain1, pgbm1) into a fresh database: "seconds rss".
run() {
    local target="r_$1"
    fresh "$target"
    case $1 in
        # CREATE DATABASE runs inside the clock, as pgbm's --create does.
        plain2) measure sh -c '"$1" -XAtq "$2" -c "CREATE DATABASE $3" && "$4" -j 2 --exit-on-error -d "$5" "$6"' \
                    - "$BIN/psql" "$PGBM_TEST_PG15_URL" "$target" "$BIN/pg_restore" "$BASE/$target" "$WORK/$2.dump" ;;
        plain1) measure sh -c '"$1" -XAtq "$2" -c "CREATE DATABASE $3" && "$4" --exit-on-error -d "$5" "$6"' \
                    - "$BIN/psql" "$PGBM_TEST_PG15_URL" "$target" "$BIN/pg_restore" "$BASE/$target" "$WORK/$2.dump" ;;
        pgbm2)  measure "$CLI" restore --from "${FILE[$2]}" --to "$BASE/$target" --create --jobs 2 --data-dir "$DATA" --log-level error ;;
        pgbm1)  measure "$CLI" restore --from "${FILE[$2]}" --to "$BASE/$target" --create --data-dir "$DATA" --log-level error ;;
    esac
    fresh "$target"
}
# Median seconds and largest RSS (MiB) of the lines "seconds rss-KiB" on stdin.
median() { python3 -c "
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
print(f'{statistics.median(float(r[0]) for r in rows):.2f} {max(int(r[1]) for r in rows) // 1024}', ' '.join(r[0] for r in rows))"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

declare -A RESULT
for db in "$ONE" "$MANY"; do
    declare -A LINES=([plain2]="" [pgbm2]="" [plain1]="" [pgbm1]="")
    for _ in $(seq 1 $RUNS); do
        for tool in plain2 pgbm2 plain1 pgbm1; do
            LINES[$tool]+="$(run "$tool" "$db")"$'\n'
        done
    done
    for tool in plain2 pgbm2 plain1 pgbm1; do RESULT[$db,$tool]=$(median <<<"${LINES[$tool]}"); done
    unset LINES
done

{
    echo "pgbm bench restore: $ROWS rows, median of $RUNS runs each into a fresh database (PostgreSQL 15, $(nproc) cores), pgbm-cli ${PGBM_BENCH_LABEL:-at $(git rev-parse --short HEAD)}"
    for db in "$ONE" "$MANY"; do
        tables=1; [ "$db" = "$MANY" ] && tables=$TABLES
        echo
        echo "$tables table(s): database $((SIZE[$db] / 1048576)) MiB, pg_dump -Fc $(( $(stat -c %s "$WORK/$db.dump") / 1048576 )) MiB, pgbm backup $(( $(stat -c %s "${FILE[$db]}") / 1048576 )) MiB encrypted+zstd"
        echo "tool                                                   seconds   peak RSS MiB   time ratio   runs"
        for pair in "plain2 pgbm2" "plain1 pgbm1"; do
            read -r base pgbm <<<"$pair"
            read -r base_s base_rss base_runs <<<"${RESULT[$db,$base]}"
            read -r pgbm_s pgbm_rss pgbm_runs <<<"${RESULT[$db,$pgbm]}"
            if [ "$base" = plain2 ]; then
                base_name="pg_restore -j 2 (pg_dump -Fc file)"; pgbm_name="pgbm restore --jobs 2"
            else
                base_name="pg_restore (1 job, pg_dump -Fc file)"; pgbm_name="pgbm restore (1 job, streamed)"
            fi
            printf '%-52s %9s %14d %12s   %s\n' "$base_name" "$base_s" "$base_rss" "1.00" "$base_runs"
            printf '%-52s %9s %14d %12s   %s\n' "$pgbm_name" "$pgbm_s" "$pgbm_rss" "$(ratio "$pgbm_s" "$base_s")" "$pgbm_runs"
        done
    done
    echo
    echo "both times include CREATE DATABASE (pgbm's --create; psql before pg_restore)"
    echo "peak RSS is the largest of the process and its children (pg_restore's own included)"
} | bash Benchmarks/save-result.sh "restore-$ROWS"
