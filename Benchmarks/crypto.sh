#!/usr/bin/env bash
# Builds pgbm-cli and pgbm-bench in release mode and runs `pgbm-bench crypto`, keeping the result in
# Benchmarks/results/crypto.txt. Extra arguments go to the bench (e.g. --size-mib 256).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v openssl >/dev/null && command -v gpg >/dev/null || {
    echo "needs openssl and gpg (apt-get install openssl gnupg)" >&2
    exit 1
}
swift build -c release --product pgbm-cli >/dev/null
swift build -c release --product pgbm-bench >/dev/null
.build/release/pgbm-bench crypto "$@" | bash Benchmarks/save-result.sh crypto
