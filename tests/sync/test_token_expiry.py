"""Access tokens that expire in the middle of a batch: refreshed without asking anyone.

The sandbox portal issues access tokens that live one second; a batch takes several.
Every call of the batch goes through :class:`FaultProxy` with no fault, only to count
what the client asks: no sign-in with a password during the batch, a refresh when a token
runs out, and no dossier twice.
"""

from __future__ import annotations

import dataclasses
import time

import pytest
import requests

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.portal.auth import MemoryTokenStore, Tokens
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import AuthenticationError
from desktop_app.core.portal.session import RetryPolicy
from desktop_app.core.sync import SyncEngine
from tests.support.dossiers import ready_dossier
from tests.support.fault_proxy import Fault, FaultProxy, Rule
from tests.support.sandbox import register_account, running_sandbox
from tests.sync.exactly_once import assert_exactly_once

TTL = 1  # seconds, the sandbox's access_token_ttl
DOSSIERS = 8
FILE_SIZE = 1_000_000
CHUNK = 16 * 1024
PROCEDURE = "1.014937"
FAST = RetryPolicy(attempts=4, base=0.02, cap=0.25, retry_after_cap=2.0)


class BehindClockTokenStore(MemoryTokenStore):
    """Tokens as seen by a PC whose clock runs an hour behind the portal's: the client
    believes every token is fresh, so each expiry reaches it as ``401 invalid_token``.
    (A stand-in for a wrong clock, not for HTTP: every call still reaches the portal.)"""

    def save(self, tokens: Tokens) -> None:
        super().save(dataclasses.replace(tokens, expires_at=tokens.expires_at + 3600))


@pytest.fixture
def short_portal(tmp_path):
    with running_sandbox(tmp_path / "portal-data", access_token_ttl=TTL) as server:
        yield server


def _prepare(store, pki, tmp_path, portal_url, account, tokens=None):
    client = PortalClient(portal_url, tokens=tokens or MemoryTokenStore(), policy=FAST)
    client.login(account.username, account.password)
    refresh_catalog(client, CatalogCache(store))
    ids = [
        ready_dossier(
            store,
            pki.signer.pkcs12_path,
            pki.signer.pkcs12_password,
            tmp_path,
            procedure_code=PROCEDURE,
            size=FILE_SIZE,
        ).id
        for _ in range(DOSSIERS)
    ]
    return client, ids


def _calls(proxy: FaultProxy, start: int, method: str, path: str, status: int | None = None):
    return [
        e
        for e in proxy.exchanges[start:]
        if e.method == method
        and e.path.endswith(path)
        and (status is None or e.upstream_status == status)
    ]


@pytest.mark.slow
def test_a_token_expiring_mid_batch_is_refreshed_ahead_without_asking_anyone(
    store, pki, tmp_path, short_portal
):
    account = register_account(short_portal)
    with FaultProxy(short_portal.url) as proxy:
        client, ids = _prepare(store, pki, tmp_path, proxy.url, account)
        time.sleep(TTL + 0.2)  # the first token is already dead when the batch starts
        start = len(proxy.exchanges)
        began = time.monotonic()
        batch = SyncEngine(store, client, parallel=2, chunk_size=CHUNK).send_outbox()
        elapsed = time.monotonic() - began
    assert batch.stopped_by is None and batch.sent == DOSSIERS, batch
    assert elapsed > 2 * TTL, "the batch must outlive several tokens"
    print(f"\nbatch {elapsed:.2f}s, {len(proxy.exchanges) - start} calls")
    assert _calls(proxy, start, "POST", "/auth/token") == []  # nobody typed a password
    refreshes = _calls(proxy, start, "POST", "/auth/refresh")
    assert len(refreshes) >= int(elapsed / TTL) - 1 >= 1
    assert all(e.upstream_status == 200 for e in refreshes)
    # Refreshed ahead of time: no call was refused for its token, and a refresh per call
    # would be a sign of refreshing too eagerly.
    api_calls = [e for e in proxy.exchanges[start:] if "/auth/" not in e.path]
    assert [e for e in api_calls if e.upstream_status == 401] == []
    assert len(refreshes) < len(api_calls) / 10
    assert_exactly_once(
        store,
        ids,
        account.api,
        lambda: _fresh_headers(short_portal, account),
        short_portal.config.data_dir,
    )


@pytest.mark.slow
def test_a_401_for_an_expired_token_refreshes_once_and_retries_the_call(
    store, pki, tmp_path, short_portal
):
    account = register_account(short_portal)
    with FaultProxy(short_portal.url) as proxy:
        client, ids = _prepare(
            store, pki, tmp_path, proxy.url, account, tokens=BehindClockTokenStore()
        )
        start = len(proxy.exchanges)
        batch = SyncEngine(store, client, parallel=2, chunk_size=CHUNK).send_outbox()
    assert batch.stopped_by is None and batch.sent == DOSSIERS, batch
    refused = [e for e in proxy.exchanges[start:] if e.upstream_status == 401]
    refreshes = _calls(proxy, start, "POST", "/auth/refresh")
    assert len(refused) >= 2, "the token must have died during the batch"
    assert _calls(proxy, start, "POST", "/auth/token") == []
    assert all(e.upstream_status == 200 for e in refreshes)
    # One refresh per expiry, not one per refused call: two threads refused with the
    # same dead token share the refresh.
    assert 1 <= len(refreshes) <= len(refused)
    # Every refused call was tried again and went through (nothing was lost or failed).
    assert not any(r.error for r in batch.results)
    assert_exactly_once(
        store,
        ids,
        account.api,
        lambda: _fresh_headers(short_portal, account),
        short_portal.config.data_dir,
    )


@pytest.mark.slow
def test_a_lost_refresh_answer_stops_the_batch_cleanly_and_a_new_sign_in_finishes_it(
    store, pki, tmp_path, short_portal
):
    """portal-api.md: "the old refresh token stops working once used". When the answer to
    a refresh is lost after the portal committed it, the client holds a dead refresh token
    and no new one: nobody can refresh any more, a person must sign in again. The batch
    must then stop on that (not fail every dossier one by one), lose nothing, and finish
    exactly once after the new sign-in."""
    account = register_account(short_portal)
    rules = [Rule(Fault.LOSE_RESPONSE, "POST", r"/auth/refresh$", times=1)]
    with FaultProxy(short_portal.url, rules=rules) as proxy:
        client, ids = _prepare(store, pki, tmp_path, proxy.url, account)
        time.sleep(TTL + 0.2)
        engine = SyncEngine(store, client, parallel=2, chunk_size=CHUNK)
        first = engine.send_outbox()
        assert rules[0].fired == 1
        assert isinstance(first.stopped_by, AuthenticationError)
        assert first.refused == 0
        client.login(account.username, account.password)  # the clerk signs in again
        second = engine.send_outbox()
    assert second.stopped_by is None, second
    assert first.sent + second.sent == DOSSIERS
    assert_exactly_once(
        store,
        ids,
        account.api,
        lambda: _fresh_headers(short_portal, account),
        short_portal.config.data_dir,
    )


def _fresh_headers(portal, account) -> dict[str, str]:
    """A bearer token that is alive now (the account's first one died long ago)."""
    fresh = requests.post(
        f"{portal.api_url}/auth/token",
        json={"username": account.username, "password": account.password},
        timeout=30,
    )
    assert fresh.status_code == 200, fresh.text
    return {"Authorization": f"Bearer {fresh.json()['access_token']}"}
