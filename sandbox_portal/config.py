"""How a sandbox portal is set up: one frozen value shared by every part of the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR.parent / "resources"
DEFAULT_CATALOGUE = RESOURCES_DIR / "catalogue" / "home-affairs.json"
"""The Home Affairs catalogue the sandbox serves unless told otherwise."""

API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class RateLimit:
    """A token bucket per client: ``requests`` calls per ``per_seconds`` seconds.

    A client is its bearer token, or its address when it sends none. Over the limit the
    portal answers ``429 rate_limited`` with ``Retry-After``.
    """

    requests: int = 10
    per_seconds: float = 1.0


@dataclass(frozen=True)
class SandboxConfig:
    """Settings of one sandbox portal (see :class:`sandbox_portal.server.SandboxServer`)."""

    data_dir: Path
    pace: float = 20.0
    demo: bool = True
    seed: int | None = None
    access_token_ttl: int = 900
    refresh_token_ttl: int = 30 * 24 * 3600
    rate_limit: RateLimit | None = None
    catalogue_path: Path = field(default=DEFAULT_CATALOGUE)
    payment_ttl: int = 30 * 60
    lockout_threshold: int = 5
    lockout_seconds: int = 300
    idempotency_days: int = 8
    max_chunk_bytes: int = 16 * 1024 * 1024
