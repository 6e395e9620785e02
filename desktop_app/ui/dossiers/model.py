"""A table model over the dossiers of a profile that stays smooth with 10,000 of them.

- Filter, search and sort run in SQL on a worker (:mod:`.query`); the model keeps only
  the ordered ids and their sort keys.
- The shown columns are fetched lazily, a window of ``PAGE`` rows at a time, when the
  view first asks for a row that is not cached (a placeholder is shown meanwhile).
- A change to some dossiers (``Workspace.dossiers_changed``) probes only those on a
  worker, then moves, inserts, drops or updates their rows: no reset, no reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from desktop_app.core.dossier import PORTAL_STATUS_LABELS, state_label
from desktop_app.core.messages import current_language
from desktop_app.ui.catalog.details import money
from desktop_app.ui.dossiers.query import ListQuery, Probe, Row, fetch_rows, ordered_ids, probe_rows
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex

PAGE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the Row (or None while it loads)
ID_ROLE = Qt.ItemDataRole.UserRole

COLUMNS = ("procedure", "applicant", "state", "code", "status", "payment", "changed")
SORTABLE = {c: c for c in COLUMNS}


def when(stamp: str | None) -> str:
    """``2026-11-24T09:30:00+07:00`` → ``24/11/2026 09:30``."""
    if not stamp:
        return ""
    if len(stamp) >= 16 and stamp[4] == "-":
        return f"{stamp[8:10]}/{stamp[5:7]}/{stamp[0:4]} {stamp[11:16]}"
    return stamp


def day(stamp: str | None) -> str:
    return when(stamp)[:10]


def portal_status_text(status: int | None) -> str:
    if status is None or status not in PORTAL_STATUS_LABELS:
        return ""
    vi, en = PORTAL_STATUS_LABELS[status]
    return vi if current_language() == "vi" else en


class DossierListModel(QAbstractTableModel):
    """Rows are dossiers; columns are named in ``columns`` (see :data:`COLUMNS`)."""

    loaded = Signal()  # a (re)query arrived
    rows_changed = Signal(list)  # ids whose rows were updated in place, moved or added

    def __init__(
        self,
        workspace: Workspace,
        columns: tuple[str, ...] = COLUMNS,
        query: ListQuery | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.columns = columns
        self.query = query or ListQuery()
        self.ids: list[str] = []
        self.keys: list[tuple[Any, str]] = []
        self.cache: dict[str, Row] = {}
        self._pages_asked: set[int] = set()
        self._generation = 0
        self._loading = False
        self._waiting: set[str] = set()  # changed while a query was running
        self._probing = False
        self._to_probe: set[str] = set()
        self._repaint = QTimer(self, singleShot=True, interval=30)
        self._repaint.timeout.connect(self._repaint_all)
        self.extra_columns: dict[str, Callable[[Row, int], Any]] = {}
        workspace.store_opened.connect(self.requery)
        workspace.dossiers_changed.connect(self.refresh_ids)

    # -- querying --------------------------------------------------------------------
    def set_query(self, query: ListQuery) -> None:
        if query != self.query:
            self.query = query
            self.requery()

    def requery(self) -> None:
        """Run the query again (a new filter, search or sort)."""
        store = self.workspace.store
        if store is None:
            return
        self._generation += 1
        generation, query = self._generation, self.query
        self._loading = True

        def load() -> tuple[list[str], list[tuple[Any, str]], dict[str, Row]]:
            ids, keys = ordered_ids(store, query)
            return ids, keys, fetch_rows(store, ids[:PAGE])

        run_task(load, on_done=lambda result: self._queried(generation, result))

    def _queried(self, generation: int, result: Any) -> None:
        if generation != self._generation:
            return
        ids, keys, first = result
        self.beginResetModel()
        self.ids, self.keys = ids, keys
        self.cache = dict(first)
        self._pages_asked = {0}
        self._loading = False
        self.endResetModel()
        self.loaded.emit()
        waiting, self._waiting = self._waiting, set()
        if waiting:
            self.refresh_ids(sorted(waiting))

    @property
    def loading(self) -> bool:
        return self._loading

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        name = self.columns[column] if 0 <= column < len(self.columns) else "changed"
        if name not in SORTABLE:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        from dataclasses import replace

        self.set_query(replace(self.query, sort=SORTABLE[name], descending=descending))

    # -- lazy rows -------------------------------------------------------------------
    def row_data(self, row: int) -> Row | None:
        if not 0 <= row < len(self.ids):
            return None
        found = self.cache.get(self.ids[row])
        if found is None:
            self._ask_page(row // PAGE)
        return found

    def _ask_page(self, page: int) -> None:
        if page in self._pages_asked:
            return
        store = self.workspace.store
        if store is None:
            return
        self._pages_asked.add(page)
        generation = self._generation
        wanted = [i for i in self.ids[page * PAGE : (page + 1) * PAGE] if i not in self.cache]

        def arrived(rows: dict[str, Row]) -> None:
            if generation != self._generation:
                return
            self.cache.update(rows)
            if not self._repaint.isActive():
                self._repaint.start()

        run_task(lambda: fetch_rows(store, wanted), on_done=arrived)

    def _repaint_all(self) -> None:
        if self.ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.ids) - 1, len(self.columns) - 1)
            )

    # -- incremental updates ---------------------------------------------------------
    def refresh_ids(self, ids: object) -> None:
        """Some dossiers changed (None: any): update just their rows."""
        if ids is None:
            self.requery()
            return
        changed = {str(i) for i in ids}  # type: ignore[union-attr]
        if self._loading:
            self._waiting |= changed
            return
        self._to_probe |= changed
        self._probe_next()

    def _probe_next(self) -> None:
        store = self.workspace.store
        if self._probing or not self._to_probe or store is None:
            return
        ids, self._to_probe = sorted(self._to_probe), set()
        self._probing = True
        generation, query = self._generation, self.query

        def done(probes: list[Probe]) -> None:
            self._probing = False
            if generation == self._generation and not self._loading:
                self._apply(probes)
            else:
                self._waiting |= set(ids)
            self._probe_next()

        def failed(_: BaseException) -> None:
            self._probing = False
            self._probe_next()

        run_task(lambda: probe_rows(store, query, ids), on_done=done, on_error=failed)

    def _apply(self, probes: list[Probe]) -> None:
        touched: list[str] = []
        for probe in probes:
            try:
                row = self.ids.index(probe.id)
            except ValueError:
                row = -1
            if probe.row is not None:
                self.cache[probe.id] = probe.row
            if row >= 0 and not probe.matches:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.ids[row]
                del self.keys[row]
                self.endRemoveRows()
                self.cache.pop(probe.id, None)
            elif row >= 0 and probe.key is not None:
                self._move(row, probe.key)
                touched.append(probe.id)
            elif row < 0 and probe.matches and probe.key is not None:
                at = self._position(probe.key)
                self.beginInsertRows(QModelIndex(), at, at)
                self.ids.insert(at, probe.id)
                self.keys.insert(at, probe.key)
                self.endInsertRows()
                touched.append(probe.id)
        if touched:
            self.rows_changed.emit(touched)

    def _move(self, row: int, key: tuple[Any, str]) -> None:
        old_key = self.keys.pop(row)
        dossier_id = self.ids.pop(row)
        target = self._position(key)
        self.ids.insert(row, dossier_id)
        self.keys.insert(row, old_key)
        if target == row:
            self.keys[row] = key
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            return
        destination = target if target < row else target + 1
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        del self.ids[row]
        del self.keys[row]
        self.ids.insert(target, dossier_id)
        self.keys.insert(target, key)
        self.endMoveRows()

    def _position(self, key: tuple[Any, str]) -> int:
        """Where ``key`` goes in the current order (binary search)."""
        lo, hi = 0, len(self.keys)
        descending = self.query.descending
        while lo < hi:
            mid = (lo + hi) // 2
            current = self.keys[mid]
            before = current > key if descending else current < key
            if before:
                lo = mid + 1
            else:
                hi = mid
        return lo

    # -- lookups ---------------------------------------------------------------------
    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, dossier_id: str) -> int:
        try:
            return self.ids.index(dossier_id)
        except ValueError:
            return -1

    # -- Qt's model interface --------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = index.row()
        if role == ID_ROLE:
            return self.id_at(r)
        row = self.row_data(r)
        if role == ROW_ROLE:
            return row
        name = self.columns[index.column()]
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return "…"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, name, r)
        if role == Qt.ItemDataRole.ToolTipRole and name in ("procedure", "state"):
            return self.tooltip(row)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and name == "state"
            and (row.state in ("rejected", "send_failed") or row.portal_status in (5, 6))
        ):
            return QColor("#a40000")
        return None

    def text(self, row: Row, name: str, r: int) -> Any:
        if name in self.extra_columns:
            return self.extra_columns[name](row, r)
        if name == "procedure":
            return row.procedure_name
        if name == "applicant":
            return row.applicant
        if name == "state":
            return str(state_label(row.state))
        if name == "code":
            return row.portal_code or ""
        if name == "status":
            return portal_status_text(row.portal_status)
        if name == "payment":
            return self.payment_text(row)
        if name == "changed":
            return when(row.updated_at)
        return ""

    def payment_text(self, row: Row) -> str:
        status = row.payment_status
        if status == "paid":
            return self.tr("Paid")
        if status == "pending":
            return self.tr("Waiting for payment")
        if status == "failed":
            return self.tr("Payment failed")
        if status == "expired":
            return self.tr("Payment link expired")
        if status == "cancelled":
            return self.tr("Payment cancelled")
        if row.fees_due_vnd:
            return self.tr("To pay: %1").replace("%1", money(row.fees_due_vnd))
        return ""

    def tooltip(self, row: Row) -> str:
        if row.last_error:
            return str(row.last_error.get(current_language()) or row.last_error.get("vi") or "")
        return row.procedure_name

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.header(self.columns[section])

    def header(self, name: str) -> str:
        return {
            "procedure": self.tr("Procedure"),
            "applicant": self.tr("Submitter"),
            "state": self.tr("State"),
            "code": self.tr("Dossier code"),
            "status": self.tr("Portal status"),
            "payment": self.tr("Payment"),
            "changed": self.tr("Last change"),
            "progress": self.tr("Progress"),
            "reason": self.tr("Reason"),
        }.get(name, name)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self._repaint_all()
