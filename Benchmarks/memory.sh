#!/usr/bin/env bash
# Memory after a burst (issue 18, finding 9: RSS went from 53 MB to 104 MB after load tests and stayed).
# Against a release pgbm-server on a store with 2,000 backup runs and an admin token, for each allocator
# setting below:
#   - idle RSS: 25 s after start (past the server's own start-up trim),
#   - a burst: wrk, CONNECTIONS (128) connections for DURATION (20) seconds, rotating GET /api/health,
#     GET /api/backups?limit=200, GET /api/openapi.json and a 256 KiB JSON body POSTed to
#     /api/config/databases (answered 422, nothing stored: the "Non-2xx" responses wrk counts),
#   - RSS right after the burst and every 10 s for 60 s; the goal is RSS within +10 MiB of idle 60 s after.
# Settings: "glibc defaults, no trim" (MALLOC_ARENA_MAX=16, glibc's own default on 2 cores, and
# PGBM_MEMORY_TRIM_AFTER=0: the server before issue 18) and "pgbm defaults" (2 arenas, trim after 10 s
# of quiet); with PARTS=1 also each half alone. Run it on a quiet machine, under the build lock; not part
# of CI or Benchmarks/run-all.
# Usage: Benchmarks/memory.sh | Benchmarks/save-result.sh memory      (SERVER=/path/to/pgbm-server: that binary)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-128}
source Benchmarks/server-lib.sh memory

# Starts the server (environment assignments $1…) and waits for its first healthy answer.
start_healthy() {
    start_server "$@"
    until curl -fs "$URL/api/health" >/dev/null; do sleep 0.05; done
}
stop_server() { kill "$PID"; wait "$PID" || true; PID=""; }
rss() { awk '/VmRSS|RssAnon/ {v[$1] = $2} END {printf "%.1f %.1f", v["VmRSS:"] / 1024, v["RssAnon:"] / 1024}' "/proc/$PID/status"; }

start_healthy
stop_server
TOKEN=$(python3 - "$WORK/data/backup_manager.db" <<'PY'
import hashlib, secrets, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
now = "2026-11-27 00:00:00.000"
db.execute("INSERT INTO configured_database (name, slug, host, port, database, user, ssl_mode, options, retention_time_zone, "
           "created_at) VALUES ('app', 'app', '127.0.0.1', 5432, 'app', 'backup', 'prefer', '', 'UTC', ?)", (now,))
db.executemany("INSERT INTO backup_run (database_id, trigger, state, queued_at, started_at, finished_at, size_bytes, checksum) "
               "VALUES (1, 'schedule', 'succeeded', ?, ?, ?, 123456789, ?)",
               [(now, now, now, secrets.token_hex(32)) for _ in range(2000)])
db.execute("INSERT INTO user (username, password_hash, role, disabled, created_at) VALUES ('bench', 'x', 'admin', 0, ?)", (now,))
token = "pgbm_" + secrets.token_urlsafe(32)
db.execute("INSERT INTO api_token (user_id, name, token_hash, created_at) VALUES (1, 'bench', ?, ?)",
           (hashlib.sha256(token.encode()).hexdigest(), now))
db.commit()
print(token)
PY
)
cat >"$WORK/burst.lua" <<LUA
local pad = string.rep("x", 262144)
local requests = {
  wrk.format("GET", "/api/health"),
  wrk.format("GET", "/api/backups?limit=200", {["Authorization"] = "Bearer $TOKEN"}),
  wrk.format("GET", "/api/openapi.json"),
  wrk.format("POST", "/api/config/databases",
             {["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json"},
             '{"pad": "' .. pad .. '"}'),
}
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
LUA

# $1: a label; $2…: the server's environment.
measure() {
    local label="$1"; shift
    echo "== $label"
    start_healthy "$@"
    sleep 25
    read -r idle idle_anon <<<"$(rss)"
    echo "idle RSS 25 s after start: $idle MiB (anonymous $idle_anon MiB)"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/burst.lua" "$URL" | grep -E "requests in|Requests/sec|Non-2xx|Socket errors" || true
    read -r now now_anon <<<"$(rss)"
    echo "RSS right after the burst: $now MiB (anonymous $now_anon MiB)"
    for t in 10 20 30 40 50 60; do
        sleep 10
        read -r now now_anon <<<"$(rss)"
        echo "RSS ${t} s after: $now MiB (anonymous $now_anon MiB)"
    done
    python3 - "$idle" "$now" <<'PY'
import sys
d = float(sys.argv[2]) - float(sys.argv[1])
print(f"60 s after the burst: {d:+.1f} MiB over idle (goal <= +10 MiB): " + ("met" if d <= 10 else "not met"))
PY
    stop_server
}

echo "burst: $CONNECTIONS connections, ${DURATION}s, health / backups (200 runs) / openapi.json / 256 KiB POST in turn"
measure "glibc defaults, no trim (MALLOC_ARENA_MAX=16 PGBM_MEMORY_TRIM_AFTER=0)" MALLOC_ARENA_MAX=16 PGBM_MEMORY_TRIM_AFTER=0
measure "pgbm defaults (2 arenas, trim after 10 s of quiet)"
if [ -n "${PARTS:-}" ]; then
    measure "trim only (MALLOC_ARENA_MAX=16)" MALLOC_ARENA_MAX=16
    measure "2 arenas only (PGBM_MEMORY_TRIM_AFTER=0)" PGBM_MEMORY_TRIM_AFTER=0
fi
