"""Support for pgbm's browser tests: a real pgbm-server process, PostgreSQL helpers, a headless Chromium."""

import hashlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run through Scripts/test, or source the test services' env.sh "
                           "and export PGBM_BIN_DIR=$(swift build --show-bin-path)")
    return value


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A pgbm-server with fresh data and backup folders in a temporary folder."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="pgbm-ui-")
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.directory, "server.log")
        server_env = {k: v for k, v in os.environ.items() if not k.startswith("PGBM_")}
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [os.path.join(env("PGBM_BIN_DIR"), "pgbm-server"), "--data-dir", os.path.join(self.directory, "data"),
             "--backup-dir", os.path.join(self.directory, "backups"), "--port", str(self.port)],
            cwd=self.directory, env=server_env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pgbm-server exited: {self.read_log()}")
            try:
                with urllib.request.urlopen(self.base_url + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"pgbm-server did not become healthy: {self.read_log()}")

    def read_log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def setup_token(self):
        match = re.search(r"pgbm\.setup\.token=(\S+)", self.read_log())
        if not match:
            raise RuntimeError("no setup token in the server log")
        return match.group(1).strip("'\"")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)


class Postgres:
    """The test services' PostgreSQL 15 (pg_hba: postgres needs no password, other roles scram)."""

    def __init__(self):
        self.url = env("PGBM_TEST_PG15_URL")
        self.bindir = env("PGBM_TEST_PG15_BINDIR")
        match = re.match(r"postgresql://(\w+)@([\d.]+):(\d+)/", self.url)
        self.user, self.host, self.port = match.group(1), match.group(2), int(match.group(3))

    def psql(self, sql, database="postgres"):
        url = re.sub(r"/[^/]*$", "/" + database, self.url)
        result = subprocess.run([os.path.join(self.bindir, "psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                                 "-d", url, "-c", sql], capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr}")
        return result.stdout.strip()


def make_bucket():
    import boto3
    name = "pgbm-ui-" + secrets.token_hex(4)
    client = boto3.client("s3", endpoint_url=env("PGBM_TEST_S3_ENDPOINT"), region_name=env("PGBM_TEST_REGION"),
                          aws_access_key_id=env("PGBM_TEST_S3_ACCESS_KEY"),
                          aws_secret_access_key=env("PGBM_TEST_S3_SECRET_KEY"))
    client.create_bucket(Bucket=name)
    return name


def chromium(download_dir, width=1280, height=800):
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=en-US", "--force-prefers-reduced-motion"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": download_dir, "download.prompt_for_download": False,
        "safebrowsing.enabled": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_dir})
    return driver


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


__all__ = ["By", "EC", "Select", "WebDriverWait", "Server", "Postgres", "make_bucket", "chromium", "sha256_of", "REPO"]
