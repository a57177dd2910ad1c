"""The plenipo flow: discover -> skip known -> batches -> one task per batch -> write -> finalise.

Tasks orchestrate; the work is in `extractors` (pure steps, run in killable worker
processes by `flows.workers`) and `outputs` (tables and the transactional store).
"""
from __future__ import annotations

import time
import uuid
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows import progress
from flows.sources import KnownFailure, Plan, SourceFile, discover, plan_work
from flows.workers import PoolSettings, pool_settings, shared_pool
from outputs.rows import TableRows, build_parties, failure_row
from outputs.schema import FAILURES
from outputs.store import DataStore, ManifestEntry, StoreError, StreamingWriter

TEMPLATE_SAMPLE = 40  # files per folder read to learn its template lines
TEMPLATE_MIN_FILES = 3
PARTIES_STATE = "parties.json"  # which table files the parties table was last built from


def pipeline_version() -> str:
    try:
        return version("plenipo")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(slots=True)
class BatchResult:
    tables: dict[str, pa.Table]
    ok: list[tuple[str, str]]  # (source path, doc_id) written as documents
    failed: list[tuple[str, str | None]]  # (source path, doc_id) written as failures
    timings: dict[str, float] = field(default_factory=dict)


class Batch:
    """The jobs of one process-batch task, passed as one opaque value. Prefect walks list and
    dict parameters item by item looking for futures to wait on (tens of ms for 200 jobs);
    a batch holds none."""

    __slots__ = ("jobs",)

    def __init__(self, jobs: list[dict]):
        self.jobs = jobs


@dataclass(slots=True)
class RunSummary:
    run_id: str
    data: str
    started_at: str
    seconds: float = 0.0
    discovered: int = 0
    new: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    replaced: int = 0
    rows_written: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        rows = sum(self.rows_written.values())
        return (f"{self.new} new, {self.unchanged} unchanged, {self.failed} failed "
                f"({self.replaced} replaced, {self.duplicates} duplicates) - {rows} rows written in {self.seconds:.1f} s")


# -- tasks -------------------------------------------------------------------------------
# I/O against the data folder (possibly an object store) may succeed on a retry; parsing never does.
@task(name="plan-sources", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def plan_sources(sources: list[str], data: str, follow_symlinks: bool) -> tuple[Plan, list[SourceFile], dict[str, set[str]], list]:
    """Discover files; skip those whose doc_id is already in the tables."""
    store = DataStore(data)
    found = discover(sources, follow_symlinks=follow_symlinks)
    docs = store.read("documents", ["doc_id", "source_uri"])
    fails = store.read("failures", ["doc_id", "source_uri", "stage", "error", "message"])
    by_uri: dict[str, set[str]] = {}
    for table in (docs, fails):
        for doc_id, uri in zip(table["doc_id"].to_pylist(), table["source_uri"].to_pylist()):
            by_uri.setdefault(uri, set()).add(doc_id)
    known_failures = {r["doc_id"]: KnownFailure(r["stage"], r["error"], r["message"]) for r in fails.to_pylist() if r["doc_id"]}
    plan = plan_work(found.files, store.load_manifest(), set(docs["doc_id"].to_pylist()), known_failures,
                     set(fails["source_uri"].to_pylist()))
    return plan, found.files, by_uri, found.skipped


@task(name="learn-templates", cache_policy=NO_CACHE)
def learn_templates(groups: dict[str, list[str]], pool: PoolSettings) -> dict[str, frozenset[str]]:
    """Per folder, the lines that recur across its documents: the site's template."""
    from extractors.boilerplate import learn_template_lines

    workers = shared_pool(pool)
    jobs, owner = [], {}
    for group, paths in groups.items():
        for path in paths:
            owner[len(jobs)] = group
            jobs.append({"kind": "call", "seq": len(jobs), "function": "flows.worker_main.template_candidates_of",
                         "args": (path, pool.max_bytes)})
    candidates: dict[str, list[frozenset[str]]] = {g: [] for g in groups}
    for result in workers.run(jobs):
        if result["ok"] and result["value"] is not None:
            candidates[owner[result["seq"]]].append(result["value"])
    learned = {g: learn_template_lines(sets) for g, sets in candidates.items() if sets}
    for group, lines in learned.items():
        get_run_logger().info("%s: %d template lines learned from %d files", group, len(lines), len(candidates[group]))
    return learned


@task(name="process-batch", cache_policy=NO_CACHE)
def process_batch(batch: Batch, pool: PoolSettings) -> BatchResult:
    """Load, clean, classify and extract every document of a batch, in killable workers."""
    rows = TableRows()
    ok, failed = [], []
    timings: dict[str, float] = {}
    by_seq = {j["seq"]: j for j in batch.jobs}
    for result in shared_pool(pool).run(batch.jobs):
        job = by_seq[result["seq"]]
        if result["ok"]:
            rows.extend(TableRows(result["rows"]))
            ok.append((job["path"], result["doc_id"]))
            for stage, secs in result["timings"].items():
                timings[stage] = timings.get(stage, 0.0) + secs
        else:
            rows.append("failures", failure_row(
                source_uri=job["source_uri"], doc_id=result.get("doc_id") or job.get("doc_id"),
                stage=result["stage"], error=result["error"], message=result["message"],
                failed_at=datetime.now(timezone.utc), run_id=job["run_id"]))
            failed.append((job["path"], result.get("doc_id") or job.get("doc_id")))
    get_run_logger().info("batch of %d: %d documents, %d failures", len(batch.jobs), len(ok), len(failed))
    return BatchResult(tables=rows.to_tables(), ok=ok, failed=failed, timings=timings)


@task(name="finalise", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def finalise(data: str, stale_ids: set[str], stale_failure_uris: set[str]) -> int:
    """Drop replaced versions of changed files, and rebuild the cross-document parties table."""
    store = DataStore(data)
    removed = store.remove_documents(stale_ids, stale_failure_uris)
    if removed:
        get_run_logger().info("removed %d rows of %d replaced document versions", removed, len(stale_ids))
    # The parties table is derived from the documents' files: rebuilt only when they or it changed
    # (a run that found nothing new skips reading every document's parties).
    def file_names(*tables: str) -> list[str]:
        return [p.rsplit("/", 1)[-1] for t in tables for p in store.parts(t)]

    sources = file_names("documents", "document_parties")
    if store.load_state(PARTIES_STATE) == {"built_from": sources, "parties": file_names("parties")}:
        return removed
    doc_dates = {r["doc_id"]: r["published_date"] or (r["ingested_at"].date() if r["ingested_at"] else None)
                 for r in store.iter_rows("documents", ["doc_id", "published_date", "ingested_at"])}
    store.replace_table("parties", build_parties(store.iter_rows("document_parties"), doc_dates))
    store.save_state(PARTIES_STATE, {"built_from": sources, "parties": file_names("parties")})
    return removed


# -- the flow ----------------------------------------------------------------------------
@flow(name="plenipo", log_prints=False)
def plenipo_run(
    sources: list[str] = ["seeds"],  # noqa: B006 (Prefect shows it as the deployment's default)
    data: str = "data",
    batch_size: int = 200,
    workers: int = 0,
    timeout_s: float = 120.0,
    memory_mb: int = 3072,
    commit_every: int = 2000,
    follow_symlinks: bool = False,
    lock_wait_s: float = 3600.0,
    window: int = 2,
) -> dict:
    """One batch run over `sources` into the `data` folder; returns the run summary."""
    logger = get_run_logger()
    t0 = time.perf_counter()
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    summary = RunSummary(run_id=run_id, data=data, started_at=datetime.now(timezone.utc).isoformat())
    pool = pool_settings(workers, timeout_s, memory_mb)
    store = DataStore(data)
    store.ensure_layout()
    if not sources:
        sources = (store.load_state("sources.json") or {}).get("sources") or ["seeds"]
    on_wait = lambda msg: (logger.warning(msg), progress.reporter().message(msg))  # noqa: E731
    try:
        with store.lock(wait_seconds=lock_wait_s, on_wait=on_wait):
            _run_locked(store, summary, sources, pool, batch_size=batch_size, commit_every=commit_every,
                        follow_symlinks=follow_symlinks, window=window)
    except StoreError as exc:
        logger.error("%s", exc)
        return {"error": str(exc), "run_id": run_id}
    summary.seconds = round(time.perf_counter() - t0, 3)
    _record_run(store, summary)
    _publish(summary)
    logger.info("run %s: %s", run_id, summary.line())
    return asdict(summary)


def _run_locked(store: DataStore, summary: RunSummary, sources: list[str], pool: PoolSettings, *,
                batch_size: int, commit_every: int, follow_symlinks: bool, window: int) -> None:
    logger = get_run_logger()
    data, run_id = store.uri, summary.run_id
    if replayed := store.recover():
        logger.info("finished %d commit(s) an interrupted run had recorded", replayed)
    t_plan = time.perf_counter()
    plan, files, by_uri, skipped = plan_sources(sources, data, follow_symlinks)
    summary.stage_seconds["plan"] = time.perf_counter() - t_plan
    summary.discovered, summary.unchanged = len(files), plan.unchanged
    summary.duplicates = sum(len(v) for v in plan.duplicates.values())
    manifest: dict[str, ManifestEntry] = dict(plan.manifest)
    logger.info("%d files: %d new, %d unchanged", len(files), len(plan.new), plan.unchanged)

    writer = StreamingWriter(store, run_id)
    now = datetime.now(timezone.utc)
    early_failures = [failure_row(source_uri=p, doc_id=None, stage="discover", error=e, message=m, failed_at=now, run_id=run_id)
                      for p, e, m in [*skipped, *plan.unreadable]]
    early_failures += [failure_row(source_uri=f.path, doc_id=doc_id, stage=k.stage, error=k.error, message=k.message,
                                   failed_at=now, run_id=run_id) for f, doc_id, k in plan.failed_copies]
    if early_failures:
        writer.write({"failures": pa.Table.from_pylist(early_failures, schema=FAILURES)})
        summary.failed += len(early_failures)
        summary.rows_written["failures"] = len(early_failures)

    templates = {}
    if plan.new:
        t_templates = time.perf_counter()
        templates = learn_templates(_template_samples(files, plan.new), pool)
        summary.stage_seconds["templates"] = time.perf_counter() - t_templates
    version_ = pipeline_version()
    jobs = [
        {"seq": i, "path": f.path, "source_uri": f.path, "doc_id": doc_id, "max_bytes": pool.max_bytes,
         "template_lines": templates.get(f.group, frozenset()), "run_id": run_id,
         "ingested_at": now, "pipeline_version": version_}
        for i, (f, doc_id) in enumerate(plan.new)
    ]
    stat = {f.path: f for f, _ in plan.new}
    bar = progress.reporter()
    bar.start(len(jobs))
    stale_ids: set[str] = set()
    stale_failure_uris: set[str] = set()
    pending_manifest: dict[str, ManifestEntry] = {}
    since_commit = 0
    in_flight: deque = deque()
    batches = deque(Batch(jobs[i:i + batch_size]) for i in range(0, len(jobs), batch_size))
    try:
        while batches or in_flight:
            while batches and len(in_flight) < max(window, 1):
                in_flight.append(process_batch.submit(batches.popleft(), pool))
            result: BatchResult = in_flight.popleft().result()
            t_write = time.perf_counter()
            writer.write(result.tables)
            if copies := _duplicate_failures(result, plan.duplicates):
                writer.write({"failures": pa.Table.from_pylist(copies, schema=FAILURES)})
                summary.failed += len(copies)
                summary.rows_written["failures"] = summary.rows_written.get("failures", 0) + len(copies)
            for name, table in result.tables.items():
                summary.rows_written[name] = summary.rows_written.get(name, 0) + table.num_rows
            # Prefect keeps every submitted future's result until the flow ends: drop the rows,
            # now on disk, so the flow's memory stays flat however many batches a run has
            result.tables.clear()
            for stage, secs in result.timings.items():
                summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + secs
            summary.new += len(result.ok)
            summary.failed += len(result.failed)
            for path, doc_id in [*result.ok, *((p, d) for p, d in result.failed if d)]:
                f = stat[path]
                pending_manifest[path] = ManifestEntry(f.size, f.mtime_ns, doc_id)
                stale_ids |= by_uri.get(path, set()) - {doc_id, None}
            for path, _ in result.ok:
                stale_failure_uris.add(path)  # a file that failed before and now reads: drop its failure
            since_commit += len(result.ok) + len(result.failed)
            bar.advance(len(result.ok) + len(result.failed))
            if since_commit >= commit_every:
                writer.flush()
                manifest.update(pending_manifest)
                pending_manifest.clear()
                store.save_manifest(manifest)
                since_commit = 0
            summary.stage_seconds["write"] = summary.stage_seconds.get("write", 0.0) + time.perf_counter() - t_write
        writer.flush()
    except BaseException:
        writer.abort()
        raise
    finally:
        bar.stop()
    manifest.update(pending_manifest)
    # paths still referenced by the manifest keep their document even if another path changed
    still_used = {e.doc_id for e in manifest.values()}
    stale_ids -= still_used
    summary.replaced = len(stale_ids)
    t_final = time.perf_counter()
    # old failure rows of files that now produced a document
    finalise(data, stale_ids, {p for p in stale_failure_uris if p in by_uri})
    summary.stage_seconds["finalise"] = time.perf_counter() - t_final
    store.save_manifest(manifest)
    summary.stage_seconds = {k: round(v, 3) for k, v in summary.stage_seconds.items()}


def _duplicate_failures(result: BatchResult, duplicates: dict[str, list[SourceFile]]) -> list[dict]:
    """Failure rows for the other paths that hold the bytes of a file that just failed."""
    if not duplicates or not result.failed:
        return []
    failed = {r["doc_id"]: r for r in result.tables["failures"].to_pylist() if r["doc_id"]}
    return [{**failed[doc_id], "source_uri": f.path}
            for doc_id in failed.keys() & duplicates.keys() for f in duplicates[doc_id]]


def _template_samples(files: list[SourceFile], new: list[tuple[SourceFile, str]]) -> dict[str, list[str]]:
    """For each folder with new files and enough siblings, an even sample of its files."""
    groups: dict[str, list[str]] = {}
    for f in files:
        groups.setdefault(f.group, []).append(f.path)
    wanted = {f.group for f, _ in new}
    out = {}
    for group in sorted(wanted):
        paths = groups.get(group, [])
        if len(paths) < TEMPLATE_MIN_FILES:
            continue
        step = max(1, len(paths) // TEMPLATE_SAMPLE)
        out[group] = paths[::step][:TEMPLATE_SAMPLE]
    return out


def _record_run(store: DataStore, summary: RunSummary) -> None:
    runs = (store.load_state("runs.json") or {}).get("runs", [])
    runs = [*runs, asdict(summary)][-50:]
    store.save_state("runs.json", {"runs": runs})


def _publish(summary: RunSummary) -> None:
    """The run summary as a Prefect table artifact (shown in the UI next to the run)."""
    table = [
        {"metric": "new documents", "value": summary.new},
        {"metric": "unchanged documents", "value": summary.unchanged},
        {"metric": "failed documents", "value": summary.failed},
        {"metric": "replaced versions", "value": summary.replaced},
        {"metric": "rows written", "value": sum(summary.rows_written.values())},
        {"metric": "seconds", "value": summary.seconds},
    ]
    create_table_artifact(table=table, key="plenipo-run-summary", description=f"plenipo run {summary.run_id}: {summary.line()}")
