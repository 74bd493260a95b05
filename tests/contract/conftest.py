"""Starts `agora serve --demo` once per test session on a fresh SQLite database.

The binary comes from $AGORA_BIN (default: target/debug/agora in the
repository root). The server picks a free port (`--addr 127.0.0.1:0`) and
prints a line containing `http://127.0.0.1:PORT` once it listens.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "correct horse battery"
START_TIMEOUT_S = 60
ADDR_RE = re.compile(r"http://127\.0\.0\.1:(\d+)")


def agora_bin() -> str:
    env = os.environ.get("AGORA_BIN")
    path = Path(env) if env else REPO_ROOT / "target" / "debug" / "agora"
    return str(path.resolve())


class Server:
    def __init__(self, base_url: str, proc: subprocess.Popen, log: list[str]):
        self.base_url = base_url
        self.proc = proc
        self.log = log
        self.http = requests.Session()

    def url(self, path: str) -> str:
        return self.base_url + path

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 15)
        kwargs.setdefault("allow_redirects", False)
        return self.http.get(self.url(path), **kwargs)


@pytest.fixture(scope="session")
def server():
    binary = agora_bin()
    if not os.path.exists(binary):
        pytest.fail(f"agora binary not found at {binary} (build it with `cargo build` or set AGORA_BIN)")
    tmp = tempfile.mkdtemp(prefix="agora-contract-")
    db = f"sqlite://{tmp}/agora.db"
    try:
        created = subprocess.run(
            [binary, "admin", "create", "--db", db, "--email", ADMIN_EMAIL, "--role", "admin", "--password-stdin"],
            input=ADMIN_PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        if created.returncode != 0:
            pytest.fail(f"`agora admin create` failed ({created.returncode}):\n{created.stdout}{created.stderr}")

        proc = subprocess.Popen(
            [binary, "serve", "--demo", "--db", db, "--addr", "127.0.0.1:0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        log: list[str] = []
        found = threading.Event()
        port: list[str] = []

        def pump():
            assert proc.stdout is not None
            for line in proc.stdout:
                log.append(line)
                if not found.is_set():
                    m = ADDR_RE.search(line)
                    if m and m.group(1) != "0":
                        port.append(m.group(1))
                        found.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not found.wait(0.1):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                time.sleep(0.2)
                pytest.fail(
                    f"`agora serve` {'exited ' + str(proc.returncode) if proc.returncode is not None else 'printed no address'}"
                    f" within {START_TIMEOUT_S}s:\n{''.join(log)}"
                )
        srv = Server(f"http://127.0.0.1:{port[0]}", proc, log)
        try:
            yield srv
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
