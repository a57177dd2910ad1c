"""The data folder: Parquet tables that readers never see half-written.

Layout (DATA may be a local path or any URI pyarrow.fs understands, e.g. s3://bucket/x):

    DATA/<table>/part-*.parquet     visible files, one folder per table (schema.ALL_TABLES)
    DATA/<table>/.<name>.tmp        files being written: hidden from every reader
    DATA/_plenipo/commits/*.json    commit records (a tiny write-ahead log)
    DATA/_plenipo/manifest.json     path/size/mtime -> doc_id cache, so unchanged files are not re-read
    DATA/_plenipo/lock              one writer at a time (local folders)

A commit writes its files under hidden names, then a commit record listing the renames
and deletions, then applies them and drops the record. A process killed at any moment
leaves either hidden files (discarded by `recover`) or a record (rolled forward by
`recover`): never a half-written visible file, and never half a commit once recovered.
"""
from __future__ import annotations

import errno
import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from outputs.schema import ALL_TABLES, PER_DOCUMENT_TABLES, with_metadata

STATE_DIR = "_plenipo"
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3}


class StoreError(Exception):
    """The data folder cannot be used (not writable, locked too long, ...)."""


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    size: int
    mtime_ns: int
    doc_id: str


def _is_visible(name: str) -> bool:
    return name.endswith(".parquet") and not name.startswith((".", "_"))


class DataStore:
    def __init__(self, uri: str):
        if "://" in uri:
            self.fs, self.root = pafs.FileSystem.from_uri(uri)
        else:
            self.fs, self.root = pafs.LocalFileSystem(), os.path.abspath(uri)
        self.uri = uri
        self.is_local = isinstance(self.fs, pafs.LocalFileSystem)

    # -- paths and small helpers -------------------------------------------------
    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def _exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    @staticmethod
    def _hidden(path: str) -> str:
        """A unique hidden name beside `path` (readers skip it; `recover` deletes it if left over)."""
        folder, name = path.rsplit("/", 1)
        return f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.tmp"

    def _write_bytes_atomic(self, path: str, data: bytes) -> None:
        tmp = self._hidden(path)
        with self.fs.open_output_stream(tmp) as out:
            out.write(data)
        self.fs.move(tmp, path)

    def _read_bytes(self, path: str) -> bytes | None:
        try:
            with self.fs.open_input_stream(path) as f:
                return f.read()
        except (FileNotFoundError, OSError):
            return None

    # -- layout --------------------------------------------------------------------
    def ensure_layout(self) -> None:
        """Create the folders and an empty file per table, so every table reads with its schema."""
        try:
            self.fs.create_dir(self.path(STATE_DIR, "commits"), recursive=True)
            for name, schema in ALL_TABLES.items():
                self.fs.create_dir(self.path(name), recursive=True)
                if not self.parts(name):
                    self._write_table_atomic(self.path(name, "part-00000000-empty.parquet"), schema.empty_table(), name)
        except OSError as exc:
            raise StoreError(f"data folder {self.uri} is not writable: {exc.strerror or exc}") from exc

    def parts(self, table: str) -> list[str]:
        sel = pafs.FileSelector(self.path(table), allow_not_found=True)
        return sorted(i.path for i in self.fs.get_file_info(sel) if i.type == pafs.FileType.File and _is_visible(i.base_name))

    def _write_hidden_table(self, path: str, table: pa.Table, name: str) -> str:
        """Write `table` of table `name` under a hidden name beside `path`; return that name."""
        tmp = self._hidden(path)
        table = table.replace_schema_metadata(with_metadata(table.schema, name).metadata)
        with self.fs.open_output_stream(tmp) as out:
            pq.write_table(table, out, **PARQUET_OPTIONS)
        return tmp

    def _write_table_atomic(self, path: str, table: pa.Table, name: str) -> None:
        self.fs.move(self._write_hidden_table(path, table, name), path)

    # -- one writer at a time --------------------------------------------------------
    @contextmanager
    def lock(self, wait_seconds: float = 3600.0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the data folder's writer lock; wait for another writer up to `wait_seconds`.

        Object stores have no advisory locks: there, run one deployment with a
        concurrency limit of 1 (see README).
        """
        if not self.is_local:
            yield
            return
        import fcntl

        os.makedirs(self.path(STATE_DIR), exist_ok=True)
        fd = os.open(self.path(STATE_DIR, "lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait_seconds
            told = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise StoreError(f"another plenipo run holds {self.uri} (pid {self._lock_owner(fd)}); gave up after {wait_seconds:.0f} s") from None
                    if not told and on_wait:
                        on_wait(f"waiting for another plenipo run on {self.uri} (pid {self._lock_owner(fd)})")
                        told = True
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)  # closing releases the flock

    @staticmethod
    def _lock_owner(fd: int) -> str:
        try:
            return os.pread(fd, 32, 0).decode().strip() or "?"
        except OSError:
            return "?"

    # -- commits ----------------------------------------------------------------------
    def commit(self, moves: Iterable[tuple[str, str]] = (), deletes: Iterable[str] = ()) -> None:
        """Apply renames (hidden temp -> visible) and deletions as one recoverable unit."""
        record = {"moves": [list(m) for m in moves], "deletes": list(deletes)}
        if not record["moves"] and not record["deletes"]:
            return
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.json"
        path = self.path(STATE_DIR, "commits", name)
        self._write_bytes_atomic(path, json.dumps(record).encode())
        self._apply(record)
        self.fs.delete_file(path)

    def _apply(self, record: dict) -> None:
        for src, dst in record["moves"]:
            if self._exists(src):
                self.fs.move(src, dst)
        for path in record["deletes"]:
            if self._exists(path):
                self.fs.delete_file(path)

    def recover(self) -> int:
        """Finish commits a killed run recorded; drop files it never committed. Returns commits replayed."""
        sel = pafs.FileSelector(self.path(STATE_DIR, "commits"), allow_not_found=True)
        records = sorted(i.path for i in self.fs.get_file_info(sel) if i.base_name.endswith(".json") and not i.base_name.startswith("."))
        for path in records:
            raw = self._read_bytes(path)
            if raw:
                self._apply(json.loads(raw))
            self.fs.delete_file(path)
        for folder in [*ALL_TABLES, STATE_DIR, f"{STATE_DIR}/commits"]:
            sel = pafs.FileSelector(self.path(folder), allow_not_found=True)
            for info in self.fs.get_file_info(sel):
                if info.type == pafs.FileType.File and info.base_name.startswith(".") and info.base_name.endswith(".tmp"):
                    self.fs.delete_file(info.path)
        return len(records)

    # -- reading ----------------------------------------------------------------------
    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        schema = ALL_TABLES[table]
        if columns:
            schema = pa.schema([schema.field(c) for c in columns])
        pieces = []
        for path in self.parts(table):
            with self.fs.open_input_file(path) as f:
                t = pq.read_table(f, columns=columns)
            pieces.append(t.cast(schema) if t.schema != schema else t)
        return pa.concat_tables(pieces) if pieces else schema.empty_table()

    def iter_rows(self, table: str, columns: list[str] | None = None, batch_rows: int = 8192) -> Iterator[dict]:
        """Every row of a table as a dict, a record batch at a time (memory stays flat)."""
        for path in self.parts(table):
            with self.fs.open_input_file(path) as f:
                for batch in pq.ParquetFile(f).iter_batches(batch_size=batch_rows, columns=columns):
                    yield from batch.to_pylist()

    def row_counts(self) -> dict[str, int]:
        counts = {}
        for table in ALL_TABLES:
            n = 0
            for path in self.parts(table):
                with self.fs.open_input_file(path) as f:
                    n += pq.ParquetFile(f).metadata.num_rows
            counts[table] = n
        return counts

    # -- replacing documents ------------------------------------------------------------
    def remove_documents(self, doc_ids: set[str], failed_uris: set[str] = frozenset()) -> int:
        """Drop every row of `doc_ids` (and failures of `failed_uris`) from the per-document tables.

        Each affected file is rewritten under a hidden name and swapped in by one commit,
        so readers see either the old or the new file, whole. Returns rows removed.
        """
        if not doc_ids and not failed_uris:
            return 0
        ids = pa.array(sorted(doc_ids), pa.string())
        uris = pa.array(sorted(failed_uris), pa.string())
        moves, removed = [], 0
        for table in PER_DOCUMENT_TABLES:
            for path in self.parts(table):
                with self.fs.open_input_file(path) as f:
                    t = pq.read_table(f)
                drop = pc.fill_null(pc.is_in(t["doc_id"], ids), False)
                if table == "failures" and len(uris):
                    drop = pc.or_(drop, pc.fill_null(pc.is_in(t["source_uri"], uris), False))
                n = pc.sum(drop).as_py() or 0
                if not n:
                    continue
                removed += n
                moves.append((self._write_hidden_table(path, t.filter(pc.invert(drop)), table), path))
        self.commit(moves=moves)
        return removed

    def replace_table(self, table: str, data: pa.Table) -> None:
        """Swap a derived table (one file) for a new version in one commit."""
        old = self.parts(table)
        final = self.path(table, f"part-{time.time_ns():020d}.parquet")
        self.commit(moves=[(self._write_hidden_table(final, data, table), final)], deletes=old)

    # -- manifest -------------------------------------------------------------------------
    def load_manifest(self) -> dict[str, ManifestEntry]:
        raw = self._read_bytes(self.path(STATE_DIR, "manifest.json"))
        if not raw:
            return {}
        try:
            files = json.loads(raw)["files"]
            return {path: ManifestEntry(*entry) for path, entry in files.items()}
        except (ValueError, KeyError, TypeError):
            return {}  # a cache: when unreadable, files are simply hashed again

    def save_manifest(self, manifest: dict[str, ManifestEntry]) -> None:
        files = {p: [e.size, e.mtime_ns, e.doc_id] for p, e in manifest.items()}
        self._write_bytes_atomic(self.path(STATE_DIR, "manifest.json"), json.dumps({"version": 1, "files": files}).encode())

    def save_state(self, name: str, value: dict) -> None:
        self._write_bytes_atomic(self.path(STATE_DIR, name), json.dumps(value, default=str, indent=1).encode())

    def load_state(self, name: str) -> dict | None:
        raw = self._read_bytes(self.path(STATE_DIR, name))
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None


class StreamingWriter:
    """Appends batches as row groups to hidden files; `flush` commits them as visible parts.

    Memory stays flat: each batch goes to disk as it arrives. A crash loses at most the
    batches since the last flush, which the next run simply processes again.
    """

    def __init__(self, store: DataStore, run_id: str):
        self.store = store
        self.run_id = run_id
        self.seq = 0
        self._open: dict[str, tuple[pq.ParquetWriter, object, str, str]] = {}

    def write(self, tables: dict[str, pa.Table]) -> None:
        for name in PER_DOCUMENT_TABLES:
            t = tables.get(name)
            if t is None or t.num_rows == 0:
                continue
            if name not in self._open:
                base = f"part-{self.run_id}-{self.seq:05d}.parquet"
                final = self.store.path(name, base)
                tmp = self.store.path(name, f".{base}.tmp")
                stream = self.store.fs.open_output_stream(tmp)
                writer = pq.ParquetWriter(stream, with_metadata(PER_DOCUMENT_TABLES[name], name), **PARQUET_OPTIONS)
                self._open[name] = (writer, stream, tmp, final)
            self._open[name][0].write_table(t)

    def flush(self) -> None:
        moves = []
        # documents last: a document row appears only with (or after) all its other rows
        for name in PER_DOCUMENT_TABLES:
            if name in self._open:
                writer, stream, tmp, final = self._open.pop(name)
                writer.close()
                stream.close()
                moves.append((tmp, final))
        self.store.commit(moves=moves)
        self.seq += 1

    def abort(self) -> None:
        for writer, stream, tmp, _ in self._open.values():
            try:
                writer.close()
                stream.close()
            finally:
                self.store.fs.delete_file(tmp)
        self._open.clear()
