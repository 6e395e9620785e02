"""The append-only event log: who, when, from, to, why. The UI's timeline reads it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop_app.core.clock import now_iso


@dataclass(frozen=True)
class Event:
    id: int
    dossier_id: str | None
    at: str
    actor: str
    kind: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    data: dict[str, Any] | None


def append_event(
    db: sqlite_utils.Database,
    dossier_id: str | None,
    *,
    actor: str,
    kind: str,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    at: str | None = None,
) -> int:
    """Append one event; call it inside the write transaction of the change it records."""
    cursor = db.execute(
        "INSERT INTO events (dossier_id, at, actor, kind, from_state, to_state, reason, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dossier_id,
            at or now_iso(),
            actor,
            kind,
            from_state,
            to_state,
            reason,
            json.dumps(data, ensure_ascii=False) if data is not None else None,
        ),
    )
    return int(cursor.lastrowid)


def events_of(db: sqlite_utils.Database, dossier_id: str) -> list[Event]:
    """A dossier's events, oldest first."""
    rows = db.execute(
        "SELECT id, dossier_id, at, actor, kind, from_state, to_state, reason, data"
        " FROM events WHERE dossier_id = ? ORDER BY id",
        (dossier_id,),
    ).fetchall()
    return [Event(*row[:8], json.loads(row[8]) if row[8] else None) for row in rows]
