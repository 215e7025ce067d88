#!/usr/bin/env python3
"""The figures of pgbm's benchmarks: where each is read from, its goal, and the guard.

Each benchmark writes a human-readable result (Benchmarks/results/NAME.txt). This file is the one place
that knows which numbers in those texts are the figures that matter, whether higher or lower is better,
and the goal the issues set. It prints one table and, with --check, fails when a figure became worse
than half of its recorded value (a ratio below half of what it was, a latency or size above double).

  figures.py table [--before DIR] [--after DIR] [--only NAME,...] [--check]

--after holds the run just made (default Benchmarks/results), --before the recorded results to compare
with (default: none, the recorded column is then left empty).
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _search(pattern, text, group=1, flags=0):
    match = re.search(pattern, text, flags)
    return float(match.group(group)) if match else None


def _wrk(text, route, what):
    """p99 in ms or requests/s of one `== GET route` section of Benchmarks/api.sh's output."""
    section = re.search(r"== GET " + re.escape(route) + r",.*?(?=\n==|\nRSS after|\Z)", text, re.S)
    if not section:
        return None
    body = section.group(0)
    if what == "rps":
        return _search(r"Requests/sec:\s+([\d.]+)", body)
    match = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", body)
    if not match:
        return None
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
    return float(match.group(1)) * scale


def _ratio(a, b):
    return a / b if a is not None and b else None


def _restore_ratio(text, tables, label):
    """The time ratio of row `label` in the `tables` section of Benchmarks/restore.sh's output."""
    section = re.search(r"^%d table\(s\):.*?(?=^\d+ table\(s\):|\Z)" % tables, text, re.S | re.M)
    if not section:
        return None
    row = re.search(r"^" + re.escape(label) + r".*?\)?\s+[\d.]+\s+\d+\s+([\d.]+)", section.group(0), re.M)
    return float(row.group(1)) if row else None


# (benchmark, figure, unit, better, goal, extractor). `better` is "higher" or "lower"; a goal of None is a
# figure kept for the guard only.
FIGURES = [
    ("crypto", "encrypt vs openssl-ctr", "x", "higher", 1.0,
     lambda t: _search(r"ratio pgbm/openssl-ctr: encrypt ([\d.]+)", t)),
    ("crypto", "decrypt vs openssl-ctr", "x", "higher", 1.0,
     lambda t: _search(r"ratio pgbm/openssl-ctr: encrypt [\d.]+, decrypt ([\d.]+)", t)),
    ("crypto", "encrypt system/user CPU", "x", "lower", None,
     lambda t: _search(r"system/user CPU time: encrypt ([\d.]+)", t)),
    ("crypto", "encrypt system beyond the read/user", "x", "lower", 0.10,
     lambda t: _search(r"beyond reading the file \(cat's\), per user time: encrypt ([\d.]+)", t)),
    ("crypto", "decrypt system beyond the read/user", "x", "lower", 0.10,
     lambda t: _search(r"beyond reading the file \(cat's\), per user time: encrypt [\d.]+, decrypt ([\d.]+)", t)),
    ("crypto", "encrypt peak RSS, large file", "MiB", "lower", None,
     lambda t: _search(r"peak RSS: [\d.]+ MiB for a \d+ MiB file, ([\d.]+) MiB", t)),
    ("crypto", "encrypt RSS large/small file", "x", "lower", 1.10,
     lambda t: _ratio(_search(r"peak RSS: [\d.]+ MiB for a \d+ MiB file, ([\d.]+) MiB", t),
                      _search(r"peak RSS: ([\d.]+) MiB for a", t))),
    ("cron", "next() calls/s, Europe/Berlin", "/s", "higher", 100_000,
     lambda t: _search(r"^Europe/Berlin\s+(\d+)", t, flags=re.M)),
    ("cron", "vs croniter, UTC", "x", "higher", None, lambda t: _search(r"^UTC\s+\d+\s+\d+\s+([\d.]+)x", t, flags=re.M)),
    ("cron", "vs croniter, Europe/Berlin", "x", "higher", None,
     lambda t: _search(r"^Europe/Berlin\s+\d+\s+\d+\s+([\d.]+)x", t, flags=re.M)),
    ("retention", "plan 100,000 backups, UTC", "ms", "lower", 50, lambda t: _search(r"^UTC\s+median ([\d.]+)", t, flags=re.M)),
    ("retention", "plan 100,000 backups, Berlin", "ms", "lower", 50,
     lambda t: _search(r"^Europe/Berlin\s+median ([\d.]+)", t, flags=re.M)),
    ("store", "runs first page p99", "ms", "lower", 5, lambda t: _search(r"runs, first page\s+p50 [\d.]+ ms\s+p99 ([\d.]+)", t)),
    ("store", "runs deep page p99", "ms", "lower", 5, lambda t: _search(r"runs, deep page\s+p50 [\d.]+ ms\s+p99 ([\d.]+)", t)),
    ("store", "audit deep page p99", "ms", "lower", 5, lambda t: _search(r"audit, deep page\s+p50 [\d.]+ ms\s+p99 ([\d.]+)", t)),
    ("api", "start to healthy", "s", "lower", 0.5, lambda t: _search(r"start median: ([\d.]+)", t)),
    ("api", "idle RSS", "MiB", "lower", 40, lambda t: _search(r"idle RSS after start: ([\d.]+) MiB", t)),
    ("api", "idle RSS, anonymous", "MiB", "lower", 10, lambda t: _search(r"idle RSS after start: [\d.]+ MiB \(anonymous ([\d.]+)", t)),
    ("api", "GET /api/health req/s (wrk baseline)", "/s", "higher", None, lambda t: _wrk(t, "/api/health", "rps")),
    ("api", "GET /api/backups p99", "ms", "lower", 20, lambda t: _wrk(t, "/api/backups", "p99")),
    ("api", "GET /api/backups req/s", "/s", "higher", 2500, lambda t: _wrk(t, "/api/backups", "rps")),
    ("api", "GET /api/backups/files p99", "ms", "lower", 20, lambda t: _wrk(t, "/api/backups/files", "p99")),
    ("api", "GET /api/backups/files req/s", "/s", "higher", 2500, lambda t: _wrk(t, "/api/backups/files", "rps")),
    ("api", "GET /api/audit p99", "ms", "lower", 20, lambda t: _wrk(t, "/api/audit", "p99")),
    ("api", "GET /api/audit req/s", "/s", "higher", 2500, lambda t: _wrk(t, "/api/audit", "rps")),
    ("api", "RSS after the load", "MiB", "lower", None, lambda t: _search(r"RSS after the load: ([\d.]+) MiB", t)),
    ("s3", "upload CPU vs aws s3 cp", "x", "lower", 0.5, lambda t: _search(r"CPU-time ratio pgbm/aws: upload ([\d.]+)", t)),
    ("s3", "upload wall time aws/pgbm", "x", "higher", 1.0, lambda t: _search(r"wall-time ratio aws/pgbm: upload ([\d.]+)", t)),
    ("s3", "upload peak RSS", "MiB", "lower", None, lambda t: _search(r"peak RSS: upload ([\d.]+) MiB", t)),
    ("backup-1000000", "backup vs pg_dump -Fc", "x", "lower", 0.25,
     lambda t: _search(r"^pgbm backup run.*?\s([\d.]+)\s*$", t, flags=re.M)),
    ("backup-1000000", "backup vs raw pg_dump -Fc -Z0", "x", "lower", 1.2,
     lambda t: _search(r"vs raw pg_dump -Fc -Z0: ([\d.]+)", t)),
    ("backup-1000000", "backup peak RSS", "MiB", "lower", 64,
     lambda t: _search(r"^pgbm backup run \S+ \S+\s+[\d.]+\s+\d+\s+(\d+)", t, flags=re.M)),
    ("backup-1000000", "backup + S3 upload peak RSS", "MiB", "lower", 64,
     lambda t: _search(r"^\s+\+ S3 upload \S+ \S+\s+[\d.]+\s+(\d+)", t, flags=re.M)),
    ("restore-1000000", "restore -j 2 vs pg_restore -j 2, 1 table", "x", "lower", 1.05,
     lambda t: _restore_ratio(t, 1, "pgbm restore --jobs 2")),
    ("restore-1000000", "restore 1 job vs pg_restore, 1 table", "x", "lower", None,
     lambda t: _restore_ratio(t, 1, "pgbm restore (1 job")),
    ("restore-1000000", "restore -j 2 vs pg_restore -j 2, 50 tables", "x", "lower", 1.05,
     lambda t: _restore_ratio(t, 50, "pgbm restore --jobs 2")),
    ("restore-1000000", "restore peak RSS", "MiB", "lower", None,
     lambda t: _search(r"^pgbm restore --jobs 2\s+[\d.]+\s+(\d+)", t, flags=re.M)),
]

# Figures too small to guard: a few hundredths of a second of system time move them by 2x between runs.
UNGUARDED = {"encrypt system/user CPU", "encrypt system beyond the read/user", "decrypt system beyond the read/user"}


def read(directory, name):
    try:
        with open(os.path.join(directory, name + ".txt")) as f:
            return f.read()
    except OSError:
        return None


def value(directory, name, extractor):
    text = read(directory, name) if directory else None
    return extractor(text) if text else None


def fmt(number):
    if number is None:
        return "-"
    return f"{number:,.0f}" if abs(number) >= 100 else f"{number:.2f}"


def meets(number, better, goal):
    if goal is None or number is None:
        return ""
    return "yes" if (number >= goal if better == "higher" else number <= goal) else "NO"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["table"])
    parser.add_argument("--before")
    parser.add_argument("--after", default=os.path.join(HERE, "results"))
    parser.add_argument("--only", help="comma-separated benchmark names")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is worse than half its recorded value")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    rows, failures = [], []
    for bench, figure, unit, better, goal, extractor in FIGURES:
        if only and bench not in only:
            continue
        now = value(args.after, bench, extractor)
        before = value(args.before, bench, extractor)
        guard = ""
        if figure in UNGUARDED:
            guard = "not guarded"
        elif now is not None and before:
            worse = now < before / 2 if better == "higher" else now > before * 2
            guard = "WORSE THAN HALF" if worse else "ok"
            if worse:
                failures.append(f"{bench}: {figure} {fmt(now)} (recorded {fmt(before)})")
        elif args.check and now is None and read(args.after, bench) is not None and before is not None:
            guard = "MISSING"
            failures.append(f"{bench}: {figure} missing from the new result")
        goal_text = "" if goal is None else ("≥ " if better == "higher" else "≤ ") + fmt(goal)
        rows.append((bench, figure, fmt(now), unit, goal_text, meets(now, better, goal), fmt(before), guard))
    header = ("benchmark", "figure", "now", "unit", "goal", "met", "recorded", "guard")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    if failures:
        print("\nworse than half of the recorded value:\n  " + "\n  ".join(failures), file=sys.stderr)
        if args.check:
            sys.exit(1)


if __name__ == "__main__":
    main()
