"""Tệp ▸ Nhập / Xuất: dossier packages (``.dossier``) and CSV batch import, from the menu.

Every step that reads or writes files runs on a worker; the preview shows what will be
created and the problems found before anything changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.core.packages import (
    ImportOutcome,
    export_dossier,
    import_csv_rows,
    import_package,
    plan_csv,
)
from desktop_app.core.signatures import make_probe
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import TaskControl, run_task
from desktop_app.ui.transfer.dialog import ImportDialog
from desktop_app.ui.transfer.preview import Planned, preview_csv, preview_packages
from desktop_app.ui.workspace import Workspace


class TransferActions(QObject):
    imported = Signal(list)  # ids of the dossiers created
    exported = Signal(list)  # paths written

    def __init__(self, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window
        self.dialog: ImportDialog | None = None
        self.import_packages_action = QAction(self)
        self.import_packages_action.setObjectName("importPackages")
        self.import_packages_action.triggered.connect(self.choose_packages)
        self.import_csv_action = QAction(self)
        self.import_csv_action.setObjectName("importCsv")
        self.import_csv_action.triggered.connect(self.choose_csv)
        self.export_action = QAction(self)
        self.export_action.setObjectName("exportPackages")
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.import_packages_action, self.import_csv_action, self.export_action]

    def retranslate(self) -> None:
        self.import_packages_action.setText(self.tr("&Import dossier packages…"))
        self.import_csv_action.setText(self.tr("Import a &CSV batch…"))
        self.export_action.setText(self.tr("&Export the selected dossiers…"))

    # -- import --------------------------------------------------------------------
    def choose_packages(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import dossier packages"),
            "",
            self.tr("Dossier packages (*.dossier);;All files (*)"),
        )
        if paths:
            self.preview_packages([Path(p) for p in paths])

    def preview_packages(self, paths: list[Path]) -> None:
        store = self.workspace.store
        if store is None:
            return
        probe = make_probe(self.workspace.settings.get("signing.trust_roots"))

        def work(items: list[Planned], control: TaskControl) -> list[ImportOutcome]:
            outcomes = []
            for done, item in enumerate(items, start=1):
                assert item.path is not None
                outcomes.append(import_package(store, item.path, probe))
                control.progress(done, len(items))
            return outcomes

        run_task(
            lambda: preview_packages(store, paths),
            on_done=lambda planned: self._open(self.tr("Import dossier packages"), planned, work),
            on_error=self._failed,
        )

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import a CSV batch"),
            "",
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path:
            self.preview_csv(Path(path))

    def preview_csv(self, path: Path) -> None:
        store = self.workspace.store
        if store is None:
            return
        probe = make_probe(self.workspace.settings.get("signing.trust_roots"))

        def work(items: list[Planned], control: TaskControl) -> list[ImportOutcome]:
            rows = [item.csv_row for item in items if item.csv_row is not None]
            outcomes = []
            for done, row in enumerate(rows, start=1):
                outcomes += import_csv_rows(store, [row], probe)
                control.progress(done, len(rows))
            return outcomes

        run_task(
            lambda: preview_csv(plan_csv(store, path), store),
            on_done=lambda planned: self._open(
                self.tr("Import a CSV batch: %1").replace("%1", path.name), planned, work
            ),
            on_error=self._failed,
        )

    def _open(self, title: str, planned: list[Planned], work) -> None:  # type: ignore[no-untyped-def]
        self.dialog = ImportDialog(title, planned, work, self.window)
        self.dialog.imported.connect(self._imported)
        self.dialog.open()

    def _imported(self, ids: list[str]) -> None:
        if ids:
            self.workspace.dossiers_changed.emit(ids)
        self.imported.emit(ids)

    # -- export --------------------------------------------------------------------
    def export(self, ids: list[str], folder: Path | None = None) -> None:
        """Write a package per dossier into ``folder`` (asked for when not given)."""
        store = self.workspace.store
        if store is None or not ids:
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.window, self.tr("Export dossier packages to")
            )
            if not chosen:
                return
            folder = Path(chosen)
        target = folder
        run_task(
            lambda: [export_dossier(store, i, target) for i in ids],
            on_done=self._exported,
            on_error=self._failed,
        )

    def _exported(self, paths: list[Path]) -> None:
        self.exported.emit([str(p) for p in paths])
        window = self.window
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(  # type: ignore[attr-defined]
                self.tr("%n package(s) written to %1", "", len(paths)).replace(
                    "%1", str(paths[0].parent) if paths else ""
                ),
                15_000,
            )

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self.window, self.tr("Import and export"), describe(error))
