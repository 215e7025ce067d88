#!/usr/bin/env python3
"""Reference run times for BackupCronTests: croniter 6.0.0 in UTC.

Reads JSON lines {"expression": "...", "start": <seconds since 1970>, "count": <n>} on stdin and writes one
JSON line per input: {"next": [<seconds since 1970>, ...]} or {"error": "<croniter's message>"}.
"""
import json
import sys
from datetime import datetime, timezone

from croniter import croniter


def runs(expression, start, count):
    iterator = croniter(expression, datetime.fromtimestamp(start, timezone.utc))
    return [int(iterator.get_next(float)) for _ in range(count)]


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            answer = {"next": runs(request["expression"], request["start"], request["count"])}
        except Exception as error:  # report every croniter failure to the Swift side
            answer = {"error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
