# Shared by the database benchmarks (backup.sh, restore.sh); source it from the repository root.
#
# Builds pgbm-cli in release mode (unless PGBM_BENCH_CLI names a pgbm-cli to measure instead, e.g. one
# built from an earlier commit), starts the test services in their own state folder unless
# PGBM_TEST_PG15_URL is set, and defines CLI, BIN (PostgreSQL 15's programs), WORK (a temp folder, removed
# on exit, with the services when it started them), PORT, BASE (postgresql://postgres@127.0.0.1:PORT), ADMIN (psql as postgres)
# and measure. On a shared machine run the whole script under the build lock
# (`flock /tmp/swift-build.lock bash Benchmarks/restore.sh`): a build beside it makes the times worthless.
[ -n "${PGBM_BENCH_CLI:-}" ] || swift build -c release --product pgbm-cli >/dev/null
STARTED_SERVICES=""
if [ -z "${PGBM_TEST_PG15_URL:-}" ]; then
    export PGBM_TEST_STATE_DIR="$PWD/.test-services/bench"
    STARTED_SERVICES=1
    trap 'bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
    bash Scripts/services start >/dev/null
    # shellcheck disable=SC1091
    source "$PGBM_TEST_STATE_DIR/env.sh"
fi
CLI="${PGBM_BENCH_CLI:-$PWD/.build/release/pgbm-cli}"
BIN="$PGBM_TEST_PG15_BINDIR"
WORK=$(mktemp -d /var/tmp/pgbm-bench.XXXXXX)
# Stops the services only when this script started them (not ones named by PGBM_TEST_PG15_URL).
trap 'rm -rf "$WORK"; [ -z "$STARTED_SERVICES" ] || bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
PORT=$(python3 -c "import urllib.parse,sys; print(urllib.parse.urlparse(sys.argv[1]).port)" "$PGBM_TEST_PG15_URL")
BASE="postgresql://postgres@127.0.0.1:$PORT"
ADMIN=("$BIN/psql" -Xq "$PGBM_TEST_PG15_URL" -v ON_ERROR_STOP=1)

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

# Creates database $1 with a table of $2 rows (about 200 bytes each) unless it exists.
make_database() {
    if ! "$BIN/psql" -XAtq "$PGBM_TEST_PG15_URL" -c "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; then
        echo "creating $1 with $2 rows ..." >&2
        "${ADMIN[@]}" -c "CREATE DATABASE $1"
        "$BIN/psql" -Xq "$BASE/$1" -v ON_ERROR_STOP=1 -c "
            CREATE TABLE readings (id bigint PRIMARY KEY, device text, label text, value double precision,
                                   ratio double precision, taken timestamptz, note text);
            INSERT INTO readings SELECT g, 'dev-' || (g % 5000), md5(g::text), random() * 1000, random(),
                   '2026-01-01'::timestamptz + g * interval '1 second', md5((g * 7)::text) || md5((g * 13)::text)
              FROM generate_series(1, $2) g;"
    fi
}

# Creates database $1 with $3 tables readings_1 … readings_$3 of $2 rows in all (each like make_database's
# table, with an index on device) unless it exists.
make_tables_database() {
    if ! "$BIN/psql" -XAtq "$PGBM_TEST_PG15_URL" -c "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; then
        echo "creating $1 with $3 tables of $(($2 / $3)) rows ..." >&2
        "${ADMIN[@]}" -c "CREATE DATABASE $1"
        for i in $(seq 1 "$3"); do
            "$BIN/psql" -Xq "$BASE/$1" -v ON_ERROR_STOP=1 -c "
                CREATE TABLE readings_$i (id bigint PRIMARY KEY, device text, label text, value double precision,
                                          ratio double precision, taken timestamptz, note text);
                INSERT INTO readings_$i SELECT g, 'dev-' || (g % 5000), md5(g::text), random() * 1000, random(),
                       '2026-01-01'::timestamptz + g * interval '1 second', md5((g * 7)::text) || md5((g * 13)::text)
                  FROM generate_series($(( ($2 / $3) * (i - 1) + 1 )), $(( ($2 / $3) * i ))) g;
                CREATE INDEX readings_${i}_device ON readings_$i (device);"
        done
    fi
}

# Registers database $1 as "bench" in a new store under $WORK/data, encrypted, with PostgreSQL 15's tools.
make_store() {
    "$CLI" db add --name bench --host 127.0.0.1 --port "$PORT" --database "$1" --user postgres --data-dir "$WORK/data" --log-level error >/dev/null
    PGBM_PASSPHRASE=bench-passphrase "$CLI" settings add-passphrase --data-dir "$WORK/data" --log-level error >/dev/null
    "$CLI" settings set backup.pg_dump_path="$BIN/pg_dump" backup.pg_restore_path="$BIN/pg_restore" --data-dir "$WORK/data" --log-level error >/dev/null
}
