"""A pool of killable worker processes: every file is parsed under a hard timeout and memory cap.

Prefect's task timeout cannot interrupt a synchronous parser stuck in C or in a pdfminer
loop, and a thread cannot be killed. A child process can: when a file takes longer than
`timeout_s`, its worker is killed (SIGKILL), the file becomes a failure, and a fresh
worker takes its place. Workers are plain subprocesses (not multiprocessing children), so
the pool also works inside daemonic processes such as Dask workers.
"""
from __future__ import annotations

import atexit
import os
import selectors
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from flows.worker_main import failure, read_frame, write_frame


@dataclass(frozen=True, slots=True)
class PoolSettings:
    size: int = 2
    timeout_s: float = 120.0
    memory_mb: int = 3072
    max_bytes: int = 256 * 1024 * 1024


STARTUP_TIMEOUT_S = 120.0


def pool_settings(workers: int = 0, timeout_s: float = 120.0, memory_mb: int = 3072) -> PoolSettings:
    """Settings for `workers` parser processes (0: one per core, at most 4)."""
    return PoolSettings(size=workers or min(os.cpu_count() or 1, 4), timeout_s=timeout_s, memory_mb=memory_mb)


class _Worker:
    def __init__(self, settings: PoolSettings):
        env = dict(os.environ, PYTHONHASHSEED="0")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flows.worker_main", str(settings.memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
        self.job: dict | None = None
        self.deadline = 0.0
        self.ready = False

    def send(self, job: dict, timeout_s: float) -> None:
        self.job = job
        self.deadline = time.monotonic() + timeout_s
        write_frame(self.proc.stdin, job)

    def kill(self) -> None:
        try:
            self.proc.kill()
        except ProcessLookupError:
            pass
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass


class WorkerPool:
    """Runs jobs (dicts understood by flows.worker_main) and yields each result as it arrives."""

    def __init__(self, settings: PoolSettings = PoolSettings()):
        self.settings = settings
        self.workers: list[_Worker] = []
        self.started = 0
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers now (they import the steps while the caller does other work)."""
        while len(self.workers) < self.settings.size:
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        self.started += 1
        return _Worker(self.settings)

    def run(self, jobs: Iterable[dict], timeout_s: float | None = None) -> Iterator[dict]:
        """Yield one result per job. Calls from several threads take turns (a lock): a
        batch can be parsed while the previous one is being written."""
        with self._lock:
            yield from self._run(jobs, timeout_s)

    def _run(self, jobs: Iterable[dict], timeout_s: float | None = None) -> Iterator[dict]:
        timeout_s = timeout_s or self.settings.timeout_s
        queue = deque(jobs)
        owed = len(queue)
        while len(self.workers) < min(self.settings.size, max(owed, 1)):
            self.workers.append(self._spawn())
        sel = selectors.DefaultSelector()
        for w in self.workers:
            sel.register(w.proc.stdout, selectors.EVENT_READ, w)
        startup_deadline = time.monotonic() + STARTUP_TIMEOUT_S

        def replace(w: _Worker) -> None:
            sel.unregister(w.proc.stdout)
            w.kill()
            fresh = self._spawn()
            self.workers[self.workers.index(w)] = fresh
            sel.register(fresh.proc.stdout, selectors.EVENT_READ, fresh)

        try:
            while owed:
                for w in self.workers:
                    if w.ready and w.job is None and queue:
                        w.send(queue.popleft(), timeout_s)
                now = time.monotonic()
                deadlines = [w.deadline for w in self.workers if w.job is not None]
                if not deadlines and now > startup_deadline:
                    raise RuntimeError(f"worker processes did not start within {STARTUP_TIMEOUT_S:.0f} s")
                wait = max(0.0, min(deadlines) - now) if deadlines else 1.0
                for key, _ in sel.select(timeout=wait):
                    w: _Worker = key.data
                    try:
                        msg = read_frame(w.proc.stdout)
                    except (OSError, EOFError, ValueError):
                        msg = None
                    if msg is None:  # the worker died (a crash in C code, or killed by the OS)
                        job, code = w.job, w.proc.poll()
                        replace(w)
                        if job is not None:
                            owed -= 1
                            yield failure(job, "load", "crashed", f"the worker process died while parsing (exit code {code})")
                    elif "ready" in msg:
                        if not msg["ready"]:
                            raise RuntimeError(f"worker processes cannot start: {msg.get('error')}")
                        w.ready = True
                    else:
                        w.job = None
                        owed -= 1
                        yield msg
                now = time.monotonic()
                for w in list(self.workers):
                    if w.job is not None and now >= w.deadline:
                        job = w.job
                        replace(w)
                        owed -= 1
                        yield failure(job, "load", "timeout", f"parsing took longer than {timeout_s:g} s; the worker was killed")
        finally:
            for w in list(self.workers):
                if w.job is not None:  # abandoned mid-job: its answer would confuse the next run
                    replace(w)
            sel.close()

    def call(self, function: str, *args) -> object:
        """Run `module.function(*args)` in a worker (same isolation as documents)."""
        results = list(self.run([{"kind": "call", "seq": 0, "function": function, "args": args}]))
        result = results[0]
        if not result["ok"]:
            raise RuntimeError(f"{function} failed in a worker: {result['error']}: {result['message']}")
        return result["value"]

    def close(self) -> None:
        for w in self.workers:
            if not w.ready:  # still importing: nothing to finish, don't wait for it
                w.kill()
                continue
            try:
                w.proc.stdin.close()
            except OSError:
                pass
        for w in self.workers:
            try:
                w.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                w.kill()
        self.workers.clear()


_SHARED: dict[PoolSettings, WorkerPool] = {}


def shared_pool(settings: PoolSettings) -> WorkerPool:
    """One pool per process and settings, reused by every batch of a run."""
    pool = _SHARED.get(settings)
    if pool is None:
        pool = _SHARED[settings] = WorkerPool(settings)
    return pool


def close_shared_pools() -> None:
    while _SHARED:
        _, pool = _SHARED.popitem()
        pool.close()


atexit.register(close_shared_pools)
