"""`plenipo serve`: the pipeline as a Prefect deployment on a cron schedule.

Schedules need a Prefect server whose scheduler creates the runs. When PREFECT_API_URL
is set, plenipo uses that server. Otherwise it starts one on this machine
(`prefect server start`, SQLite under PREFECT_HOME) for as long as `serve` runs, and
stops it on exit.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

SERVER_START_TIMEOUT_S = 90.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(api_url: str, proc: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the Prefect server did not answer within {timeout_s:.0f} s")


def start_local_server(port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` on 127.0.0.1 and return (process, API URL) once healthy."""
    port = port or _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    prefect = os.path.join(os.path.dirname(sys.executable), "prefect")
    cmd = [prefect if os.path.exists(prefect) else "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_healthy(api_url, proc, SERVER_START_TIMEOUT_S)
    except BaseException:
        proc.kill()
        raise
    return proc, api_url


def serve(name: str, cron: str, sources: list[str], options: dict) -> int:
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        server, api_url = start_local_server()
        os.environ["PREFECT_API_URL"] = api_url
        print(f"plenipo: started a Prefect server at {api_url} (UI at {api_url[:-4]}); Ctrl-C stops both", flush=True)
    try:
        from flows.pipeline import plenipo_run

        params = {"sources": sources, **options}
        print(f"plenipo: serving deployment 'plenipo/{name}' on cron {cron!r}", flush=True)
        # one run at a time: the deployment's limit, and the data folder's lock as well
        plenipo_run.serve(name=name, cron=cron, parameters=params, global_limit=1, limit=1,
                          print_starting_message=False)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
