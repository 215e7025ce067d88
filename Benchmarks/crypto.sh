#!/usr/bin/env bash
# Builds pgbm-cli in release mode and runs `pgbm-cli bench crypto`, keeping the result in
# Benchmarks/results/crypto.txt. Extra arguments go to the bench (e.g. --size-mib 256).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v openssl >/dev/null && command -v gpg >/dev/null || {
    echo "needs openssl and gpg (apt-get install openssl gnupg)" >&2
    exit 1
}
swift build -c release --product pgbm-cli
out=$(mktemp)
.build/release/pgbm-cli bench crypto "$@" | tee "$out"
{
    echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), release build"
    cat "$out"
} >Benchmarks/results/crypto.txt
rm -f "$out"
