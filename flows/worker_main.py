"""The child side of flows.workers: processes documents sent on stdin, answers on stdout.

Runs as `python -m flows.worker_main MEMORY_MB`. It never imports Prefect. Its address
space is capped, so a parser that runs away with memory fails here with MemoryError
(or dies), not in the run; the parent kills it outright when a file takes too long.
"""
from __future__ import annotations

import errno
import gc
import logging
import os
import pickle
import resource
import struct
import sys
import time
import warnings

HEADER = struct.Struct("!I")


def read_frame(stream) -> object | None:
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    return pickle.loads(stream.read(size))


def write_frame(stream, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


TRANSIENT_ERRNOS = {errno.EAGAIN, errno.EINTR, errno.EIO, errno.ETIMEDOUT, errno.ESTALE}


def read_source(path: str, max_bytes: int, attempts: int = 3) -> bytes:
    """Read up to max_bytes + 1 bytes; retry only errors a network filesystem can recover from."""
    for attempt in range(attempts):
        try:
            with open(path, "rb") as f:
                return f.read(max_bytes + 1)
        except OSError as exc:
            if exc.errno not in TRANSIENT_ERRNOS or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


MEMORY_MESSAGE = "document needs more memory than the per-file limit"


def failure(job: dict, stage: str, error: str, message: str, *, with_doc_id: bool = True) -> dict:
    """The answer for a job that failed: which stage, a short error code, a clear message."""
    return {"seq": job["seq"], "ok": False, "stage": stage, "error": error, "message": message,
            "doc_id": job.get("doc_id") if with_doc_id else None}


def handle(job: dict) -> dict:
    from extractors.pipeline import StepError, process_document
    from outputs.rows import document_rows

    path, max_bytes = job["path"], job["max_bytes"]
    t0 = time.perf_counter()
    try:
        data = read_source(path, max_bytes)
    except OSError as exc:
        return failure(job, "read", type(exc).__name__, exc.strerror or str(exc), with_doc_id=False)
    read_s = time.perf_counter() - t0
    if len(data) > max_bytes:
        return failure(job, "read", "too_large", f"file is larger than the {max_bytes} byte limit")
    try:
        doc = process_document(job["source_uri"], data, job["template_lines"])
    except StepError as exc:
        return failure(job, exc.stage, exc.error, exc.message)
    except MemoryError:
        return failure(job, "load", "memory", MEMORY_MESSAGE)
    rows = document_rows(doc, run_id=job["run_id"], ingested_at=job["ingested_at"],
                         pipeline_version=job["pipeline_version"], byte_size=len(data))
    timings = dict(doc.timings)
    timings["read"] = read_s
    return {"seq": job["seq"], "ok": True, "rows": rows.columns, "timings": timings, "doc_id": doc.loaded.doc_id}


def template_candidates_of(path: str, max_bytes: int) -> frozenset[str] | None:
    """The lines of one file that could be site template (see extractors.boilerplate)."""
    from extractors.boilerplate import template_candidates
    from extractors.loaders import load_document
    from extractors.model import ExtractionError

    try:
        data = read_source(path, max_bytes)
        if len(data) > max_bytes:
            return None
        return template_candidates(load_document(path, data).text)
    except (OSError, ExtractionError):
        return None  # such a file fails later, with its reason, when it is processed


def main() -> int:
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # The protocol owns the real stdout; anything a library prints goes nowhere.
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    try:
        from extractors.pipeline import warm_up

        warm_up()
        gc.freeze()  # the profiles and lexicons warm_up built live as long as the process
    except Exception as exc:  # a broken install: say why, so the parent can stop the run
        write_frame(out, {"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        return 1
    inp = sys.stdin.buffer
    write_frame(out, {"ready": True})
    while True:
        job = read_frame(inp)
        if job is None:
            return 0
        if job.get("kind") == "call":  # a plain function call, e.g. template learning
            try:
                module, _, name = job["function"].rpartition(".")
                fn = getattr(__import__(module, fromlist=[name]), name)
                write_frame(out, {"seq": job["seq"], "ok": True, "value": fn(*job["args"])})
            except Exception as exc:  # reported to the parent, which records it
                write_frame(out, failure(job, "call", type(exc).__name__, str(exc), with_doc_id=False))
            continue
        try:
            result = handle(job)
        except MemoryError:
            result = failure(job, "process", "memory", MEMORY_MESSAGE)
        except Exception as exc:  # a bug in a step: record it against this file and go on
            result = failure(job, "process", type(exc).__name__, str(exc) or repr(exc))
        write_frame(out, result)


if __name__ == "__main__":
    sys.exit(main())
