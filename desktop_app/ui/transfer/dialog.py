"""The import preview: what will be created and the problems found; "Import" creates the
dossiers that have none (each whole or not at all), on a worker, and says how it went."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.packages import ImportOutcome
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import TaskControl, run_task
from desktop_app.ui.transfer.preview import Planned, outcome_text

ImportWork = Callable[[list[Planned], TaskControl], list[ImportOutcome]]


class ImportDialog(QDialog):
    imported = Signal(list)  # ids of the dossiers created

    def __init__(
        self, title: str, planned: list[Planned], work: ImportWork, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.planned = planned
        self.work = work
        self.outcomes: list[ImportOutcome] = []
        self.running = False
        self.setWindowTitle(title)
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("importPreview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows follow their wrapped text as the columns take their widths.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((120, 260, 170, 60)):
            header.resizeSection(column, width)
        self.progress = QProgressBar()
        self.progress.hide()
        buttons = QHBoxLayout()
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.retranslate()

    @property
    def importable(self) -> list[Planned]:
        return [p for p in self.planned if p.importable]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Source"),
                self.tr("Procedure"),
                self.tr("Submitter"),
                self.tr("Files"),
                self.tr("Problems found / result"),
            ]
        )
        self.import_button.setText(self.tr("Import %n dossier(s)", "", len(self.importable)))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.planned))
        for n, item in enumerate(self.planned):
            note = item.outcome or "; ".join(item.problems) or self.tr("will be created as a draft")
            values = (item.source, item.procedure, item.applicant, str(item.files), note)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                if column == 4 and (
                    item.problems or (item.outcome and item.outcome != self.tr("created"))
                ):
                    cell.setForeground(QColor("#a40000"))
                self.table.setItem(n, column, cell)
        problems = len(self.planned) - len(self.importable)
        if not self.outcomes:
            self.summary.setText(
                self.tr("%1 dossier(s) will be created; %2 cannot be, for the reasons shown.")
                .replace("%1", str(len(self.importable)))
                .replace("%2", str(problems))
            )
        self.import_button.setEnabled(
            bool(self.importable) and not self.running and not self.outcomes
        )

    def run_import(self) -> None:
        items = self.importable
        if not items or self.running:
            return
        self.running = True
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.progress.show()
        self._fill()
        work = self.work
        run_task(
            lambda control: work(items, control),
            on_done=self._done,
            on_error=self._failed,
            on_progress=lambda done, total, _: self.progress.setValue(done),
            with_control=True,
        )

    def _done(self, outcomes: list[ImportOutcome]) -> None:
        self.running = False
        self.outcomes = outcomes
        for item, outcome in zip(self.importable, outcomes, strict=False):
            item.outcome = self.tr("created") if outcome.created else outcome_text(outcome)
        created = [o.dossier_id for o in outcomes if o.created and o.dossier_id]
        self.summary.setText(
            self.tr("%1 dossier(s) created; %2 not.")
            .replace("%1", str(len(created)))
            .replace("%2", str(len(outcomes) - len(created)))
        )
        self.progress.hide()
        self._fill()
        self.imported.emit(created)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.progress.hide()
        self.summary.setText(describe(error))
        self._fill()
        self.summary.setStyleSheet("color: #a40000;")
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
