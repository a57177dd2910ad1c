"""Prefect API servers plenipo starts itself, for the embedded default and for `serve`.

Without PREFECT_API_URL, Prefect starts a temporary ("ephemeral") server in a
subprocess, but only once the flow begins, after the parent has spent ~4 s importing
the server code just to launch it. `TemporaryApiServer` launches the same server
(same command, same SQLite database in PREFECT_HOME, UI and services off) before the
CLI imports Prefect at all, so its boot (~3.5 s of imports alone) overlaps with the
client's own imports. Nothing about the default changes for the user: it is
still a private server that lives exactly as long as the run.

This module must not import Prefect: the point is to start the server first.
"""
from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

START_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(api_url: str, proc: subprocess.Popen, timeout_s: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Prefect API server exited with code {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the Prefect API server did not answer within {timeout_s:.0f} s")


def _prefect_package_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("prefect")  # locates the package without importing it
    return str(Path(spec.origin).parent.parent)


class TemporaryApiServer:
    """Prefect's ephemeral API server, started early; `stop` ends it."""

    def __init__(self):
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.proc = self._spawn()

    def _spawn(self) -> subprocess.Popen:
        env = dict(os.environ, PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
        return subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", _prefect_package_dir(), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def wait_ready(self, attempts: int = 4) -> None:
        """Wait until the server answers. Two runs started together share one SQLite
        database, and the server that loses the race to create or migrate it exits at
        start-up (code 3): start it again on the same port, the database is ready by then."""
        for attempt in range(attempts):
            try:
                wait_healthy(self.api_url, self.proc)
                return
            except RuntimeError:
                if self.proc.poll() is None or attempt == attempts - 1:
                    raise
                time.sleep(0.5 * (attempt + 1))
                self.proc = self._spawn()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


_shared: TemporaryApiServer | None = None


def shared_temporary_server() -> TemporaryApiServer:
    """One temporary server per process (like Prefect's own), stopped when the process exits."""
    global _shared
    if _shared is None or _shared.proc.poll() is not None:
        _shared = TemporaryApiServer()
        atexit.register(_shared.stop)
    return _shared


def is_shared(api_url: str) -> bool:
    return _shared is not None and _shared.api_url == api_url


def start_local_server(port: int | None = None) -> tuple[subprocess.Popen, str]:
    """A full `prefect server start` (scheduler and UI included) on 127.0.0.1, once healthy."""
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    prefect = os.path.join(os.path.dirname(sys.executable), "prefect")
    cmd = [prefect if os.path.exists(prefect) else "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_healthy(api_url, proc)
    except BaseException:
        proc.kill()
        raise
    return proc, api_url
