import json
import os
import threading
from datetime import date, datetime, timezone

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from outputs.schema import DATES, DOCUMENTS
from outputs.store import STATE_DIR, DataStore, ManifestEntry, StoreError, StreamingWriter


def _doc(doc_id: str, uri: str = "x.txt") -> dict:
    return {"doc_id": doc_id, "source_uri": uri, "format": "txt", "language": "en", "doc_type": "other",
            "body_text": "b", "ingested_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "pipeline_version": "t"}


def _date(doc_id: str) -> dict:
    return {"doc_id": doc_id, "text": "May 2020", "start_date": date(2020, 5, 1), "end_date": date(2020, 5, 31),
            "granularity": "month", "char_start": 0, "char_end": 8}


def _visible(store: DataStore, table: str) -> pa.Table:
    return ds.dataset(store.parts(table), format="parquet").to_table()


def test_layout_makes_every_table_readable_with_its_schema(tmp_path):
    store = DataStore(str(tmp_path / "d"))
    store.ensure_layout()
    t = ds.dataset(str(tmp_path / "d" / "documents"), format="parquet").to_table()
    assert t.num_rows == 0 and t.schema.field("published_date").type == pa.date32()
    md = pq.read_metadata(store.parts("dates")[0]).metadata
    assert md[b"plenipo.table"] == b"dates"


def test_streaming_writer_commits_only_on_flush(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    w = StreamingWriter(store, "run1")
    w.write({"documents": pa.Table.from_pylist([_doc("a")], schema=DOCUMENTS),
             "dates": pa.Table.from_pylist([_date("a")], schema=DATES)})
    assert _visible(store, "documents").num_rows == 0  # still hidden
    w.flush()
    assert _visible(store, "documents").num_rows == 1
    assert _visible(store, "dates").num_rows == 1
    assert store.row_counts()["dates"] == 1


def test_abort_leaves_nothing_visible(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    w = StreamingWriter(store, "run1")
    w.write({"documents": pa.Table.from_pylist([_doc("a")], schema=DOCUMENTS)})
    w.abort()
    assert _visible(store, "documents").num_rows == 0
    assert not [p for p in os.listdir(tmp_path / "documents") if p.endswith(".tmp")]


def test_recover_rolls_a_recorded_commit_forward_and_drops_uncommitted_files(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    # a run killed after writing its commit record but before the renames
    tmp = store.path("documents", ".part-x.parquet.tmp")
    pq.write_table(pa.Table.from_pylist([_doc("a")], schema=DOCUMENTS), tmp)
    record = {"moves": [[tmp, store.path("documents", "part-x.parquet")]], "deletes": []}
    (tmp_path / STATE_DIR / "commits" / "0001.json").write_text(json.dumps(record))
    # and a file of a batch that never reached its commit
    stray = tmp_path / "dates" / ".part-y.parquet.tmp"
    stray.write_bytes(b"half a parquet file")
    assert store.recover() == 1
    assert _visible(store, "documents").num_rows == 1
    assert not stray.exists()
    assert store.recover() == 0  # idempotent


def test_remove_documents_rewrites_only_affected_files(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    w = StreamingWriter(store, "r")
    w.write({"documents": pa.Table.from_pylist([_doc("a", "1.txt"), _doc("b", "2.txt")], schema=DOCUMENTS),
             "dates": pa.Table.from_pylist([_date("a"), _date("b")], schema=DATES)})
    w.flush()
    assert store.remove_documents({"a"}) == 2
    assert _visible(store, "documents")["doc_id"].to_pylist() == ["b"]
    assert _visible(store, "dates")["doc_id"].to_pylist() == ["b"]
    assert store.remove_documents(set()) == 0


def test_lock_is_exclusive_and_times_out_with_a_clear_message(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    inside = threading.Event()
    release = threading.Event()

    def holder():
        with DataStore(str(tmp_path)).lock():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    inside.wait(5)
    waited = []
    with pytest.raises(StoreError, match="another plenipo run holds"):
        with store.lock(wait_seconds=0.5, on_wait=waited.append):
            pass
    assert waited and "waiting for another plenipo run" in waited[0]
    release.set()
    t.join()
    with store.lock(wait_seconds=1):
        pass


def test_manifest_round_trip_and_corrupt_manifest_is_ignored(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    m = {"/a.txt": ManifestEntry(3, 123, "abc")}
    store.save_manifest(m)
    assert store.load_manifest() == m
    (tmp_path / STATE_DIR / "manifest.json").write_text("{not json")
    assert store.load_manifest() == {}


def test_not_writable_data_folder_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not writable"):
        DataStore(str(blocker / "data")).ensure_layout()


def test_file_uri_goes_through_pyarrow_filesystems(tmp_path):
    store = DataStore(f"file://{tmp_path}/d")
    assert store.is_local and store.root.endswith("/d")
    store.ensure_layout()
    w = StreamingWriter(store, "r")
    w.write({"documents": pa.Table.from_pylist([_doc("a")], schema=DOCUMENTS)})
    w.flush()
    assert store.read("documents", ["doc_id"])["doc_id"].to_pylist() == ["a"]


def test_replace_table_swaps_one_file(tmp_path):
    from outputs.schema import PARTIES

    store = DataStore(str(tmp_path))
    store.ensure_layout()
    row = {"party_id": "p1", "name": "X", "kind": "country", "aliases": ["X"], "document_count": 1,
           "mention_count": 1, "first_seen": None, "last_seen": None, "roles": []}
    store.replace_table("parties", pa.Table.from_pylist([row], schema=PARTIES))
    store.replace_table("parties", pa.Table.from_pylist([row], schema=PARTIES))
    assert len(store.parts("parties")) == 1
    assert store.read("parties").num_rows == 1


def test_iter_rows_reads_every_part_in_batches(tmp_path):
    store = DataStore(str(tmp_path))
    store.ensure_layout()
    for run in ("r1", "r2"):
        w = StreamingWriter(store, run)
        w.write({"documents": pa.Table.from_pylist([_doc(f"{run}-{i}") for i in range(5)], schema=DOCUMENTS)})
        w.flush()
    ids = [r["doc_id"] for r in store.iter_rows("documents", ["doc_id"], batch_rows=2)]
    assert sorted(ids) == sorted(f"{r}-{i}" for r in ("r1", "r2") for i in range(5))
