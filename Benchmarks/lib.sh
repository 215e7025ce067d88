# Shared by the database benchmarks (backup.sh, restore.sh); source it from the repository root.
#
# Builds pgbm-cli in release mode, starts the test services in their own state folder unless
# PGBM_TEST_PG15_URL is set, and defines CLI, BIN (PostgreSQL 15's programs), WORK (a temp folder, removed
# on exit with the services), PORT, BASE (postgresql://postgres@127.0.0.1:PORT), ADMIN (psql as postgres)
# and measure.
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
WORK=$(mktemp -d /var/tmp/pgbm-bench.XXXXXX)
trap 'rm -rf "$WORK"; bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
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

# Registers database $1 as "bench" in a new store under $WORK/data, encrypted, with PostgreSQL 15's tools.
make_store() {
    "$CLI" db add --name bench --host 127.0.0.1 --port "$PORT" --database "$1" --user postgres --data-dir "$WORK/data" --log-level error >/dev/null
    PGBM_PASSPHRASE=bench-passphrase "$CLI" settings add-passphrase --data-dir "$WORK/data" --log-level error >/dev/null
    "$CLI" settings set backup.pg_dump_path="$BIN/pg_dump" backup.pg_restore_path="$BIN/pg_restore" --data-dir "$WORK/data" --log-level error >/dev/null
}
