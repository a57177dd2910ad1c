"""`plenipo` command line: a thin layer over the flow in flows.pipeline."""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys

DEFAULT_CRON = "0 2 * * *"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="plenipo", description="Turn press releases, news and ITU documents into Parquet tables.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--data", default="data", metavar="DIR", help="data folder or URI for the Parquet tables (default: data/)")
        sp.add_argument("--batch-size", type=int, default=200, help="documents per task (default: 200)")
        sp.add_argument("--workers", type=int, default=0, help="parser processes per machine (default: one per core)")
        sp.add_argument("--timeout", type=float, default=120.0, help="seconds one file may take before its parser is killed")
        sp.add_argument("--memory-mb", type=int, default=3072, help="address-space cap of a parser process, in MiB")
        sp.add_argument("--commit-every", type=int, default=2000, metavar="N", help="make results visible every N documents (default: 2000)")
        sp.add_argument("--follow-symlinks", action="store_true", help="follow symlinks that lead outside the source folders")
        sp.add_argument("--wait", type=float, default=3600.0, metavar="SECONDS", help="how long to wait for another run on the same data folder")
        sp.add_argument("--runner", choices=("local", "dask"), default="local", help="where batches run (default: local processes)")
        sp.add_argument("--address", help="with --runner dask: scheduler address of an existing cluster (tcp://host:8786)")
        sp.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
        sp.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log on the console")

    run = sub.add_parser("run", help="process every new or changed file under SOURCE (default: seeds/)")
    run.add_argument("sources", nargs="*", metavar="SOURCE", help="files or folders (recursive)")
    common(run)
    add = sub.add_parser("add", help="add files or folders to the corpus and process them")
    add.add_argument("sources", nargs="+", metavar="FILE|FOLDER", help="files or folders to add (recursive)")
    common(add)
    serve = sub.add_parser("serve", help="serve the pipeline as a Prefect deployment on a cron schedule")
    serve.add_argument("sources", nargs="*", metavar="SOURCE", help="folders to process (default: the data folder's corpus)")
    serve.add_argument("--cron", default=DEFAULT_CRON, help=f"cron expression (default: {DEFAULT_CRON!r})")
    serve.add_argument("--name", default="plenipo-scheduled", help="deployment name")
    common(serve)
    status = sub.add_parser("status", help="show the last runs and the size of every table")
    status.add_argument("--data", default="data", metavar="DIR", help="data folder or URI (default: data/)")
    status.add_argument("--json", action="store_true", help="print as JSON")
    return p


def _quiet_prefect_console(verbose: bool) -> None:
    """Keep Prefect's INFO chatter off the terminal (it still reaches the API and the UI)."""
    if verbose:
        return
    from prefect.logging.handlers import PrefectConsoleHandler

    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "prefect.server", ""):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, PrefectConsoleHandler):
                handler.setLevel(logging.WARNING)
    # "Still processing items: N remaining" while Prefect sends its last events at exit: the
    # events are sent all the same; a failure to send them is still logged as an error
    logging.getLogger("EventsWorker").setLevel(logging.ERROR)


def _check_data_folder(data: str) -> str | None:
    """A one-line reason when the data folder cannot be used, before Prefect starts."""
    from outputs.store import DataStore, StoreError

    try:
        DataStore(data).ensure_layout()
    except StoreError as exc:
        return str(exc)
    except (OSError, ValueError) as exc:
        return f"data folder {data} cannot be used: {exc}"
    return None


class _TerminalProgress:
    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self.progress = Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=self.console, transient=True)
        self.task = None

    def start(self, total: int) -> None:
        if total:
            self.progress.start()
            self.task = self.progress.add_task("documents", total=total)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)

    def message(self, text: str) -> None:
        self.console.print(text)

    def stop(self) -> None:
        if self.task is not None:
            self.progress.stop()
            self.task = None


def _run_options(a: argparse.Namespace) -> dict:
    return dict(data=a.data, batch_size=a.batch_size, workers=a.workers, timeout_s=a.timeout, memory_mb=a.memory_mb,
                follow_symlinks=a.follow_symlinks, lock_wait_s=a.wait, commit_every=a.commit_every)


def _flow_for(a: argparse.Namespace):
    from flows.pipeline import plenipo_run
    from flows.runners import task_runner_for

    if a.runner == "local":
        return plenipo_run, 2  # two batches in flight: one parsed while the other is written
    runner, window = task_runner_for(a.runner, a.address, a.workers)
    return plenipo_run.with_options(task_runner=runner), window


def cmd_run(a: argparse.Namespace) -> int:
    from flows import api_server

    server = None
    if not os.environ.get("PREFECT_API_URL") or api_server.is_shared(os.environ["PREFECT_API_URL"]):
        # Prefect's embedded server, started first, before even pyarrow and Prefect are imported,
        # so that its boot overlaps with all of our start-up (flows.api_server)
        server = api_server.shared_temporary_server()
        os.environ["PREFECT_API_URL"] = server.api_url
    if reason := _check_data_folder(a.data):
        print(f"plenipo: {reason}", file=sys.stderr)
        return 1
    from flows import progress
    from outputs.store import DataStore

    store = DataStore(a.data)
    if a.command == "add":
        corpus = store.load_state("sources.json") or {"sources": []}
        added = [os.path.abspath(s) for s in a.sources]
        corpus["sources"] = sorted(set(corpus["sources"]) | set(added))
        store.save_state("sources.json", corpus)
        sources = added
    else:
        sources = a.sources or ["seeds"]
    if not a.no_progress and sys.stderr.isatty():
        progress.install(_TerminalProgress())
    flow_fn, window = _flow_for(a)
    _quiet_prefect_console(a.verbose)
    if server is not None:
        server.wait_ready()
    if a.runner == "local":
        # Started once the server is up, not with it: on two cores their imports would slow the
        # server's boot, while the flow's first steps (plan, which files are new) leave a core free
        from flows.workers import pool_settings, shared_pool

        shared_pool(pool_settings(a.workers, a.timeout, a.memory_mb)).start()
    # Everything imported so far lives as long as the run: keep the garbage collector from
    # walking it again on every full collection while the run makes millions of short-lived rows
    gc.freeze()
    with _without_heartbeats(server is not None):
        summary = flow_fn(sources=sources, window=window, **_run_options(a))
    if summary.get("error"):
        print(f"plenipo: {summary['error']}", file=sys.stderr)
        return 1
    print(_summary_text(summary))
    return 0


def _without_heartbeats(own_server: bool):
    """Flow-run heartbeats let a long-lived server mark a run whose process died as crashed. Our
    temporary server lives and dies with this process, so nothing reads them, and stopping the
    heartbeat thread costs up to a second at the end of every run."""
    from contextlib import nullcontext

    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}) if own_server else nullcontext()


def _summary_text(s: dict) -> str:
    rows = ", ".join(f"{n} {t}" for t, n in sorted(s["rows_written"].items()) if n)
    replaced = f", {s['replaced']} replaced" if s["replaced"] else ""
    return (f"plenipo run {s['run_id']} -> {s['data']}\n"
            f"  documents: {s['new']} new, {s['unchanged']} unchanged, {s['failed']} failed{replaced}\n"
            f"  rows written: {rows or 'none'}\n"
            f"  time: {s['seconds']:.1f} s")


def cmd_serve(a: argparse.Namespace) -> int:
    if reason := _check_data_folder(a.data):
        print(f"plenipo: {reason}", file=sys.stderr)
        return 1
    from flows.deploy import serve

    return serve(name=a.name, cron=a.cron, sources=[os.path.abspath(s) for s in a.sources], options=_run_options(a))


def cmd_status(a: argparse.Namespace) -> int:
    from outputs.store import DataStore

    store = DataStore(a.data)
    runs = (store.load_state("runs.json") or {}).get("runs", [])
    counts = store.row_counts() if store.fs.get_file_info(store.root).type.name != "NotFound" else {}
    if a.json:
        print(json.dumps({"runs": runs[-10:], "tables": counts}, indent=1))
        return 0
    print(f"data folder: {a.data}")
    print("tables:")
    for name, n in counts.items():
        print(f"  {name:18s} {n:>10,d} rows")
    print("last runs:")
    if not runs:
        print("  (none)")
    for r in runs[-10:]:
        print(f"  {r['started_at'][:19]}  {r['run_id']}  new {r['new']}, unchanged {r['unchanged']}, "
              f"failed {r['failed']}, {r['seconds']:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    a = _parser().parse_args(argv)
    # offline by default: no telemetry calls that can only fail on a closed network
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        if a.command in ("run", "add"):
            return cmd_run(a)
        if a.command == "serve":
            return cmd_serve(a)
        return cmd_status(a)
    except KeyboardInterrupt:
        print("plenipo: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
