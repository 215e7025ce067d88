#!/usr/bin/env python3
"""Fault-injecting TCP proxy for the test suite (standard library only).

Usage:
  cutting_proxy.py --target HOST:PORT [--listen-port 0] [--cut-after-bytes N]
                   [--cuts K] [--direction both|upstream|downstream] [--refuse]
                   [--flip-upstream-byte N] [--cut-fraction F [--seed S]]
                   [--exit-on-stdin-eof]

Listens on 127.0.0.1, prints exactly one line ``PORT <n>`` to stdout as soon as it
listens, then serves until SIGTERM/SIGINT (exit status 0).

* Normal mode: every accepted connection is relayed to the target.  With
  ``--cut-after-bytes N`` the first K connections (``--cuts K``, default 1; -1 means
  every connection) forward exactly N bytes in the counted direction (upstream =
  client->server, downstream = server->client, both = the sum), then both sockets
  are reset (SO_LINGER 0, after the N bytes have left the proxy).  The cut fires
  when the byte that would exceed N arrives, so N = 0 cuts at the first byte seen in
  the counted direction.  Later connections are relayed untouched.
* ``--cut-fraction F`` (with ``--cut-after-bytes N``): instead of the first K connections, each
  connection is cut with probability F, after a number of bytes drawn uniformly from 0 … N; the draws
  come from ``--seed S`` (default 1), so a run is reproducible (the soak, Benchmarks/soak.sh).
* ``--refuse``: every accepted connection is reset at once; nothing is forwarded.
* ``--flip-upstream-byte N``: the byte at offset N of all client->server bytes (counted over
  every connection in the order relayed) is inverted, once; everything else is relayed as is.
* ``--exit-on-stdin-eof``: exit when stdin reaches end of file, so a proxy started
  with a pipe as stdin dies with its parent (used by CuttingProxy.swift).

One terse line per connection event goes to stderr.
"""

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import struct
import sys
import threading
import time

CHUNK = 64 * 1024
FLUSH_TIMEOUT = 2.0  # seconds to wait for cut data to leave the kernel before the reset


def log(message):
    sys.stderr.write(f"cutting_proxy: {message}\n")
    sys.stderr.flush()


def _unsent_bytes(sock):
    """Bytes the kernel still holds for `sock` (unsent or unacknowledged), or None."""
    try:
        if sys.platform.startswith("linux"):
            import fcntl
            import termios

            buf = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")  # SIOCOUTQ
            return struct.unpack("i", buf)[0]
        if sys.platform == "darwin":
            return sock.getsockopt(socket.SOL_SOCKET, 0x1024)  # SO_NWRITE
    except (OSError, ValueError):
        return 0
    return None


def _reset(writer):
    """Closes the connection with an RST (SO_LINGER 0), dropping anything unsent."""
    transport = writer.transport
    if transport.is_closing():
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def _flush(writer, deadline):
    """Waits until everything written to `writer` has left the proxy (bounded by deadline)."""
    transport = writer.transport
    while transport.get_write_buffer_size() > 0 and not transport.is_closing():
        if time.monotonic() >= deadline:
            return
        await asyncio.sleep(0.001)
    sock = transport.get_extra_info("socket")
    if sock is None or transport.is_closing():
        return
    while time.monotonic() < deadline:
        pending = _unsent_bytes(sock)
        if pending is None:  # cannot tell on this platform: give the kernel a moment
            await asyncio.sleep(0.05)
            return
        if pending <= 0:
            return
        await asyncio.sleep(0.001)


class Connection:
    def __init__(self, number, limit, direction, client_writer, flipper=None):
        self.number = number
        self.flipper = flipper
        self.limit = limit  # None: relay untouched
        self.direction = direction
        self.counted = 0
        self.cutting = False
        self.aborted = False
        self.client = client_writer
        self.server = None
        self.relayed = {"upstream": 0, "downstream": 0}

    def abort_all(self):
        self.aborted = True
        for writer in (self.client, self.server):
            if writer is not None:
                _reset(writer)

    async def cut(self):
        if self.cutting:
            return
        self.cutting = True
        log(f"#{self.number} cut after {self.counted} bytes ({self.direction})")
        deadline = time.monotonic() + FLUSH_TIMEOUT
        await asyncio.gather(_flush(self.client, deadline), _flush(self.server, deadline))
        self.abort_all()

    async def pump(self, reader, writer, name):
        counted = self.limit is not None and self.direction in ("both", name)
        try:
            while True:
                data = await reader.read(CHUNK)
                if self.cutting:
                    return
                if not data:
                    if writer.can_write_eof() and not writer.transport.is_closing():
                        writer.write_eof()  # half-close: the other direction carries on
                    return
                if counted:
                    remaining = self.limit - self.counted
                    if len(data) >= remaining:
                        data = data[:remaining]
                        self.counted += len(data)
                        self.relayed[name] += len(data)
                        if data:
                            writer.write(data)
                        await self.cut()
                        return
                    self.counted += len(data)
                if name == "upstream" and self.flipper is not None:
                    data = self.flipper.apply(data, self.number)
                self.relayed[name] += len(data)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError) as error:
            if not (self.cutting or self.aborted):
                log(f"#{self.number} {name} error: {error!r}; resetting both sides")
                self.abort_all()


class Flipper:
    """Inverts the byte at one offset of the upstream bytes of all connections together."""

    def __init__(self, offset):
        self.offset = offset
        self.seen = 0

    def apply(self, data, number):
        start, self.seen = self.seen, self.seen + len(data)
        if not start <= self.offset < self.seen:
            return data
        index = self.offset - start
        log(f"#{number} flipped upstream byte {self.offset}")
        return data[:index] + bytes([data[index] ^ 0xFF]) + data[index + 1:]


class Proxy:
    def __init__(self, args):
        self.target_host, self.target_port = args.target
        self.limit = args.cut_after_bytes
        self.cuts = args.cuts
        self.direction = args.direction
        self.refuse = args.refuse
        self.flipper = Flipper(args.flip_upstream_byte) if args.flip_upstream_byte is not None else None
        self.fraction = args.cut_fraction
        self.random = random.Random(args.seed)
        self.accepted = 0
        self.live = set()
        self.tasks = set()

    async def handle(self, client_reader, client_writer):
        self.accepted += 1
        number = self.accepted
        task = asyncio.current_task()
        self.tasks.add(task)
        try:
            await self._handle(number, client_reader, client_writer)
        finally:
            self.tasks.discard(task)

    async def _handle(self, number, client_reader, client_writer):
        peer = client_writer.get_extra_info("peername")
        if self.refuse:
            log(f"#{number} accepted from {peer[0]}:{peer[1]}; refused (reset)")
            _reset(client_writer)
            return

        limit = self.limit
        if self.fraction is not None:
            cut = limit is not None and self.random.random() < self.fraction
            limit = self.random.randint(0, limit) if cut else None
        else:
            cut = limit is not None and (self.cuts < 0 or number <= self.cuts)
        conn = Connection(number, limit if cut else None, self.direction, client_writer, self.flipper)
        self.live.add(conn)
        log(f"#{number} accepted from {peer[0]}:{peer[1]}" + (f"; will cut after {limit} bytes" if cut else ""))
        try:
            try:
                server_reader, server_writer = await asyncio.open_connection(
                    self.target_host, self.target_port, limit=CHUNK)
            except OSError as error:
                log(f"#{number} cannot reach {self.target_host}:{self.target_port}: {error!r}; resetting client")
                _reset(client_writer)
                return
            conn.server = server_writer
            await asyncio.gather(
                conn.pump(client_reader, server_writer, "upstream"),
                conn.pump(server_reader, client_writer, "downstream"))
        finally:
            self.live.discard(conn)
            for writer in (conn.client, conn.server):
                if writer is not None and not writer.transport.is_closing():
                    writer.close()
            log(f"#{number} closed (up {conn.relayed['upstream']} B, down {conn.relayed['downstream']} B"
                + (", cut)" if conn.cutting else ")"))

    async def shutdown(self):
        for conn in list(self.live):
            conn.abort_all()
        # Let the handlers see the resets and finish (a cancelled handler task makes
        # Python 3.11's StreamReaderProtocol print a spurious traceback).
        if self.tasks:
            await asyncio.wait(list(self.tasks), timeout=1.0)


def parse_target(value):
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT")
    return host.strip("[]"), int(port)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Fault-injecting TCP proxy for tests.")
    parser.add_argument("--target", required=True, type=parse_target, help="HOST:PORT to forward to")
    parser.add_argument("--listen-port", type=int, default=0, help="port on 127.0.0.1 (0: kernel-chosen)")
    parser.add_argument("--cut-after-bytes", type=int, default=None, metavar="N",
                        help="reset a connection after relaying N bytes in the counted direction")
    parser.add_argument("--cuts", type=int, default=1, metavar="K",
                        help="how many connections (in accept order) to cut; -1: every one (default 1)")
    parser.add_argument("--direction", choices=("both", "upstream", "downstream"), default="both",
                        help="which bytes count towards N (default both)")
    parser.add_argument("--refuse", action="store_true", help="reset every accepted connection at once")
    parser.add_argument("--flip-upstream-byte", type=int, default=None, metavar="N",
                        help="invert the byte at offset N of all upstream bytes, once")
    parser.add_argument("--cut-fraction", type=float, default=None, metavar="F",
                        help="cut each connection with probability F (needs --cut-after-bytes)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the --cut-fraction draws (default 1)")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="exit when stdin closes (the parent died)")
    args = parser.parse_args(argv)
    if args.cut_after_bytes is not None and args.cut_after_bytes < 0:
        parser.error("--cut-after-bytes must be >= 0")
    if args.cuts < -1:
        parser.error("--cuts must be >= -1")
    if args.cut_fraction is not None and (args.cut_after_bytes is None or not 0 <= args.cut_fraction <= 1):
        parser.error("--cut-fraction needs --cut-after-bytes and a value from 0 to 1")
    return args


async def main(argv):
    args = parse_args(argv)
    proxy = Proxy(args)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    if args.exit_on_stdin_eof:
        def watch_stdin():
            # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader
            # makes interpreter shutdown abort.
            with contextlib.suppress(Exception):
                while os.read(0, 4096):
                    pass
            with contextlib.suppress(RuntimeError):  # loop already closed
                loop.call_soon_threadsafe(stop.set)
        threading.Thread(target=watch_stdin, daemon=True).start()

    server = await asyncio.start_server(proxy.handle, "127.0.0.1", args.listen_port, limit=CHUNK, backlog=128)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {port}\n")
    sys.stdout.flush()
    if args.cut_fraction is not None:
        mode = f"cut {args.cut_fraction:.0%} of connections after 0-{args.cut_after_bytes} B (seed {args.seed})"
    else:
        mode = "refuse" if args.refuse else (
            f"cut {'every' if args.cuts < 0 else args.cuts} connection(s) after {args.cut_after_bytes} B "
            f"({args.direction})" if args.cut_after_bytes is not None else "relay")
    log(f"listening on 127.0.0.1:{port} -> {proxy.target_host}:{proxy.target_port}, {mode}")

    await stop.wait()
    server.close()
    await proxy.shutdown()
    log("stopped")


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1:]))
    except KeyboardInterrupt:
        pass
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # do not wait for (or trip over) the stdin watcher thread
