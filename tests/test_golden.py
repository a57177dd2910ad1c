"""Golden test: the seeds end to end through every step, scored against the hand-made gold.

Runs the steps directly (no Prefect) and writes the tables as the flow does, then scores
them with ../shared/eval/score.py. The floors are the issues' acceptance targets; lower
one only on purpose, in a commit that says why.
"""
from __future__ import annotations

import json
import runpy
from datetime import datetime, timezone

import pyarrow.parquet as pq
import pytest

from extractors.pipeline import process_document
from outputs.rows import TableRows, document_rows
from tests.conftest import SEEDS, SHARED, needs_shared

FLOORS = {
    "doc_type_accuracy": 1.0,
    "language_accuracy": 1.0,
    "published_date_accuracy": 1.0,
    "body_kept": 1.0,
    "boilerplate_removed": 1.0,
    "dates.f1": 0.95,
    "parties.f1": 0.90,
    "persons.f1": 0.95,
}


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    data = tmp_path_factory.mktemp("golden")
    rows = TableRows()
    for path in sorted(SEEDS.iterdir()):
        doc = process_document(str(path), path.read_bytes())
        rows.extend(document_rows(doc, run_id="golden", ingested_at=datetime.now(timezone.utc), pipeline_version="test"))
    for name, table in rows.to_tables().items():
        (data / name).mkdir()
        pq.write_table(table, data / name / "part-0.parquet")
    return data


@needs_shared
def test_seeds_meet_the_quality_floors(seed_tables):
    scorer = runpy.run_path(str(SHARED / "eval" / "score.py"))
    gold = json.loads((SHARED / "eval" / "gold_seeds.json").read_text(encoding="utf-8"))
    result = scorer["score"](seed_tables, gold)
    flat = scorer["flat"](result)
    low = {k: flat.get(k) for k, floor in FLOORS.items() if flat.get(k, 0) < floor}
    assert not low, f"below the floor: {low}\nmisses:\n" + "\n".join(result["misses"])


@needs_shared
def test_seed_tables_meet_the_contract_checks(seed_tables):
    checker = runpy.run_path(str(SHARED / "eval" / "check_contract.py"))
    problems = [p for p in checker["check"](seed_tables) if "table folder missing" not in p]
    assert problems == []
