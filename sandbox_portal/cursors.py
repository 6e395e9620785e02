"""Opaque change-feed cursors: a position in the feed, signed for one account."""

from __future__ import annotations

import base64
import hashlib
import hmac

from sandbox_portal.errors import PortalError


def _mac(key: str, account_id: int, seq: int) -> str:
    message = f"{account_id}:{seq}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:20]


def encode(key: str, account_id: int, seq: int) -> str:
    """The cursor for "after change ``seq``" of one account."""
    raw = f"{seq}.{_mac(key, account_id, seq)}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(key: str, account_id: int, cursor: str) -> int:
    """The position of a cursor this server issued to this account; 400 otherwise."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        seq_text, mac = base64.urlsafe_b64decode(padded.encode()).decode().split(".")
        seq = int(seq_text)
        valid = seq >= 0 and hmac.compare_digest(mac, _mac(key, account_id, seq))
    except (ValueError, UnicodeError):
        valid = False
    if not valid:
        raise PortalError(400, "invalid_cursor", details={"field": "changed_since"})
    return seq
