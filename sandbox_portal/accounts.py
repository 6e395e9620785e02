"""Accounts and sign-in (Bước 1, Bước 2): registration with a confirmation mail,
confirmation, tokens, refresh, lockout after repeated failures, ``/me``."""

from __future__ import annotations

import math
import secrets
import sqlite3
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request

from sandbox_portal import auth, clock, mailbox
from sandbox_portal.auth import CurrentAccount
from sandbox_portal.errors import PortalError, documented
from sandbox_portal.routing import PortalRoute
from sandbox_portal.schemas import (
    AccountCreated,
    AccountIn,
    ConfirmIn,
    ConfirmOut,
    Me,
    RefreshIn,
    TokenIn,
    TokenOut,
)
from sandbox_portal.text import nfc

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

router = APIRouter(route_class=PortalRoute, tags=["accounts"])

DEMO_USERNAME = "demo"
_DUMMY_HASH = auth.hash_password("không dùng")


def ensure_demo_account(portal: Portal) -> None:
    """Create the ``demo``/``demo`` agency account once, already confirmed."""
    with portal.db.tx() as conn:
        exists = conn.execute("SELECT 1 FROM accounts WHERE username=?", (DEMO_USERNAME,))
        if exists.fetchone():
            return
    password_hash = auth.hash_password("demo")
    with portal.db.tx() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO accounts (username, password_hash, email, full_name, phone, "
            "kind, agency_code, address, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'agency', NULL, ?, 'active', ?)",
            (
                DEMO_USERNAME,
                password_hash,
                "demo@sandbox.invalid",
                nfc("Cán bộ văn thư (tài khoản tập huấn)"),
                "0000000000",
                nfc("Địa chỉ mô phỏng, tài khoản tập huấn"),
                clock.now(),
            ),
        )


def _portal(request: Request) -> Portal:
    return request.app.state.portal


@router.post(
    "/accounts",
    status_code=201,
    response_model=AccountCreated,
    responses=documented(409, 422, 429),
    summary="Đăng ký tài khoản (Bước 1)",
)
def create_account(body: AccountIn, request: Request) -> dict[str, Any]:
    """Register; the portal mails a confirmation token (see /sandbox/mail)."""
    portal = _portal(request)
    password_hash = auth.hash_password(body.password)
    token = secrets.token_urlsafe(24)
    with portal.db.tx() as conn:
        if conn.execute("SELECT 1 FROM accounts WHERE username=?", (body.username,)).fetchone():
            raise PortalError(409, "username_taken", details={"field": "username"})
        cursor = conn.execute(
            "INSERT INTO accounts (username, password_hash, email, full_name, phone, kind, "
            "status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending_confirmation', ?)",
            (
                body.username,
                password_hash,
                body.email.strip(),
                nfc(body.full_name.strip()),
                body.phone.strip(),
                body.kind,
                clock.now(),
            ),
        )
        conn.execute(
            "INSERT INTO confirm_tokens (token, account_id) VALUES (?, ?)",
            (token, cursor.lastrowid),
        )
        mailbox.send(
            conn,
            body.email.strip(),
            "Xác nhận đăng ký tài khoản Cổng Dịch vụ công (sandbox)",
            f"Xin chào {nfc(body.full_name.strip())},\n\n"
            f"Tài khoản {body.username} đã được đăng ký trên cổng dịch vụ công tập huấn.\n"
            f"Mã xác nhận của bạn: {token}\n"
            "Nhập mã này trong ứng dụng (hoặc gửi tới POST /api/v1/accounts/confirm) để kích "
            "hoạt tài khoản.\n\nĐây là thư mô phỏng của cổng sandbox, không gửi ra ngoài.",
            confirm_token=token,
        )
    return {"username": body.username, "status": "pending_confirmation"}


@router.post(
    "/accounts/confirm",
    response_model=ConfirmOut,
    responses=documented(400, 422, 429),
    summary="Xác nhận tài khoản (Bước 2)",
)
def confirm_account(body: ConfirmIn, request: Request) -> dict[str, Any]:
    """Confirm with the token of the registration mail; a token works once."""
    portal = _portal(request)
    with portal.db.tx() as conn:
        row = conn.execute(
            "SELECT * FROM confirm_tokens WHERE token=? AND used=0", (body.token,)
        ).fetchone()
        if row is None:
            raise PortalError(400, "invalid_token", "Mã xác nhận không đúng hoặc đã được sử dụng.")
        conn.execute("UPDATE confirm_tokens SET used=1 WHERE token=?", (body.token,))
        conn.execute("UPDATE accounts SET status='active' WHERE id=?", (row["account_id"],))
    return {"status": "active"}


def _locked_error(locked_until: float) -> PortalError:
    seconds = max(1, math.ceil(locked_until - clock.now()))
    return PortalError(
        423,
        "account_locked",
        details={"retry_after": seconds},
        headers={"Retry-After": str(seconds)},
    )


def _check_login(
    portal: Portal, conn: sqlite3.Connection, row: sqlite3.Row, ok: bool
) -> PortalError | None:
    """Count a failure or clear the count; the error to answer with, if any.

    Returned rather than raised so that the failure count is committed.
    """
    now = clock.now()
    if row["locked_until"] and row["locked_until"] > now:
        return _locked_error(row["locked_until"])
    if not ok:
        failures = int(row["failed_attempts"]) + 1
        if failures >= portal.config.lockout_threshold:
            until = now + portal.config.lockout_seconds
            conn.execute(
                "UPDATE accounts SET failed_attempts=0, locked_until=? WHERE id=?",
                (until, row["id"]),
            )
            return _locked_error(until)
        conn.execute("UPDATE accounts SET failed_attempts=? WHERE id=?", (failures, row["id"]))
        return PortalError(401, "invalid_credentials")
    conn.execute(
        "UPDATE accounts SET failed_attempts=0, locked_until=NULL WHERE id=?", (row["id"],)
    )
    if row["status"] != "active":
        return PortalError(403, "account_not_confirmed")
    return None


@router.post(
    "/auth/token",
    response_model=TokenOut,
    responses=documented(401, 403, 422, 423, 429),
    summary="Đăng nhập",
)
def sign_in(body: TokenIn, request: Request) -> dict[str, Any]:
    """Username and password for a token pair; locked for a while after repeated failures."""
    portal = _portal(request)
    with portal.db.tx() as conn:
        row = conn.execute("SELECT * FROM accounts WHERE username=?", (body.username,)).fetchone()
    if row is None:
        auth.verify_password(body.password, _DUMMY_HASH)  # same time as a real check
        raise PortalError(401, "invalid_credentials")
    ok = auth.verify_password(body.password, row["password_hash"])
    with portal.db.tx() as conn:
        fresh = conn.execute("SELECT * FROM accounts WHERE id=?", (row["id"],)).fetchone()
        error = _check_login(portal, conn, fresh, ok)
        tokens = None if error else auth.issue_tokens(portal, conn, int(row["id"]))
    if error is not None:
        raise error
    assert tokens is not None
    return tokens


@router.post(
    "/auth/refresh",
    response_model=TokenOut,
    responses=documented(401, 422, 429),
    summary="Làm mới phiên đăng nhập",
)
def refresh(body: RefreshIn, request: Request) -> dict[str, Any]:
    """A refresh token (used once) for a new token pair."""
    return auth.use_refresh_token(_portal(request), body.refresh_token)


@router.get(
    "/me",
    response_model=Me,
    responses=documented(401, 429),
    summary="Thông tin người nộp hồ sơ",
)
def me(account: CurrentAccount) -> dict[str, Any]:
    """The signed-in account, to prefill "Thông tin người nộp hồ sơ"."""
    return {
        "username": account["username"],
        "full_name": account["full_name"],
        "email": account["email"],
        "phone": account["phone"],
        "kind": account["kind"],
        "agency_code": account["agency_code"],
        "address": account["address"],
    }
