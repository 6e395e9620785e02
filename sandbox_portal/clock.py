"""Vietnam time: every time the portal shows is RFC 3339 with the +07:00 offset."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")
"""Indochina Time, the offset of every time on the wire."""


def now() -> float:
    """The current time as a Unix timestamp (seconds, float)."""
    return time.time()


def to_datetime(ts: float) -> datetime:
    """A Unix timestamp as an aware datetime in Vietnam time."""
    return datetime.fromtimestamp(ts, VN_TZ)


def rfc3339(ts: float | None) -> str | None:
    """Format a Unix timestamp as RFC 3339 in Vietnam time, whole seconds (floor)."""
    if ts is None:
        return None
    return to_datetime(int(ts)).isoformat(timespec="seconds")


def parse_rfc3339(text: str) -> float:
    """Parse an RFC 3339 time with an offset; raise ValueError without one."""
    value = text.strip().replace(" ", "+") if text.count(" ") == 1 else text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("time needs an offset")
    return parsed.timestamp()


def add_working_days(start: float, days: int) -> float:
    """``days`` working days (Monday to Friday) after ``start``, at 17:00 Vietnam time."""
    current: date = to_datetime(start).date()
    remaining = max(days, 0)
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    due = datetime(current.year, current.month, current.day, 17, 0, tzinfo=VN_TZ)
    return due.timestamp()


def compact_date(ts: float) -> str:
    """``yymmdd`` of the Vietnam date of ``ts`` (as used in MaHoSo)."""
    return to_datetime(ts).strftime("%y%m%d")
