#!/usr/bin/env bash
# The REST API under load (issues 9 and 17): a store with RUNS backup runs (default 100,000) over 20
# databases, a file record per successful run and RUNS audit events, then, against a release pgbm-server:
#   - time from start to the first 200 of GET /api/health (median of 5 starts),
#   - idle RSS (VmRSS 5 s after start, and again after the load),
#   - p50/p99 and requests/s of GET /api/health, GET /api/backups (first page, 50 runs),
#     GET /api/backups/files (first page, 50 files) and GET /api/audit (first page, 50 events) under
#     CONNECTIONS (32) connections for DURATION (10) seconds each, with wrk (Debian package) on the same
#     2 cores,
#   - the same query the list runs, done by the sqlite3 module in Python: the plain-tool baseline.
# Usage: Benchmarks/api.sh | Benchmarks/save-result.sh api        (SERVER=/path/to/pgbm-server: that binary)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-100000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
source Benchmarks/server-lib.sh api

# Prints the seconds from the spawn to the first 200 of /api/health (polled every 2 ms).
time_to_healthy() {
    python3 - "$SERVER" "$WORK" "$PORT" <<'PY'
import subprocess, sys, time, http.client
server, work, port = sys.argv[1:]
start = time.monotonic()
proc = subprocess.Popen([server, "--data-dir", f"{work}/data", "--backup-dir", f"{work}/backups", "--port", port,
                         "--log-level", "error"], stderr=subprocess.DEVNULL)
while True:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=1)
        conn.request("GET", "/api/health")
        if conn.getresponse().status == 200: break
    except OSError:
        time.sleep(0.002)
print(f"{time.monotonic() - start:.3f}")
proc.terminate(); proc.wait()
PY
}

echo "store: $RUNS backup runs over 20 databases, a file record per successful run, $RUNS audit events"
start_server
until curl -fs "$URL/api/health" >/dev/null; do sleep 0.1; done
kill "$PID"; wait "$PID" || true; PID=""
TOKEN=$(python3 - "$WORK/data/backup_manager.db" "$RUNS" <<'PY'
import hashlib, json, random, secrets, sqlite3, sys, datetime
path, runs = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S.000")
now = datetime.datetime(2026, 11, 27)
for i in range(20):
    db.execute("INSERT INTO configured_database (name, slug, host, port, database, user, ssl_mode, options, "
               "retention_time_zone, created_at) VALUES (?, ?, '127.0.0.1', 5432, ?, 'backup', 'prefer', '', 'UTC', ?)",
               (f"db{i}", f"db{i}", f"db{i}", fmt(now)))
rows = []
for n in range(runs):
    finished = now - datetime.timedelta(minutes=10 * (runs - n))
    state = random.choices(["succeeded", "failed", "cancelled"], [90, 8, 2])[0]
    rows.append((n % 20 + 1, "schedule", state, fmt(finished - datetime.timedelta(seconds=90)),
                 fmt(finished - datetime.timedelta(seconds=60)), fmt(finished),
                 random.randint(10**6, 10**9) if state == "succeeded" else None,
                 secrets.token_hex(32) if state == "succeeded" else None,
                 "pg_dump: error: connection refused" if state == "failed" else None))
db.executemany("INSERT INTO backup_run (database_id, trigger, state, queued_at, started_at, finished_at, size_bytes, "
               "checksum, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
# One file record per successful run, as the pipeline writes them (the list joins them in).
files = [(run_id, r[0], f"db{r[0] - 1}_{run_id:08d}.dump.zst.enc", f"db{r[0] - 1}/db{r[0] - 1}_{run_id:08d}.dump.zst.enc",
          f"pgbm/db{r[0] - 1}/db{r[0] - 1}_{run_id:08d}.dump.zst.enc", r[6], r[7], r[5])
         for run_id, r in enumerate(rows, start=1) if r[2] == "succeeded"]
db.executemany("INSERT INTO backup_file (run_id, database_id, file_name, local_path, s3_key, format, compression, encrypted, "
               "iterations, passphrase_id, server_version, pg_dump_version, size_bytes, sha256, created_at) "
               "VALUES (?, ?, ?, ?, ?, 'custom', 'zstd', 1, 600000, 'p1', '15.8', '15.8', ?, ?, ?)", files)
# Audit events as the use cases write them: compact JSON details with sorted keys.
actions = [("backup.run", "backup_run", lambda i: {"database_id": i % 20 + 1}),
           ("backup_file.delete", "backup_file", lambda i: {"name": f"db{i % 20}_{i:08d}.dump.zst.enc", "scope": "local", "force": False}),
           ("database.update", "database", lambda i: {"port": {"from": 5432, "to": 5433}, "host": {"from": "db", "to": "db.internal"}}),
           ("auth.denied", "route", lambda i: {"reason": "role"}),
           ("user.create", "user", lambda i: {"username": f"user{i}", "role": "viewer"})]
events = []
for n in range(runs):
    action, target, details = actions[n % len(actions)]
    at = now - datetime.timedelta(minutes=10 * (runs - n))
    events.append((fmt(at), "token", "bench (token ci)", action, target, str(n), "denied" if action == "auth.denied" else "success",
                   json.dumps(details(n), sort_keys=True, separators=(",", ":"))))
db.executemany("INSERT INTO audit_event (at, actor_kind, actor, action, target_type, target_id, outcome, details) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
db.execute("INSERT INTO user (username, password_hash, role, disabled, created_at) VALUES ('bench', 'x', 'admin', 0, ?)",
           (fmt(now),))
token = "pgbm_" + secrets.token_urlsafe(32)
db.execute("INSERT INTO api_token (user_id, name, token_hash, created_at) VALUES (1, 'bench', ?, ?)",
           (hashlib.sha256(token.encode()).hexdigest(), fmt(now)))
db.commit()
print(token)
PY
)

starts=()
for _ in 1 2 3 4 5; do starts+=("$(time_to_healthy)"); done
echo "start to first healthy answer (s), 5 starts: ${starts[*]}"
echo "start median: $(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p) s (goal <= 0.5 s)"

start_server
until curl -fs "$URL/api/health" >/dev/null; do sleep 0.05; done
sleep 5
# VmRSS, and its parts: anonymous (the process's own memory) and file-backed (code of the binary and
# libraries, shared and evictable).
rss() {
    awk '/VmRSS|RssAnon|RssFile/ {v[$1] = $2} END {printf "%.1f MiB (anonymous %.1f MiB, file-backed %.1f MiB)",
        v["VmRSS:"] / 1024, v["RssAnon:"] / 1024, v["RssFile:"] / 1024}' "/proc/$PID/status"
}
echo "idle RSS after start: $(rss) (goal <= 40 MB)"
for route in backups backups/files audit; do
    curl -fs -H "Authorization: Bearer $TOKEN" "$URL/api/$route" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(f"first page of /api/{sys.argv[1]}:", len(d["items"]), "items")' "$route"
done

load() {
    echo "== GET $1, $CONNECTIONS connections, ${DURATION}s"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$URL$1" |
        grep -E "Requests/sec|^ +(50|75|90|99)%|Non-2xx|Socket errors"
}
load /api/health
load /api/backups
load /api/backups/files
load /api/audit
echo "RSS after the load: $(rss)"
sleep 5
echo "RSS 5 s later: $(rss)"

python3 - "$WORK/data/backup_manager.db" <<'PY'
import sqlite3, sys, time, statistics
db = sqlite3.connect(sys.argv[1])
times = []
for _ in range(200):
    t = time.perf_counter()
    db.execute("SELECT * FROM backup_run ORDER BY id DESC LIMIT 51").fetchall()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"baseline: the first page's query in sqlite3 (Python), one connection: p50 {times[100]:.3f} ms, p99 {times[198]:.3f} ms")
PY
