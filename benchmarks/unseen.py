"""Unseen-corpus benchmark: `python benchmarks/unseen.py [--show-body FILE ...]`.

plenipo's own held-out corpus (tests/corpus: 25 hand-written documents of the seeds' kinds
from other ministries, regulators, outlets, languages and years, with hand-made gold in
tests/corpus/gold.json) goes through every step (no Prefect), is written as the contract's
tables and scored with ../shared/eval/score.py. Prints the flat scores, every miss grouped
by the step that should fix it, documents that failed, and seconds per document.
tests/test_unseen.py pins the scores with floors; this script is for working on the misses.
"""
from __future__ import annotations

import argparse
import json
import re
import runpy
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from extractors.pipeline import StepError, process_document  # noqa: E402
from outputs.rows import TableRows, document_rows, failure_row  # noqa: E402
from outputs.schema import FAILURES  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
GOLD = CORPUS / "gold.json"
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
COPIED_SUFFIXES = (".txt", ".html")
RUN_ID = "unseen"

# score.py's miss lines look like "file: <what> ..."; the first words name the failing step.
MISS_STEPS = (
    (re.compile(r": (body lost|boilerplate kept|repeated header kept) "), "boilerplate"),
    (re.compile(r": doc_type "), "doc type"),
    (re.compile(r": language "), "language"),
    (re.compile(r": published_date "), "publication date"),
    (re.compile(r": (date|year) (missed|extra) "), "dates"),
    (re.compile(r": (person|organization|country) "), "parties"),
    (re.compile(r": \d+ rows in documents"), "load / pipeline"),
)


def load_gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def build_corpus(folder: Path) -> list[Path]:
    """Copy the text documents and generate the binary ones into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in COPIED_SUFFIXES:
            shutil.copyfile(path, folder / path.name)
    runpy.run_path(str(CORPUS / "make_binary.py"))["build"](folder)
    return sorted(folder.iterdir())


def process_corpus(folder: Path, data: Path) -> tuple[list[dict], dict[str, float]]:
    """Run every document through the steps and write the tables under `data`.

    Returns the failure rows (a step that raised) and the seconds each document took.
    """
    rows = TableRows()
    failures: list[dict] = []
    seconds: dict[str, float] = {}
    now = datetime.now(timezone.utc)
    for path in sorted(folder.iterdir()):
        data_bytes = path.read_bytes()
        t0 = time.perf_counter()
        try:
            doc = process_document(str(path), data_bytes)
        except StepError as err:
            failures.append(failure_row(source_uri=str(path), doc_id=None, stage=err.stage, error=err.error,
                                        message=err.message, failed_at=now, run_id=RUN_ID))
            continue
        finally:
            seconds[path.name] = time.perf_counter() - t0
        rows.extend(document_rows(doc, run_id=RUN_ID, ingested_at=now, pipeline_version="unseen"))
    for name, table in rows.to_tables().items():
        (data / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(table, data / name / "part-0.parquet")
    (data / "failures").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(failures, schema=FAILURES), data / "failures" / "part-0.parquet")
    return failures, seconds


def document_misses(data: Path, gold: list[dict]) -> list[str]:
    """Language, publication-date and year misses, which score.py counts but does not list."""
    docs = {Path(r["source_uri"]).name: r for r in pq.read_table(data / "documents").to_pylist()}
    years: dict[str, set[str]] = defaultdict(set)
    for row in pq.read_table(data / "dates").to_pylist():
        if row["granularity"] == "year":
            years[row["doc_id"]].add(str(row["start_date"].year))
    misses = []
    for g in gold:
        doc = docs.get(g["file"])
        if doc is None:
            continue
        if doc["language"] != g["language"]:
            misses.append(f"{g['file']}: language {doc['language']} != {g['language']}")
        pub = doc["published_date"].isoformat() if doc["published_date"] else None
        if pub != g.get("published_date"):
            misses.append(f"{g['file']}: published_date {pub} != {g.get('published_date')}")
        found, wanted = years[doc["doc_id"]], set(g.get("years", []))
        misses += [f"{g['file']}: year missed {y}" for y in sorted(wanted - found)]
        misses += [f"{g['file']}: year extra {y}" for y in sorted(found - wanted)]
    return misses


def score_corpus(data: Path, gold: list[dict]) -> tuple[dict, list[str]]:
    """Flat scores from ../shared/eval/score.py and every miss (score.py's plus ours)."""
    scorer = runpy.run_path(str(SCORER))
    result = scorer["score"](data, gold)
    return scorer["flat"](result), result["misses"] + document_misses(data, gold)


def misses_by_step(misses: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for miss in misses:
        step = next((name for pattern, name in MISS_STEPS if pattern.search(miss)), "other")
        grouped[step].append(miss)
    return dict(grouped)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-body", nargs="*", default=[], metavar="FILE", help="print the body_text of these files")
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"scorer not found: {SCORER}")
        return 1
    gold = load_gold()
    with tempfile.TemporaryDirectory(prefix="plenipo-unseen-") as tmp:
        folder, data = Path(tmp) / "corpus", Path(tmp) / "data"
        build_corpus(folder)
        failures, seconds = process_corpus(folder, data)
        flat, misses = score_corpus(data, gold)
        bodies = {Path(r["source_uri"]).name: r["body_text"] for r in pq.read_table(data / "documents").to_pylist()}
    print(f"unseen corpus: {len(gold)} documents, {sum(seconds.values()):.2f} s in the steps "
          f"({1000 * sum(seconds.values()) / max(len(seconds), 1):.0f} ms/document, "
          f"slowest {max(seconds, key=seconds.get)} {1000 * max(seconds.values()):.0f} ms)")
    for key, value in flat.items():
        print(f"{key:32s} {value}")
    for failure in failures:
        print(f"FAILED {Path(failure['source_uri']).name}: {failure['stage']}: {failure['error']}: {failure['message']}")
    for step, lines in sorted(misses_by_step(misses).items()):
        print(f"\n== {step} ({len(lines)} misses)")
        print("\n".join(lines))
    for name in args.show_body:
        print(f"\n== body_text of {name}\n{bodies.get(name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
