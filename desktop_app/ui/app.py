"""Start the desktop application: QApplication, translations, the window, then the data."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.messages import UserError
from desktop_app.core.store import Store
from desktop_app.ui.i18n import apply_language
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.tasks import run_task

if TYPE_CHECKING:
    from desktop_app.cli.context import CliContext


def _count_dossiers(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM dossiers").fetchone()[0]


def _describe(error: BaseException) -> str:
    return error.render() if isinstance(error, UserError) else str(error)


class Application(QObject):
    """Owns the window and the profile's store for the lifetime of the app."""

    ready = Signal(bool)
    """Emitted once start-up work is done: True when the data opened."""

    def __init__(self, context: CliContext) -> None:
        super().__init__()
        self.context = context
        self.store: Store | None = None
        self.window = MainWindow(language=context.language)
        self.window.language_requested.connect(self.change_language)

    def start(self) -> None:
        """Show the window first; open the data on a worker (no blocking on the main thread)."""
        self.window.show()
        self.window.set_store_state("opening")
        home = self.context.home

        def open_store() -> tuple[Store, int]:
            store = Store.open(home)
            return store, _count_dossiers(store)

        run_task(open_store, on_done=self._store_opened, on_error=self._store_failed)

    def _store_opened(self, result: tuple[Store, int]) -> None:
        self.store, count = result
        self.window.set_store_state("ready", count)
        self.ready.emit(True)

    def _store_failed(self, error: BaseException) -> None:
        self.window.set_store_state("failed")
        self.ready.emit(False)
        if self.context.smoke_test:
            print(_describe(error), file=sys.stderr)
            return
        QMessageBox.critical(self.window, self.window.tr("DossierDesk"), _describe(error))

    def change_language(self, language: str) -> None:
        apply_language(language)
        settings = self.context.settings
        settings.set("ui.language", language)

        def save() -> None:
            settings.save()

        run_task(save, on_error=self._store_failed)


def run_app(context: CliContext) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DossierDesk")
    app.setOrganizationName("DossierDesk")
    apply_language(context.language)
    application = Application(context)
    if context.smoke_test:
        application.ready.connect(lambda ok: app.exit(0 if ok else 1))
    application.start()
    status = app.exec()
    if application.store is not None:
        application.store.close()
    return status
