"""The main window: menus, a status bar, and (later) the feature pages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from desktop_app import __version__


class MainWindow(QMainWindow):
    """The clerk's window. It only draws and reacts; work runs on workers."""

    language_requested = Signal(str)

    def __init__(self, language: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.resize(1100, 720)
        self._language = language
        self._build_menus()
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._store_text: tuple[str, int] = ("opening", 0)
        self.retranslate()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.vietnamese_action = QAction("Tiếng Việt", self, checkable=True)
        self.english_action = QAction("English", self, checkable=True)
        for action, code in ((self.vietnamese_action, "vi"), (self.english_action, "en")):
            group.addAction(action)
            action.setChecked(code == self._language)
            action.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            self.language_menu.addAction(action)

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._show_about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("DossierDesk – Public-service dossiers"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About DossierDesk"))
        self._show_store_text()

    def set_store_state(self, state: str, count: int = 0) -> None:
        """``opening``, ``ready`` (with the number of dossiers) or ``failed``."""
        self._store_text = (state, count)
        self._show_store_text()

    def _show_store_text(self) -> None:
        state, count = self._store_text
        if state == "opening":
            text = self.tr("Opening the local data…")
        elif state == "ready":
            text = self.tr("Local data ready: %n dossier(s)", "", count)
        else:
            text = self.tr("Local data could not be opened")
        self.store_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About DossierDesk"),
            self.tr(
                "DossierDesk %1\n\nPrepare, sign and send public-service dossiers, offline first."
            ).replace("%1", __version__),
        )
