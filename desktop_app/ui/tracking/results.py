"""Kết quả: the files the agency issued, each with the validation report of its signatures,
to open with the system's viewer or save elsewhere."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.messages import current_language
from desktop_app.ui.dossiers.model import when
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import run_task
from desktop_app.ui.tracking.loader import Result, copy_blob, viewing_copy
from desktop_app.ui.workspace import Workspace


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, size // 1024)} KB"


class ResultsPanel(QWidget):
    opened = Signal(str)  # the path given to the system viewer
    saved = Signal(str)  # the path a result was saved to

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.results: list[Result] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("results")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(110)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        buttons = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.setObjectName("openResult")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveResult")
        self.save_button.clicked.connect(self._save_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        self.report = QTextBrowser()
        self.report.setObjectName("validationReport")
        self.report.setOpenLinks(False)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.report, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Result"), self.tr("Size"), self.tr("Signatures")]
        )
        self.open_button.setText(self.tr("Open"))
        self.save_button.setText(self.tr("Save as…"))
        self.show_results(self.results)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing -------------------------------------------------------------------
    def summary(self, result: Result) -> str:
        if not result.downloaded:
            return self.tr("Downloading…")
        report = result.validation
        if report is None:
            return self.tr("Not a signed PDF")
        if report.get("all_intact") and report.get("all_trusted"):
            return self.tr("Signed, intact, trusted")
        if report.get("all_intact"):
            return self.tr("Signed, intact (signer not in the trusted list)")
        return self.tr("Signature NOT valid")

    def show_results(self, results: list[Result]) -> None:
        current = self.selected()
        self.results = list(results)
        self.table.setRowCount(len(self.results))
        for n, result in enumerate(self.results):
            values = (result.name, size_text(result.size), self.summary(result))
            for column, value in enumerate(values):
                self.table.setItem(n, column, QTableWidgetItem(value))
        if self.results:
            ids = [r.id for r in self.results]
            self.table.selectRow(ids.index(current.id) if current and current.id in ids else 0)
        self._selected()

    def selected(self) -> Result | None:
        row = self.table.currentRow()
        return self.results[row] if 0 <= row < len(self.results) else None

    def _selected(self) -> None:
        result = self.selected()
        ready = result is not None and result.downloaded
        self.open_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.report.setHtml(self.report_html(result) if result else "")

    def report_html(self, result: Result) -> str:
        """The validation report in words: each signature, its signer and problems."""
        report: dict[str, Any] | None = result.validation
        parts = [f"<h3>{html.escape(result.name)}</h3>"]
        if not result.downloaded:
            text = self.tr("The file is being downloaded and checked.")
            parts.append(f"<p>{html.escape(text)}</p>")
            return "".join(parts)
        if report is None:
            text = self.tr("This file carries no signature to check.")
            parts.append(f"<p>{html.escape(text)}</p>")
            return "".join(parts)
        verdict = self.summary(result)
        colour = "#1d6b2a" if report.get("all_intact") else "#a40000"
        parts.append(f"<p style='color:{colour}'><b>{html.escape(verdict)}</b></p>")
        language = current_language()
        for signature in report.get("signatures", []):
            lines = [
                (self.tr("Signer"), signature.get("signer_name") or "—"),
                (self.tr("Organisation"), signature.get("organisation") or "—"),
                (self.tr("Signed at"), when(signature.get("signing_time")) or "—"),
                (self.tr("Level"), signature.get("level") or "—"),
                (self.tr("Intact"), self.tr("yes") if signature.get("intact") else self.tr("no")),
                (
                    self.tr("Trusted"),
                    self.tr("yes") if signature.get("trusted") else self.tr("no"),
                ),
            ]
            rows = "".join(
                f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(str(v))}</td></tr>"
                for k, v in lines
            )
            parts.append(f"<table cellpadding='2'>{rows}</table>")
        problems = [p.get(language) or p.get("vi") for p in report.get("problems", [])]
        if problems:
            items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
            title = self.tr("Remarks")
            parts.append(f"<p><b>{html.escape(title)}</b></p><ul>{items}</ul>")
        return "".join(parts)

    # -- open, save ----------------------------------------------------------------
    def open_selected(self) -> None:
        store = self.workspace.store
        result = self.selected()
        if store is None or result is None or result.blob_sha256 is None:
            return
        sha, name = result.blob_sha256, result.name
        run_task(lambda: viewing_copy(store, sha, name), on_done=self._open, on_error=self._failed)

    def _open(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.opened.emit(str(path))

    def _save_selected(self) -> None:
        result = self.selected()
        if result is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the result"), result.name)
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        store = self.workspace.store
        result = self.selected()
        if store is None or result is None or result.blob_sha256 is None:
            return
        sha = result.blob_sha256
        run_task(lambda: copy_blob(store, sha, target), on_done=self._saved, on_error=self._failed)

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Saved: %1").replace("%1", str(path)))
        self.saved.emit(str(path))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error))
