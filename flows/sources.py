"""Finding source files and deciding which need work, without reading unchanged ones."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from outputs.store import ManifestEntry

HASH_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # absolute; also the document's source_uri
    size: int
    mtime_ns: int

    @property
    def group(self) -> str:
        """Documents from one folder usually come from one site or template."""
        return os.path.dirname(self.path)


@dataclass(slots=True)
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (path, error, message)


def discover(sources: list[str], follow_symlinks: bool = False) -> Discovery:
    """Every non-hidden file under each source (recursive), each once.

    A symlink that leads outside its source root is skipped (and reported) unless
    `follow_symlinks` is set: a dropped-in link must not pull in /etc or a home folder.
    """
    found = Discovery()
    seen: set[str] = set()
    for source in sources:
        root = os.path.abspath(source)
        if os.path.isfile(root):
            _add(found, seen, root)
            continue
        if not os.path.isdir(root):
            found.skipped.append((root, "not_found", f"source {source!r} does not exist"))
            continue
        real_root = os.path.realpath(root)
        visited_dirs: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
            real_dir = os.path.realpath(dirpath)
            if real_dir in visited_dirs:  # a symlink cycle
                dirnames[:] = []
                continue
            visited_dirs.add(real_dir)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = os.path.join(dirpath, name)
                if not follow_symlinks and os.path.islink(path):
                    target = os.path.realpath(path)
                    if os.path.commonpath([target, real_root]) != real_root:
                        found.skipped.append((path, "symlink_outside_root", f"symlink points outside {root}: {target}"))
                        continue
                _add(found, seen, path)
    return found


def _add(found: Discovery, seen: set[str], path: str) -> None:
    if path in seen:
        return
    seen.add(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        found.skipped.append((path, type(exc).__name__, exc.strerror or str(exc)))
        return
    found.files.append(SourceFile(path=path, size=st.st_size, mtime_ns=st.st_mtime_ns))


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class KnownFailure:
    stage: str
    error: str
    message: str


@dataclass(slots=True)
class Plan:
    """What a run has to do: new files (with their doc_id), and what it may skip."""

    new: list[tuple[SourceFile, str]] = field(default_factory=list)
    unchanged: int = 0
    # files with the same bytes as a new file of this run, by doc_id: they share its outcome
    duplicates: dict[str, list[SourceFile]] = field(default_factory=dict)
    # files with the same bytes as a document that failed before, under a path not yet recorded
    failed_copies: list[tuple[SourceFile, str, KnownFailure]] = field(default_factory=list)
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)
    manifest: dict[str, ManifestEntry] = field(default_factory=dict)  # entries for files needing no work


def plan_work(files: list[SourceFile], manifest: dict[str, ManifestEntry], known_docs: set[str],
              known_failures: dict[str, KnownFailure] | None = None, failed_paths: set[str] = frozenset()) -> Plan:
    """Split files into new and unchanged. Files whose path, size and mtime match the
    manifest are not read at all; others are hashed and compared with known doc_ids.

    A document is stored once however many paths hold its bytes; a failure is recorded
    for every path, so that a user sees each file that could not be processed.
    """
    known_failures = known_failures or {}
    plan = Plan()
    queued: set[str] = set()
    for f in files:
        entry = manifest.get(f.path)
        if entry and entry.size == f.size and entry.mtime_ns == f.mtime_ns and (
                entry.doc_id in known_docs or (entry.doc_id in known_failures and f.path in failed_paths)):
            plan.unchanged += 1
            plan.manifest[f.path] = entry
            continue
        try:
            doc_id = file_sha256(f.path)
        except OSError as exc:
            plan.unreadable.append((f.path, type(exc).__name__, exc.strerror or str(exc)))
            continue
        entry = ManifestEntry(f.size, f.mtime_ns, doc_id)
        if doc_id in known_docs:
            plan.unchanged += 1
            plan.manifest[f.path] = entry
        elif doc_id in known_failures:
            plan.unchanged += 1
            plan.manifest[f.path] = entry
            if f.path not in failed_paths:
                plan.failed_copies.append((f, doc_id, known_failures[doc_id]))
        elif doc_id in queued:
            plan.duplicates.setdefault(doc_id, []).append(f)
            plan.manifest[f.path] = entry
        else:
            queued.add(doc_id)
            plan.new.append((f, doc_id))
    return plan
