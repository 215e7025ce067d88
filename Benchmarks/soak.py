#!/usr/bin/env python3
"""The soak under faults (issue 18); started by Benchmarks/soak.sh, which sets the SOAK_* variables and
the test services' PGBM_TEST_* ones. Standard library plus boto3 (installed by Scripts/test)."""

import concurrent.futures
import datetime
import http.client
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

E = os.environ
MINUTES = float(E["SOAK_MINUTES"])
SERVER, CLI, WORK, BACKUPS = E["SOAK_SERVER"], E["SOAK_CLI"], E["SOAK_WORK"], E["SOAK_BACKUPS"]
DATA = f"{WORK}/data"
PG15_BIN, PG16_BIN = E["SOAK_PG15_BIN"], E["PGBM_TEST_PG16_BINDIR"]
PG15, PG16 = urllib.parse.urlparse(E["PGBM_TEST_PG15_URL"]), urllib.parse.urlparse(E["PGBM_TEST_PG16_URL"])
DATABASES = int(E.get("SOAK_DATABASES", "20"))
ROWS = int(E.get("SOAK_ROWS", "10000"))
BURST = int(E.get("SOAK_BURST", "50"))
SAMPLE_SECONDS = 10
RESULTS = pathlib.Path(__file__).resolve().parent / "results"
PASSWORD = "soak-admin-password-1"
BUCKET = "pgbm-soak"
LOG = open(f"{WORK}/soak.log", "a")
CHILDREN = []  # processes to stop when the soak ends or is interrupted


def stop_children(*_):
    for child in CHILDREN:
        if child.poll() is None:
            child.terminate()
    for child in CHILDREN:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
    if _:
        sys.exit(130)


def say(message):
    line = f"{datetime.datetime.now(datetime.timezone.utc):%H:%M:%S} {message}"
    print(line, flush=True)
    LOG.write(line + "\n")
    LOG.flush()


def run(args, env=None, check=True, input=None):
    result = subprocess.run(args, env={**E, **(env or {})}, capture_output=True, text=True, input=input)
    if check and result.returncode != 0:
        sys.exit(f"soak: {' '.join(args[:4])} … failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return result


def cli(*args, env=None):
    return run([CLI, *args, "--data-dir", DATA, "--backup-dir", BACKUPS, "--log-level", "error"], env=env).stdout


def psql(url, sql, binary=PG15_BIN):
    return run([f"{binary}/psql", "-XAtq", "-v", "ON_ERROR_STOP=1", url, "-c", sql]).stdout.strip()


def database_url(parsed, name):
    return f"postgresql://postgres@127.0.0.1:{parsed.port}/{name}"


# ---- setup --------------------------------------------------------------------------------------------

def make_databases():
    """soak_1 … soak_N-1 on PostgreSQL 15, soak_N on 16 (the one whose server restarts)."""
    placed = []
    for i in range(1, DATABASES + 1):
        server, binary = (PG16, PG16_BIN) if i == DATABASES else (PG15, PG15_BIN)
        name = f"soak_{i}"
        admin = database_url(server, "postgres")
        psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", binary)
        psql(admin, f"CREATE DATABASE {name}", binary)
        psql(database_url(server, name),
             "CREATE TABLE readings (id bigint PRIMARY KEY, device text, note text, value double precision);"
             f"INSERT INTO readings SELECT g, 'dev-' || (g % 500), md5(g::text) || md5((g * 7)::text), random() "
             f"FROM generate_series(1, {ROWS}) g", binary)
        placed.append((name, server))
    return placed


def start_proxy():
    target = urllib.parse.urlparse(E["PGBM_TEST_S3_ENDPOINT"]).netloc
    log = open(f"{WORK}/proxy.log", "w")
    proxy = subprocess.Popen(
        ["python3", "Tests/TestSupport/Fixtures/cutting_proxy.py", "--target", target, "--cut-after-bytes", "300000",
         "--cut-fraction", "0.1", "--seed", "18", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
    CHILDREN.append(proxy)
    port = int(proxy.stdout.readline().split()[1])
    return proxy, f"http://127.0.0.1:{port}"


def configure(placed, s3_endpoint):
    import boto3
    boto3.client("s3", endpoint_url=E["PGBM_TEST_S3_ENDPOINT"], aws_access_key_id=E["PGBM_TEST_S3_ACCESS_KEY"],
                 aws_secret_access_key=E["PGBM_TEST_S3_SECRET_KEY"], region_name="us-east-1").create_bucket(Bucket=BUCKET)
    for name, server in placed:
        cli("db", "add", "--name", name, "--host", "127.0.0.1", "--port", str(server.port), "--database", name,
            "--user", "postgres")
        cli("schedule", "add", "--database", name, "--cron", "* * * * *")
    cli("settings", "add-passphrase", env={"PGBM_PASSPHRASE": "soak-passphrase"})
    cli("settings", "set-secret", "s3.secret_key", env={"PGBM_SECRET": E["PGBM_TEST_S3_SECRET_KEY"]})
    cli("settings", "set", "s3.enabled=true", f"s3.bucket={BUCKET}", f"s3.endpoint={s3_endpoint}",
        f"s3.access_key_id={E['PGBM_TEST_S3_ACCESS_KEY']}", "s3.prefix=soak",
        "retention.keep_last=2", "retention.daily=0", "retention.weekly=0", "retention.monthly=0")
    cli("user", "create", "--username", "admin", "--role", "admin", env={"PGBM_USER_PASSWORD": PASSWORD})


# ---- the server and its API ----------------------------------------------------------------------------

class Server:
    def __init__(self):
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = open(f"{WORK}/server.log", "w")
        env = {**E, "PATH": f"{PG16_BIN}:{E['PATH']}"}
        env = {key: value for key, value in env.items() if not key.startswith("PGBM_") or key.startswith("PGBM_TEST")}
        self.process = subprocess.Popen(
            [SERVER, "--data-dir", DATA, "--backup-dir", BACKUPS, "--port", str(self.port), "--log-level", "info"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        CHILDREN.append(self.process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/api/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        status, body, headers = self.request("POST", "/api/auth/login", {"username": "admin", "password": PASSWORD})
        if status != 200:
            sys.exit(f"soak: login failed: {status} {body}")
        self.cookie = headers["set-cookie"].split(";")[0]
        self.csrf = body["csrf_token"]

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if getattr(self, "cookie", None):
            headers["Cookie"] = self.cookie
            headers["X-CSRF-Token"] = self.csrf
        connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = connection.getresponse()
        raw = response.read()
        connection.close()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return response.status, parsed, {k.lower(): v for k, v in response.getheaders()}

    def pages(self, path):
        items, cursor = [], None
        while True:
            separator = "&" if "?" in path else "?"
            status, body, _ = self.request("GET", path + (f"{separator}limit=200&cursor={cursor}" if cursor else f"{separator}limit=200"))
            if status != 200:
                sys.exit(f"soak: GET {path}: {status} {body}")
            items += body["items"]
            cursor = body.get("next_cursor")
            if not cursor:
                return items

    def sample(self):
        pid = self.process.pid
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        return rss / 1024, len(os.listdir(f"/proc/{pid}/fd"))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# ---- faults --------------------------------------------------------------------------------------------

def restart_pg16(stop_event, restarts):
    """Restarts the PostgreSQL 16 server (soak_N's) every 3 minutes."""
    bindir, datadir = pathlib.Path(E["SOAK_PG16_STATE"]).read_text().split("\n")[:2]
    while not stop_event.wait(180):
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        # The restarted server must not inherit a pipe of ours (run() would wait for it to close): its
        # output goes to a log in its data folder.
        code = subprocess.run(
            prefix + [f"{bindir}/pg_ctl", "-D", datadir, "-l", f"{datadir}/soak-restart.log", "-m", "fast", "-w", "-t", "60",
                      "restart"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        restarts.append((time.time(), code))
        say(f"PostgreSQL 16 restarted (pg_ctl exit {code})")


def burst(server, database_ids):
    """BURST concurrent "backup now" requests spread over the databases."""
    with concurrent.futures.ThreadPoolExecutor(BURST) as pool:
        statuses = list(pool.map(lambda i: server.request("POST", f"/api/backups/run/{database_ids[i % len(database_ids)]}")[0],
                                 range(BURST)))
    say(f"burst of {BURST} backup-now requests: {sorted(set(statuses))}")
    return statuses


# ---- checks --------------------------------------------------------------------------------------------

def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if text else None


def slot_report(runs, schedules, window_start, window_end, log_text):
    """Each schedule's minute slots in the window: ran (a run of the schedule queued in that minute), joined a
    run already queued or running (the server's log says so), or unexplained."""
    joined = {}
    for line in log_text.splitlines():
        if "trigger joins it" in line:
            match = re.search(r"^(\S+) .*database_id=(\d+)", line)
            if match:
                joined.setdefault(int(match.group(2)), []).append(parse_time(match.group(1).replace("+0000", "+00:00")))
    by_schedule = {}
    for run_ in runs:
        if run_.get("schedule_id") is not None:
            by_schedule.setdefault(run_["schedule_id"], []).append(parse_time(run_["queued_at"]))
    totals = {"slots": 0, "ran": 0, "joined": 0, "unexplained": 0}
    unexplained = []
    first_slot = (int(window_start) // 60 + 1) * 60
    for schedule in schedules:
        queued = by_schedule.get(schedule["id"], [])
        joins = joined.get(schedule["database_id"], [])
        for slot in range(first_slot, int(window_end) - 60, 60):
            totals["slots"] += 1
            if any(slot <= t < slot + 60 for t in queued):
                totals["ran"] += 1
            elif any(slot <= t < slot + 60 for t in joins):
                totals["joined"] += 1
            else:
                totals["unexplained"] += 1
                unexplained.append((schedule["id"], datetime.datetime.fromtimestamp(slot, datetime.timezone.utc).isoformat()))
    return totals, unexplained


def restore_all(placed, slugs):
    """Restores every backup file left in the folder into a new database; returns (restored, failures)."""
    restored, failures = 0, []
    servers = dict(placed)
    for path in sorted(pathlib.Path(BACKUPS).rglob("*.enc")):
        server = servers.get(slugs.get(path.parent.name), PG15)
        target = f"soak_check_{restored + len(failures)}"
        binary = PG16_BIN if server is PG16 else PG15_BIN
        result = run([CLI, "restore", "--from", str(path), "--to", database_url(server, target), "--create",
                      "--data-dir", DATA, "--backup-dir", BACKUPS, "--log-level", "error"],
                     env={"PATH": f"{PG16_BIN}:{E['PATH']}"}, check=False)
        count = psql(database_url(server, target), "SELECT count(*) FROM readings", binary) if result.returncode == 0 else "-"
        if result.returncode == 0 and count == str(ROWS):
            restored += 1
        else:
            failures.append(f"{path.name}: exit {result.returncode}, rows {count}: {result.stderr.strip()[-300:]}")
        psql(database_url(server, "postgres"), f"DROP DATABASE IF EXISTS {target} WITH (FORCE)", binary)
    return restored, failures


def flat(samples, index, tolerance):
    """Whether the last third of the samples stays within `tolerance` of the median of the middle third."""
    values = [s[index] for s in samples]
    third = max(1, len(values) // 3)
    middle = sorted(values[third:2 * third] or values)[len(values[third:2 * third] or values) // 2]
    return max(values[-third:]) <= middle + tolerance, middle, max(values[-third:])


def svg(samples, path):
    width, height, pad = 720, 300, 40
    span = max(samples[-1][0], 1)
    def line(index, top, color):
        points = " ".join(f"{pad + s[0] / span * (width - 2 * pad):.1f},{height - pad - s[index] / top * (height - 2 * pad):.1f}"
                          for s in samples)
        return f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>'
    rss_top = max(s[1] for s in samples) * 1.2
    fd_top = max(s[2] for s in samples) * 1.2
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">'
        f'<rect width="100%" height="100%" fill="white"/>'
        f'<text x="{pad}" y="20">pgbm-server soak: RSS (MiB, blue, top {rss_top:.0f}) and open descriptors (orange, top {fd_top:.0f}) over {span / 60:.1f} min</text>'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="black"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="black"/>'
        + line(1, rss_top, "#1f77b4") + line(2, fd_top, "#ff7f0e") + "</svg>\n")


def main():
    signal.signal(signal.SIGTERM, stop_children)
    signal.signal(signal.SIGINT, stop_children)
    say(f"soak: {MINUTES:g} min, {DATABASES} databases of {ROWS} rows, bursts of {BURST}, tmpfs {BACKUPS}")
    placed = make_databases()
    proxy, s3_endpoint = start_proxy()
    configure(placed, s3_endpoint)
    server = Server()
    databases = server.pages("/api/config/databases")
    database_ids = [d["id"] for d in databases]
    slugs = {d["slug"]: d["name"] for d in databases}
    started = time.time()
    stop_faults = threading.Event()
    restarts = []
    restarter = threading.Thread(target=restart_pg16, args=(stop_faults, restarts), daemon=True)
    restarter.start()
    samples, bursts = [], []
    next_burst = started + 90
    ballast = pathlib.Path(BACKUPS) / "ballast"  # another program filling the disk, from half to three quarters
    fill_at, free_at = started + MINUTES * 30, started + MINUTES * 45
    freed = started + MINUTES * 45
    while time.time() < started + MINUTES * 60:
        if fill_at and time.time() >= fill_at:
            fill_at = None
            stat = os.statvfs(BACKUPS)
            size = max(0, stat.f_bavail * stat.f_frsize - 8 * 1048576)
            with open(ballast, "wb") as handle:
                handle.truncate(size)
                handle.write(b"\0")  # touch the end so the tmpfs really allocates
            subprocess.run(["fallocate", "-l", str(size), str(ballast)], check=False)
            say(f"disk filled by another program: {size / 1048576:.0f} MiB ballast, 8 MiB left")
        if free_at and time.time() >= free_at:
            free_at = None
            ballast.unlink()
            say("ballast removed: the disk has room again")
        rss, fds = server.sample()
        samples.append((time.time() - started, rss, fds))
        say(f"t={samples[-1][0]:5.0f}s RSS {rss:6.1f} MiB, {fds} fds, backup folder {shutil_usage()}")
        if time.time() >= next_burst:
            bursts.append(burst(server, database_ids))
            next_burst += 180
        time.sleep(SAMPLE_SECONDS)
    window_end = time.time()
    stop_faults.set()
    say("faults stopped; pausing the schedules and waiting for runs to end")
    schedules = server.pages("/api/schedules")
    for schedule in schedules:
        server.request("POST", f"/api/schedules/{schedule['id']}/pause")
    deadline = time.time() + 180
    while time.time() < deadline:
        active = [r for r in server.pages("/api/backups?state=running") + server.pages("/api/backups?state=queued")]
        if not active:
            break
        time.sleep(5)
    runs = server.pages("/api/backups")
    stuck = [r["id"] for r in runs if r["state"] in ("running", "queued")]
    rss, fds = server.sample()
    samples.append((time.time() - started, rss, fds))
    server.stop()
    proxy.terminate()
    log_text = pathlib.Path(f"{WORK}/server.log").read_text(errors="replace")
    totals, unexplained = slot_report(runs, schedules, started, window_end, log_text)
    partials = [str(p) for p in pathlib.Path(BACKUPS).rglob("*.partial")]
    states = {}
    for r in runs:
        states[r["state"]] = states.get(r["state"], 0) + 1
    errors = {}
    for r in runs:
        if r["state"] == "failed":
            key = re.sub(r"\d+", "N", (r.get("error") or "")[:90])
            errors[key] = errors.get(key, 0) + 1
    recovered = sum(1 for r in runs if r["state"] == "succeeded" and parse_time(r["queued_at"]) >= freed + 5)
    refused = sum(1 for r in runs if r["state"] == "failed" and "free space" in (r.get("error") or ""))
    upload_warnings = sum(1 for r in runs if r["state"] == "succeeded" and r.get("error"))
    proxy_log = pathlib.Path(f"{WORK}/proxy.log").read_text(errors="replace")
    proxied, cut = proxy_log.count(" accepted from "), proxy_log.count(" cut after ")
    say("restoring every backup file left in the folder")
    restored, restore_failures = restore_all(placed, slugs)
    rss_ok, rss_mid, rss_end = flat(samples, 1, 10.0)
    fd_ok, fd_mid, fd_end = flat(samples, 2, 10)
    checks = {
        "every scheduled slot ran or is explained": totals["unexplained"] == 0,
        "no run stuck in queued or running": not stuck,
        "the full disk refused backups, and they succeed again once it has room": refused > 0 and recovered > 0,
        "no .partial file left": not partials,
        "every backup file left restores": not restore_failures and restored > 0,
        "RSS flat (last third within +10 MiB of the middle third)": rss_ok,
        "open descriptors flat (within +10)": fd_ok,
    }
    lines = [
        f"pgbm soak: {MINUTES:g} min, {DATABASES} databases x {ROWS} rows on '* * * * *', bursts of {BURST} backup-now every 3 min, "
        f"S3 behind a proxy cutting 10 % of connections, backup folder on a {E.get('SOAK_TMPFS_MB', '40')} MiB tmpfs, "
        f"PostgreSQL 16 (soak_{DATABASES}) restarted every 3 min ({len(restarts)} restarts)",
        f"runs: {len(runs)} {json.dumps(states, sort_keys=True)}; succeeded with an upload warning: {upload_warnings}",
        f"S3 connections through the proxy: {proxied}, cut: {cut}",
        f"full disk: {refused} runs refused; {recovered} succeeded after the ballast was removed",
        "failed runs by error: " + json.dumps(errors, sort_keys=True),
        f"scheduled slots: {json.dumps(totals)}" + (f"; unexplained: {unexplained[:10]}" if unexplained else ""),
        f"burst answers: {[sorted(set(b)) for b in bursts]}",
        f"stuck runs: {stuck}; .partial files: {partials}",
        f"restored: {restored} backup files" + (f"; failures: {restore_failures[:5]}" if restore_failures else ""),
        f"RSS MiB: start {samples[0][1]:.1f}, middle third median {rss_mid:.1f}, last third max {rss_end:.1f}, end {samples[-1][1]:.1f}",
        f"open descriptors: start {samples[0][2]}, middle third median {fd_mid}, last third max {fd_end}, end {samples[-1][2]}",
        "",
    ] + [f"{'PASS' if ok else 'FAIL'}  {name}" for name, ok in checks.items()]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "soak-samples.txt").write_text("".join(f"{t:.0f} {r:.1f} {f}\n" for t, r, f in samples))
    svg(samples, RESULTS / "soak.svg")
    text = "\n".join(lines) + "\n"
    print(text)
    subprocess.run(["bash", "Benchmarks/save-result.sh", "soak"], input=text, text=True, check=True)
    sys.exit(0 if all(checks.values()) else 1)


def shutil_usage():
    stat = os.statvfs(BACKUPS)
    used = (stat.f_blocks - stat.f_bfree) * stat.f_frsize
    return f"{used / 1048576:.1f}/{stat.f_blocks * stat.f_frsize / 1048576:.0f} MiB"


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_children()
