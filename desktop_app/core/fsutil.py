"""Safe file writing: temporary file, fsync, rename; OS errors turned into plain words."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.messages import UserError

_FULL = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def storage_error(exc: BaseException, where: str | os.PathLike[str]) -> UserError:
    """The :class:`UserError` that tells a person what an OS or SQLite error means."""
    where = str(where)
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return UserError("storage.disk_full", where=where)
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY:
        return UserError("storage.read_only", where=where)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        name = getattr(exc, "sqlite_errorname", "")
        message = str(exc).lower()
        if code == sqlite3.SQLITE_FULL or name == "SQLITE_FULL" or "disk is full" in message:
            return UserError("storage.disk_full", where=where)
        if name.startswith("SQLITE_READONLY") or "readonly" in message or "read-only" in message:
            return UserError("storage.read_only", where=where)
        if "unable to open" in message:
            return UserError("storage.read_only", where=where)
        if name == "SQLITE_NOTADB" or "not a database" in message:
            return UserError("storage.not_a_database", where=where)
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return UserError("storage.io_error", where=where, detail=detail)


@contextlib.contextmanager
def translated_storage_errors(where: str | os.PathLike[str]) -> Iterator[None]:
    """Turn OS and SQLite errors raised inside the block into :class:`UserError`."""
    try:
        yield
    except UserError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise storage_error(exc, where) from exc


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a no-op where directories can't be opened)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file."""
    path = Path(path)
    with translated_storage_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        fsync_dir(path.parent)
