"""Thanh toán: the sent dossiers with fees to pay (and those paid), one dossier's fees and
payment beside the list, and "Danh sách giao dịch", every transaction with its state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.dossiers.model import DossierListModel, money, when
from desktop_app.ui.dossiers.query import ListQuery
from desktop_app.ui.payments.data import Transaction, transactions
from desktop_app.ui.payments.details import PaymentPanel
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("code", "applicant", "procedure", "payment", "changed")


class TransactionModel(QAbstractTableModel):
    """Danh sách giao dịch: every payment, newest first."""

    HEADERS = ("reference", "code", "applicant", "amount", "status", "created", "paid", "channel")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Transaction] = []

    def set_rows(self, rows: list[Transaction]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def status_text(self, status: str) -> str:
        return {
            "pending": self.tr("Waiting for payment"),
            "paid": self.tr("Paid"),
            "failed": self.tr("Failed"),
            "expired": self.tr("Expired"),
            "cancelled": self.tr("Cancelled"),
        }.get(status, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        t = self.rows[index.row()]
        values = (
            t.reference,
            t.portal_code or "",
            t.applicant,
            money(t.amount_vnd),
            self.status_text(t.status),
            when(t.created_at),
            when(t.paid_at),
            " ".join(filter(None, (t.channel, t.transaction_no))),
        )
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Reference"),
            self.tr("Dossier code"),
            self.tr("Submitter"),
            self.tr("Amount"),
            self.tr("State"),
            self.tr("Created"),
            self.tr("Paid on"),
            self.tr("Channel, transaction"),
        )[section]


class PaymentsPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsPage")
        self.workspace = workspace
        self.model = DossierListModel(workspace, COLUMNS, ListQuery(filter="payments"))
        self.transactions = TransactionModel(self)
        self._want: str | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        self.table = QTableView()
        self.table.setObjectName("feesList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 210), (1, 170), (3, 170), (4, 120)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.panel = PaymentPanel(workspace)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setSizes([220, 420])
        self.tabs.addTab(splitter, "")

        self.transaction_table = QTableView()
        self.transaction_table.setObjectName("transactions")
        self.transaction_table.setModel(self.transactions)
        self.transaction_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.transaction_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.transaction_table.verticalHeader().hide()
        self.transaction_table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 150), (1, 235), (2, 160), (3, 95), (4, 125), (5, 130), (6, 130)):
            self.transaction_table.horizontalHeader().resizeSection(column, width)
        self.tabs.addTab(self.transaction_table, "")

        self._reload_transactions = QTimer(self, singleShot=True, interval=300)
        self._reload_transactions.timeout.connect(self.load_transactions)
        workspace.store_opened.connect(self.load_transactions)
        workspace.dossiers_changed.connect(lambda _: self._reload_transactions.start())
        self.model.loaded.connect(self._reselect)
        self.model.rows_changed.connect(lambda _: self._reselect())
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Payments")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_DialogApplyButton")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Payments"))
        self.hint.setText(
            self.tr(
                "Fees of the dossiers sent. “Pay” opens the portal's payment page in your "
                "browser (bank or e-wallet); the app never sees bank details and shows the "
                "result as soon as the portal confirms it."
            )
        )
        self.tabs.setTabText(0, self.tr("Fees to pay"))
        self.tabs.setTabText(1, self.tr("Transactions"))
        self.model.retranslate()
        self.transactions.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, len(TransactionModel.HEADERS) - 1
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the list ------------------------------------------------------------------
    def show_dossier(self, dossier_id: str) -> None:
        """Select a dossier (from the dossier page's "Pay the fees…")."""
        self.tabs.setCurrentIndex(0)
        self._want = dossier_id
        self.panel.show_dossier(dossier_id)
        self._reselect()

    def _reselect(self) -> None:
        if self._want is None:
            return
        row = self.model.row_of(self._want)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
            self._want = None

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            dossier_id = self.model.id_at(rows[0].row())
            if dossier_id is not None:
                self.panel.show_dossier(dossier_id)

    def load_transactions(self) -> None:
        store = self.workspace.store
        if store is not None:
            run_task(lambda: transactions(store), on_done=self.transactions.set_rows)
