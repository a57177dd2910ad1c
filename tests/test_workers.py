"""The killable worker pool. Jobs of kind "call" run any importable function in a worker."""
import time

import pytest

from flows.workers import PoolSettings, WorkerPool


def _call(seq, function, *args):
    return {"kind": "call", "seq": seq, "function": function, "args": args}


@pytest.fixture
def pool():
    p = WorkerPool(PoolSettings(size=2, timeout_s=2.0, memory_mb=1024))
    yield p
    p.close()


def test_results_come_back_for_every_job(pool):
    out = {r["seq"]: r for r in pool.run([_call(i, "math.factorial", i) for i in range(6)])}
    assert {s: r["value"] for s, r in out.items()} == {0: 1, 1: 1, 2: 2, 3: 6, 4: 24, 5: 120}


def test_a_hanging_job_is_killed_at_the_timeout_and_the_others_finish(pool):
    t0 = time.monotonic()
    out = {r["seq"]: r for r in pool.run([_call(0, "time.sleep", 60), _call(1, "math.factorial", 5), _call(2, "math.factorial", 3)],
                                         timeout_s=1.0)}
    assert time.monotonic() - t0 < 20
    assert out[0]["ok"] is False and out[0]["error"] == "timeout"
    assert out[1]["value"] == 120 and out[2]["value"] == 6
    # the pool keeps working with a fresh worker
    assert pool.call("math.factorial", 4) == 24


def test_a_crashing_worker_is_replaced(pool):
    out = {r["seq"]: r for r in pool.run([_call(0, "os._exit", 3), _call(1, "math.factorial", 4)])}
    assert out[0]["error"] == "crashed" and "exit code" in out[0]["message"]
    assert out[1]["value"] == 24


def test_memory_cap_turns_a_runaway_allocation_into_an_error(pool):
    (result,) = pool.run([_call(0, "builtins.bytearray", 4 << 30)])
    assert result["ok"] is False and result["error"] == "MemoryError"
