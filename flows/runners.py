"""Task runners: local worker processes by default, or a Dask cluster for users beyond one machine."""
from __future__ import annotations


def task_runner_for(runner: str, address: str | None = None, workers: int = 0):
    """Return (task runner, batches in flight) for `--runner`.

    With Dask, each batch task runs on a cluster worker, which parses its documents in
    its own killable parser process; the flow (one writer) writes the results.
    """
    if runner != "dask":
        raise ValueError(f"unknown runner {runner!r}")
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address), 8
    n = workers or 2
    kwargs = {"n_workers": n, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    return DaskTaskRunner(cluster_kwargs=kwargs), 2 * n
