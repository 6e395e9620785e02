"""Yêu cầu bổ sung: the agency asks for more documents. Shown prominently on the dossier,
with the answer flow: attach the files, sign those that must be signed, send."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

import signing
from desktop_app.core.filetypes import sniff_file
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync.events import EventHub
from desktop_app.core.sync.supplements import Supplements
from desktop_app.ui.dossiers.model import when
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import run_task
from desktop_app.ui.tracking.loader import Tracking
from desktop_app.ui.workspace import Workspace

SCANS = ("image/png", "image/jpeg")
STYLE = (
    "QFrame#supplementPanel { background: #fff4e0; border: 2px solid #e08a00;"
    " border-radius: 6px; }"
    " QLabel#supplementTitle { font-size: 13pt; font-weight: 600; color: #8a4b00; }"
)


def attach_to_supplement(
    store: Store, dossier_id: str, supplement_id: int, component: str, paths: list[Path]
) -> None:
    """Attach files to a supplement answer: PDFs as they are, scans made one PDF."""
    repo = DossierRepository(store)
    scans = [p for p in paths if sniff_file(p) in SCANS]
    for path in paths:
        if path not in scans:
            repo.attach(dossier_id, component, path, supplement_id=supplement_id)
    if scans:
        work = Path(tempfile.mkdtemp(prefix="scan-", dir=Path(store.profile)))
        try:
            pdf = signing.images_to_pdf(scans, work / (scans[0].stem + ".pdf"))
            repo.attach(
                dossier_id,
                component,
                pdf,
                content_type="application/pdf",
                supplement_id=supplement_id,
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)


class SupplementPanel(QFrame):
    sign_requested = Signal(str, int)  # dossier id, supplement id
    changed = Signal()  # files attached or removed: reload the dossier
    sent = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tracking: Tracking | None = None
        self.busy = False
        self.setObjectName("supplementPanel")
        self.setStyleSheet(STYLE)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("supplementTitle")
        self.request_label = QLabel()
        self.request_label.setWordWrap(True)
        self.request_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files = QListWidget()
        self.files.setObjectName("supplementFiles")
        self.files.setMaximumHeight(64)
        for label in (self.request_label,):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.files.currentRowChanged.connect(lambda _: self._refresh_remove())
        self.problems = QLabel()
        self.problems.setObjectName("supplementProblems")
        self.problems.setWordWrap(True)
        self.problems.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.note = QLineEdit()
        self.note.setObjectName("supplementNote")
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("supplementAdd")
        self.add_button.clicked.connect(self._choose)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove)
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("supplementSign")
        self.sign_button.clicked.connect(self._sign)
        self.send_button = QPushButton()
        self.send_button.setObjectName("supplementSend")
        self.send_button.clicked.connect(self.send)
        for button in (self.add_button, self.remove_button, self.sign_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.send_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        for widget in (self.title, self.request_label, self.files, self.problems, self.note):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("The agency asks for more documents (supplement request)"))
        self.note.setPlaceholderText(self.tr("A note to the officer (optional)"))
        self.add_button.setText(self.tr("Attach files…"))
        self.remove_button.setText(self.tr("Remove the file"))
        self.sign_button.setText(self.tr("Sign…"))
        self.send_button.setText(self.tr("Send the supplement"))
        self.show_tracking(self.tracking)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing -------------------------------------------------------------------
    def components(self) -> list[str]:
        if self.tracking is None or self.tracking.supplement is None:
            return []
        return list(self.tracking.supplement.component_codes)

    def component_name(self, code: str) -> str:
        procedure = self.tracking.procedure if self.tracking else None
        component = procedure.component(code) if procedure else None
        return component.name if component else code

    def show_tracking(self, tracking: Tracking | None) -> None:
        self.tracking = tracking
        request = tracking.supplement if tracking else None
        self.setVisible(request is not None)
        if tracking is None or request is None:
            return
        names = ", ".join(f"{self.component_name(c)} ({c})" for c in request.component_codes)
        lines = [self.tr("Documents asked for: %1").replace("%1", names)]
        if request.note:
            lines.append(self.tr("Officer's note: %1").replace("%1", request.note))
        if request.due_at:
            lines.append(self.tr("Answer by: %1").replace("%1", when(request.due_at)))
        self.request_label.setText("\n".join(lines))
        self.files.clear()
        for f in tracking.supplement_files:
            mark = self.tr("signed") if f.signed else self.tr("not signed")
            self.files.addItem(f"{f.component_code} — {f.original_name} ({mark})")
        if tracking.supplement_problems:
            text = "\n".join("• " + p.render() for p in tracking.supplement_problems)
            self.problems.setStyleSheet("color: #a40000;")
        else:
            text = self.tr("The answer is complete: it can be sent.")
            self.problems.setStyleSheet("color: #1d6b2a;")
        self.problems.setText(text)
        queued = request.state == "queued"
        if queued:
            self.status.setText(self.tr("The answer is in the outbox; it goes with the next sync."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        tracking = self.tracking
        open_ = tracking is not None and tracking.supplement is not None
        preparing = open_ and tracking.supplement.state == "requested"  # type: ignore[union-attr]
        unsigned = open_ and any(
            not f.signed and f.content_type == "application/pdf"
            for f in tracking.supplement_files  # type: ignore[union-attr]
        )
        self.add_button.setEnabled(preparing and not self.busy)
        self.remove_button.setEnabled(preparing and not self.busy and self.files.currentRow() >= 0)
        self.sign_button.setEnabled(preparing and unsigned and not self.busy)
        self.send_button.setEnabled(
            open_ and not self.busy and not tracking.supplement_problems  # type: ignore[union-attr]
        )

    def _refresh_remove(self) -> None:
        tracking = self.tracking
        preparing = (
            tracking is not None
            and tracking.supplement is not None
            and tracking.supplement.state == "requested"
        )
        self.remove_button.setEnabled(preparing and self.files.currentRow() >= 0 and not self.busy)

    # -- the answer ----------------------------------------------------------------
    def add_files(self, paths: list[Path], component: str | None = None) -> None:
        """Attach files to the requested component (the first one asked, by default)."""
        store = self.workspace.store
        tracking = self.tracking
        if store is None or tracking is None or tracking.supplement is None or not paths:
            return
        codes = self.components()
        component = component or (codes[0] if codes else "")
        supplement = tracking.supplement
        self._set_busy(True, self.tr("Attaching…"))
        run_task(
            lambda: attach_to_supplement(
                store, supplement.dossier_id, supplement.id, component, list(paths)
            ),
            on_done=lambda _: self._done(self.tr("Files attached.")),
            on_error=self._failed,
        )

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach files"), "", self.tr("PDF and scans (*.pdf *.png *.jpg *.jpeg)")
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    def _remove(self) -> None:
        store = self.workspace.store
        tracking = self.tracking
        row = self.files.currentRow()
        if store is None or tracking is None or tracking.supplement is None or row < 0:
            return
        file_id = tracking.supplement_files[row].id
        supplement_id = tracking.supplement.id
        self._set_busy(True, "")
        run_task(
            lambda: Supplements(store, None, EventHub()).remove_file(supplement_id, file_id),
            on_done=lambda _: self._done(self.tr("File removed.")),
            on_error=self._failed,
        )

    def _sign(self) -> None:
        if self.tracking is not None and self.tracking.supplement is not None:
            supplement = self.tracking.supplement
            self.sign_requested.emit(supplement.dossier_id, supplement.id)

    def send(self) -> None:
        sync = self.workspace.sync
        tracking = self.tracking
        if sync is None or tracking is None or tracking.supplement is None:
            return
        self._set_busy(True, self.tr("Sending the supplement…"))
        sync.send_supplement(
            tracking.supplement.id,
            self.note.text().strip(),
            on_done=lambda _: self._sent(),
            on_error=self._failed,
        )

    def _sent(self) -> None:
        self._done(self.tr("The supplement was sent to the agency."))
        self.note.clear()
        self.sent.emit()

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy = busy
        self.status.setText(text)
        self._update_buttons()

    def _done(self, text: str) -> None:
        self._set_busy(False, text)
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False, describe(error))
        self.changed.emit()

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.add_button.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
