"""The checklist of a dossier's components: what each needs, what is attached, its state.
Files are added by dropping them on a component or with the file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import Component, Procedure
from desktop_app.core.checks import check_component
from desktop_app.core.dossier import Dossier, DossierFile

FILE_FILTER_EXTENSIONS = "*.pdf *.png *.jpg *.jpeg"


def component_state(component: Component, attached: list[DossierFile]) -> tuple[str, str]:
    """``(state, problem text)``: ``ready``, ``optional``, ``missing``, ``unsigned`` or
    ``problem``, from the core's own checks."""
    problems = check_component(component, attached)
    if not problems:
        return ("ready" if attached else "optional"), ""
    codes = {p.code for p in problems}
    text = problems[0].render()
    if "component_missing" in codes:
        return "missing", text
    if codes == {"signature_missing"}:
        return "unsigned", text
    return "problem", text


class ComponentRow(QFrame):
    files_added = Signal(str, list)  # component code, [Path]
    file_removed = Signal(int)
    file_selected = Signal(object)  # DossierFile

    def __init__(self, component: Component, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.component = component
        self.files: list[DossierFile] = []
        self.state = "missing"
        self.problem_text = ""
        self.editable = True
        self.setObjectName("componentRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("componentState")
        top.addWidget(self.name_label, 1)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        self.marks_label = QLabel()
        self.marks_label.setObjectName("componentMarks")
        layout.addWidget(self.marks_label)
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(64)
        self.file_list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.file_list)
        buttons = QHBoxLayout()
        self.hint_label = QLabel()
        self.hint_label.setObjectName("dropHint")
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        self.retranslate()

    # -- showing -------------------------------------------------------------------
    def set_files(self, files: list[DossierFile], editable: bool) -> None:
        self.files = files
        self.editable = editable
        self.state, self.problem_text = component_state(self.component, files)
        self.file_list.clear()
        for f in files:
            mark = " ✔" if f.signed else ""
            item = QListWidgetItem(f.original_name + mark)
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            self.file_list.addItem(item)
        self.file_list.setVisible(bool(files))
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(files))
        self.retranslate()

    def retranslate(self) -> None:
        c = self.component
        self.name_label.setText(f"<b>{c.name}</b>")
        marks = [self.tr("Required") if c.required else self.tr("Optional")]
        if c.signature_required:
            marks.append(self.tr("Must be digitally signed"))
        if c.max_files > 1:
            marks.append(self.tr("up to %n file(s)", "", c.max_files))
        self.marks_label.setText(" · ".join(marks))
        texts = {
            "ready": self.tr("Ready ✔"),
            "optional": self.tr("Not needed"),
            "missing": self.tr("Missing"),
            "unsigned": self.tr("Not signed yet"),
            "problem": self.tr("Needs attention"),
        }
        self.state_label.setText(texts[self.state])
        self.state_label.setProperty("state", self.state)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)
        self.state_label.setToolTip(self.problem_text)
        self.hint_label.setText(self.tr("Drop PDF files or scans (PNG, JPEG) here"))
        self.add_button.setText(self.tr("Add files…"))
        self.remove_button.setText(self.tr("Remove"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- files in and out ----------------------------------------------------------
    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add files to “%1”").replace("%1", self.component.name),
            str(Path.home()),
            self.tr("PDF files and scans (%1)").replace("%1", FILE_FILTER_EXTENSIONS),
        )
        if paths:
            self.files_added.emit(self.component.code, [Path(p) for p in paths])

    def _remove(self) -> None:
        row = self.file_list.currentRow()
        if row < 0 and self.files:
            row = 0
        if 0 <= row < len(self.files):
            self.file_removed.emit(self.files[row].id)

    def _selected(self, row: int) -> None:
        if 0 <= row < len(self.files):
            self.file_selected.emit(self.files[row])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if self.editable and urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_added.emit(self.component.code, paths)


class ComponentChecklist(QWidget):
    """One :class:`ComponentRow` per component of the procedure."""

    files_added = Signal(str, list)
    file_removed = Signal(int)
    file_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, ComponentRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._procedure_key: tuple[str, int] | None = None

    def show_dossier(self, dossier: Dossier, procedure: Procedure | None) -> None:
        key = (procedure.code, procedure.version) if procedure else None
        if key != self._procedure_key:
            self._rebuild(procedure)
            self._procedure_key = key
        for code, row in self.rows.items():
            row.set_files(dossier.active_files(code), dossier.editable)

    def _rebuild(self, procedure: Procedure | None) -> None:
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        while self._layout.count():
            self._layout.takeAt(0)
        for component in procedure.components if procedure else ():
            row = ComponentRow(component)
            row.files_added.connect(self.files_added)
            row.file_removed.connect(self.file_removed)
            row.file_selected.connect(self.file_selected)
            self.rows[component.code] = row
            self._layout.addWidget(row)
        self._layout.addStretch(1)

    def states(self) -> dict[str, str]:
        """``{component code: state}`` (what the checklist shows)."""
        return {code: row.state for code, row in self.rows.items()}
