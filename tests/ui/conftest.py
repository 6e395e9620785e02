"""Fixtures of the UI tests: an in-memory keyring, a test PKI, a sandbox portal, and the
application on a real SQLite profile."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

from desktop_app.cli.context import CliContext
from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui import app as app_module
from desktop_app.ui.i18n import apply_language
from tests.signing.pdfs import make_pdf
from tests.support.pki import TestPKI, build_test_pki
from tests.support.sandbox import running_sandbox
from tests.ui.journey import APPLICANT

BATCH = 12


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Stands in for Windows Credential Manager (the OS keyring) in tests: the app's
    session goes through the real ``keyring`` API, and nothing touches the machine's own
    keyring."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPKI]:
    with build_test_pki(tmp_path_factory.mktemp("pki"), services=False) as built:
        yield built


@pytest.fixture
def portal(tmp_path: Path):
    """A sandbox portal for one test (pace 0: the officer only moves by hand)."""
    with running_sandbox(tmp_path / "portal") as server:
        yield server


@pytest.fixture
def dossiers_to_sign(profile, portal, tmp_path) -> list[str]:
    """``BATCH`` dossiers of "Thi tuyển công chức", each with an unsigned PDF of ~300 KB."""
    store = Store.open(profile)
    try:
        refresh_catalog(PortalClient(portal.url), CatalogCache(store))
        procedure = CatalogCache(store).get("1.014111")
        assert procedure is not None
        repo = DossierRepository(store)
        ids = []
        for n in range(BATCH):
            dossier = repo.create(procedure.code, procedure.version, applicant=APPLICANT)
            pdf = make_pdf(tmp_path / f"form-{n}.pdf", pages=2, size=300_000, text=f"Ho so {n}")
            repo.attach(dossier.id, "TP1", pdf)
            ids.append(dossier.id)
        return ids
    finally:
        store.close()


def write_settings(profile: Path, **values: object) -> None:
    document = {"version": 2, "values": {k.replace("__", "."): v for k, v in values.items()}}
    (profile / "settings.json").write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture
def make_app(qtbot, profile) -> Iterator[Callable[..., app_module.Application]]:
    """``make_app(start_portal=True)``: the application on ``profile``, in Vietnamese,
    shut down (portal stopped, store closed) after the test."""
    made: list[app_module.Application] = []
    apply_language("vi")

    def make(*, start_portal: bool = True, language: str = "vi") -> app_module.Application:
        context = CliContext(home=profile, language=language)
        application = app_module.Application(context, start_portal=start_portal)
        qtbot.addWidget(application.window)
        made.append(application)
        return application

    yield make
    for application in made:
        application.shutdown()
    apply_language("vi")
