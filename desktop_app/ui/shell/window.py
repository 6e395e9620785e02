"""The main window: menus, the sandbox banner, the navigation, the status bar.

It only assembles: each page lives in its own feature package and is added with
:meth:`MainWindow.add_page`. A page has ``nav_title() -> str`` (translated) and may have
``nav_icon() -> QIcon``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__


class MainWindow(QMainWindow):
    """The clerk's window. It only draws and reacts; work runs on workers."""

    language_requested = Signal(str)
    sign_in_requested = Signal()
    register_requested = Signal()
    sign_out_requested = Signal()
    first_painted = Signal()

    def __init__(self, language: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        self._language = language
        self._painted = False
        self._pages: list[QWidget] = []
        self._build_menus()
        self._build_body()
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._store_text: tuple[str, int] = ("opening", 0)
        self.retranslate()

    # -- building ------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(self.sign_in_requested)
        self.register_action = QAction(self)
        self.register_action.triggered.connect(self.register_requested)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.quit_action = QAction(self)
        self.quit_action.triggered.connect(self.close)
        for action in (self.sign_in_action, self.register_action, self.sign_out_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
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

    def _build_body(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("sandboxBanner")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        body.addWidget(self.navigation)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

    def add_page(self, page: QWidget) -> None:
        self._pages.append(page)
        item = QListWidgetItem(page.nav_title())  # type: ignore[attr-defined]
        icon = getattr(page, "nav_icon", None)
        if callable(icon):
            item.setIcon(icon())
        self.navigation.addItem(item)
        self.pages.addWidget(page)
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def show_page(self, page: QWidget) -> None:
        self.navigation.setCurrentRow(self._pages.index(page))

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def add_file_actions(self, actions: list[QAction]) -> None:
        """Put a feature's actions in the File menu, above signing in and out."""
        first = self.sign_in_action
        self.file_menu.insertActions(first, actions)
        self.file_menu.insertSeparator(first)

    def add_status_widget(self, widget: QWidget, permanent: bool = False) -> None:
        if permanent:
            self.statusBar().addPermanentWidget(widget)
        else:
            self.statusBar().addWidget(widget, 1)

    # -- the sandbox banner --------------------------------------------------------
    def show_sandbox_banner(self, shown: bool) -> None:
        self.banner.setVisible(shown)

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("DossierDesk – Public-service dossiers"))
        self.file_menu.setTitle(self.tr("&File"))
        self.sign_in_action.setText(self.tr("&Sign in…"))
        self.register_action.setText(self.tr("&Register an account…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About DossierDesk"))
        self.banner.setText(
            self.tr(
                "TRAINING SANDBOX: this is the practice portal built into DossierDesk. "
                "Nothing here reaches a real agency. Choose your province's portal in "
                "Settings when you are ready."
            )
        )
        for row, page in enumerate(self._pages):
            self.navigation.item(row).setText(page.nav_title())  # type: ignore[attr-defined]
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

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About DossierDesk"),
            self.tr(
                "DossierDesk %1\n\nPrepare, sign and send public-service dossiers, offline first."
            ).replace("%1", __version__),
        )


def standard_icon(widget: QWidget, name: str) -> QIcon:
    """A themed icon by name, falling back to the style's standard pixmaps."""
    from PySide6.QtWidgets import QStyle

    pixmap = getattr(QStyle.StandardPixmap, name)
    return widget.style().standardIcon(pixmap)
