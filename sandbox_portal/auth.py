"""Passwords (scrypt), bearer access tokens that expire, one-use refresh tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import sqlite3
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sandbox_portal import clock
from sandbox_portal.errors import PortalError

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` for a password (base64 parts)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    parts = [base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${parts[0]}${parts[1]}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash made by :func:`hash_password`."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, base64.b64decode(digest))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_tokens(portal: Portal, conn: sqlite3.Connection, account_id: int) -> dict[str, Any]:
    """A new access token and refresh token for an account (inside a transaction)."""
    now = clock.now()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    ttl = portal.config.access_token_ttl
    conn.execute(
        "INSERT INTO tokens (token_hash, account_id, kind, expires_at) VALUES (?, ?, 'access', ?)",
        (_token_hash(access), account_id, now + ttl),
    )
    conn.execute(
        "INSERT INTO tokens (token_hash, account_id, kind, expires_at) VALUES (?, ?, 'refresh', ?)",
        (_token_hash(refresh), account_id, now + portal.config.refresh_token_ttl),
    )
    conn.execute("DELETE FROM tokens WHERE expires_at < ?", (now - 86400,))
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": ttl,
    }


def use_refresh_token(portal: Portal, refresh_token: str) -> dict[str, Any]:
    """Trade a refresh token (once) for a new pair; 401 ``invalid_token`` otherwise."""
    with portal.db.tx() as conn:
        row = conn.execute(
            "SELECT * FROM tokens WHERE token_hash=? AND kind='refresh'",
            (_token_hash(refresh_token),),
        ).fetchone()
        if row is None or row["used"] or row["expires_at"] < clock.now():
            raise PortalError(401, "invalid_token")
        conn.execute("UPDATE tokens SET used=1 WHERE token_hash=?", (row["token_hash"],))
        return issue_tokens(portal, conn, int(row["account_id"]))


def authenticate(portal: Portal, request: Request) -> sqlite3.Row:
    """The account of the request's bearer token; 401 ``invalid_token`` otherwise."""
    cached = getattr(request.state, "account", None)
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise PortalError(401, "invalid_token", headers={"WWW-Authenticate": "Bearer"})
    with portal.db.tx() as conn:
        row = conn.execute(
            "SELECT a.* FROM tokens t JOIN accounts a ON a.id = t.account_id "
            "WHERE t.token_hash=? AND t.kind='access' AND t.expires_at > ?",
            (_token_hash(token.strip()), clock.now()),
        ).fetchone()
    if row is None:
        raise PortalError(401, "invalid_token", headers={"WWW-Authenticate": "Bearer"})
    request.state.account = row
    return row


_bearer = HTTPBearer(auto_error=False, description="access_token từ POST /auth/token")


def _current_account(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> sqlite3.Row:
    return authenticate(request.app.state.portal, request)


CurrentAccount = Annotated[sqlite3.Row, Depends(_current_account)]
"""Endpoint parameter: the signed-in account (401 ``invalid_token`` otherwise)."""
