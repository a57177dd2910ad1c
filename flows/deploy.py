"""`plenipo serve`: the pipeline as a Prefect deployment on a cron schedule.

Schedules need a Prefect server whose scheduler creates the runs. When PREFECT_API_URL
is set, plenipo uses that server. Otherwise it starts one on this machine
(`prefect server start`, SQLite under PREFECT_HOME) for as long as `serve` runs, and
stops it on exit.
"""
from __future__ import annotations

import os
import subprocess

from flows.api_server import start_local_server


def serve(name: str, cron: str, sources: list[str], options: dict) -> int:
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        server, api_url = start_local_server()
        os.environ["PREFECT_API_URL"] = api_url
        print(f"plenipo: started a Prefect server at {api_url} (UI at {api_url[:-4]}); Ctrl-C stops both", flush=True)
    try:
        from prefect.deployments.runner import EntrypointType

        from flows.pipeline import plenipo_run

        params = {"sources": sources, **options}
        print(f"plenipo: serving deployment 'plenipo/{name}' on cron {cron!r}", flush=True)
        # one run at a time: the deployment's limit, and the data folder's lock as well
        plenipo_run.serve(name=name, cron=cron, parameters=params, global_limit=1, limit=1,
                          print_starting_message=False, entrypoint_type=EntrypointType.MODULE_PATH)
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
