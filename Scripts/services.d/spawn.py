#!/usr/bin/env python3
"""Start a command in the background in a new session (so it is its own process
group, untouched by Ctrl-C in the caller's terminal and killable as a group),
with stdin from /dev/null and stdout+stderr appended to LOG. Prints its pid.

Usage: spawn.py LOG COMMAND [ARG...]
Extra environment is passed the ordinary way (env VAR=... spawn.py ...).
"""
import subprocess
import sys

log_path, cmd = sys.argv[1], sys.argv[2:]
with open(log_path, "ab") as log, open("/dev/null", "rb") as devnull:
    proc = subprocess.Popen(cmd, stdin=devnull, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True, close_fds=True)
print(proc.pid)
