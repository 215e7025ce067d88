# Shared by the benchmarks of a running pgbm-server (api.sh, memory.sh); source it from the repository
# root with `set -euo pipefail` on, naming the benchmark: `source Benchmarks/server-lib.sh api`.
# Installs wrk (Debian) when missing, builds the release pgbm-server unless SERVER names one (an older
# commit's build, for a before/after in one session), and defines WORK (a temporary folder, removed on
# exit, when the server started last is stopped too), PORT, URL and start_server.
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
if [ -z "${SERVER:-}" ]; then
    swift build -c release --product pgbm-server >/dev/null
    SERVER="$PWD/.build/release/pgbm-server"
fi
WORK=$(mktemp -d "/var/tmp/pgbm-$1-bench.XXXXXX")
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"

# Starts the server on the store in $WORK, with the environment assignments given (if any); sets PID.
start_server() {
    env "$@" "$SERVER" --data-dir "$WORK/data" --backup-dir "$WORK/backups" --port "$PORT" --log-level error 2>>"$WORK/server.log" &
    PID=$!
}
