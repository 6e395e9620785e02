"""Fixtures for the client and sync tests: a real sandbox portal on loopback, a test PKI,
a profile store, and a signed-in client. No HTTP mocks anywhere."""

from __future__ import annotations

import pytest

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.store import Store
from tests.support.dossiers import signed_in_client
from tests.support.pki import build_test_pki
from tests.support.sandbox import register_account, running_sandbox


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    with build_test_pki(tmp_path_factory.mktemp("pki")) as pki:
        yield pki


@pytest.fixture
def portal(tmp_path):
    with running_sandbox(tmp_path / "portal-data", access_token_ttl=900) as server:
        yield server


@pytest.fixture
def account(portal):
    return register_account(portal)


@pytest.fixture
def store(profile):
    store = Store.open(profile)
    yield store
    store.close()


@pytest.fixture
def client(portal, account, store):
    client = signed_in_client(portal.url, account.username, account.password)
    refresh_catalog(client, CatalogCache(store))
    return client
