"""Operations: the scheduled deployment, the Dask runner, and a file that hangs."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from flows.cli import main

pytestmark = pytest.mark.slow
PLENIPO = str(Path(sys.executable).parent / "plenipo")


def table(data: Path, name: str) -> list[dict]:
    return ds.dataset([str(p) for p in (data / name).glob("*.parquet")], format="parquet").to_table().to_pylist()


def slow_pdf(pages: int = 1, ops: int = 400_000) -> bytes:
    """A valid PDF whose page draws `ops` characters one by one: pdfminer needs many seconds."""
    content = zlib.compress(b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * ops + b"ET")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_a_file_that_hangs_is_cut_at_the_timeout_and_recorded(tmp_path, seeds_copy):
    (seeds_copy / "endless.pdf").write_bytes(slow_pdf())
    data = tmp_path / "data"
    t0 = time.monotonic()
    assert main(["run", str(seeds_copy), "--data", str(data), "--timeout", "2", "--no-progress"]) == 0
    assert time.monotonic() - t0 < 120
    fails = table(data, "failures")
    assert [(Path(f["source_uri"]).name, f["error"]) for f in fails] == [("endless.pdf", "timeout")]
    assert len(table(data, "documents")) == 5


def test_dask_runner_on_two_worker_processes_gives_the_same_tables(tmp_path, seeds_copy):
    pytest.importorskip("prefect_dask")
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["run", str(seeds_copy), "--data", str(local), "--no-progress", "--batch-size", "2"]) == 0
    assert main(["run", str(seeds_copy), "--data", str(dask), "--no-progress", "--batch-size", "2",
                 "--runner", "dask", "--workers", "2"]) == 0
    for name, key in [("documents", ("doc_id", "body_text", "doc_type", "language", "published_date")),
                      ("dates", ("doc_id", "text", "start_date", "end_date", "char_start")),
                      ("mentions", ("doc_id", "party_id", "text", "char_start")),
                      ("document_parties", ("doc_id", "party_id", "name", "kind", "role"))]:
        a = sorted(tuple(r[k] for k in key) for r in table(local, name))
        b = sorted(tuple(r[k] for k in key) for r in table(dask, name))
        assert a == b, name


def test_serve_runs_the_scheduled_deployment_by_itself(tmp_path, seeds_copy):
    """`plenipo serve --cron '* * * * *'` on a machine with no Prefect server: a run within two minutes."""
    data = tmp_path / "data"
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([PLENIPO, "serve", str(seeds_copy), "--data", str(data), "--cron", "* * * * *"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and proc.poll() is None:
            if len(list((data / "documents").glob("part-*.parquet"))) > 1:
                break
            time.sleep(2)
        assert proc.poll() is None, proc.stdout.read().decode(errors="replace")[-2000:]
        assert len(table(data, "documents")) == 5
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
