"""What every page shares: the profile's settings and store, the portal connection, and
the activity shown in the status bar. Pages talk to each other only through its signals."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.cli.context import CliContext
from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.signatures import make_validator
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.errors import describe
from desktop_app.ui.portal.connection import PortalConnection
from desktop_app.ui.tasks import run_task


class Activity(QObject):
    """Long work in progress, for the status bar: ``changed(text, done, total)``;
    ``total`` 0 means "busy, amount unknown"; an empty text means idle."""

    changed = Signal(str, int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._running: dict[int, tuple[str, int, int]] = {}

    def begin(self, text: str, total: int = 0) -> int:
        token = next(self._ids)
        self._running[token] = (text, 0, total)
        self._show()
        return token

    def progress(self, token: int, done: int, total: int, text: str | None = None) -> None:
        if token in self._running:
            old = self._running[token][0]
            self._running[token] = (text or old, done, total)
            self._show()

    def total(self, token: int) -> int:
        return self._running.get(token, ("", 0, 0))[2]

    def end(self, token: int) -> None:
        self._running.pop(token, None)
        self._show()

    def _show(self) -> None:
        if not self._running:
            self.changed.emit("", 0, 0)
            return
        text, done, total = self._running[max(self._running)]
        if len(self._running) > 1:
            text = f"{text} (+{len(self._running) - 1})"
        self.changed.emit(text, done, total)


class Workspace(QObject):
    """The profile this window works on."""

    store_opened = Signal()
    catalog_changed = Signal()
    dossiers_changed = Signal(object)  # a list of dossier ids, or None for "any"
    problem = Signal(str)

    def __init__(self, context: CliContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = context.settings
        self.store: Store | None = None
        self.activity = Activity(self)
        self.connection = PortalConnection(self.settings, context.home, self)
        self.connection.account_changed.connect(self._account_changed)
        self.sync: Any = None  # the SyncController (ui/sync/controller.py), set by the app
        self._catalog_refreshing = False

    @property
    def language(self) -> str:
        return self.context.language

    def set_store(self, store: Store) -> None:
        self.store = store
        self.store_opened.emit()
        self.refresh_catalog()

    def repository(self) -> DossierRepository:
        assert self.store is not None
        return DossierRepository(self.store)

    def catalog(self) -> CatalogCache:
        assert self.store is not None
        return CatalogCache(self.store)

    def validator(self) -> Any:
        """``validate(path) -> report dict`` with the trust roots for results."""
        return make_validator(self.connection.result_trust_roots())

    # -- the catalogue -------------------------------------------------------------
    def _account_changed(self, me: object) -> None:
        if me is not None:
            self.refresh_catalog()

    def refresh_catalog(self) -> None:
        """Fetch the catalogue into the cache (when there is a store and a portal)."""
        client = self.connection.client
        if self.store is None or client is None or self._catalog_refreshing:
            return
        self._catalog_refreshing = True
        cache = CatalogCache(self.store)
        token = self.activity.begin(self.tr("Updating the procedure catalogue…"))

        def done(_: object) -> None:
            self._catalog_refreshing = False
            self.activity.end(token)
            self.catalog_changed.emit()

        def failed(error: BaseException) -> None:
            self._catalog_refreshing = False
            self.activity.end(token)
            self.catalog_changed.emit()  # the cached catalogue still works offline
            self.problem.emit(describe(error))

        run_task(lambda: refresh_catalog(client, cache), on_done=done, on_error=failed)
