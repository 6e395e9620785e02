"""Time as the portal speaks it: RFC 3339, Vietnam time (UTC+7, no daylight saving)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")


def now() -> datetime:
    return datetime.now(VIETNAM)


def now_iso() -> str:
    """The current time, e.g. ``2026-11-24T09:30:00.123456+07:00``."""
    return now().isoformat()


def parse(value: str) -> datetime:
    """Parse an RFC 3339 time (``Z`` accepted); a time without offset is Vietnam time."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=VIETNAM)
