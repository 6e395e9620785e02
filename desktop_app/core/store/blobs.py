"""Content-addressed blob store: ``blobs/ab/cdef...`` named by the SHA-256 of the bytes.

Bytes are written to a temporary file in ``blobs/tmp``, fsynced, then renamed into place,
so a blob either exists whole or not at all. Two dossiers holding the same bytes share
one blob. Reading verifies the hash. Deleting is the store's business
(:func:`desktop_app.core.store.gc.collect_garbage`), which knows who references what.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import sqlite_utils

from desktop_app.core.fsutil import fsync_dir, translated_storage_errors
from desktop_app.core.messages import UserError

CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]
"""``progress(done_bytes, total_bytes)``."""


class Cancelled(Exception):
    """The caller asked to stop; nothing was stored."""


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    size: int


def record_blob(db: sqlite_utils.Database, info: BlobInfo, stamp: str) -> None:
    """Note in the database that the blob exists (inside the transaction that first
    references it; a blob row without a reference is collected by the garbage collector)."""
    db.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)",
        (info.sha256, info.size, stamp),
    )


def _write_all(handle: BinaryIO, data: bytes) -> None:
    # One place that writes blob bytes, so that tests can inject ENOSPC here.
    handle.write(data)


class BlobStore:
    """The blob folder of a profile."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:]

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_stream(
        self,
        source: BinaryIO,
        total: int = -1,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BlobInfo:
        """Store the bytes read from ``source``; returns their hash and size."""
        with translated_storage_errors(self.root):
            self.tmp.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=self.tmp, suffix=".part")
            tmp = Path(tmp_name)
            try:
                digest = hashlib.sha256()
                size = 0
                with os.fdopen(fd, "wb") as handle:
                    while chunk := source.read(CHUNK):
                        if cancelled is not None and cancelled():
                            raise Cancelled
                        digest.update(chunk)
                        _write_all(handle, chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(size, total)
                    handle.flush()
                    os.fsync(handle.fileno())
                info = BlobInfo(digest.hexdigest(), size)
                final = self.path(info.sha256)
                if final.is_file() and final.stat().st_size == size:
                    tmp.unlink()
                    return info
                final.parent.mkdir(exist_ok=True)
                os.replace(tmp, final)
                fsync_dir(final.parent)
                return info
            except BaseException:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise

    def put_file(
        self,
        path: Path,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BlobInfo:
        """Copy a user's file into the store (the dossier never points at ``path``)."""
        with translated_storage_errors(path), open(path, "rb") as source:
            total = os.fstat(source.fileno()).st_size
            return self.put_stream(source, total, progress, cancelled)

    def put_bytes(self, data: bytes) -> BlobInfo:
        return self.put_stream(io.BytesIO(data), len(data))

    def read_bytes(self, sha256: str) -> bytes:
        """The whole blob, verified."""
        with self.open(sha256) as handle:
            return handle.read()

    @contextlib.contextmanager
    def open(self, sha256: str) -> Iterator[BinaryIO]:
        """A reader that raises :class:`UserError` at the end if the bytes do not hash right.

        Streaming readers (uploads) read it in chunks in constant memory; the check comes
        with the last chunk, before the caller can report success.
        """
        path = self.path(sha256)
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed by the with below)
        except FileNotFoundError:
            raise UserError("storage.blob_missing", sha256=sha256) from None
        with handle:
            yield _VerifyingReader(handle, sha256)  # type: ignore[misc]

    def verify(self, sha256: str) -> bool:
        """True when the blob exists and its bytes hash to its name."""
        try:
            with self.open(sha256) as handle:
                while handle.read(CHUNK):
                    pass
        except UserError:
            return False
        return True

    def iter_stored(self) -> Iterator[str]:
        """Every blob name present on disk."""
        if not self.root.is_dir():
            return
        for prefix in self.root.iterdir():
            if len(prefix.name) != 2 or not prefix.is_dir():
                continue
            for entry in prefix.iterdir():
                yield prefix.name + entry.name

    def remove(self, sha256: str) -> None:
        with translated_storage_errors(self.root), contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()


class _VerifyingReader:
    """File-like reader hashing what it hands out; checks the digest at end of file."""

    def __init__(self, handle: BinaryIO, sha256: str) -> None:
        self._handle = handle
        self._expected = sha256
        self._digest = hashlib.sha256()
        self._checked = False
        self._size = os.fstat(handle.fileno()).st_size

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._digest.update(data)
        # Check as soon as the last byte is handed out: a reader that asks for exactly the
        # bytes left never makes the empty read that would otherwise trigger it.
        if not data or self._handle.tell() >= self._size:
            self._check()
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Seeking (to resume an upload) re-hashes the skipped part so the check still holds."""
        target = self._handle.seek(offset, whence)
        self._handle.seek(0)
        self._digest = hashlib.sha256()
        remaining = target
        while remaining > 0:
            chunk = self._handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            self._digest.update(chunk)
            remaining -= len(chunk)
        self._checked = False
        return target

    def tell(self) -> int:
        return self._handle.tell()

    def _check(self) -> None:
        if self._checked:
            return
        self._checked = True
        if self._digest.hexdigest() != self._expected:
            raise UserError("storage.blob_corrupt", sha256=self._expected)
