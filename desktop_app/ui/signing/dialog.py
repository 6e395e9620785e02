"""Ký số: sign every file the selected dossiers need signed, in one go, with one PIN.

The certificate is read (and checked) before anything is signed; the stamp is previewed
on the first file's page and placed by dragging; the batch runs on a worker with progress
and cancel, then each dossier's readiness is refreshed by the core.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import signing
from desktop_app.core import messages
from desktop_app.core.dossier_signing import FileToSign, SignedFile, files_to_sign, sign_files
from desktop_app.core.store import Store
from desktop_app.ui.errors import describe
from desktop_app.ui.signing.keypanel import KeySourcePanel
from desktop_app.ui.signing.stamp import StampPlacer
from desktop_app.ui.tasks import TaskControl, run_task
from desktop_app.ui.workspace import Workspace


class SignDialog(QDialog):
    finished_signing = Signal(list)  # [SignedFile]

    def __init__(
        self,
        workspace: Workspace,
        dossier_ids: list[str],
        parent: QWidget | None = None,
        *,
        find_files: Callable[[Store], list[FileToSign]] | None = None,
    ) -> None:
        """``find_files(store)`` (run on a worker) says what to sign; by default the
        unsigned files of ``dossier_ids`` that must be signed. A supplement answer passes
        its own (the files attached to answer the request)."""
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.workspace = workspace
        self.dossier_ids = list(dossier_ids)
        self._find = find_files
        self.items: list[FileToSign] = []
        self.outcomes: list[SignedFile] = []
        self.control: TaskControl | None = None
        self.running = False
        self._build()
        self.retranslate()
        self.resize(980, 700)
        self._find_files()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        left = QVBoxLayout()
        self.key_panel = KeySourcePanel(self.workspace.settings)
        self.key_panel.opened.connect(lambda *_: self._update_buttons())
        self.key_panel.closed.connect(self._update_buttons)
        left.addWidget(self.key_panel)
        self.files_box = QGroupBox()
        files_layout = QVBoxLayout(self.files_box)
        self.file_list = QListWidget()
        self.file_list.setObjectName("filesToSign")
        files_layout.addWidget(self.file_list)
        left.addWidget(self.files_box, 1)
        top.addLayout(left, 3)

        self.stamp_box = QGroupBox()
        stamp_layout = QVBoxLayout(self.stamp_box)
        self.stamp_check = QCheckBox()
        self.stamp_check.setChecked(True)
        self.stamp_check.toggled.connect(self._stamp_toggled)
        page_row = QHBoxLayout()
        self.page_label = QLabel()
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 999)
        self.page_spin.valueChanged.connect(lambda _: self._show_stamp_page())
        page_row.addWidget(self.page_label)
        page_row.addWidget(self.page_spin)
        page_row.addStretch(1)
        self.placer = StampPlacer()
        self.stamp_hint = QLabel()
        self.stamp_hint.setWordWrap(True)
        stamp_layout.addWidget(self.stamp_check)
        stamp_layout.addLayout(page_row)
        stamp_layout.addWidget(self.placer, 1)
        stamp_layout.addWidget(self.stamp_hint)
        top.addWidget(self.stamp_box, 2)
        layout.addLayout(top, 1)

        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setObjectName("signStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("signButton")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign dossiers"))
        self.files_box.setTitle(self.tr("Files to sign"))
        self.stamp_box.setTitle(self.tr("Signature stamp"))
        self.stamp_check.setText(self.tr("Show the stamp on the page"))
        self.page_label.setText(self.tr("Page:"))
        self.stamp_hint.setText(
            self.tr(
                "Drag the red box to where the stamp should go. "
                "The same place is used for every file."
            )
        )
        self.sign_button.setText(self.tr("Sign"))
        self.cancel_button.setText(self.tr("Stop"))
        self.close_button.setText(self.tr("Close"))
        self._show_files()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what to sign --------------------------------------------------------------
    def _find_files(self) -> None:
        store = self.workspace.store
        if store is None:
            return
        ids, find = self.dossier_ids, self._find
        run_task(
            lambda: find(store) if find else files_to_sign(store, ids),
            on_done=self._files_found,
            on_error=self._failed,
        )

    def _files_found(self, items: list[FileToSign]) -> None:
        self.items = items
        self._show_files()
        self._show_stamp_page()
        self._update_buttons()

    def _show_files(self) -> None:
        self.file_list.clear()
        done = {o.item.file_id: o for o in self.outcomes}
        for item in self.items:
            text = f"{item.component_name} — {item.original_name}"
            outcome = done.get(item.file_id)
            if outcome is not None and outcome.ok:
                text = "✔ " + text
            elif outcome is not None and outcome.problem is not None:
                text = "✘ " + text + ": " + outcome.problem.render(messages.current_language())
            self.file_list.addItem(text)
        if not self.running and not self.outcomes:
            if self.items:
                self.status.setText(self.tr("%n file(s) to sign.", "", len(self.items)))
            else:
                self.status.setText(
                    self.tr("Nothing to sign: every file that must be signed is signed.")
                )

    def _show_stamp_page(self) -> None:
        store = self.workspace.store
        if not self.items or store is None or not self.stamp_check.isChecked():
            self.placer.show_page(None, 1, "")
            return
        path = Path(store.blobs.path(self.items[0].blob_sha256))
        self.placer.show_page(path, self.page_spin.value(), self.tr("Signature stamp"))

    def _stamp_toggled(self, on: bool) -> None:
        self.page_spin.setEnabled(on)
        self.placer.setEnabled(on)
        self._show_stamp_page()

    def _update_buttons(self) -> None:
        ready = self.key_panel.session is not None and not self.key_panel.refused
        self.sign_button.setEnabled(ready and bool(self.items) and not self.running)
        self.cancel_button.setEnabled(self.running)
        self.close_button.setEnabled(not self.running)
        self.key_panel.setEnabled(not self.running)

    # -- signing -------------------------------------------------------------------
    def options(self) -> signing.SignOptions:
        settings = self.workspace.settings
        tsa = settings.get("signing.tsa_url")
        if settings.get("signing.ltv"):
            level = signing.PadesLevel.B_LT
        elif tsa:
            level = signing.PadesLevel.B_T
        else:
            level = signing.PadesLevel.B_B
        stamp = None
        if self.stamp_check.isChecked():
            stamp = signing.StampOptions(
                page=self.page_spin.value(),
                box=self.placer.box_points(),
                language=messages.current_language(),
            )
        roots_paths = settings.get("signing.trust_roots")
        roots = signing.load_trust_roots(roots_paths) if roots_paths else ()
        return signing.SignOptions(level=level, tsa_url=tsa, stamp=stamp, trust_roots=roots)

    def sign(self) -> None:
        session = self.key_panel.session
        store = self.workspace.store
        if session is None or store is None or not self.items or self.running:
            return
        try:
            options = self.options()
        except signing.SigningError as error:
            self._failed(error)
            return
        validate = self.workspace.validator()
        items = list(self.items)
        self.running = True
        self.outcomes = []
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.status.setText(self.tr("Signing…"))
        activity = self.workspace.activity
        self._token = activity.begin(self.tr("Signing…"), len(items))
        self._update_buttons()

        def work(control: TaskControl) -> list[SignedFile]:
            def progress(done: int, total: int, item: FileToSign) -> None:
                control.progress(done, total, item.original_name)

            return sign_files(
                store,
                items,
                session,
                options,
                validate=validate,
                progress=progress,
                cancel=lambda: control.cancelled,
            )

        self.control = run_task(
            work,
            on_done=self._signed,
            on_error=self._sign_failed,
            on_progress=self._progressed,
            with_control=True,
        )

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Signed %1 of %2: %3")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", name)
        )
        self.workspace.activity.progress(self._token, done, total)

    def cancel(self) -> None:
        if self.control is not None:
            self.control.cancel()
            self.status.setText(self.tr("Stopping after the current file…"))

    def _finish(self) -> None:
        self.running = False
        self.control = None
        self.workspace.activity.end(self._token)
        self._update_buttons()

    def _signed(self, outcomes: list[SignedFile]) -> None:
        self._finish()
        self.outcomes = outcomes
        signed = sum(1 for o in outcomes if o.ok)
        self.items = [o.item for o in outcomes]
        self._show_files()
        self.status.setText(
            self.tr("%1 of %2 file(s) signed.")
            .replace("%1", str(signed))
            .replace("%2", str(len(outcomes)))
        )
        self.items = [o.item for o in outcomes if not o.ok]
        self._update_buttons()
        self.workspace.dossiers_changed.emit(self.dossier_ids)
        self.finished_signing.emit(outcomes)

    def _sign_failed(self, error: BaseException) -> None:
        self._finish()
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error))

    # -- closing -------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.running:
            return  # stop first; the key stays open until the batch is over
        self.key_panel.close_session()
        super().done(result)
