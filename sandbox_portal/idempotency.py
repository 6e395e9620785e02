"""Idempotency keys (portal-api.md, "Idempotency"): per account, body compared as JSON,
every response below 500 replayed, conflicts and in-flight duplicates refused."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

from sandbox_portal import clock
from sandbox_portal.errors import PortalError
from sandbox_portal.storage import Database


@dataclass(frozen=True)
class StoredResponse:
    """A response kept under a key, replayed as it was."""

    status: int
    body: bytes
    content_type: str


def parse_key(header: str | None) -> str:
    """The key of an ``Idempotency-Key`` header; 400 ``idempotency_key_required`` otherwise."""
    if not header or not header.strip():
        raise PortalError(400, "idempotency_key_required")
    try:
        return str(uuid.UUID(header.strip()))
    except ValueError:
        raise PortalError(
            400,
            "idempotency_key_required",
            "Idempotency-Key phải là một UUID.",
            {"field": "Idempotency-Key"},
        ) from None


def body_fingerprint(raw: bytes) -> str:
    """Hash of the body compared as JSON: key order and white space do not matter,
    an empty body counts as ``{}``; a body that is not JSON is compared byte for byte."""
    text: str
    if not raw.strip():
        text = "{}"
    else:
        try:
            text = "json:" + json.dumps(
                json.loads(raw), sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            if text == "json:{}":
                text = "{}"
        except (ValueError, UnicodeDecodeError):
            return "raw:" + hashlib.sha256(raw).hexdigest()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class IdempotencyStore:
    """The keys of every account, kept at least ``keep_days`` days."""

    def __init__(self, db: Database, keep_days: int) -> None:
        self._db = db
        self._keep_seconds = keep_days * 86400

    def start_up(self) -> None:
        """Forget expired keys and requests that a previous process left running."""
        with self._db.tx() as conn:
            conn.execute("DELETE FROM idempotency WHERE state = 'running'")
            conn.execute(
                "DELETE FROM idempotency WHERE created_at < ?", (clock.now() - self._keep_seconds,)
            )

    def claim(
        self, account_id: int, key: str, method: str, path: str, fingerprint: str
    ) -> StoredResponse | None:
        """Reserve ``key`` for this request, or return the response to replay.

        Raises 409 ``idempotency_conflict`` for another body or path, and 409
        ``idempotency_in_progress`` while the first request still runs.
        """
        with self._db.tx() as conn:
            row = conn.execute(
                "SELECT * FROM idempotency WHERE account_id=? AND key=?", (account_id, key)
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO idempotency (account_id, key, method, path, body_hash, state, "
                    "created_at) VALUES (?, ?, ?, ?, ?, 'running', ?)",
                    (account_id, key, method, path, fingerprint, clock.now()),
                )
                return None
            if (row["method"], row["path"], row["body_hash"]) != (method, path, fingerprint):
                raise PortalError(409, "idempotency_conflict", details={"path": row["path"]})
            if row["state"] == "running":
                raise PortalError(409, "idempotency_in_progress", headers={"Retry-After": "1"})
            return StoredResponse(int(row["status"]), bytes(row["body"]), row["content_type"])

    def finish(self, account_id: int, key: str, response: StoredResponse) -> None:
        """Keep the response of a request that ended below 500."""
        with self._db.tx() as conn:
            conn.execute(
                "UPDATE idempotency SET state='done', status=?, body=?, content_type=? "
                "WHERE account_id=? AND key=?",
                (response.status, response.body, response.content_type, account_id, key),
            )

    def release(self, account_id: int, key: str) -> None:
        """Forget a key whose request failed with 5xx, so a retry runs it again."""
        with self._db.tx() as conn:
            conn.execute(
                "DELETE FROM idempotency WHERE account_id=? AND key=? AND state='running'",
                (account_id, key),
            )
