"""SQLite storage of the sandbox portal: one file, one writer at a time.

Uploaded files, results and receipts live on disk beside the database (see :class:`Folders`);
the database only holds their metadata.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    email TEXT NOT NULL, full_name TEXT NOT NULL, phone TEXT NOT NULL, kind TEXT NOT NULL,
    agency_code TEXT, address TEXT,
    status TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until REAL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS confirm_tokens (
    token TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
    used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS mails (
    id INTEGER PRIMARY KEY, to_addr TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
    sent_at REAL NOT NULL, confirm_token TEXT
);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL, expires_at REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS idempotency (
    account_id INTEGER NOT NULL, key TEXT NOT NULL,
    method TEXT NOT NULL, path TEXT NOT NULL, body_hash TEXT NOT NULL,
    state TEXT NOT NULL, status INTEGER, body BLOB, content_type TEXT,
    created_at REAL NOT NULL,
    PRIMARY KEY (account_id, key)
);
CREATE TABLE IF NOT EXISTS procedures (
    code TEXT PRIMARY KEY, version INTEGER NOT NULL, content_hash TEXT NOT NULL,
    updated_at REAL NOT NULL, retired INTEGER NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS procedure_versions (
    code TEXT NOT NULL, version INTEGER NOT NULL, components_hash TEXT NOT NULL,
    PRIMARY KEY (code, version)
);
CREATE TABLE IF NOT EXISTS dossiers (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    client_id TEXT NOT NULL,
    procedure_code TEXT NOT NULL, procedure_version INTEGER NOT NULL,
    request TEXT NOT NULL,
    status INTEGER NOT NULL,
    code TEXT, receipt_no TEXT, received_at REAL, due_at REAL, submitted_at REAL,
    supplement_request TEXT,
    fees TEXT NOT NULL DEFAULT '[]', fees_due INTEGER NOT NULL DEFAULT 0,
    supplements_asked INTEGER NOT NULL DEFAULT 0,
    change_seq INTEGER NOT NULL,
    updated_at REAL NOT NULL, created_at REAL NOT NULL,
    UNIQUE (account_id, client_id)
);
CREATE INDEX IF NOT EXISTS dossiers_changes ON dossiers (account_id, change_seq);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY, dossier_id TEXT NOT NULL, at REAL NOT NULL, status INTEGER NOT NULL,
    step TEXT NOT NULL, handler TEXT NOT NULL, unit TEXT NOT NULL, note TEXT
);
CREATE TABLE IF NOT EXISTS supplements (
    id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, request_id TEXT NOT NULL,
    note TEXT, state TEXT NOT NULL, created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
    file_id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, supplement_id TEXT,
    account_id INTEGER NOT NULL, position INTEGER NOT NULL,
    component_code TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
    size INTEGER NOT NULL, sha256 TEXT NOT NULL, offset INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS results (
    id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, name TEXT NOT NULL,
    content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, path TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE, dossier_id TEXT NOT NULL, account_id INTEGER NOT NULL,
    amount INTEGER NOT NULL, items TEXT NOT NULL, status TEXT NOT NULL,
    created_at REAL NOT NULL, expires_at REAL NOT NULL,
    beneficiary TEXT NOT NULL,
    paid_at REAL, transaction_no TEXT UNIQUE, channel TEXT, receipt_path TEXT
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class Folders:
    """Where the sandbox keeps its files inside its data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "portal.sqlite3"

    @property
    def uploads(self) -> Path:
        return self.root / "uploads"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def agency(self) -> Path:
        return self.root / "agency"

    def create(self) -> None:
        for folder in (self.uploads, self.results, self.receipts, self.templates, self.agency):
            folder.mkdir(parents=True, exist_ok=True)


class Database:
    """One SQLite connection guarded by a lock; every access goes through :meth:`tx`."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._depth = 0
        self._conn.executescript(SCHEMA)
        self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A transaction (nested calls join the outer one); commits on success."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self._conn
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")

    def next_counter(self, conn: sqlite3.Connection, name: str) -> int:
        """Increment and return a named counter (inside a transaction)."""
        conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )
        return int(conn.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()[0])

    def get_meta(self, key: str) -> str | None:
        with self.tx() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()
