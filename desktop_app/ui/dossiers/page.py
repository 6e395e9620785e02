"""Hồ sơ: every dossier of the profile (filters, search, sort) above the chosen one.

A dossier being prepared (draft, ready) opens in the editor; one in the outbox or sent
opens in the tracking view (timeline, supplement, results). The list is
:class:`DossierListModel`: SQL does the filtering and sorting, rows load lazily.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.drafts import create_draft, duplicate_as_template
from desktop_app.core.queueing import queue_dossier
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.dossier.editor import DossierEditor
from desktop_app.ui.dossiers.model import COLUMNS, DossierListModel
from desktop_app.ui.dossiers.query import FILTERS, count_by_filter
from desktop_app.ui.errors import describe
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.tracking.page import DossierView
from desktop_app.ui.workspace import Workspace

EDITABLE = ("draft", "ready")
SEARCH_DELAY_MS = 250
ROW_HEIGHT = 24


class DossiersPage(QWidget):
    sign_requested = Signal(list)  # dossier ids
    export_requested = Signal(list)  # dossier ids
    queued = Signal(list)  # dossier ids just put in the outbox

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossiersPage")
        self.workspace = workspace
        self.model = DossierListModel(workspace, COLUMNS)
        self._want_open: str | None = None
        self.counts: dict[str, int] = {}
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._count_timer = QTimer(self, singleShot=True, interval=400)
        self._count_timer.timeout.connect(self._count)
        workspace.store_opened.connect(self._count)
        workspace.dossiers_changed.connect(lambda _: self._count_timer.start())
        self.model.loaded.connect(self._reselect)
        self.model.rows_changed.connect(self._rows_changed)
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Dossiers")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_DirIcon")

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        bar = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str, QToolButton] = {}
        for name in FILTERS:
            button = QToolButton()
            button.setCheckable(True)
            button.setObjectName(f"filter_{name}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, n=name: self.set_filter(n))
            self.filter_group.addButton(button)
            self.filter_buttons[name] = button
            bar.addWidget(button)
        self.filter_buttons["all"].setChecked(True)
        bar.addStretch(1)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("dossierSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(260)
        self.search_box.textChanged.connect(lambda _: self._search_timer.start())
        bar.addWidget(self.search_box)
        layout.addLayout(bar)

        self.table = QTableView()
        self.table.setObjectName("dossierList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSortIndicator(
            COLUMNS.index("changed"), Qt.SortOrder.DescendingOrder
        )
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((300, 170, 120, 200, 150, 150, 120)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        buttons = QHBoxLayout()
        self.queue_button = QPushButton()
        self.queue_button.setObjectName("queueSelected")
        self.queue_button.clicked.connect(self.queue_selected)
        self.sign_selected_button = QPushButton()
        self.sign_selected_button.setObjectName("signSelected")
        self.sign_selected_button.clicked.connect(self._sign_selected)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self._delete)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.selected_ids()))
        self.count_label = QLabel()
        for widget in (
            self.queue_button,
            self.sign_selected_button,
            self.delete_button,
            self.export_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.editor = DossierEditor(self.workspace)
        self.editor.sign_requested.connect(self.sign_requested)
        self.editor.duplicate_requested.connect(self.duplicate)
        self.view = DossierView(self.workspace)
        self.view.edit_requested.connect(self._opened_for_editing)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for widget in (self.empty, self.editor, self.view):
            self.stack.addWidget(widget)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setSizes([190, 630])
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("My dossiers"))
        names = {
            "all": self.tr("All"),
            "drafts": self.tr("Drafts"),
            "outbox": self.tr("Outbox"),
            "sent": self.tr("Sent"),
            "action": self.tr("Needs action"),
            "done": self.tr("Done"),
        }
        for name, button in self.filter_buttons.items():
            count = self.counts.get(name)
            button.setText(names[name] if count is None else f"{names[name]} ({count})")
        self.search_box.setPlaceholderText(
            self.tr("Search: submitter, ID number, dossier code, procedure…")
        )
        self.queue_button.setText(self.tr("Put in the outbox"))
        self.sign_selected_button.setText(self.tr("Sign the selected dossiers…"))
        self.delete_button.setText(self.tr("Delete the draft"))
        self.export_button.setText(self.tr("Export packages…"))
        self.empty.setText(
            self.tr("Choose a dossier in the list, or create one from the catalogue.")
        )
        self.count_label.setText(self.tr("%n dossier(s) shown", "", len(self.model.ids)))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the list ------------------------------------------------------------------
    @property
    def rows(self) -> list:
        """The loaded rows, in the list's order (rows not fetched yet are left out)."""
        return [self.model.cache[i] for i in self.model.ids if i in self.model.cache]

    def set_filter(self, name: str) -> None:
        self.filter_buttons[name].setChecked(True)
        self.model.set_query(replace(self.model.query, filter=name))

    def _apply_search(self) -> None:
        self.model.set_query(replace(self.model.query, search=self.search_box.text().strip()))

    def reload(self) -> None:
        self.model.requery()

    def _count(self) -> None:
        store = self.workspace.store
        if store is None:
            return
        run_task(lambda: count_by_filter(store), on_done=self._counted)

    def _counted(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.retranslate()

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def select(self, dossier_id: str) -> None:
        """Select and open a dossier (it is opened even if the list hides it)."""
        row = self.model.row_of(dossier_id)
        self._want_open = dossier_id
        if row < 0:
            self._open(dossier_id)
            return
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._open(dossier_id)

    def _reselect(self) -> None:
        self.count_label.setText(self.tr("%n dossier(s) shown", "", len(self.model.ids)))
        if self._want_open is not None and self.model.row_of(self._want_open) >= 0:
            self.select(self._want_open)

    def _rows_changed(self, ids: list[str]) -> None:
        self.count_label.setText(self.tr("%n dossier(s) shown", "", len(self.model.ids)))
        shown = self.shown_id()
        row = self.model.cache.get(shown) if shown in ids else None
        if row is not None:
            # Each view reloads itself on the change; only a move between preparing
            # (editor) and sent (dossier page) switches the view.
            wanted = self.editor if row.state in EDITABLE else self.view
            if self.stack.currentWidget() is not wanted:
                self._open_in(row.id, row.state, True)
        if self._want_open in ids and self.model.row_of(self._want_open) >= 0:
            want, self._want_open = self._want_open, None
            if not self.selected_ids():
                self.select(want)
        self._update_buttons()

    def shown_id(self) -> str | None:
        if self.stack.currentWidget() is self.editor:
            return self.editor.dossier_id
        if self.stack.currentWidget() is self.view:
            return self.view.dossier_id
        return None

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._open(ids[0])
        self._update_buttons()

    def _open(self, dossier_id: str, again: bool = False) -> None:
        row = self.model.cache.get(dossier_id)
        if row is None:
            store = self.workspace.store
            if store is None:
                return
            run_task(
                lambda: DossierRepository(store).get(dossier_id).state.value,
                on_done=lambda state: self._open_in(dossier_id, state, again),
            )
            return
        self._open_in(dossier_id, row.state, again)

    def _open_in(self, dossier_id: str, state: str, again: bool) -> None:
        if state in EDITABLE:
            if self.stack.currentWidget() is not self.editor:
                self.editor.show_nothing()
            self.stack.setCurrentWidget(self.editor)
            self.editor.open_dossier(dossier_id)
        else:
            if self.stack.currentWidget() is self.editor and self.editor.dossier_id == dossier_id:
                self.editor.save_now()
            self.stack.setCurrentWidget(self.view)
            if again or self.view.dossier_id != dossier_id:
                self.view.open_dossier(dossier_id)

    def _opened_for_editing(self, dossier_id: str) -> None:
        self._open_in(dossier_id, "draft", True)

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        states = [row.state for i in ids if (row := self.model.cache.get(i)) is not None]
        editable = [s for s in states if s in EDITABLE]
        self.queue_button.setEnabled(bool(editable))
        self.sign_selected_button.setEnabled(bool(editable))
        self.delete_button.setEnabled(len(ids) == 1 and bool(editable))
        self.export_button.setEnabled(bool(ids))

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
        self.table.clearSelection()
        self._want_open = dossier_id
        self._open_in(dossier_id, "draft", True)
        self.workspace.dossiers_changed.emit([dossier_id])

    def queue_selected(self) -> None:
        """Check the selected dossiers and put those that are complete in the outbox."""
        store = self.workspace.store
        ids = self.selected_ids()
        if store is None or not ids:
            return
        self.editor.save_now()

        def queue() -> list[tuple[str, str, list[str]]]:
            found = []
            for dossier_id in ids:
                dossier, problems = queue_dossier(store, dossier_id)
                found.append((dossier_id, dossier.state.value, [p.render() for p in problems]))
            return found

        run_task(queue, on_done=self._queued, on_error=self._failed)

    def _queued(self, found: list[tuple[str, str, list[str]]]) -> None:
        self.workspace.dossiers_changed.emit([i for i, _, _ in found])
        moved = [i for i, state, problems in found if state == "queued" and not problems]
        refused = [(i, problems) for i, _, problems in found if problems]
        if moved:
            self.queued.emit(moved)
        if refused:
            lines = [
                self.tr("%n dossier(s) could not go into the outbox:", "", len(refused)),
                *("• " + "; ".join(problems) for _, problems in refused),
            ]
            QMessageBox.warning(self, self.tr("Put in the outbox"), "\n".join(lines))

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
            self.workspace.dossiers_changed.emit([dossier_id])

        run_task(
            lambda: DossierRepository(store).delete_draft(dossier_id),
            on_done=done,
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Dossiers"), describe(error))
