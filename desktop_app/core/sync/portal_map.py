"""The portal's ``Dossier`` fields, as the local ``dossiers`` columns keep them."""

from __future__ import annotations

from typing import Any


def portal_fields(item: dict[str, Any]) -> dict[str, Any]:
    """Columns to update from a portal ``Dossier`` (raises KeyError if ``id`` is missing)."""
    return {
        "portal_id": item["id"],
        "portal_code": item.get("code"),
        "portal_status": item.get("status"),
        "portal_status_label": item.get("status_label"),
        "receipt_no": item.get("receipt_no"),
        "received_at": item.get("received_at"),
        "due_at": item.get("due_at"),
        "fees_due_vnd": item.get("fees_due_vnd"),
        "portal_updated_at": item.get("updated_at"),
    }
