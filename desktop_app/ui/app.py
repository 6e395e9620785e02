"""Start the desktop application: QApplication, translations, the window, then the data
and the portal, both on workers, after the window is on screen."""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.dossier_signing import supplement_files_to_sign
from desktop_app.core.store import Store
from desktop_app.ui.catalog.page import CatalogPage
from desktop_app.ui.crash import install_crash_handler
from desktop_app.ui.dossiers.page import DossiersPage
from desktop_app.ui.errors import describe
from desktop_app.ui.help.page import HelpPage
from desktop_app.ui.i18n import apply_language
from desktop_app.ui.notifications.notifier import Notifier
from desktop_app.ui.outbox.page import OutboxPage
from desktop_app.ui.payments.page import PaymentsPage
from desktop_app.ui.portal.dialogs import RegisterDialog, SignInDialog, open_registration_page
from desktop_app.ui.settings.page import SettingsPage
from desktop_app.ui.shell.statusbar import ActivityStatus, PortalStatus
from desktop_app.ui.shell.window import MainWindow, standard_icon
from desktop_app.ui.signing.dialog import SignDialog
from desktop_app.ui.sync.controller import SyncController
from desktop_app.ui.tasks import run_task
from desktop_app.ui.transfer.actions import TransferActions
from desktop_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.cli.context import CliContext

STYLE_SHEET = "dossierdesk.qss"
STARTUP_PROBE_ENV = "DOSSIER_DESK_STARTUP_PROBE"
"""When set, print ``first-paint <seconds since the epoch>`` once the window is painted,
and ``list-ready <seconds> <count>`` once the dossier list has its rows
(benchmarks/bench_startup.py reads it)."""


def _count_dossiers(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM dossiers").fetchone()[0]


class Application(QObject):
    """Owns the window, the workspace (store, portal) for the lifetime of the app."""

    ready = Signal(bool)
    """Emitted once the local data is open (True) or could not be opened (False)."""
    portal_settled = Signal()
    """Emitted once the portal has started or failed to (the smoke test waits for it)."""

    def __init__(self, context: CliContext, *, start_portal: bool = True) -> None:
        super().__init__()
        # Worker threads live as long as the app: the store keeps one SQLite connection
        # per thread, so threads that expired and came back would leave connections open.
        QThreadPool.globalInstance().setExpiryTimeout(-1)
        self.context = context
        self.start_portal = start_portal
        self.workspace = Workspace(context, self)
        self.sync = SyncController(self.workspace, self)
        self.workspace.sync = self.sync
        self.window = MainWindow(language=context.language)
        self.sign_dialog: SignDialog | None = None
        self._assemble()

    @property
    def store(self) -> Store | None:
        return self.workspace.store

    def _assemble(self) -> None:
        w, ws = self.window, self.workspace
        self.catalog_page = CatalogPage(ws)
        self.dossiers_page = DossiersPage(ws)
        self.outbox_page = OutboxPage(ws)
        self.payments_page = PaymentsPage(ws)
        self.settings_page = SettingsPage(ws)
        self.help_page = HelpPage(ws)
        for page in (
            self.catalog_page,
            self.dossiers_page,
            self.outbox_page,
            self.payments_page,
            self.settings_page,
            self.help_page,
        ):
            w.add_page(page)
        self.transfer = TransferActions(ws, w)
        w.add_file_actions(self.transfer.actions())
        self.transfer.export_action.triggered.connect(
            lambda: self.transfer.export(self.dossiers_page.selected_ids())
        )
        self.transfer.imported.connect(self._imported)
        icon = w.windowIcon()
        self.notifier = Notifier(
            standard_icon(w, "SP_FileDialogContentsView") if icon.isNull() else icon, self
        )
        self.sync.event.connect(self.notifier.on_event)
        self.notifier.open_requested.connect(self.open_dossier)
        self.notifier.shown.connect(self._notice_shown)
        self.sync.problem.connect(lambda text: w.statusBar().showMessage(text, 15_000))
        self.portal_status = PortalStatus(ws)
        w.add_status_widget(ActivityStatus(ws))
        w.add_status_widget(self.portal_status, permanent=True)
        self.catalog_page.create_requested.connect(self.create_dossier)
        self.dossiers_page.sign_requested.connect(self.open_sign_dialog)
        self.dossiers_page.export_requested.connect(self.transfer.export)
        self.dossiers_page.queued.connect(self._queued)
        view = self.dossiers_page.view
        view.pay_requested.connect(self.open_payment)
        view.export_requested.connect(self.transfer.export)
        view.sign_supplement_requested.connect(self.open_supplement_sign_dialog)
        self.outbox_page.open_requested.connect(self.open_dossier)
        self.settings_page.language_requested.connect(self.change_language)
        self.settings_page.portal_changed.connect(self.reconnect_portal)
        w.language_requested.connect(self.change_language)
        w.sign_in_requested.connect(self.open_sign_in)
        w.register_requested.connect(self.open_register)
        w.sign_out_requested.connect(ws.connection.sign_out)
        connection = ws.connection
        connection.state_changed.connect(self._portal_state)
        connection.sign_in_needed.connect(self._sign_in_needed)
        connection.problem.connect(self._portal_problem)
        ws.dossiers_changed.connect(lambda _: self._count())
        w.show_sandbox_banner(connection.sandbox)

    # -- starting ------------------------------------------------------------------
    def start(self) -> None:
        """Show the window first; open the data and start the portal on workers."""
        # Everything imported so far lives as long as the app: keep it out of the cyclic
        # garbage collector's full passes, which otherwise stop every thread (the main
        # one too) for 50-80 ms while a worker signs (tests/ui/test_responsiveness.py).
        gc.freeze()
        self._apply_style()
        self.window.show()
        self.window.set_store_state("opening")
        if os.environ.get(STARTUP_PROBE_ENV):
            self.window.first_painted.connect(
                lambda: print(f"first-paint {time.time():.6f}", flush=True)
            )
            model = self.dossiers_page.model
            model.loaded.connect(
                lambda: print(f"list-ready {time.time():.6f} {len(model.ids)}", flush=True)
            )
        home = self.context.home

        def open_store() -> tuple[Store, int]:
            store = Store.open(home)
            return store, _count_dossiers(store)

        run_task(open_store, on_done=self._store_opened, on_error=self._store_failed)
        if self.start_portal:
            self.workspace.connection.start()

    def _apply_style(self) -> None:
        from desktop_app.settings import RESOURCES_DIR

        app = QApplication.instance()
        path = RESOURCES_DIR / STYLE_SHEET
        if isinstance(app, QApplication) and path.exists() and not app.styleSheet():
            app.setStyleSheet(path.read_text(encoding="utf-8"))

    def _store_opened(self, result: tuple[Store, int]) -> None:
        store, count = result
        self.window.set_store_state("ready", count)
        self.workspace.set_store(store)
        self.ready.emit(True)

    def _store_failed(self, error: BaseException) -> None:
        self.window.set_store_state("failed")
        self.ready.emit(False)
        if self.context.smoke_test:
            print(describe(error), file=sys.stderr)
            return
        QMessageBox.critical(self.window, self.window.tr("DossierDesk"), describe(error))

    def _count(self) -> None:
        store = self.workspace.store
        if store is not None:
            run_task(
                lambda: _count_dossiers(store),
                on_done=lambda n: self.window.set_store_state("ready", n),
            )

    # -- the portal ----------------------------------------------------------------
    def _portal_state(self, state: str) -> None:
        self.window.show_sandbox_banner(self.workspace.connection.sandbox)
        if state in ("online", "offline", "failed"):
            self.portal_settled.emit()

    def _sign_in_needed(self) -> None:
        self.portal_settled.emit()
        if not self.context.smoke_test and self.window.isVisible():
            self.open_sign_in()

    def _portal_problem(self, text: str) -> None:
        self.portal_settled.emit()
        if self.context.smoke_test:
            print(text, file=sys.stderr)
            return
        self.window.statusBar().showMessage(text, 15_000)

    def open_sign_in(self) -> SignInDialog:
        dialog = SignInDialog(self.workspace.connection, self.window)
        dialog.open()
        self.sign_in_dialog = dialog
        return dialog

    def open_register(self) -> RegisterDialog | None:
        connection = self.workspace.connection
        if not connection.sandbox:
            open_registration_page(connection)
            return None
        dialog = RegisterDialog(connection, self.window)
        dialog.open()
        self.register_dialog = dialog
        return dialog

    def reconnect_portal(self) -> None:
        """The portal setting changed: stop the old connection, start the new one."""
        ws = self.workspace
        ws.connection.shutdown()
        ws.connection.deleteLater()
        from desktop_app.ui.portal.connection import PortalConnection

        ws.connection = PortalConnection(ws.settings, self.context.home, ws)
        ws.connection.account_changed.connect(ws._account_changed)
        self.portal_status.connection = ws.connection
        ws.connection.state_changed.connect(lambda _: self.portal_status.retranslate())
        ws.connection.account_changed.connect(lambda _: self.portal_status.retranslate())
        ws.connection.state_changed.connect(self._portal_state)
        ws.connection.sign_in_needed.connect(self._sign_in_needed)
        ws.connection.problem.connect(self._portal_problem)
        self.sync.attach_connection(ws.connection)
        self.window.show_sandbox_banner(ws.connection.sandbox)
        ws.connection.start()
        self.portal_status.retranslate()

    # -- dossiers ------------------------------------------------------------------
    def create_dossier(self, procedure_code: str) -> None:
        self.window.show_page(self.dossiers_page)
        self.dossiers_page.create_for(procedure_code)

    def open_sign_dialog(self, dossier_ids: list[str]) -> SignDialog:
        dialog = SignDialog(self.workspace, dossier_ids, self.window)
        dialog.open()
        self.sign_dialog = dialog
        return dialog

    def open_supplement_sign_dialog(self, dossier_id: str, supplement_id: int) -> SignDialog:
        """The same sign dialog, for the files attached to answer a supplement request."""
        dialog = SignDialog(
            self.workspace,
            [dossier_id],
            self.window,
            find_files=lambda store: supplement_files_to_sign(store, supplement_id),
        )
        dialog.open()
        self.sign_dialog = dialog
        return dialog

    def open_dossier(self, dossier_id: str) -> None:
        """Show a dossier on the Hồ sơ page (from a notification, the outbox...)."""
        self.window.show_page(self.dossiers_page)
        self.dossiers_page.select(dossier_id)
        self.window.raise_()
        self.window.activateWindow()

    def open_payment(self, dossier_id: str) -> None:
        self.window.show_page(self.payments_page)
        self.payments_page.show_dossier(dossier_id)

    def _queued(self, ids: list[str]) -> None:
        if self.workspace.settings.get("sync.auto_send"):
            self.sync.sync_now(only_due=True)

    def _imported(self, ids: list[str]) -> None:
        if ids:
            self.window.show_page(self.dossiers_page)
            self.dossiers_page.set_filter("drafts")

    def _notice_shown(self, notice: object) -> None:
        if not self.notifier.has_tray:  # no system tray here: the status bar says it
            title, text = getattr(notice, "title", ""), getattr(notice, "text", "")
            self.window.statusBar().showMessage(f"{title}: {text}", 15_000)

    # -- language and closing ------------------------------------------------------
    def change_language(self, language: str) -> None:
        apply_language(language)
        self.context.language = language
        self.transfer.retranslate()
        self.window.english_action.setChecked(language == "en")
        self.window.vietnamese_action.setChecked(language == "vi")
        settings = self.context.settings
        settings.set("ui.language", language)
        run_task(settings.save, on_error=self._store_failed)

    def shutdown(self) -> None:
        """Save what is being edited, stop the portal, close the data; then nothing of
        this application signals any more (late answers must not reach closed widgets)."""
        self.dossiers_page.editor.save_now()
        self.sync.shutdown()
        self.notifier.close()
        QThreadPool.globalInstance().waitForDone(10_000)
        self.workspace.connection.shutdown()
        if self.workspace.store is not None:
            self.workspace.store.close()
        owned = (self, self.workspace, self.workspace.connection, self.sync, self.notifier)
        for owner in owned:
            for emitter in (owner, *owner.findChildren(QObject)):
                emitter.blockSignals(True)
        if shiboken6.isValid(self.window):
            for emitter in (self.window, *self.window.findChildren(QObject)):
                emitter.blockSignals(True)


def run_app(context: CliContext) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DossierDesk")
    app.setOrganizationName("DossierDesk")
    apply_language(context.language)
    application = Application(context)
    crash_handler = install_crash_handler(context.home, lambda: application.window)
    if context.smoke_test:
        state = {"store": None, "portal": False}

        def maybe_exit() -> None:
            if state["store"] is False or (state["store"] and state["portal"]):
                app.exit(0 if state["store"] else 1)

        def stored(ok: bool) -> None:
            state["store"] = ok
            maybe_exit()

        def settled() -> None:
            state["portal"] = True
            maybe_exit()

        application.ready.connect(stored)
        application.portal_settled.connect(settled)
    application.start()
    status = app.exec()
    application.shutdown()
    crash_handler.uninstall()
    return status
