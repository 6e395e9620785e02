"""Thanh toán: the fees of this profile's dossiers. Paying, live status and e-receipts come
with the second UI issue; this page already lists what the portal asked for."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.catalog.details import money
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace


class PaymentsPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsPage")
        self.workspace = workspace
        self.rows: list[tuple[str, str, int]] = []
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        workspace.store_opened.connect(self.reload)
        workspace.dossiers_changed.connect(lambda _: self.reload())
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Payments")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_DialogApplyButton")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Payments"))
        self.hint.setText(
            self.tr(
                "Fees the portal asks for appear here once a dossier has been sent. "
                "Paying from the app comes with the outbox."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Dossier code"), self.tr("Submitter"), self.tr("Fees due")]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        store = self.workspace.store
        if store is None:
            return

        def load() -> list[tuple[str, str, int]]:
            repo = DossierRepository(store)
            rows = []
            for dossier_id in repo.ids():
                d = repo.get(dossier_id)
                if d.fees_due_vnd:
                    rows.append((d.portal_code or d.id[:8], d.applicant.full_name, d.fees_due_vnd))
            return rows

        run_task(load, on_done=self._loaded)

    def _loaded(self, rows: list[tuple[str, str, int]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for n, (code, who, amount) in enumerate(rows):
            for column, value in enumerate((code, who, money(amount))):
                self.table.setItem(n, column, QTableWidgetItem(value))
