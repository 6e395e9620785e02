"""Logs and diagnostics: rotating log files in the profile, never a secret in them.

``setup_logging(profile)`` sends the app's log records to ``<profile>/logs/dossier-desk.log``
(rotated: 5 files of 2 MB). A filter on the handler masks anything that looks like a
password, PIN, token or bearer header before it is written, as a last line of defence:
the code itself never logs secrets. ``diagnostics_text`` is what "copy diagnostics" in
Help puts on the clipboard: version, platform, settings (no secrets live there), and the
last log lines.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import sys
from collections import deque
from pathlib import Path
from typing import Any

from desktop_app import __version__

LOG_DIR = "logs"
LOG_FILE = "dossier-desk.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

_SECRET_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)((?:password|passwd|mat_khau|pin|secret|access_token|refresh_token|token)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s\"',}&]+"
    ),
    re.compile(r"(?i)(Idempotency-Key[\"']?\s*[:=]\s*[\"']?)[0-9a-f-]{8,}"),
)


def redact(text: str) -> str:
    """``text`` with secret-looking values replaced by ``***``."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(r"\1***", text)
    return text


class RedactingFilter(logging.Filter):
    """Masks secrets in the final message (and any exception text) of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def log_path(profile: Path) -> Path:
    return Path(profile) / LOG_DIR / LOG_FILE


def setup_logging(profile: Path, level: int = logging.INFO) -> Path:
    """Log to the profile's rotating files; returns the log file.

    Called again (another profile in the same process), the previous file is closed."""
    path = log_path(profile)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "dossier_desk", False):
            if Path(handler.baseFilename) == path.resolve():
                return path
            root.removeHandler(handler)
            handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.dossier_desk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    # urllib3 and uvicorn are chatty at INFO; their warnings still get through. pyHanko
    # logs expected validation failures (an untrusted chain) as warnings with tracebacks,
    # which the validation report already puts in words: keep only its errors.
    for noisy in ("urllib3", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for noisy in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    return path


def recent_log_lines(profile: Path, count: int = 200) -> list[str]:
    path = log_path(profile)
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [line.rstrip("\n") for line in deque(handle, maxlen=count)]


def diagnostics_text(profile: Path, settings: dict[str, Any], lines: int = 200) -> str:
    """The report "copy diagnostics" puts on the clipboard (no secret in it)."""
    parts = [
        f"DossierDesk {__version__}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"Profile: {profile}",
        "",
        "Settings:",
    ]
    parts += [f"  {key} = {redact(repr(value))}" for key, value in sorted(settings.items())]
    parts += ["", f"Last {lines} log lines:"]
    parts += [redact(line) for line in recent_log_lines(profile, lines)]
    return "\n".join(parts) + "\n"
