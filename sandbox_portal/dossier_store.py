"""Dossiers in the database: reading one in its wire shape, recording changes and history."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from sandbox_portal import clock
from sandbox_portal.config import API_PREFIX
from sandbox_portal.errors import PortalError
from sandbox_portal.text import nfc

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

STATUS_LABELS = {
    0: "Chưa nộp",
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}


def upload_url(file_id: str) -> str:
    """The tus URL of an upload, relative to the portal's origin."""
    return f"{API_PREFIX}/uploads/{file_id}"


def upload_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "file_id": row["file_id"],
        "component_code": row["component_code"],
        "file_name": row["file_name"],
        "upload_url": upload_url(row["file_id"]),
        "size": int(row["size"]),
        "offset": int(row["offset"]),
    }


def touch(portal: Portal, conn: sqlite3.Connection, dossier_id: str) -> None:
    """Record that a dossier changed: a new place in the change feed, a new ``updated_at``."""
    seq = portal.db.next_counter(conn, "change")
    conn.execute(
        "UPDATE dossiers SET change_seq=?, updated_at=? WHERE id=?", (seq, clock.now(), dossier_id)
    )


def add_history(
    conn: sqlite3.Connection,
    dossier_id: str,
    status: int,
    step: str,
    handler: str,
    unit: str,
    note: str | None = None,
) -> None:
    """Append a history entry (the timeline the client shows)."""
    conn.execute(
        "INSERT INTO history (dossier_id, at, status, step, handler, unit, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (dossier_id, clock.now(), status, nfc(step), nfc(handler), nfc(unit), note and nfc(note)),
    )


def find_owned(conn: sqlite3.Connection, dossier_id: str, account_id: int) -> sqlite3.Row:
    """The dossier row if this account owns it; ``404 not_found`` otherwise."""
    row = conn.execute(
        "SELECT * FROM dossiers WHERE id=? AND account_id=?", (dossier_id, account_id)
    ).fetchone()
    if row is None:
        raise PortalError(404, "not_found", "Không tìm thấy hồ sơ.")
    return row


def dossier_dict(
    portal: Portal, conn: sqlite3.Connection, row: sqlite3.Row, origin: str
) -> dict[str, Any]:
    """A dossier in its wire shape (``Dossier`` of portal-api.md)."""
    from sandbox_portal.payments_core import payment_dict

    dossier_id = row["id"]
    history = [
        {
            "at": clock.rfc3339(h["at"]),
            "status": int(h["status"]),
            "step": h["step"],
            "handler": h["handler"],
            "unit": h["unit"],
            "note": h["note"],
        }
        for h in conn.execute(
            "SELECT * FROM history WHERE dossier_id=? ORDER BY id", (dossier_id,)
        ).fetchall()
    ]
    uploads = [
        upload_dict(u)
        for u in conn.execute(
            "SELECT * FROM uploads WHERE dossier_id=? "
            "ORDER BY supplement_id IS NOT NULL, supplement_id, position",
            (dossier_id,),
        ).fetchall()
    ]
    results = [
        {
            "id": r["id"],
            "name": r["name"],
            "content_type": r["content_type"],
            "size": int(r["size"]),
            "sha256": r["sha256"],
            "url": f"{API_PREFIX}/dossiers/{dossier_id}/results/{r['id']}",
        }
        for r in conn.execute(
            "SELECT * FROM results WHERE dossier_id=? ORDER BY rowid", (dossier_id,)
        ).fetchall()
    ]
    payment_row = conn.execute(
        "SELECT * FROM payments WHERE dossier_id=? ORDER BY seq DESC LIMIT 1", (dossier_id,)
    ).fetchone()
    status = int(row["status"])
    supplement = json.loads(row["supplement_request"]) if row["supplement_request"] else None
    return {
        "id": dossier_id,
        "client_id": row["client_id"],
        "code": row["code"],
        "procedure_code": row["procedure_code"],
        "status": status,
        "status_label": STATUS_LABELS[status],
        "receipt_no": row["receipt_no"],
        "received_at": clock.rfc3339(row["received_at"]),
        "due_at": clock.rfc3339(row["due_at"]),
        "history": history,
        "supplement_request": supplement if status == 5 else None,
        "fees": json.loads(row["fees"]),
        "fees_due_vnd": int(row["fees_due"]),
        "payment": None if payment_row is None else payment_dict(portal, payment_row, origin),
        "results": results,
        "uploads": uploads,
        "updated_at": clock.rfc3339(row["updated_at"]),
    }


def load(portal: Portal, conn: sqlite3.Connection, dossier_id: str, origin: str) -> dict[str, Any]:
    """A dossier by id in its wire shape (no ownership check)."""
    row = conn.execute("SELECT * FROM dossiers WHERE id=?", (dossier_id,)).fetchone()
    if row is None:
        raise PortalError(404, "not_found", "Không tìm thấy hồ sơ.")
    return dossier_dict(portal, conn, row, origin)
