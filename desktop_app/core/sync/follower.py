"""Follow dossiers after submission: one ``changed_since`` poll for all of them.

Every change the portal reports is applied in one transaction per dossier: its status
fields, its processing history mirrored into the local event log (officer, unit, note),
a supplement request, its latest payment and its results. Results are then downloaded,
hash-checked and their signatures validated.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop_app.core.clock import now_iso
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import PortalError, Refused, ServerError
from desktop_app.core.store import Store
from desktop_app.core.store.blobs import record_blob
from desktop_app.core.store.events import append_event
from desktop_app.core.sync.downloads import download_to_blob
from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.core.sync.portal_map import portal_fields

log = logging.getLogger(__name__)

CURSOR_KEY = "changed_since"
PAGE = 200

Validator = Callable[[Path], dict[str, Any]]
"""Validates a downloaded PDF and returns its report as a dict (``signing`` does it)."""


class Follower:
    def __init__(
        self,
        store: Store,
        client: PortalClient,
        events: EventHub,
        validate: Validator | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.events = events
        self.validate = validate

    # -- polling ---------------------------------------------------------------------
    def poll(self) -> int:
        """Apply every change since the saved cursor; returns how many were applied."""
        applied = 0
        cursor = self._cursor()
        while True:
            try:
                items, next_cursor = self.client.changed(cursor, PAGE)
            except Refused as error:
                if error.code != "invalid_cursor" or cursor is None:
                    raise
                log.warning("portal refused the sync cursor; starting again from the beginning")
                cursor = None
                continue
            if not isinstance(items, list):
                raise ServerError("portal.nonsense", detail="items is not a list")
            for item in items:
                if self.apply(item):
                    applied += 1
            self._save_cursor(next_cursor)
            if not items or next_cursor == cursor:
                return applied
            cursor = next_cursor

    def _cursor(self) -> str | None:
        row = self.store.db.execute(
            "SELECT value FROM sync_state WHERE key = ?", (CURSOR_KEY,)
        ).fetchone()
        return row[0] if row else None

    def _save_cursor(self, cursor: str | None) -> None:
        with self.store.write() as db:
            db.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (CURSOR_KEY, cursor),
            )

    # -- applying one portal dossier ---------------------------------------------------
    def apply(self, item: dict[str, Any]) -> bool:
        """Mirror one portal ``Dossier``; False when it is not one of ours."""
        notices: list[SyncEvent] = []
        with self.store.write() as db:
            row = db.execute(
                "SELECT id, portal_status FROM dossiers WHERE portal_id = ? OR id = ?",
                (item["id"], item.get("client_id")),
            ).fetchone()
            if row is None:
                return False
            dossier_id, old_status = row
            fields = portal_fields(item)
            columns = ", ".join(f"{k} = ?" for k in fields)
            db.execute(
                f"UPDATE dossiers SET {columns}, updated_at = ? WHERE id = ?",
                (*fields.values(), now_iso(), dossier_id),
            )
            self._mirror_history(db, dossier_id, item.get("history") or [])
            new_status = item.get("status")
            if new_status != old_status:
                append_event(
                    db,
                    dossier_id,
                    actor="portal",
                    kind="portal_status",
                    from_state=None if old_status is None else str(old_status),
                    to_state=str(new_status),
                    reason=item.get("status_label"),
                )
                notices.append(
                    SyncEvent(
                        "portal_status",
                        dossier_id,
                        data={
                            "from": old_status,
                            "to": new_status,
                            "label": item.get("status_label"),
                        },
                    )
                )
            request = item.get("supplement_request")
            if request and self._record_supplement_request(db, dossier_id, request):
                notices.append(SyncEvent("supplement_requested", dossier_id, data=dict(request)))
            payment = item.get("payment")
            if payment:
                changed = record_payment(db, dossier_id, payment)
                if changed:
                    notices.append(
                        SyncEvent("payment", dossier_id, data={"status": payment["status"]})
                    )
            if (item.get("fees_due_vnd") or 0) > 0 and new_status != old_status and new_status == 6:
                notices.append(
                    SyncEvent("payment_due", dossier_id, data={"amount_vnd": item["fees_due_vnd"]})
                )
            for result in item.get("results") or []:
                db.execute(
                    "INSERT OR IGNORE INTO results (id, dossier_id, name, content_type, size,"
                    " sha256, url) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        result["id"],
                        dossier_id,
                        result["name"],
                        result.get("content_type") or "application/octet-stream",
                        int(result.get("size") or 0),
                        result["sha256"],
                        result["url"],
                    ),
                )
        for notice in notices:
            self.events.emit(notice)
        return True

    @staticmethod
    def _mirror_history(
        db: sqlite_utils.Database, dossier_id: str, history: list[dict[str, Any]]
    ) -> None:
        mirrored = db.execute(
            "SELECT count(*) FROM events WHERE dossier_id = ? AND kind = 'portal_history'",
            (dossier_id,),
        ).fetchone()[0]
        for entry in history[mirrored:]:
            handler = entry.get("handler") or entry.get("unit") or "portal"
            append_event(
                db,
                dossier_id,
                actor=f"portal:{handler}",
                kind="portal_history",
                to_state=None if entry.get("status") is None else str(entry["status"]),
                reason=entry.get("note"),
                data={k: entry.get(k) for k in ("at", "status", "step", "handler", "unit", "note")},
                at=entry.get("at") or None,
            )

    @staticmethod
    def _record_supplement_request(
        db: sqlite_utils.Database, dossier_id: str, request: dict[str, Any]
    ) -> bool:
        stamp = now_iso()
        cursor = db.execute(
            "INSERT OR IGNORE INTO supplements (dossier_id, request_id, requested_at, due_at,"
            " note, component_codes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                dossier_id,
                request["id"],
                request.get("requested_at"),
                request.get("due_at"),
                request.get("note"),
                json.dumps(request.get("component_codes") or []),
                stamp,
                stamp,
            ),
        )
        if cursor.rowcount:
            append_event(
                db,
                dossier_id,
                actor="portal",
                kind="supplement_requested",
                reason=request.get("note"),
                data=dict(request),
            )
            return True
        return False

    # -- results ------------------------------------------------------------------------
    def download_results(self) -> int:
        """Fetch results not downloaded yet; returns how many arrived whole."""
        pending = self.store.db.execute(
            "SELECT dossier_id, id, name, sha256, url, content_type FROM results"
            " WHERE blob_sha256 IS NULL"
        ).fetchall()
        arrived = 0
        for dossier_id, result_id, name, sha256, url, content_type in pending:
            try:
                self._download_one(dossier_id, result_id, name, sha256, url, content_type)
                arrived += 1
            except PortalError as error:
                log.warning("result %s of %s not downloaded: %s", result_id, dossier_id, error.code)
        return arrived

    def _download_one(
        self, dossier_id: str, result_id: str, name: str, sha256: str, url: str, content_type: str
    ) -> None:
        def inspect(path: Path, got: str) -> dict[str, Any] | None:
            if got != sha256:
                raise ServerError("portal.nonsense", detail="result hash differs from its record")
            wanted = self.validate is not None and content_type == "application/pdf"
            return self.validate(path) if wanted else None

        info, report = download_to_blob(self.client, self.store, url, inspect)
        size = info.size
        with self.store.write() as db:
            record_blob(db, info, now_iso())
            db.execute(
                "UPDATE results SET blob_sha256 = ?, validation = ?"
                " WHERE dossier_id = ? AND id = ?",
                (
                    info.sha256,
                    json.dumps(report, ensure_ascii=False) if report is not None else None,
                    dossier_id,
                    result_id,
                ),
            )
            append_event(
                db,
                dossier_id,
                actor="sync",
                kind="result_received",
                reason=name,
                data={
                    "result_id": result_id,
                    "sha256": info.sha256,
                    "size": size,
                    "intact": (report or {}).get("all_intact"),
                },
            )
        self.events.emit(
            SyncEvent("result", dossier_id, data={"result_id": result_id, "name": name})
        )


def record_payment(db: sqlite_utils.Database, dossier_id: str, payment: dict[str, Any]) -> bool:
    """Insert or update a payment row; True when its status changed (or it is new)."""
    stamp = now_iso()
    old = db.execute(
        "SELECT status FROM payments WHERE reference = ?", (payment["reference"],)
    ).fetchone()
    db.execute(
        "INSERT INTO payments (reference, dossier_id, amount_vnd, items, beneficiary, pay_url,"
        " expires_at, status, paid_at, transaction_no, channel, receipt_url, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(reference) DO UPDATE SET status = excluded.status,"
        " paid_at = excluded.paid_at, transaction_no = excluded.transaction_no,"
        " channel = excluded.channel, receipt_url = excluded.receipt_url,"
        " expires_at = excluded.expires_at, updated_at = excluded.updated_at",
        (
            payment["reference"],
            dossier_id,
            int(payment.get("amount_vnd") or 0),
            json.dumps(payment.get("items") or [], ensure_ascii=False),
            json.dumps(payment.get("beneficiary") or {}, ensure_ascii=False),
            payment.get("pay_url"),
            payment.get("expires_at"),
            payment["status"],
            payment.get("paid_at"),
            payment.get("transaction_no"),
            payment.get("channel"),
            payment.get("receipt_url"),
            stamp,
            stamp,
        ),
    )
    changed = old is None or old[0] != payment["status"]
    if changed:
        append_event(
            db,
            dossier_id,
            actor="portal",
            kind="payment",
            from_state=old[0] if old else None,
            to_state=payment["status"],
            data={"reference": payment["reference"], "amount_vnd": payment.get("amount_vnd")},
        )
    return changed
