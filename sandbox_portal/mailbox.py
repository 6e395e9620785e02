"""The sandbox's outgoing mail: kept in the database, read back through /sandbox/mail."""

from __future__ import annotations

import sqlite3
from typing import Any

from sandbox_portal import clock
from sandbox_portal.storage import Database
from sandbox_portal.text import nfc


def send(
    conn: sqlite3.Connection, to: str, subject: str, body: str, confirm_token: str | None = None
) -> None:
    """ "Send" a mail (inside a transaction)."""
    conn.execute(
        "INSERT INTO mails (to_addr, subject, body, sent_at, confirm_token) VALUES (?, ?, ?, ?, ?)",
        (to, nfc(subject), nfc(body), clock.now(), confirm_token),
    )


def list_mail(db: Database, to: str | None) -> list[dict[str, Any]]:
    """The mails sent to ``to`` (all when None), newest last."""
    with db.tx() as conn:
        if to:
            rows = conn.execute(
                "SELECT * FROM mails WHERE lower(to_addr) = lower(?) ORDER BY id", (to.strip(),)
            ).fetchall()
        else:
            rows = conn.execute("SELECT * FROM mails ORDER BY id").fetchall()
    return [
        {
            "to": row["to_addr"],
            "subject": row["subject"],
            "body": row["body"],
            "sent_at": clock.rfc3339(row["sent_at"]),
            "confirm_token": row["confirm_token"],
        }
        for row in rows
    ]
