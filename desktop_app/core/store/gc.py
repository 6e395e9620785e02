"""Blob garbage collection: a blob is deleted only when nothing references it."""

from __future__ import annotations

import time

from desktop_app.core.store.db import Store

REFERENCES = (
    "SELECT blob_sha256 FROM dossier_files",
    "SELECT receipt_sha256 FROM payments WHERE receipt_sha256 IS NOT NULL",
    "SELECT blob_sha256 FROM results WHERE blob_sha256 IS NOT NULL",
)
"""Every column that points at a blob. A new one must be added here."""


def referenced_blobs(store: Store) -> set[str]:
    db = store.db
    return {row[0] for query in REFERENCES for row in db.execute(query)}


def collect_garbage(store: Store, orphan_age_seconds: float = 3600.0) -> list[str]:
    """Delete unreferenced blobs; returns their names.

    Runs inside one write transaction, so no attachment can start referencing a blob
    while it is being removed (attachments check the blob exists inside their own
    transaction). Files on disk that no row knows (left by a crash between the copy and
    the transaction) are removed once older than ``orphan_age_seconds``.
    """
    removed: list[str] = []
    with store.write() as db:
        referenced = {row[0] for query in REFERENCES for row in db.execute(query)}
        known = {row[0] for row in db.execute("SELECT sha256 FROM blobs")}
        for sha256 in sorted(known - referenced):
            db.execute("DELETE FROM blobs WHERE sha256 = ?", (sha256,))
            store.blobs.remove(sha256)
            removed.append(sha256)
        cutoff = time.time() - orphan_age_seconds
        for sha256 in store.blobs.iter_stored():
            if sha256 in known:
                continue
            path = store.blobs.path(sha256)
            if path.stat().st_mtime < cutoff:
                store.blobs.remove(sha256)
                removed.append(sha256)
        if store.blobs.tmp.is_dir():
            for part in store.blobs.tmp.iterdir():
                if part.stat().st_mtime < cutoff:
                    part.unlink(missing_ok=True)
    return removed
