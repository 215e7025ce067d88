#!/usr/bin/env python3
"""SMTP sink for pgbm tests.

Accepts every message on HOST:PORT and stores it in MAILDIR as <id>.eml (the
raw message) plus <id>.json ({"mail_from", "rcpt_tos", "peer", "helo",
"received_at"}). The .json is written first and each file is written under a
hidden temporary name and then renamed, so a reader that sees <id>.eml sees
both files complete. Stops cleanly on SIGTERM/SIGINT.

Usage: smtp_sink.py --port PORT --maildir DIR [--host 127.0.0.1]
"""
import argparse
import asyncio
import datetime
import json
import os
import signal
import time
import uuid

from aiosmtpd.smtp import SMTP


def write_atomic(path, data):
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class Sink:
    def __init__(self, maildir):
        self.maildir = maildir

    async def handle_DATA(self, server, session, envelope):
        msg_id = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "peer": list(session.peer)[:2] if session.peer else None,
            "helo": session.host_name,
            "received_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        }
        body = envelope.original_content or envelope.content or b""
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogateescape")
        base = os.path.join(self.maildir, msg_id)
        write_atomic(base + ".json", json.dumps(meta, indent=2).encode())
        write_atomic(base + ".eml", body)
        print(f"stored {msg_id} from {meta['mail_from']} to {meta['rcpt_tos']}", flush=True)
        return f"250 OK queued as {msg_id}"


async def main(args):
    os.makedirs(args.maildir, exist_ok=True)
    handler = Sink(args.maildir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        # hostname given so aiosmtpd does not look up the FQDN (slow without DNS)
        lambda: SMTP(handler, hostname="pgbm-test-smtp", enable_SMTPUTF8=True),
        host=args.host,
        port=args.port,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"smtp sink listening on {args.host}:{args.port}, maildir {args.maildir}", flush=True)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description="SMTP sink for pgbm tests")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildir", required=True)
    asyncio.run(main(p.parse_args()))
