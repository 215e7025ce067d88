#!/usr/bin/env bash
# Usage: command | Benchmarks/save-result.sh NAME
# Shows the benchmark's output and keeps it, under a line naming the date and machine, in
# Benchmarks/results/NAME.txt.
set -euo pipefail
out=$(mktemp)
tee "$out"
{
    echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), release build"
    cat "$out"
} >"$(dirname "${BASH_SOURCE[0]}")/results/$1.txt"
rm -f "$out"
