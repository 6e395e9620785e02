"""Start an embedded sandbox portal for a test, and make a fresh confirmed account on it.

Other suites use these (the portal client, sync engine, UI journeys)::

    from tests.support.sandbox import running_sandbox, register_account

    def test_something(sandbox):            # fixture: a portal with pace 0 on a temp dir
        account = register_account(sandbox)  # through POST /accounts, /sandbox/mail, confirm
        session = account.session()          # requests.Session with the bearer token

Fixtures (import them into a conftest.py): ``sandbox`` (one per test), ``sandbox_module``
(one per module, faster), ``sandbox_account`` (a fresh account on ``sandbox``).
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from sandbox_portal.config import RateLimit
from sandbox_portal.server import SandboxServer

__all__ = [
    "RateLimit",
    "SandboxAccount",
    "SandboxServer",
    "officer",
    "register_account",
    "running_sandbox",
    "sandbox",
    "sandbox_account",
    "sandbox_module",
]

_counter = itertools.count(1)


@contextlib.contextmanager
def running_sandbox(data_dir: Path, **options: Any) -> Iterator[SandboxServer]:
    """A started :class:`SandboxServer` on ``data_dir``; ``pace`` defaults to 0 (by hand)
    and ``seed`` to 1 so tests are deterministic. Stopped on exit."""
    options.setdefault("pace", 0)
    options.setdefault("seed", 1)
    server = SandboxServer(data_dir, **options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class SandboxAccount:
    """A confirmed account and its first tokens."""

    server_url: str
    username: str
    password: str
    email: str
    access_token: str
    refresh_token: str

    @property
    def api(self) -> str:
        return self.server_url + "/api/v1"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    def session(self) -> requests.Session:
        """A ``requests.Session`` that sends this account's bearer token."""
        session = requests.Session()
        session.headers.update(self.headers())
        return session


def register_account(
    server: SandboxServer | str,
    *,
    username: str | None = None,
    password: str = "mat-khau-thu-1",
    kind: str = "agency",
    full_name: str = "Nguyễn Văn Thử",
) -> SandboxAccount:
    """Register, read the confirmation mail, confirm and sign in: all through the real
    endpoints (POST /accounts, GET /sandbox/mail, POST /accounts/confirm, POST /auth/token)."""
    url = server if isinstance(server, str) else server.url
    api = url + "/api/v1"
    username = username or f"thu{next(_counter)}-{uuid.uuid4().hex[:8]}"
    email = f"{username}@example.test"
    created = requests.post(
        f"{api}/accounts",
        json={
            "username": username,
            "password": password,
            "email": email,
            "full_name": full_name,
            "phone": "0912345678",
            "kind": kind,
        },
        timeout=30,
    )
    assert created.status_code == 201, created.text
    mails = requests.get(f"{api}/sandbox/mail", params={"to": email}, timeout=30).json()["items"]
    token = mails[-1]["confirm_token"]
    confirmed = requests.post(f"{api}/accounts/confirm", json={"token": token}, timeout=30)
    assert confirmed.status_code == 200, confirmed.text
    tokens = requests.post(
        f"{api}/auth/token", json={"username": username, "password": password}, timeout=30
    )
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    return SandboxAccount(
        url, username, password, email, body["access_token"], body["refresh_token"]
    )


def officer(server: SandboxServer | str, dossier_id: str, action: str, **extra: Any) -> dict:
    """The officer's hand on a dossier (POST /sandbox/officer/dossiers/{id}); the Dossier."""
    url = server if isinstance(server, str) else server.url
    response = requests.post(
        f"{url}/api/v1/sandbox/officer/dossiers/{dossier_id}",
        json={"action": action, **extra},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox portal for one test (pace 0, seed 1, demo account)."""
    with running_sandbox(tmp_path / "sandbox-portal") as server:
        yield server


@pytest.fixture(scope="module")
def sandbox_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """One sandbox portal shared by a test module."""
    with running_sandbox(tmp_path_factory.mktemp("sandbox-portal")) as server:
        yield server


@pytest.fixture
def sandbox_account(sandbox: SandboxServer) -> SandboxAccount:
    """A fresh confirmed account on ``sandbox``."""
    return register_account(sandbox)
