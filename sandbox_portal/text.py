"""Text helpers: Vietnamese text is NFC-normalized everywhere it leaves the portal."""

from __future__ import annotations

import unicodedata
from typing import Any


def nfc(value: str) -> str:
    """NFC form of a string."""
    return unicodedata.normalize("NFC", value)


def nfc_deep(value: Any) -> Any:
    """NFC-normalize every string inside nested dicts and lists."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k) if isinstance(k, str) else k: nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    return value
