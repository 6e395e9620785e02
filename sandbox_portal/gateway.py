"""The simulated payment gateway's checksum: HMAC-SHA512 over the sorted fields, as
VNPay signs its return URL and its server-to-server callback (IPN)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

from sandbox_portal import clock

if TYPE_CHECKING:
    import sqlite3

    from sandbox_portal.portal import Portal

log = logging.getLogger(__name__)

HASH_FIELDS_EXCLUDED = ("vnp_SecureHash", "vnp_SecureHashType")


def hash_data(fields: dict[str, str]) -> str:
    """The string that is signed: ``key=quote_plus(value)`` sorted by key, joined with ``&``."""
    return "&".join(
        f"{key}={urllib.parse.quote_plus(str(value))}"
        for key, value in sorted(fields.items())
        if key not in HASH_FIELDS_EXCLUDED and value not in (None, "")
    )


def sign(secret: str, fields: dict[str, str]) -> str:
    """The ``vnp_SecureHash`` of ``fields``."""
    return hmac.new(secret.encode(), hash_data(fields).encode("utf-8"), hashlib.sha512).hexdigest()


def verify(secret: str, fields: dict[str, str]) -> bool:
    """Whether ``fields`` carry a valid ``vnp_SecureHash``."""
    given = fields.get("vnp_SecureHash", "")
    return bool(given) and hmac.compare_digest(sign(secret, fields), given.lower())


def outcome_fields(
    portal: Portal, conn: sqlite3.Connection, payment: sqlite3.Row, outcome: str, channel: str
) -> dict[str, str]:
    """The signed fields the gateway sends for a payment's outcome.

    ``paid`` (VNPay response code 00), ``failed`` (51: the bank refused, e.g. not enough
    balance) or ``cancelled`` (24: the person cancelled at the gateway).
    """
    number = portal.db.next_counter(conn, "gateway_txn")
    paid = outcome == "paid"
    response_code = {"paid": "00", "failed": "51", "cancelled": "24"}[outcome]
    fields = {
        "vnp_Amount": str(int(payment["amount"]) * 100),
        "vnp_BankCode": channel,
        "vnp_OrderInfo": f"Thanh toan ho so {payment['reference']}",
        "vnp_PayDate": clock.to_datetime(clock.now()).strftime("%Y%m%d%H%M%S"),
        "vnp_ResponseCode": response_code,
        "vnp_TmnCode": portal.gateway_terminal,
        "vnp_TransactionNo": str(14_000_000 + number),
        "vnp_TransactionStatus": "00" if paid else "02",
        "vnp_TxnRef": payment["reference"],
    }
    fields["vnp_SecureHash"] = sign(portal.gateway_secret, fields)
    return fields


def send_callback(portal: Portal, fields: dict[str, str]) -> dict[str, Any]:
    """Deliver the callback server-to-server to the portal's IPN address, as a gateway does.

    Falls back to handing it over in-process only when the portal does not know where it
    listens (an app built without :class:`~sandbox_portal.server.SandboxServer`).
    """
    if portal.internal_origin is None:
        from sandbox_portal.payments_core import apply_callback

        code, message = apply_callback(portal, dict(fields))
        return {"RspCode": code, "Message": message}
    url = f"{portal.internal_origin}/pay/ipn?{urllib.parse.urlencode(fields)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))
