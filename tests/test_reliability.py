"""Reliability on bad days: malformed inputs, and a run killed with SIGKILL mid-write."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from benchmarks.corpus import generate_corpus
from flows.cli import main
from tests.conftest import BADINPUTS, needs_shared

pytestmark = pytest.mark.slow
PLENIPO = str(Path(sys.executable).parent / "plenipo")
TABLES = ("documents", "dates", "document_parties", "mentions", "failures", "boilerplate")


def visible(data: Path, name: str) -> list[Path]:
    return sorted(p for p in (data / name).glob("*.parquet") if not p.name.startswith((".", "_")))


def read(data: Path, name: str) -> list[dict]:
    return ds.dataset([str(p) for p in visible(data, name)], format="parquet").to_table().to_pylist()


@needs_shared
def test_seeds_and_every_bad_input_in_one_run(tmp_path, seeds_copy):
    data = tmp_path / "data"
    t0 = time.monotonic()
    assert main(["run", str(seeds_copy), str(BADINPUTS), "--data", str(data), "--no-progress", "--timeout", "30"]) == 0
    assert time.monotonic() - t0 < 300
    docs = {Path(d["source_uri"]).name: d for d in read(data, "documents")}
    fails = {Path(f["source_uri"]).name: f for f in read(data, "failures")}
    assert {p.name for p in seeds_copy.iterdir()} <= set(docs)
    with open(BADINPUTS / "MANIFEST.tsv", encoding="utf-8") as f:
        manifest = list(csv.DictReader(f, delimiter="\t"))
    for row in manifest:
        name = row["file"]
        assert (name in docs) != (name in fails), f"{name}: must be exactly one of document or failure"
        outcome = row["suggested_outcome"]
        if outcome.startswith("failure") and "or document" not in outcome and "(or" not in outcome and "decide" not in outcome:
            assert name in fails, f"{name}: expected a failure ({outcome})"
        if name in fails:
            assert fails[name]["message"] and fails[name]["error"], name
        if name in docs:
            assert docs[name]["body_text"].strip(), f"{name}: a document with empty text"
            assert "\x00" not in docs[name]["body_text"]
    # the files with a declared outcome "document (xx)" come out in that language
    for row in manifest:
        if row["suggested_outcome"].startswith("document (") and row["file"] in docs:
            lang = row["suggested_outcome"][len("document ("):].split(")")[0]
            if len(lang) == 2:
                assert docs[row["file"]]["language"] == lang, row["file"]


def test_a_run_killed_mid_write_leaves_readable_tables_and_the_next_run_completes(tmp_path):
    corpus = tmp_path / "corpus"
    n = 2500
    generate_corpus(corpus, n, seed=7, html_share=0.0)
    data = tmp_path / "data"
    cmd = [PLENIPO, "run", str(corpus), "--data", str(data), "--no-progress", "--batch-size", "50", "--commit-every", "100"]
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)  # its own embedded server, killed with it
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    # kill once some commits are visible but before the end
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if len(visible(data, "documents")) >= 4:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed: raise n"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for name in TABLES:
        for path in visible(data, name):
            pq.read_table(path)  # every visible file is whole
    partial = read(data, "documents")
    assert 0 < len(partial) < n
    assert len({d["doc_id"] for d in partial}) == len(partial)

    assert subprocess.run(cmd, capture_output=True, timeout=600, env=env).returncode == 0
    docs = read(data, "documents")
    assert len(docs) == n and len({d["doc_id"] for d in docs}) == n
    assert not read(data, "failures")
    for name, key in [("dates", ("doc_id", "char_start", "char_end", "text")),
                      ("mentions", ("doc_id", "char_start", "char_end")),
                      ("document_parties", ("doc_id", "party_id"))]:
        counts = Counter(tuple(r[k] for k in key) for r in read(data, name))
        assert max(counts.values(), default=1) == 1, f"{name} has duplicated rows"
    assert not list((data / "_plenipo" / "commits").glob("*.json"))
    assert not [p for name in TABLES for p in (data / name).iterdir() if p.name.endswith(".tmp")]
