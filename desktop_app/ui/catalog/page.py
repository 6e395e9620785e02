"""Thủ tục: find a procedure by agency, field and words (diacritics ignored), read what it
needs, and start a dossier for it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import CatalogCache, Procedure, ProcedureSummary
from desktop_app.ui.catalog.details import ProcedureDetails
from desktop_app.ui.catalog.model import ProcedureListModel
from desktop_app.ui.errors import describe
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace

SEARCH_DELAY_MS = 120


class CatalogPage(QWidget):
    create_requested = Signal(str)  # procedure code

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogPage")
        self.workspace = workspace
        self._searches = itertools.count(1)
        self._latest = 0
        self._names: dict[str, dict[str, str]] = {"agencies": {}, "fields": {}}
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.search)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())
        self.agency_box.currentIndexChanged.connect(self._agency_chosen)
        self.field_box.currentIndexChanged.connect(lambda _: self.search())
        workspace.catalog_changed.connect(self.reload)
        workspace.store_opened.connect(self.reload)
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Procedures")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_FileDialogContentsView")

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        filters = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("catalogSearch")
        self.search_box.setClearButtonEnabled(True)
        self.agency_box = QComboBox()
        self.agency_box.setMinimumWidth(260)
        self.field_box = QComboBox()
        self.field_box.setMinimumWidth(220)
        self.agency_label = QLabel()
        self.field_label = QLabel()
        filters.addWidget(self.search_box, 2)
        filters.addWidget(self.agency_label)
        filters.addWidget(self.agency_box, 1)
        filters.addWidget(self.field_label)
        filters.addWidget(self.field_box, 1)
        layout.addLayout(filters)

        self.model = ProcedureListModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ProcedureListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            ProcedureListModel.CODE, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            ProcedureListModel.DAYS, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _: self._chosen(cur))
        self.table.doubleClicked.connect(lambda _: self._create())
        self.count_label = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.count_label)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.details = ProcedureDetails()
        self.details.template_requested.connect(self._download_template)
        self.create_button = QPushButton()
        self.create_button.setObjectName("createDossier")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._create)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 520])
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Procedure catalogue"))
        self.search_box.setPlaceholderText(
            self.tr("Search by name or code, with or without accents (e.g. thi tuyen)")
        )
        self.agency_label.setText(self.tr("Agency:"))
        self.field_label.setText(self.tr("Field:"))
        self.create_button.setText(self.tr("Create a dossier"))
        if self.agency_box.count():
            self.agency_box.setItemText(0, self.tr("All agencies"))
        if self.field_box.count():
            self.field_box.setItemText(0, self.tr("All fields"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading -------------------------------------------------------------------
    def reload(self) -> None:
        """Agencies and fields from the cache, then the search again."""
        if self.workspace.store is None:
            return
        cache = CatalogCache(self.workspace.store)
        run_task(
            lambda: (cache.agencies(), cache.fields()),
            on_done=self._filters_loaded,
            on_error=self._failed,
        )

    def _filters_loaded(self, result: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        agencies, fields = result
        self._names["agencies"] = {a["code"]: a["name"] for a in agencies}
        self._names["fields"] = {f["code"]: f["name"] for f in fields}
        self._all_fields = fields
        chosen = self.agency_box.currentData()
        self.agency_box.blockSignals(True)
        self.agency_box.clear()
        self.agency_box.addItem(self.tr("All agencies"), None)
        for agency in agencies:
            self.agency_box.addItem(agency["name"], agency["code"])
        index = self.agency_box.findData(chosen)
        self.agency_box.setCurrentIndex(max(index, 0))
        self.agency_box.blockSignals(False)
        self._fill_fields()
        self.search()

    def _fill_fields(self) -> None:
        agency = self.agency_box.currentData()
        chosen = self.field_box.currentData()
        self.field_box.blockSignals(True)
        self.field_box.clear()
        self.field_box.addItem(self.tr("All fields"), None)
        for field in getattr(self, "_all_fields", []):
            if agency is None or field.get("agency_code") in (None, agency):
                self.field_box.addItem(field["name"], field["code"])
        index = self.field_box.findData(chosen)
        self.field_box.setCurrentIndex(max(index, 0))
        self.field_box.blockSignals(False)

    def _agency_chosen(self, _: int) -> None:
        self._fill_fields()
        self.search()

    # -- searching -----------------------------------------------------------------
    def search(self) -> None:
        """Search the local cache on a worker; only the latest search's answer shows."""
        if self.workspace.store is None:
            return
        self._debounce.stop()
        number = next(self._searches)
        self._latest = number
        cache = CatalogCache(self.workspace.store)
        query = self.search_box.text()
        agency = self.agency_box.currentData()
        field = self.field_box.currentData()

        def find() -> list[ProcedureSummary]:
            return cache.search(query, agency_code=agency, field_code=field)

        run_task(find, on_done=lambda rows: self._found(number, rows), on_error=self._failed)

    def _found(self, number: int, rows: list[ProcedureSummary]) -> None:
        if number != self._latest:
            return  # an older search answered late
        current = self.selected_code()
        self.model.set_rows(rows)
        self._show_count()
        codes = [r.code for r in rows]
        if current in codes:
            self.table.selectRow(codes.index(current))
        elif len(rows) == 1:
            self.table.selectRow(0)
        else:
            self._chosen(None)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n procedure(s) found", "", len(self.model.rows)))

    def selected_code(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.code_at(index.row()) if index.isValid() else None

    def _chosen(self, index: Any) -> None:
        code = self.model.code_at(index.row()) if index is not None and index.isValid() else None
        if code is None or self.workspace.store is None:
            self.details.show_procedure(None)
            self.create_button.setEnabled(False)
            return
        cache = CatalogCache(self.workspace.store)
        run_task(lambda: cache.get(code), on_done=self._show, on_error=self._failed)

    def _show(self, procedure: Procedure | None) -> None:
        if procedure is None or procedure.code != self.selected_code():
            return
        self.details.show_procedure(
            procedure,
            self._names["agencies"].get(procedure.agency_code or "", ""),
            self._names["fields"].get(procedure.field_code or "", ""),
        )
        self.create_button.setEnabled(not procedure.retired)

    def _create(self) -> None:
        procedure = self.details.procedure
        if procedure is not None and not procedure.retired:
            self.create_requested.emit(procedure.code)

    # -- templates -----------------------------------------------------------------
    def _download_template(self, name: str, url: str) -> None:
        client = self.workspace.connection.client
        if client is None:
            self._failed_text(self.tr("Sign in to the portal to download templates."))
            return
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the template"), str(Path.home() / f"{name}.pdf")
        )
        if not target:
            return
        token = self.workspace.activity.begin(self.tr("Downloading the template…"))

        def fetch() -> str:
            content, _ = client.template(url)
            Path(target).write_bytes(content)
            return target

        def done(path: str) -> None:
            self.workspace.activity.end(token)
            self.template_saved = path

        def failed(error: BaseException) -> None:
            self.workspace.activity.end(token)
            self._failed(error)

        run_task(fetch, on_done=done, on_error=failed)

    def _failed(self, error: BaseException) -> None:
        self._failed_text(describe(error))

    def _failed_text(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Procedure catalogue"), text)
