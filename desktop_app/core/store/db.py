"""The profile's SQLite database: opening, migrating, one writer at a time.

Reads may run on any thread (each thread gets its own connection, WAL lets them run
beside a writer). Writes go through :meth:`Store.write`, which takes a process-wide
lock and ``BEGIN IMMEDIATE`` (so another process, such as ``dossier-desk sync`` beside
the window, waits for its turn instead of failing half-way), and commits or rolls back
the whole block as one transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from desktop_app.core.fsutil import storage_error, translated_storage_errors
from desktop_app.core.messages import UserError
from desktop_app.core.store.blobs import BlobStore
from desktop_app.core.store.migrations import LATEST_VERSION, STEPS

DATABASE_FILE = "dossier-desk.sqlite3"
BLOBS_DIR = "blobs"
BUSY_TIMEOUT_MS = 30_000


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every DossierDesk connection uses."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Apply the missing steps up to ``target`` (default: the latest); one transaction each."""
    target = LATEST_VERSION if target is None else target
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise UserError("storage.newer_schema", found=current, known=LATEST_VERSION)
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # A second process may have migrated while we waited for the lock.
            if schema_version(conn) >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(STEPS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def _statements(script: str) -> Iterator[str]:
    """Split a step's script into statements (``executescript`` would commit on its own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement and statement != ";":
                yield statement
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL at the end of a migration step: {buffer[:80]!r}")


class Store:
    """One profile's database and blob store."""

    def __init__(self, profile: Path) -> None:
        self.profile = Path(profile)
        self.path = self.profile / DATABASE_FILE
        self.blobs = BlobStore(self.profile / BLOBS_DIR)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._all: list[sqlite_utils.Database] = []

    @classmethod
    def open(cls, profile: Path) -> Store:
        """Open (creating and migrating when needed) the store in ``profile``."""
        store = cls(profile)
        with translated_storage_errors(store.profile):
            store.profile.mkdir(parents=True, exist_ok=True)
            store.blobs.root.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(store.path)
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(conn)
        except sqlite3.Error as exc:
            raise storage_error(exc, store.path) from exc
        store._adopt(conn)
        return store

    def _adopt(self, conn: sqlite3.Connection) -> sqlite_utils.Database:
        db = sqlite_utils.Database(conn)
        self._local.db = db
        self._all.append(db)
        return db

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection (for reads; writes use :meth:`write`)."""
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = self._adopt(connect(self.path))
            except sqlite3.Error as exc:
                raise storage_error(exc, self.path) from exc
        return db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction: everything in the block commits together or not at all."""
        db = self.db
        with self._write_lock:
            if db.conn.in_transaction:  # nested: join the outer transaction
                yield db
                return
            try:
                db.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise storage_error(exc, self.path) from exc
            try:
                yield db
                db.conn.execute("COMMIT")
            except BaseException as exc:
                if db.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        db.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise storage_error(exc, self.path) from exc
                raise

    def integrity_problems(self) -> list[str]:
        """``PRAGMA integrity_check`` and ``foreign_key_check``: empty when all is well."""
        conn = self.db.conn
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems

    def close(self) -> None:
        for db in self._all:
            with contextlib.suppress(sqlite3.Error):
                db.conn.close()
        self._all.clear()
        self._local = threading.local()
