"""Gửi hồ sơ (the outbox): what waits to be sent, what is being sent and what this session
sent; send all or some, retry, take back out of the queue, stop.

Each dossier has a bar (its step, and the bytes the portal confirmed) and the batch has
one; a refused or waiting dossier says why, in words, and what to do. The work runs on the
sync controller's worker; the rows update one by one from its events.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync import SyncEvent
from desktop_app.ui.dossiers.model import DossierListModel, when
from desktop_app.ui.dossiers.query import ListQuery, Row
from desktop_app.ui.errors import describe
from desktop_app.ui.outbox.progress import Progress, ProgressDelegate, size
from desktop_app.ui.outbox.reasons import Reasons
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace

COLUMNS = ("procedure", "applicant", "state", "progress", "reason", "changed")
SENDABLE = ("queued", "send_failed", "sending")
TAKE_BACK = ("queued", "send_failed")


class OutboxPage(QWidget):
    open_requested = Signal(str)  # show this dossier on the Hồ sơ page

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxPage")
        self.workspace = workspace
        self.reasons = Reasons(self)
        self.progress = Progress(self)
        since = workspace.sync.session_started if workspace.sync else ""
        self.model = DossierListModel(
            workspace, COLUMNS, ListQuery(filter="session", sort="created", descending=False,
                                          since=since)
        )  # fmt: skip
        self.model.extra_columns = {
            "progress": lambda row, _: self.progress.text(self.progress.of(row)),
            "reason": lambda row, _: (
                self.reasons.what(row.last_error)
                if row.state in ("send_failed", "rejected")
                else ""
            ),
        }
        self._dirty_rows: set[str] = set()
        self._paint = QTimer(self, singleShot=True, interval=100)
        self._paint.timeout.connect(self._repaint_progress)
        self._build()
        if workspace.sync is not None:
            workspace.sync.event.connect(self.on_event)
            workspace.sync.busy_changed.connect(lambda _: self._update_buttons())
            workspace.sync.batch_finished.connect(self._batch_finished)
        self.model.loaded.connect(self._update_buttons)
        self.model.rows_changed.connect(lambda _: self._update_buttons())
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Outbox")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_ArrowUp")

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        batch = QHBoxLayout()
        self.batch_label = QLabel()
        self.batch_label.setObjectName("batchLabel")
        self.batch_bar = QProgressBar()
        self.batch_bar.setObjectName("batchProgress")
        self.batch_bar.setRange(0, 1)
        self.batch_bar.setValue(0)
        batch.addWidget(self.batch_label, 1)
        batch.addWidget(self.batch_bar, 2)
        layout.addLayout(batch)

        self.table = QTableView()
        self.table.setObjectName("outboxList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setItemDelegateForColumn(
            COLUMNS.index("progress"), ProgressDelegate(self.progress, self)
        )
        header = self.table.horizontalHeader()
        for column, width in enumerate((260, 170, 150, 260, 320, 120)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(COLUMNS.index("reason"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(self._open)
        layout.addWidget(self.table, 1)

        self.details = QLabel()
        self.details.setObjectName("outboxDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.notice = QLabel()
        self.notice.setObjectName("outboxNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #a40000;")
        layout.addWidget(self.notice)
        buttons = QHBoxLayout()
        self.send_all_button = QPushButton()
        self.send_all_button.setObjectName("sendAll")
        self.send_all_button.clicked.connect(self.send_all)
        self.send_selected_button = QPushButton()
        self.send_selected_button.clicked.connect(self.send_selected)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry)
        self.take_back_button = QPushButton()
        self.take_back_button.clicked.connect(self.take_back)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop)
        for button in (
            self.send_all_button,
            self.send_selected_button,
            self.retry_button,
            self.take_back_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Outbox"))
        self.hint.setText(
            self.tr(
                "Dossiers put in the outbox wait here until they are sent; those sent in this "
                "session stay listed. Sending resumes where it stopped after a cut, and never "
                "sends a dossier twice."
            )
        )
        self.send_all_button.setText(self.tr("Send all"))
        self.send_selected_button.setText(self.tr("Send the selected"))
        self.retry_button.setText(self.tr("Retry"))
        self.take_back_button.setText(self.tr("Take back out of the outbox"))
        self.stop_button.setText(self.tr("Stop sending"))
        self.model.retranslate()
        self._show_batch()
        self._selected()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- rows ----------------------------------------------------------------------
    def rows(self) -> list[Row]:
        return [self.model.cache[i] for i in self.model.ids if i in self.model.cache]

    def selected_rows(self) -> list[Row]:
        indexes = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        found = [self.model.row_data(r) for r in indexes]
        return [row for row in found if row is not None]

    def select_ids(self, ids: list[str]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for dossier_id in ids:
            row = self.model.row_of(dossier_id)
            if row >= 0:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and rows[0].last_error and rows[0].state in ("send_failed", "rejected"):
            row = rows[0]
            self.details.setText(
                f"<b>{self.reasons.what(row.last_error)}</b><br>"
                + self.tr("What to do: %1").replace(
                    "%1", self.reasons.advice(row.state, row.last_error)
                )
            )
        elif len(rows) == 1 and rows[0].portal_code:
            self.details.setText(
                self.tr("Sent as %1 on %2.")
                .replace("%1", rows[0].portal_code or "")
                .replace("%2", when(rows[0].first_sent_at))
            )
        else:
            self.details.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        sync = self.workspace.sync
        loaded = self.rows()
        # Rows not fetched yet may wait too: with more rows than loaded, allow it.
        waiting = any(r.state in SENDABLE for r in loaded) or len(loaded) < len(self.model.ids)
        self.send_all_button.setEnabled(sync is not None and waiting)
        self.send_selected_button.setEnabled(any(r.state in SENDABLE for r in rows))
        self.retry_button.setEnabled(any(r.state in ("send_failed", "sending") for r in rows))
        self.take_back_button.setEnabled(any(r.state in TAKE_BACK for r in rows))
        self.stop_button.setEnabled(sync is not None and sync.busy)

    # -- events --------------------------------------------------------------------
    def on_event(self, event: SyncEvent) -> None:
        changed = self.progress.on_event(event)
        if event.kind == "batch":
            self._show_batch()
            self._update_buttons()
        if changed is not None:
            self._dirty_rows.add(changed)
            if not self._paint.isActive():
                self._paint.start()

    def _repaint_progress(self) -> None:
        column = COLUMNS.index("progress")
        for dossier_id in self._dirty_rows:
            row = self.model.row_of(dossier_id)
            if row >= 0:
                index = self.model.index(row, column)
                self.model.dataChanged.emit(index, index)
        self._dirty_rows.clear()
        self._show_batch()

    def _show_batch(self) -> None:
        batch = self.progress.batch
        if batch.count == 0:
            self.batch_label.setText(self.tr("Nothing is being sent."))
            self.batch_bar.setRange(0, 1)
            self.batch_bar.setValue(0)
            return
        done, total = self.progress.batch_bytes()
        finished = len(batch.finished)
        if batch.running:
            text = self.tr("Sending: %1 of %2 dossier(s) done, %3 of %4")
        else:
            text = self.tr("Last batch: %1 of %2 dossier(s) done, %3 of %4")
        self.batch_label.setText(
            text.replace("%1", str(finished))
            .replace("%2", str(batch.count))
            .replace("%3", size(done))
            .replace("%4", size(total))
        )
        self.batch_bar.setRange(0, max(1, batch.count * 100))
        # Each dossier counts for 100: its own percentage while it goes.
        share = sum(
            100 if i in batch.finished else self.progress.sending[i].percent
            for i in batch.ids
            if i in self.progress.sending
        )
        self.batch_bar.setValue(min(share, batch.count * 100))

    def _batch_finished(self, _: object) -> None:
        self._show_batch()
        self._update_buttons()

    # -- actions -------------------------------------------------------------------
    def send_all(self) -> None:
        if self.workspace.sync is not None:
            self.workspace.sync.send(None)

    def send_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.state in SENDABLE]
        if ids and self.workspace.sync is not None:
            self.workspace.sync.send(ids)

    def retry(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.state in ("send_failed", "sending")]
        if ids and self.workspace.sync is not None:
            self.workspace.sync.send(ids)

    def stop(self) -> None:
        if self.workspace.sync is not None:
            self.workspace.sync.cancel()

    def take_back(self) -> None:
        """Back to "ready" (editable), for those of which nothing was sent yet."""
        store = self.workspace.store
        ids = [r.id for r in self.selected_rows() if r.state in TAKE_BACK]
        if store is None or not ids:
            return

        def work() -> list[str]:
            repo, problems = DossierRepository(store), []
            for dossier_id in ids:
                try:
                    repo.take_back(dossier_id)
                except Exception as error:  # said to the clerk, the others go on
                    problems.append(describe(error))
            return problems

        def done(problems: list[str]) -> None:
            self.workspace.dossiers_changed.emit(ids)
            self.notice.setText("\n".join(problems))

        self.notice.clear()
        run_task(work, on_done=done, on_error=lambda e: self.notice.setText(describe(e)))

    def _open(self, index) -> None:  # type: ignore[no-untyped-def]
        dossier_id = self.model.id_at(index.row())
        if dossier_id is not None:
            self.open_requested.emit(dossier_id)

    def set_session_start(self, since: str) -> None:
        self.model.set_query(replace(self.model.query, since=since))
