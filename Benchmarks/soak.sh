#!/usr/bin/env bash
# Soak under faults (issue 18), on demand, not in CI: a release pgbm-server runs for MINUTES (default 10)
# with 20 databases on every-minute schedules, bursts of 50 concurrent "backup now" requests, S3 behind a
# proxy that cuts 10 % of the connections, the backup folder on a small tmpfs that fills up, and one
# database (on the PostgreSQL 16 service) whose server restarts every 3 minutes. RSS and open descriptors
# are sampled every 10 s. At the end: every scheduled slot ran or is explained, no run is stuck, no
# `.partial` remains, every backup file left restores, RSS and descriptors are flat. Results go to
# Benchmarks/results/soak.txt and soak.svg; the exit status is non-zero when a check fails.
#
# Usage: Benchmarks/soak.sh [MINUTES]    (as root, for the tmpfs; SOAK_TMPFS_MB sets its size, default 40)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MINUTES="${1:-${MINUTES:-10}}"
[ "$(id -u)" = 0 ] || { echo "soak.sh: run as root (it mounts a tmpfs for the backup folder)" >&2; exit 64; }
swift build -c release --product pgbm-server >/dev/null
# shellcheck source=Benchmarks/lib.sh
source Benchmarks/lib.sh
SERVER="$(dirname "$CLI")/pgbm-server"
TMPFS="$WORK/backups"
mkdir -p "$TMPFS"
mount -t tmpfs -o "size=${SOAK_TMPFS_MB:-40}m,mode=0700" pgbm-soak "$TMPFS"
# lib.sh's trap removes $WORK and stops the services; unmount first.
trap 'umount "$TMPFS" 2>/dev/null || true; rm -rf "$WORK"; [ -z "$STARTED_SERVICES" ] || bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
export SOAK_MINUTES="$MINUTES" SOAK_SERVER="$SERVER" SOAK_CLI="$CLI" SOAK_WORK="$WORK" SOAK_BACKUPS="$TMPFS"
export SOAK_PG15_BIN="$BIN" SOAK_PG16_STATE="${PGBM_TEST_STATE_DIR:-$PWD/.test-services}/pg/pg16"
python3 Benchmarks/soak.py
