"""Fees (Bước 3): create or reuse a payment, open its link safely, follow it, keep the receipt.

Nobody pays twice: a pending, unexpired payment is reused; a new one is created only with
an idempotency key committed first (one key per attempt number, so a retried request
replays, and a payment made after the previous one failed or expired gets a fresh key).
The app never sees bank details: it opens ``pay_url`` in the system browser, only when
its origin is the portal's own or one the settings allow, then polls the payment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app.core.clock import now, now_iso, parse
from desktop_app.core.messages import UserError, register
from desktop_app.core.outbox import Outbox
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.store import Store
from desktop_app.core.store.blobs import record_blob
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import append_event
from desktop_app.core.sync.downloads import download_to_blob
from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.core.sync.follower import record_payment
from desktop_app.core.sync.portal_map import portal_fields

FINAL = frozenset({"paid", "failed", "expired", "cancelled"})

register(
    {
        "payment.not_submitted": (
            "Hồ sơ chưa được nộp lên cổng nên chưa thể nộp phí.",
            "The dossier is not submitted yet, so there is nothing to pay.",
        ),
        "payment.link_refused": (
            "Không mở liên kết thanh toán {url}: địa chỉ này không thuộc cổng dịch vụ công đã "
            "cấu hình. Hãy liên hệ bộ phận hỗ trợ.",
            "The payment link {url} was not opened: it is not on the configured portal. "
            "Call support.",
        ),
    }
)


@dataclass(frozen=True)
class PaymentRecord:
    reference: str
    dossier_id: str
    amount_vnd: int
    status: str
    pay_url: str | None
    expires_at: str | None
    items: list[dict[str, Any]]
    beneficiary: dict[str, Any]
    paid_at: str | None
    transaction_no: str | None
    channel: str | None
    receipt_sha256: str | None

    @property
    def pending(self) -> bool:
        if self.status != "pending":
            return False
        return self.expires_at is None or parse(self.expires_at) > now()


def payment_link_allowed(url: str, portal_origin: str, allowed_origins: list[str]) -> bool:
    """True when ``url`` is on the portal's origin or an allowed one (https, or loopback)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin == portal_origin:
        return True
    return parts.scheme == "https" and origin in allowed_origins


class Payments:
    def __init__(self, store: Store, client: PortalClient, events: EventHub) -> None:
        self.store = store
        self.client = client
        self.events = events
        self.outbox = Outbox(store)
        self.repo = DossierRepository(store)

    def of(self, dossier_id: str) -> list[PaymentRecord]:
        rows = self.store.db.execute(
            "SELECT reference, dossier_id, amount_vnd, status, pay_url, expires_at, items,"
            " beneficiary, paid_at, transaction_no, channel, receipt_sha256 FROM payments"
            " WHERE dossier_id = ? ORDER BY created_at, reference",
            (dossier_id,),
        ).fetchall()
        return [_record(r) for r in rows]

    def get(self, reference: str) -> PaymentRecord | None:
        row = self.store.db.execute(
            "SELECT reference, dossier_id, amount_vnd, status, pay_url, expires_at, items,"
            " beneficiary, paid_at, transaction_no, channel, receipt_sha256 FROM payments"
            " WHERE reference = ?",
            (reference,),
        ).fetchone()
        return _record(row) if row else None

    def pay(self, dossier_id: str) -> PaymentRecord:
        """The payment to pay now: the pending one if any, else a new one."""
        dossier = self.repo.get(dossier_id)
        if not dossier.portal_id or not dossier.portal_status:
            raise UserError("payment.not_submitted")
        for existing in reversed(self.of(dossier_id)):
            if existing.pending:
                refreshed = self.refresh(existing.reference)
                if refreshed.pending:
                    return refreshed
        # One step per payment this dossier has had: a request whose answer was lost keeps
        # its key (nothing recorded yet), the next payment after a recorded one gets a new.
        step = f"payment:{len(self.of(dossier_id)) + 1}"
        key = self.outbox.key(dossier_id, step)
        self.outbox.attempt(dossier_id, step)
        _, payment = self.client.create_payment(dossier.portal_id, key)
        self.outbox.done(dossier_id, step)
        with self.store.write() as db:
            record_payment(db, dossier_id, payment)
        self.events.emit(SyncEvent("payment", dossier_id, data={"status": payment["status"]}))
        return self.get(payment["reference"])  # type: ignore[return-value]

    def refresh(self, reference: str) -> PaymentRecord:
        """Ask the portal about one payment; keep the receipt once paid."""
        payment = self.client.payment(reference)
        record = self.get(reference)
        dossier_id = record.dossier_id if record else payment["dossier_id"]
        with self.store.write() as db:
            changed = record_payment(db, dossier_id, payment)
        if changed:
            self.events.emit(SyncEvent("payment", dossier_id, data={"status": payment["status"]}))
            if payment["status"] == "paid":
                self._refresh_dossier(dossier_id)
        if payment["status"] == "paid" and payment.get("receipt_url"):
            self._keep_receipt(reference, payment["receipt_url"])
        return self.get(reference)  # type: ignore[return-value]

    def refresh_pending(self) -> int:
        """Poll every payment that is pending (or paid without its receipt yet)."""
        rows = self.store.db.execute(
            "SELECT reference FROM payments WHERE status = 'pending'"
            " OR (status = 'paid' AND receipt_sha256 IS NULL)"
        ).fetchall()
        for (reference,) in rows:
            self.refresh(reference)
        return len(rows)

    def receipt_path(self, reference: str) -> Path | None:
        record = self.get(reference)
        if record is None or record.receipt_sha256 is None:
            return None
        return self.store.blobs.path(record.receipt_sha256)

    def _refresh_dossier(self, dossier_id: str) -> None:
        dossier = self.repo.get(dossier_id)
        if dossier.portal_id:
            portal = self.client.dossier(dossier.portal_id)
            self.repo.update_portal(dossier_id, portal_fields(portal))

    def _keep_receipt(self, reference: str, url: str) -> None:
        record = self.get(reference)
        if record is None or record.receipt_sha256:
            return
        info, _ = download_to_blob(self.client, self.store, url)
        with self.store.write() as db:
            record_blob(db, info, now_iso())
            db.execute(
                "UPDATE payments SET receipt_sha256 = ? WHERE reference = ?",
                (info.sha256, reference),
            )
            append_event(
                db,
                record.dossier_id,
                actor="sync",
                kind="receipt_received",
                data={"reference": reference, "sha256": info.sha256},
            )
        self.events.emit(SyncEvent("receipt", record.dossier_id, data={"reference": reference}))


def _record(row: tuple[Any, ...]) -> PaymentRecord:
    return PaymentRecord(
        reference=row[0],
        dossier_id=row[1],
        amount_vnd=row[2],
        status=row[3],
        pay_url=row[4],
        expires_at=row[5],
        items=json.loads(row[6] or "[]"),
        beneficiary=json.loads(row[7] or "{}"),
        paid_at=row[8],
        transaction_no=row[9],
        channel=row[10],
        receipt_sha256=row[11],
    )
