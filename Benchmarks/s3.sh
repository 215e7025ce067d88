#!/usr/bin/env bash
# Builds pgbm-cli and pgbm-bench in release mode, starts the test services (for moto_server) unless
# PGBM_S3_ENDPOINT is set, runs `pgbm-bench s3` and keeps the result in Benchmarks/results/s3.txt.
# Extra arguments go to the bench (e.g. --size-mib 256).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build -c release --product pgbm-cli >/dev/null
swift build -c release --product pgbm-bench >/dev/null
if [ -z "${PGBM_S3_ENDPOINT:-}" ]; then
    export PGBM_TEST_STATE_DIR="$PWD/.test-services/bench"
    trap 'bash Scripts/services stop >/dev/null 2>&1 || true' EXIT
    bash Scripts/services start >/dev/null
    # shellcheck disable=SC1091
    source "$PGBM_TEST_STATE_DIR/env.sh"
    export PGBM_S3_ENDPOINT="$PGBM_TEST_S3_ENDPOINT" PGBM_S3_ACCESS_KEY_ID="$PGBM_TEST_S3_ACCESS_KEY"
    export PGBM_S3_SECRET_KEY="$PGBM_TEST_S3_SECRET_KEY" PGBM_S3_BUCKET=pgbm-bench
fi
.build/release/pgbm-bench s3 "$@" | bash Benchmarks/save-result.sh s3
