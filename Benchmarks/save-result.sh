#!/usr/bin/env bash
# Usage: command | Benchmarks/save-result.sh NAME
# Shows the benchmark's output and keeps it, under a line naming the date, machine and commit, in
# Benchmarks/results/NAME.txt (or $PGBM_BENCH_RESULTS/NAME.txt: Benchmarks/check keeps its run apart).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# The commit measured, read before the result file changes (results themselves do not count as changes).
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$here" diff --quiet HEAD -- ':/' ':(top,exclude)Benchmarks/results' 2>/dev/null || commit="$commit + uncommitted changes"
out=$(mktemp)
tee "$out"
{
    echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), release build (commit $commit)"
    cat "$out"
} >"${PGBM_BENCH_RESULTS:-$(dirname "${BASH_SOURCE[0]}")/results}/$1.txt"
rm -f "$out"
