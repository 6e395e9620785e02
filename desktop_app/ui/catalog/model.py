"""The list of procedures found, as a Qt model (replaced whole on each search: at most a
few hundred rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.catalog import ProcedureSummary

Index = QModelIndex | QPersistentModelIndex


class ProcedureListModel(QAbstractTableModel):
    NAME, CODE, DAYS = range(3)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ProcedureSummary] = []

    def set_rows(self, rows: list[ProcedureSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.NAME:
                return row.name
            if index.column() == self.CODE:
                return row.code
            if row.processing_days is None:
                return "—"
            return self.tr("%n day(s)", "", row.processing_days)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.name
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Procedure"), self.tr("Code"), self.tr("Processing time"))[section]

    def code_at(self, row: int) -> str | None:
        return self.rows[row].code if 0 <= row < len(self.rows) else None
