"""Payments (Bước 3): one pending payment per dossier at a time, expiry, the gateway's
callback verified before anything changes, the e-receipt once paid."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sqlite3
from typing import TYPE_CHECKING, Any

from sandbox_portal import clock, gateway
from sandbox_portal import dossier_store as store
from sandbox_portal.config import API_PREFIX
from sandbox_portal.errors import PortalError
from sandbox_portal.results import issue_receipt

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

log = logging.getLogger(__name__)


def page_token(portal: Portal, reference: str) -> str:
    """The token in ``pay_url`` that opens the payment page of ``reference``."""
    return hmac.new(portal.page_key.encode(), reference.encode(), hashlib.sha256).hexdigest()[:24]


def payment_dict(portal: Portal, row: sqlite3.Row, origin: str) -> dict[str, Any]:
    """A payment in its wire shape (``Payment`` of portal-api.md)."""
    reference = row["reference"]
    paid = row["status"] == "paid"
    return {
        "reference": reference,
        "dossier_id": row["dossier_id"],
        "amount_vnd": int(row["amount"]),
        "items": json.loads(row["items"]),
        "beneficiary": json.loads(row["beneficiary"]),
        "pay_url": f"{origin}/pay/{reference}?t={page_token(portal, reference)}",
        "expires_at": clock.rfc3339(row["expires_at"]),
        "status": row["status"],
        "paid_at": clock.rfc3339(row["paid_at"]),
        "transaction_no": row["transaction_no"],
        "channel": row["channel"],
        "receipt_url": f"{API_PREFIX}/payments/{reference}/receipt" if paid else None,
    }


def expire_due(portal: Portal) -> None:
    """Mark pending payments past ``expires_at`` as expired (a change of their dossier)."""
    now = clock.now()
    with portal.db.tx() as conn:
        rows = conn.execute(
            "SELECT reference, dossier_id FROM payments WHERE status='pending' AND expires_at<=?",
            (now,),
        ).fetchall()
        for row in rows:
            conn.execute(
                "UPDATE payments SET status='expired' WHERE reference=?", (row["reference"],)
            )
            store.touch(portal, conn, row["dossier_id"])


def create_payment(
    portal: Portal, dossier_id: str, account_id: int, origin: str
) -> tuple[int, dict[str, Any]]:
    """``(201, new payment)``, or ``(200, the pending one)``; 409 ``nothing_to_pay``."""
    expire_due(portal)
    with portal.db.tx() as conn:
        row = store.find_owned(conn, dossier_id, account_id)
        if int(row["fees_due"]) <= 0:
            raise PortalError(409, "nothing_to_pay")
        pending = conn.execute(
            "SELECT * FROM payments WHERE dossier_id=? AND status='pending' AND expires_at>? "
            "ORDER BY seq DESC LIMIT 1",
            (dossier_id, clock.now()),
        ).fetchone()
        if pending is not None:
            return 200, payment_dict(portal, pending, origin)
        proc = portal.catalogue.get(row["procedure_code"]) or {}
        agency = portal.catalogue.agency(proc.get("agency_code", ""))
        beneficiary = agency.beneficiary or {
            "account_name": agency.name,
            "account_no": "0000 (mô phỏng)",
            "bank": "Mô phỏng",
        }
        now = clock.now()
        number = portal.db.next_counter(conn, "payment")
        reference = f"TT{clock.compact_date(now)}{number:06d}"
        conn.execute(
            "INSERT INTO payments (reference, dossier_id, account_id, amount, items, status, "
            "created_at, expires_at, beneficiary) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
            (
                reference,
                dossier_id,
                account_id,
                int(row["fees_due"]),
                row["fees"],
                now,
                now + portal.config.payment_ttl,
                json.dumps(beneficiary, ensure_ascii=False),
            ),
        )
        store.touch(portal, conn, dossier_id)
        created = conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()
        return 201, payment_dict(portal, created, origin)


def find_payment(portal: Portal, reference: str, account_id: int | None) -> sqlite3.Row:
    """A payment by reference (of this account when given); ``404 not_found`` otherwise."""
    expire_due(portal)
    with portal.db.tx() as conn:
        row = conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()
    if row is None or (account_id is not None and row["account_id"] != account_id):
        raise PortalError(404, "not_found", "Không tìm thấy giao dịch thanh toán.")
    return row


def apply_callback(portal: Portal, fields: dict[str, str]) -> tuple[str, str]:
    """Verify and apply a gateway callback; VNPay's ``(RspCode, Message)``.

    A bad checksum, an unknown reference, a wrong amount or a payment that is no longer
    pending changes nothing (so a replayed callback never counts twice).
    """
    if not gateway.verify(portal.gateway_secret, fields):
        return "97", "Invalid Checksum"
    reference = fields.get("vnp_TxnRef", "")
    expire_due(portal)
    with portal.db.tx() as conn:
        row = conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()
        if row is None:
            return "01", "Order not found"
        if fields.get("vnp_Amount") != str(int(row["amount"]) * 100):
            return "04", "Invalid amount"
        if row["status"] != "pending":
            return "02", "Order already confirmed"
        transaction_no = fields.get("vnp_TransactionNo") or None
        if (
            transaction_no
            and conn.execute(
                "SELECT 1 FROM payments WHERE transaction_no=?", (transaction_no,)
            ).fetchone()
        ):
            return "02", "Order already confirmed"
        dossier = conn.execute("SELECT * FROM dossiers WHERE id=?", (row["dossier_id"],)).fetchone()
        success = (
            fields.get("vnp_ResponseCode") == "00" and fields.get("vnp_TransactionStatus") == "00"
        )
        if success:
            conn.execute(
                "UPDATE payments SET status='paid', paid_at=?, transaction_no=?, channel=? "
                "WHERE reference=?",
                (clock.now(), transaction_no, fields.get("vnp_BankCode"), reference),
            )
            fees_due = max(0, int(dossier["fees_due"]) - int(row["amount"]))
            status = int(dossier["status"])
            new_status = 4 if status == 6 and fees_due == 0 else status
            conn.execute(
                "UPDATE dossiers SET fees_due=?, status=? WHERE id=?",
                (fees_due, new_status, dossier["id"]),
            )
            store.add_history(
                conn,
                dossier["id"],
                new_status,
                "Đã nộp phí, lệ phí trực tuyến",
                "Cổng thanh toán (mô phỏng)",
                "Cổng Dịch vụ công tỉnh (sandbox)",
                f"Mã tham chiếu {reference}, mã giao dịch {transaction_no}.",
            )
        else:
            state = "cancelled" if fields.get("vnp_ResponseCode") == "24" else "failed"
            conn.execute(
                "UPDATE payments SET status=?, transaction_no=?, channel=? WHERE reference=?",
                (state, transaction_no, fields.get("vnp_BankCode"), reference),
            )
        store.touch(portal, conn, dossier["id"])
    if success:
        try:
            ensure_receipt(portal, reference)
        except Exception:  # made again on the first download
            log.exception("e-receipt of %s not made yet", reference)
    return "00", "Confirm Success"


def ensure_receipt(portal: Portal, reference: str) -> str:
    """The file name of the paid payment's e-receipt, made (once) if missing."""
    with portal.upload_lock(f"receipt:{reference}"):
        with portal.db.tx() as conn:
            row = conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()
            dossier = conn.execute(
                "SELECT * FROM dossiers WHERE id=?", (row["dossier_id"],)
            ).fetchone()
        if row["receipt_path"] and (portal.folders.receipts / row["receipt_path"]).exists():
            return str(row["receipt_path"])
        issued = issue_receipt(portal, row, dossier)
        with portal.db.tx() as conn:
            conn.execute(
                "UPDATE payments SET receipt_path=? WHERE reference=?",
                (issued.file_name, reference),
            )
        return issued.file_name
