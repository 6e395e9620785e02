"""The dossier editor: submitter, delivery, components with their files, what is missing.

Every change is saved by itself (autosave, on a worker) a moment after the last keystroke;
the core's checks then say what is still missing, inline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import CatalogCache, Procedure
from desktop_app.core.checks import Problem, check_dossier
from desktop_app.core.dossier import Dossier, state_label
from desktop_app.core.dossier_signing import attach_scans
from desktop_app.core.filetypes import sniff_file
from desktop_app.core.queueing import refresh_readiness
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.dossier.components import ComponentChecklist
from desktop_app.ui.dossier.form import SubmitterForm
from desktop_app.ui.dossier.preview import FilePreview
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import TaskControl, run_task
from desktop_app.ui.workspace import Workspace

AUTOSAVE_MS = 400
SCANS = {"image/png", "image/jpeg"}


@dataclass
class Loaded:
    dossier: Dossier
    procedure: Procedure | None
    problems: list[Problem]


class DossierEditor(QWidget):
    sign_requested = Signal(list)  # dossier ids
    duplicate_requested = Signal(str)
    saved = Signal(str)  # dossier id, after each save or file change
    busy_changed = Signal(bool)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.loaded: Loaded | None = None
        self.pending = 0  # saves and file jobs still running
        self._opening: str | None = None
        self._dirty = False
        self._build()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self.form.edited.connect(self._edited)
        self.checklist.files_added.connect(self.add_files)
        self.checklist.file_removed.connect(self.remove_file)
        self.checklist.file_selected.connect(self._preview)
        workspace.dossiers_changed.connect(self._changed_elsewhere)
        self.retranslate()
        self.show_nothing()

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("dossierTitle")
        self.title.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("dossierState")
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("signDossier")
        self.sign_button.clicked.connect(self._sign)
        self.duplicate_button = QPushButton()
        self.duplicate_button.clicked.connect(self._duplicate)
        head.addWidget(self.title, 1)
        head.addWidget(self.state_label)
        head.addWidget(self.save_label)
        head.addWidget(self.duplicate_button)
        head.addWidget(self.sign_button)
        layout.addLayout(head)

        self.form = SubmitterForm()
        self.checklist = ComponentChecklist()
        self.components_title = QLabel()
        self.components_title.setObjectName("sectionTitle")
        self.problems_title = QLabel()
        self.problems_title.setObjectName("sectionTitle")
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.setMaximumHeight(130)
        self.problem_list.setWordWrap(True)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.components_title)
        column.addWidget(self.checklist)
        column.addWidget(self.form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.problems_title)
        left_layout.addWidget(self.problem_list)

        self.preview = FilePreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 420])
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        self.sign_button.setText(self.tr("Sign…"))
        self.duplicate_button.setText(self.tr("Duplicate as template"))
        self.duplicate_button.setToolTip(
            self.tr("A new dossier of the same procedure for the next applicant")
        )
        self.components_title.setText(self.tr("Components"))
        self.problems_title.setText(self.tr("What is still missing"))
        self._show_head()
        self._show_problems()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing -------------------------------------------------------------------
    @property
    def dossier_id(self) -> str | None:
        return self.loaded.dossier.id if self.loaded else None

    def show_nothing(self) -> None:
        self.loaded = None
        self._opening = None
        self.setEnabled(False)
        self.preview.show_file(None)
        self._show_head()
        self._show_problems()

    def open_dossier(self, dossier_id: str) -> None:
        """Load and show a dossier (saving the one being edited first)."""
        if dossier_id in (self.dossier_id, self._opening):
            return  # already shown (or on its way): never refill a form being typed in
        if self._dirty:
            self.save_now()
        self._opening = dossier_id
        self._load(dossier_id, fill=True)

    def _load(self, dossier_id: str, *, fill: bool) -> None:
        store = self.workspace.store
        if store is None:
            return

        def load() -> Loaded:
            dossier = DossierRepository(store).get(dossier_id)
            procedure = CatalogCache(store).get(dossier.procedure_code)
            return Loaded(dossier, procedure, check_dossier(dossier, procedure))

        run_task(load, on_done=lambda loaded: self._show(loaded, fill), on_error=self._failed)

    def _changed_elsewhere(self, ids: object) -> None:
        """A save, a file job or a signing batch changed dossiers: show the news."""
        if self.dossier_id is not None and (ids is None or self.dossier_id in ids):  # type: ignore[operator]
            self._load(self.dossier_id, fill=False)

    def _show(self, loaded: Loaded, fill: bool) -> None:
        if fill and loaded.dossier.id != self._opening:
            return  # the clerk opened another dossier meanwhile
        if not fill and self.dossier_id != loaded.dossier.id:
            return  # another dossier was opened meanwhile
        if fill:
            self._opening = None
        self.loaded = loaded
        self.setEnabled(True)
        if fill:
            options = loaded.procedure.delivery if loaded.procedure else {}
            self.form.fill(loaded.dossier, options)
            self.preview.show_file(None)
        self.checklist.show_dossier(loaded.dossier, loaded.procedure)
        self.sign_button.setEnabled(loaded.dossier.editable)
        self._show_head()
        self._show_problems()

    def _show_head(self) -> None:
        if self.loaded is None:
            self.title.setText(self.tr("No dossier open. Create one from the catalogue."))
            self.state_label.clear()
            self.save_label.clear()
            return
        dossier, procedure = self.loaded.dossier, self.loaded.procedure
        name = procedure.name if procedure else dossier.procedure_code
        self.title.setText(f"<b>{name}</b> ({dossier.procedure_code})")
        self.state_label.setText(str(state_label(dossier.state)))
        self.state_label.setProperty("state", str(dossier.state))
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)

    def _show_problems(self) -> None:
        self.problem_list.clear()
        if self.loaded is None:
            self.form.mark_invalid(set())
            return
        problems = self.loaded.problems
        for problem in problems:
            self.problem_list.addItem("• " + problem.render())
        if not problems:
            self.problem_list.addItem(self.tr("Nothing is missing: the dossier is ready."))
        self.problem_list.setProperty("ready", not problems)
        self.problem_list.style().unpolish(self.problem_list)
        self.problem_list.style().polish(self.problem_list)
        self.form.mark_invalid({p.field for p in problems if p.field})

    # -- saving --------------------------------------------------------------------
    def _edited(self) -> None:
        self._dirty = True
        self.save_label.setText(self.tr("Editing…"))
        self._autosave.start()

    def save_now(self) -> None:
        """Save the form on a worker, then refresh readiness and the checks."""
        self._autosave.stop()
        if self.loaded is None or not self._dirty or not self.loaded.dossier.editable:
            return
        self._dirty = False
        dossier_id = self.loaded.dossier.id
        applicant, delivery = self.form.applicant(), self.form.delivery()
        summary = self.form.summary.text().strip()
        store = self.workspace.store
        assert store is not None

        def save() -> None:
            DossierRepository(store).update(
                dossier_id, applicant=applicant, summary=summary, delivery=delivery
            )
            refresh_readiness(store, dossier_id)

        self._run(save, dossier_id, self.tr("Saved"))

    def _run(self, work, dossier_id: str, done_text: str, control: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.pending += 1
        self.busy_changed.emit(True)

        def finish() -> None:
            self.pending -= 1
            self.busy_changed.emit(self.pending > 0)

        def done(_: object) -> None:
            finish()
            self.save_label.setText(done_text)
            self.saved.emit(dossier_id)
            self.workspace.dossiers_changed.emit([dossier_id])

        def failed(error: BaseException) -> None:
            finish()
            self.save_label.setText(self.tr("Not saved"))
            self._failed(error)
            if self.dossier_id == dossier_id:
                self._load(dossier_id, fill=False)

        run_task(work, on_done=done, on_error=failed)

    # -- files ---------------------------------------------------------------------
    def add_files(self, component_code: str, paths: list[Path]) -> None:
        """Attach files to a component on a worker: PDFs as they are, scans (PNG/JPEG)
        together as one PDF. A one-file component gets its file replaced."""
        if self.loaded is None or not self.loaded.dossier.editable:
            return
        if self._dirty:
            self.save_now()
        dossier = self.loaded.dossier
        procedure = self.loaded.procedure
        component = procedure.component(component_code) if procedure else None
        replace = [f.id for f in dossier.active_files(component_code)]
        if component is None or component.max_files > 1:
            replace = []
        store = self.workspace.store
        assert store is not None
        activity = self.workspace.activity
        token = activity.begin(self.tr("Adding files…"), len(paths))

        def attach(control: TaskControl) -> None:
            repo = DossierRepository(store)
            kinds = {path: sniff_file(path) for path in paths}
            scans = [p for p in paths if kinds[p] in SCANS]
            others = [p for p in paths if kinds[p] not in SCANS]
            for file_id in replace:
                repo.remove_file(dossier.id, file_id)
            for done, path in enumerate(others, start=1):
                repo.attach(dossier.id, component_code, path, cancelled=lambda: control.cancelled)
                control.progress(done, len(paths))
            if scans:
                attach_scans(store, dossier.id, component_code, scans)
                control.progress(len(paths), len(paths))
            refresh_readiness(store, dossier.id)

        def progress(done: int, total: int, _: str) -> None:
            activity.progress(token, done, total)

        self.pending += 1
        self.busy_changed.emit(True)

        def finish(error: BaseException | None) -> None:
            activity.end(token)
            self.pending -= 1
            self.busy_changed.emit(self.pending > 0)
            if error is not None:
                self._failed(error)
            else:
                self.save_label.setText(self.tr("Files added"))
            self.workspace.dossiers_changed.emit([dossier.id])
            self.saved.emit(dossier.id)

        run_task(
            attach,
            on_done=lambda _: finish(None),
            on_error=finish,
            on_progress=progress,
            with_control=True,
        )

    def remove_file(self, file_id: int) -> None:
        if self.loaded is None:
            return
        dossier_id = self.loaded.dossier.id
        store = self.workspace.store
        assert store is not None

        def remove() -> None:
            DossierRepository(store).remove_file(dossier_id, file_id)
            refresh_readiness(store, dossier_id)

        self.preview.show_file(None)
        self._run(remove, dossier_id, self.tr("File removed"))

    def _preview(self, dossier_file: object) -> None:
        store = self.workspace.store
        if store is None or dossier_file is None:
            return
        f = dossier_file
        path = store.blobs.path(f.blob_sha256)  # type: ignore[attr-defined]
        self.preview.show_file(Path(path), f.original_name)  # type: ignore[attr-defined]

    # -- actions -------------------------------------------------------------------
    def _sign(self) -> None:
        if self.loaded is not None:
            if self._dirty:
                self.save_now()
            self.sign_requested.emit([self.loaded.dossier.id])

    def _duplicate(self) -> None:
        if self.loaded is not None:
            self.duplicate_requested.emit(self.loaded.dossier.id)

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Dossier"), describe(error))
