"""A full disk and a read-only profile: a clear message, and what was saved stays intact."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

import pytest

from desktop_app.core.messages import UserError
from desktop_app.core.store import Store, blobs
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import events_of
from desktop_app.settings import Settings


def _snapshot(store: Store) -> dict:
    db = store.db
    return {
        "dossiers": db.execute("SELECT * FROM dossiers ORDER BY id").fetchall(),
        "files": db.execute("SELECT * FROM dossier_files ORDER BY id").fetchall(),
        "events": db.execute("SELECT * FROM events ORDER BY id").fetchall(),
        "blobs": sorted(store.blobs.iter_stored()),
    }


@pytest.fixture
def filled(profile, tmp_path):
    store = Store.open(profile)
    repo = DossierRepository(store)
    dossier = repo.create("1.014111", 3, summary="Đăng ký dự tuyển")
    first = tmp_path / "to-trinh.pdf"
    first.write_bytes(b"%PDF-1.7 first file")
    repo.attach(dossier.id, "TP1", first)
    yield store, repo, dossier.id
    store.close()


def test_disk_full_while_copying_an_attachment(filled, tmp_path, monkeypatch):
    store, repo, dossier_id = filled
    before = _snapshot(store)
    big = tmp_path / "ban-scan.pdf"
    big.write_bytes(b"%PDF-1.7 " + os.urandom(3 * 1024 * 1024))
    written = []

    def write_then_fill_up(handle, data):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(len(data))
        handle.write(data)

    monkeypatch.setattr(blobs, "_write_all", write_then_fill_up)
    with pytest.raises(UserError) as caught:
        repo.attach(dossier_id, "TP2", big)
    assert caught.value.message.key == "storage.disk_full"
    assert "Ổ đĩa đã đầy" in caught.value.render("vi")
    assert "The disk is full" in caught.value.render("en")
    assert _snapshot(store) == before
    assert not any(store.blobs.tmp.iterdir()), "a partial temporary file was left behind"


def test_database_full_in_the_middle_of_a_transaction(filled):
    store, repo, dossier_id = filled
    before = _snapshot(store)
    conn = store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    with pytest.raises(UserError) as caught:
        repo.update(dossier_id, summary="x" * 200_000)
    assert caught.value.message.key == "storage.disk_full"
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert _snapshot(store) == before
    assert store.integrity_problems() == []
    assert repo.get(dossier_id).summary == "Đăng ký dự tuyển"


def test_settings_on_a_full_disk_keep_the_old_file(profile, monkeypatch):
    settings = Settings.load(profile)
    settings.set("sync.parallel_uploads", 3)
    settings.save()
    original = (profile / "settings.json").read_bytes()

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    settings.set("sync.parallel_uploads", 5)
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(UserError) as caught:
        settings.save()
    monkeypatch.undo()
    assert caught.value.message.key == "storage.disk_full"
    assert (profile / "settings.json").read_bytes() == original
    assert [p.name for p in profile.iterdir()] == ["settings.json"]


def _try_mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
    )
    return result.returncode == 0


def test_a_really_full_filesystem(tmp_path):
    """The same on a real 4 MiB filesystem (needs root to mount tmpfs; skipped otherwise)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    if not _try_mount_tmpfs(mount_point, "4m"):
        pytest.skip("cannot mount a size-limited tmpfs here (needs root); injection tests ran")
    try:
        store = Store.open(mount_point / "profile")
        repo = DossierRepository(store)
        dossier = repo.create("1.014111", 3)
        source = tmp_path / "scan.pdf"
        refused = None
        attached = 0
        for _ in range(20):
            source.write_bytes(b"%PDF-1.7 " + os.urandom(700 * 1024))
            try:
                repo.attach(dossier.id, "TP1", source)
            except UserError as error:
                refused = error
                break
            attached += 1
        assert refused is not None and refused.message.key == "storage.disk_full", refused
        assert store.integrity_problems() == []
        kept = repo.get(dossier.id).files
        assert len(kept) == attached
        for f in kept:
            assert store.blobs.verify(f.blob_sha256)
        assert len(events_of(store.db, dossier.id)) == 1 + attached
        store.close()
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@contextlib.contextmanager
def _read_only(folder: Path):
    """Make ``folder`` read-only for this process: chmod for a normal user; root ignores
    permissions, so for root a read-only bind mount (skipped where mounting is refused)."""
    if os.geteuid() != 0:
        paths = [folder, *folder.rglob("*")]
        for path in paths:
            os.chmod(path, 0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path in paths:
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"root cannot make a read-only bind mount here: {bind.stderr!r}")
    try:
        ro = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=False
        )
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only: {ro.stderr!r}")
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_profile_says_so_and_changes_nothing(profile, tmp_path):
    store = Store.open(profile)
    repo = DossierRepository(store)
    dossier = repo.create("1.014111", 3, summary="đã lưu trước")
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _snapshot(store)
    store.close()
    attachment = tmp_path / "x.pdf"
    attachment.write_bytes(b"%PDF-1.7 x")

    with _read_only(profile):
        with pytest.raises(UserError) as caught:
            reopened = Store.open(profile)
            DossierRepository(reopened).create("1.014111", 3)
        assert caught.value.message.key == "storage.read_only", caught.value.render("en")
        assert "chỉ cho phép đọc" in caught.value.render("vi")
        with pytest.raises(UserError) as caught_settings:
            settings = Settings.load(profile)
            settings.set("sync.auto_send", False)
            settings.save()
        assert caught_settings.value.message.key == "storage.read_only"

    store = Store.open(profile)
    assert _snapshot(store) == before
    assert DossierRepository(store).get(dossier.id).summary == "đã lưu trước"
    store.close()
