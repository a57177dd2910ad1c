import os

import pytest

import flows.sources as sources
from flows.sources import discover, file_sha256, plan_work
from outputs.store import ManifestEntry


def test_discover_recurses_skips_hidden_and_reports_missing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "y.txt").write_text("y")
    (tmp_path / ".hidden.txt").write_text("h")
    found = discover([str(tmp_path), str(tmp_path / "nope")])
    assert [os.path.basename(f.path) for f in found.files] == ["x.txt"]
    assert found.skipped[0][1] == "not_found"


def test_symlink_outside_the_root_is_not_followed_unless_asked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "ok.txt").write_text("ok")
    found = discover([str(root)])
    assert [os.path.basename(f.path) for f in found.files] == ["ok.txt"]
    assert found.skipped[0][1] == "symlink_outside_root"
    assert len(discover([str(root)], follow_symlinks=True).files) == 2


def test_symlink_cycle_terminates(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f.txt").write_text("f")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert len(discover([str(tmp_path)], follow_symlinks=True).files) == 1


def test_unchanged_files_are_not_read(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("hello")
    found = discover([str(tmp_path)]).files
    doc_id = file_sha256(str(f))
    manifest = {found[0].path: ManifestEntry(found[0].size, found[0].mtime_ns, doc_id)}

    def no_reading(path):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(sources, "file_sha256", no_reading)
    plan = plan_work(found, manifest, {doc_id})
    assert plan.unchanged == 1 and not plan.new


def test_new_changed_and_duplicate_files(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("one")  # same bytes under another name
    (tmp_path / "c.txt").write_text("two")
    found = discover([str(tmp_path)]).files
    known = {file_sha256(str(tmp_path / "c.txt"))}
    plan = plan_work(found, {}, known)
    assert [os.path.basename(f.path) for f, _ in plan.new] == ["a.txt"]
    assert [os.path.basename(f.path) for fs in plan.duplicates.values() for f in fs] == ["b.txt"]
    assert plan.unchanged == 1


def test_a_copy_of_a_failed_file_gets_its_own_failure(tmp_path):
    from flows.sources import KnownFailure

    (tmp_path / "a.bin").write_bytes(b"")
    (tmp_path / "b.bin").write_bytes(b"")
    found = discover([str(tmp_path)]).files
    empty_id = file_sha256(str(tmp_path / "a.bin"))
    why = KnownFailure("load", "empty", "the file is empty")
    plan = plan_work(found, {}, set(), {empty_id: why}, {str(tmp_path / "a.bin")})
    assert not plan.new and plan.unchanged == 2
    assert [(os.path.basename(f.path), k) for f, _, k in plan.failed_copies] == [("b.bin", why)]


@pytest.mark.parametrize("size", [0, 1, 3 << 20])
def test_sha256_matches_hashlib(tmp_path, size):
    import hashlib

    data = os.urandom(size)
    (tmp_path / "f").write_bytes(data)
    assert file_sha256(str(tmp_path / "f")) == hashlib.sha256(data).hexdigest()
