"""Where the portal session lives: the OS keyring, never a file of ours.

On Windows the keyring is the Credential Manager. Where no keyring backend exists (a
bare Linux box), tokens stay in memory for this run only and the clerk signs in again at
the next start: a token is never written in plain text. Passwords are never kept at all.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "DossierDesk"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_at: float  # time.time() when the access token expires
    lifetime: float = 0.0  # the portal's expires_in when issued (0: unknown)

    @classmethod
    def from_response(cls, data: dict) -> Tokens:
        lifetime = float(data.get("expires_in") or 0)
        return cls(
            access_token=data["access_token"],
            refresh_token=data["refresh_token"],
            expires_at=time.time() + lifetime,
            lifetime=lifetime,
        )

    def refresh_due(self, now: float, margin: float = 15.0) -> bool:
        """True when the access token expires within ``margin`` seconds, or within a
        quarter of its lifetime when that is shorter (a portal with short-lived tokens
        must not see a refresh before every call)."""
        if self.lifetime > 0:
            margin = min(margin, self.lifetime / 4)
        return self.expires_at - margin < now

    def __repr__(self) -> str:  # never show a secret in a log or a traceback
        return f"Tokens(expires_at={self.expires_at:.0f}, ...)"


class TokenStore(Protocol):
    def load(self) -> Tokens | None: ...
    def save(self, tokens: Tokens) -> None: ...
    def clear(self) -> None: ...
    @property
    def persistent(self) -> bool: ...


class MemoryTokenStore:
    """Tokens for this run only."""

    persistent = False

    def __init__(self) -> None:
        self._tokens: Tokens | None = None
        self._lock = threading.Lock()

    def load(self) -> Tokens | None:
        with self._lock:
            return self._tokens

    def save(self, tokens: Tokens) -> None:
        with self._lock:
            self._tokens = tokens

    def clear(self) -> None:
        with self._lock:
            self._tokens = None


def keyring_usable() -> bool:
    """True when a real keyring backend (not the fail or null one) is available."""
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    if "fail" in name or "null" in name.lower():
        return False
    priority = getattr(backend, "priority", 0)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):
        return True


class KeyringTokenStore:
    """Tokens in the OS keyring under ``DossierDesk`` / ``<portal origin>|<username>``."""

    persistent = True

    def __init__(self, portal_origin: str, username: str) -> None:
        self.account = f"{portal_origin}|{username}"
        self._memory = MemoryTokenStore()

    def load(self) -> Tokens | None:
        cached = self._memory.load()
        if cached is not None:
            return cached
        try:
            raw = keyring.get_password(SERVICE, self.account)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring unavailable: %s", type(exc).__name__)
            return None
        if not raw:
            return None
        try:
            tokens = Tokens(**json.loads(raw))
        except (ValueError, TypeError):
            return None
        self._memory.save(tokens)
        return tokens

    def save(self, tokens: Tokens) -> None:
        self._memory.save(tokens)
        try:
            keyring.set_password(SERVICE, self.account, json.dumps(asdict(tokens)))
        except keyring.errors.KeyringError as exc:
            log.warning("could not keep the session in the keyring: %s", type(exc).__name__)

    def clear(self) -> None:
        self._memory.clear()
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, self.account)


def token_store_for(portal_origin: str, username: str) -> TokenStore:
    """The keyring when there is one, else memory only (sign in again next start)."""
    if keyring_usable():
        return KeyringTokenStore(portal_origin, username)
    return MemoryTokenStore()
