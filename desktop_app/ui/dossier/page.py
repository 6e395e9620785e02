"""Hồ sơ: the clerk's dossiers beside the editor of the chosen one.

The list here is the simple one of part 1 (every dossier of this profile, newest change
first); the outbox, filters and the 10,000-row model come with the second UI issue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import State, state_label
from desktop_app.core.drafts import create_draft, duplicate_as_template
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.dossier.editor import DossierEditor
from desktop_app.ui.errors import describe
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace


@dataclass(frozen=True)
class Row:
    id: str
    procedure: str
    applicant: str
    state: State
    updated_at: str


class DossiersPage(QWidget):
    sign_requested = Signal(list)  # dossier ids

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossiersPage")
        self.workspace = workspace
        self.rows: list[Row] = []
        self._want_open: str | None = None
        self._build()
        workspace.store_opened.connect(self.reload)
        workspace.dossiers_changed.connect(lambda _: self.reload())
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Dossiers")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_DirIcon")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("dossierList")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        self.sign_selected_button = QPushButton()
        self.sign_selected_button.setObjectName("signSelected")
        self.sign_selected_button.clicked.connect(self._sign_selected)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self._delete)
        buttons.addWidget(self.sign_selected_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.editor = DossierEditor(self.workspace)
        self.editor.sign_requested.connect(self.sign_requested)
        self.editor.duplicate_requested.connect(self.duplicate)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([180, 620])
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("My dossiers"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Procedure"), self.tr("Submitter"), self.tr("State"), self.tr("Changed")]
        )
        self.sign_selected_button.setText(self.tr("Sign the selected dossiers…"))
        self.delete_button.setText(self.tr("Delete the draft"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the list ------------------------------------------------------------------
    def reload(self) -> None:
        store = self.workspace.store
        if store is None:
            return

        def load() -> list[Row]:
            repo, catalog = DossierRepository(store), CatalogCache(store)
            names: dict[str, str] = {}
            rows = []
            for dossier_id in repo.ids():
                d = repo.get(dossier_id)
                if d.procedure_code not in names:
                    procedure = catalog.get(d.procedure_code)
                    names[d.procedure_code] = procedure.name if procedure else d.procedure_code
                rows.append(
                    Row(
                        d.id,
                        names[d.procedure_code],
                        d.applicant.full_name,
                        d.state,
                        d.updated_at,
                    )
                )
            rows.sort(key=lambda r: r.updated_at, reverse=True)
            return rows

        run_task(load, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[Row]) -> None:
        self.rows = rows
        self._fill()
        if self._want_open is not None:
            self.select(self._want_open)

    def _fill(self) -> None:
        selected = set(self.selected_ids())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            values = (row.procedure, row.applicant, str(state_label(row.state)), _when(row))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(n, column, item)
            if row.id in selected:
                self.table.selectRow(n)
        self.table.blockSignals(False)
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[r].id for r in rows if r < len(self.rows)]

    def select(self, dossier_id: str) -> None:
        for n, row in enumerate(self.rows):
            if row.id == dossier_id:
                self._want_open = None
                self.table.clearSelection()
                self.table.selectRow(n)
                return
        self._want_open = dossier_id
        self.editor.open_dossier(dossier_id)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and ids[0] != self.editor.dossier_id:
            self.editor.open_dossier(ids[0])
        self._update_buttons()

    def _update_buttons(self) -> None:
        ids = set(self.selected_ids())
        editable = [r for r in self.rows if r.id in ids and r.state in (State.DRAFT, State.READY)]
        self.sign_selected_button.setEnabled(bool(editable))
        self.delete_button.setEnabled(len(ids) == 1 and bool(editable))

    # -- actions -------------------------------------------------------------------
    def create_for(self, procedure_code: str) -> None:
        """A new draft for ``procedure_code``, submitter prefilled from the account."""
        store = self.workspace.store
        if store is None:
            return
        me = self.workspace.connection.me
        run_task(
            lambda: create_draft(store, procedure_code, me),
            on_done=lambda d: self._created(d.id),
            on_error=self._failed,
        )

    def duplicate(self, dossier_id: str) -> None:
        store = self.workspace.store
        if store is None:
            return
        run_task(
            lambda: duplicate_as_template(store, dossier_id),
            on_done=lambda d: self._created(d.id),
            on_error=self._failed,
        )

    def _created(self, dossier_id: str) -> None:
        self._want_open = dossier_id
        self.editor.open_dossier(dossier_id)
        self.reload()

    def _sign_selected(self) -> None:
        self.editor.save_now()
        ids = self.selected_ids()
        if ids:
            self.sign_requested.emit(ids)

    def _delete(self) -> None:
        ids = self.selected_ids()
        store = self.workspace.store
        if len(ids) != 1 or store is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the draft"),
            self.tr("Delete this draft and its files? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        dossier_id = ids[0]

        def done(_: object) -> None:
            if self.editor.dossier_id == dossier_id:
                self.editor.show_nothing()
            self.reload()

        run_task(
            lambda: DossierRepository(store).delete_draft(dossier_id),
            on_done=done,
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Dossiers"), describe(error))


def _when(row: Row) -> str:
    """``2026-11-24T09:30:00+07:00`` → ``24/11/2026 09:30``."""
    stamp = row.updated_at
    if len(stamp) >= 16 and stamp[4] == "-":
        return f"{stamp[8:10]}/{stamp[5:7]}/{stamp[0:4]} {stamp[11:16]}"
    return stamp
