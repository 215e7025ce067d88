#!/usr/bin/env python3
"""Print N free TCP ports on 127.0.0.1, one per line, chosen by the kernel.

All sockets are held open until every port is picked, so the N ports differ.
"""
import socket
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
socks = []
try:
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    for s in socks:
        print(s.getsockname()[1])
finally:
    for s in socks:
        s.close()
