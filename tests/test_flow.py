"""End to end through Prefect (embedded API): the backbone's promises on real files."""
from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from flows.cli import main
from tests.conftest import REPO, SHARED, needs_shared

pytestmark = pytest.mark.slow


def run(*args: str) -> int:
    return main(["run", *args, "--no-progress"])


def rows(data: Path, table: str) -> list[dict]:
    files = [str(p) for p in (data / table).glob("*.parquet")]
    return ds.dataset(files, format="parquet").to_table().to_pylist()


def counts(data: Path) -> dict[str, int]:
    return {t: len(rows(data, t)) for t in ("documents", "dates", "document_parties", "mentions", "failures", "boilerplate", "parties")}


@needs_shared
def test_seeds_meet_the_contract_and_rerun_adds_nothing(tmp_path, seeds_copy, capsys):
    data = tmp_path / "data"
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert "5 new" in capsys.readouterr().out
    check = runpy.run_path(str(SHARED / "eval" / "check_contract.py"))
    assert check["check"](data) == []
    before = counts(data)
    assert before["documents"] == 5 and before["failures"] == 0
    parties_files = sorted((data / "parties").glob("*.parquet"))
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert "0 new, 5 unchanged" in capsys.readouterr().out
    assert counts(data) == before
    # nothing changed, so the parties table was not rebuilt; without it, it is built again
    assert sorted((data / "parties").glob("*.parquet")) == parties_files
    shutil.rmtree(data / "parties")
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert counts(data) == before
    # the manifest is only a cache: without it, files are hashed again and still skipped
    (data / "_plenipo" / "manifest.json").unlink()
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert counts(data) == before


def test_add_adds_exactly_one_document(tmp_path, seeds_copy):
    data = tmp_path / "data"
    assert run(str(seeds_copy), "--data", str(data)) == 0
    new = tmp_path / "new.txt"
    new.write_text("Geneva, 3 March 2025 - The ITU Council met today to discuss the budget of the Union.\n", encoding="utf-8")
    assert main(["add", str(new), "--data", str(data), "--no-progress"]) == 0
    docs = rows(data, "documents")
    assert len(docs) == 6
    assert sum(d["source_uri"].endswith("new.txt") for d in docs) == 1
    assert main(["add", str(new), "--data", str(data), "--no-progress"]) == 0
    assert len(rows(data, "documents")) == 6


def test_a_changed_file_replaces_its_old_version(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    doc = corpus / "note.txt"
    doc.write_text("The ITU Council met in Geneva in 2019. It adopted the budget.\n", encoding="utf-8")
    (corpus / "other.txt").write_text("The ITU published a report in 2020 about connectivity.\n", encoding="utf-8")
    data = tmp_path / "data"
    assert run(str(corpus), "--data", str(data)) == 0
    old = {d["doc_id"] for d in rows(data, "documents") if d["source_uri"].endswith("note.txt")}
    doc.write_text("The ITU Council met in Geneva in 2023. It adopted a new budget for the Union.\n", encoding="utf-8")
    assert run(str(corpus), "--data", str(data)) == 0
    docs = rows(data, "documents")
    assert len(docs) == 2
    mine = [d for d in docs if d["source_uri"].endswith("note.txt")]
    assert len(mine) == 1 and mine[0]["doc_id"] not in old and "2023" in mine[0]["body_text"]
    for table in ("dates", "mentions", "document_parties"):
        assert not {r["doc_id"] for r in rows(data, table)} & old, table


def test_bad_files_become_failures_and_the_run_goes_on(tmp_path, seeds_copy):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "archive.txt").write_bytes(b"PK\x03\x04" + os.urandom(300))
    data = tmp_path / "data"
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert len(rows(data, "documents")) == 5
    fails = {Path(f["source_uri"]).name: f for f in rows(data, "failures")}
    assert set(fails) == {"empty.txt", "archive.txt"}
    assert all(f["stage"] and f["error"] and f["message"] for f in fails.values())
    # failures are not retried while the file is unchanged
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert len(rows(data, "failures")) == 2
    # a failed file that gets fixed becomes a document and its failure row goes away
    (seeds_copy / "empty.txt").write_text("The ITU Council will meet in Geneva on 5 May 2026 to review the budget.\n")
    assert run(str(seeds_copy), "--data", str(data)) == 0
    assert {Path(f["source_uri"]).name for f in rows(data, "failures")} == {"archive.txt"}
    assert len(rows(data, "documents")) == 6


def test_unwritable_data_folder_exits_non_zero_with_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run(str(REPO / "seeds"), "--data", str(blocker / "data")) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("plenipo:") and "not writable" in err and len(err.splitlines()) == 1


def test_status_lists_tables_and_runs(tmp_path, seeds_copy, capsys):
    data = tmp_path / "data"
    assert run(str(seeds_copy), "--data", str(data)) == 0
    capsys.readouterr()
    assert main(["status", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "documents" in out and "new 5" in out


def test_two_runs_started_together_write_every_document_once(tmp_path, seeds_copy):
    data = tmp_path / "data"
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)  # each starts its own embedded server, as for a user
    cmd = [shutil.which("plenipo") or str(Path(sys.executable).parent / "plenipo"), "run", str(seeds_copy), "--data", str(data), "--no-progress"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    for _, err in outs:
        assert "Traceback" not in err
    docs = rows(data, "documents")
    assert len(docs) == 5 and len({d["doc_id"] for d in docs}) == 5
    summaries = " ".join(o for o, _ in outs)
    assert "5 new" in summaries and "5 unchanged" in summaries
