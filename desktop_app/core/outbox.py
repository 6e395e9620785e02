"""Idempotency keys per network step, committed before the request that uses them.

A step is one call that changes something on the portal (create, submit, a supplement, a
payment). Its key is written to the database *before* the request leaves, and reused on
every retry of that step, so a lost answer or a crash never makes a second dossier or
payment. When what the step sends changes (the body hash differs), the step gets a new
key: the contract says a changed request must not reuse a key.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import timedelta
from typing import Any

from desktop_app.core.clock import now, now_iso
from desktop_app.core.store import Store


def body_hash(body: Any) -> str:
    """A stable hash of a JSON body (key order and white space do not matter)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class Outbox:
    """The outbox rows of a profile."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def key(self, dossier_id: str, step: str, request_hash: str = "") -> str:
        """The key for this step and request, creating (and committing) it if needed."""
        stamp = now_iso()
        with self.store.write() as db:
            row = db.execute(
                "SELECT idempotency_key, request_hash FROM outbox"
                " WHERE dossier_id = ? AND step = ?",
                (dossier_id, step),
            ).fetchone()
            if row is not None and row[1] == request_hash:
                return row[0]
            new_key = str(uuid.uuid4())
            if row is None:
                db.execute(
                    "INSERT INTO outbox (dossier_id, step, idempotency_key, request_hash,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (dossier_id, step, new_key, request_hash, stamp, stamp),
                )
            else:
                db.execute(
                    "UPDATE outbox SET idempotency_key = ?, request_hash = ?, state = 'pending',"
                    " attempts = 0, last_error = NULL, updated_at = ?"
                    " WHERE dossier_id = ? AND step = ?",
                    (new_key, request_hash, stamp, dossier_id, step),
                )
            return new_key

    def attempt(self, dossier_id: str, step: str) -> None:
        """Count one attempt of a step (before sending it)."""
        with self.store.write() as db:
            db.execute(
                "UPDATE outbox SET attempts = attempts + 1, updated_at = ?"
                " WHERE dossier_id = ? AND step = ?",
                (now_iso(), dossier_id, step),
            )

    def done(self, dossier_id: str, step: str) -> None:
        with self.store.write() as db:
            db.execute(
                "UPDATE outbox SET state = 'done', last_error = NULL, next_attempt_at = NULL,"
                " updated_at = ? WHERE dossier_id = ? AND step = ?",
                (now_iso(), dossier_id, step),
            )

    def is_done(self, dossier_id: str, step: str, request_hash: str = "") -> bool:
        row = self.store.db.execute(
            "SELECT state, request_hash FROM outbox WHERE dossier_id = ? AND step = ?",
            (dossier_id, step),
        ).fetchone()
        return row is not None and row[0] == "done" and row[1] == request_hash

    def failed(
        self, dossier_id: str, step: str, error: dict[str, Any], retry_in: float | None
    ) -> None:
        """Record a failure; ``retry_in`` seconds until the next try (None: needs a person)."""
        next_at = (now() + timedelta(seconds=retry_in)).isoformat() if retry_in else None
        with self.store.write() as db:
            db.execute(
                "UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ?"
                " WHERE dossier_id = ? AND step = ?",
                (
                    "pending" if retry_in is not None else "failed",
                    json.dumps(error, ensure_ascii=False),
                    next_at,
                    now_iso(),
                    dossier_id,
                    step,
                ),
            )

    def attempts(self, dossier_id: str) -> int:
        row = self.store.db.execute(
            "SELECT coalesce(sum(attempts), 0) FROM outbox WHERE dossier_id = ?", (dossier_id,)
        ).fetchone()
        return int(row[0])

    def next_attempt_at(self, dossier_id: str) -> str | None:
        row = self.store.db.execute(
            "SELECT min(next_attempt_at) FROM outbox WHERE dossier_id = ? AND state = 'pending'",
            (dossier_id,),
        ).fetchone()
        return row[0]

    def steps(self, dossier_id: str) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in self.store.db.query(
                "SELECT step, idempotency_key, request_hash, state, attempts, next_attempt_at,"
                " last_error FROM outbox WHERE dossier_id = ? ORDER BY id",
                [dossier_id],
            )
        ]
