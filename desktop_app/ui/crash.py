"""When something unexpected breaks in the window: say so, keep a report, carry on.

An exception that nobody caught (in a slot, an event handler, a timer) reaches
``sys.excepthook``. The handler installed here writes a crash report (version, time, the
traceback with anything secret-looking masked) to ``<profile>/crash-reports/``, logs it,
and shows a dialog that says what happened and where the report is. The app keeps
running: whatever the clerk was editing is already in the database (the editor saves as
it goes), so nothing is lost even if they close the app now.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.core import messages
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.diagnostics import redact
from desktop_app.ui.errors import describe

log = logging.getLogger(__name__)

REPORTS_DIR = "crash-reports"

messages.register(
    {
        "crash.title": ("DossierDesk gặp lỗi", "DossierDesk ran into a problem"),
        "crash.text": (
            "Đã xảy ra lỗi không mong muốn khi thực hiện thao tác vừa rồi:\n\n{what}\n\n"
            "Hồ sơ đang soạn đã được lưu trên máy, không bị mất. Bạn có thể tiếp tục làm việc "
            "hoặc khởi động lại DossierDesk.\n\nBáo cáo lỗi đã được lưu tại:\n{path}\n"
            "Khi gọi hỗ trợ, hãy gửi kèm tệp này.",
            "Something unexpected went wrong in what you just did:\n\n{what}\n\n"
            "The dossier you were editing is saved on this computer; nothing is lost. You "
            "can carry on, or restart DossierDesk.\n\nA report was saved at:\n{path}\n"
            "Send this file when you call support.",
        ),
        "crash.no_report": (
            "(không lưu được báo cáo: {detail})",
            "(the report could not be saved: {detail})",
        ),
    }
)


def write_report(
    profile: Path,
    kind: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
) -> Path:
    """Save a crash report in the profile; returns its path."""
    moment = dt.datetime.now().astimezone()
    lines = [
        f"DossierDesk {__version__}",
        f"Time: {moment.isoformat(timespec='seconds')}",
        f"Python {sys.version.split()[0]} on {sys.platform}",
        f"Thread: {threading.current_thread().name}",
        "",
        *traceback.format_exception(kind, error, tb),
    ]
    text = redact("\n".join(line.rstrip("\n") for line in lines)) + "\n"
    path = Path(profile) / REPORTS_DIR / f"crash-{moment:%Y%m%d-%H%M%S-%f}.txt"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


class _Relay(QObject):
    """Carries a crash from any thread to the main thread, where dialogs live."""

    crashed = Signal(str, str)


class CrashHandler:
    """Installed once per application; :meth:`uninstall` restores the previous hook."""

    def __init__(self, profile: Path, parent: Callable[[], QWidget | None]) -> None:
        self.profile = Path(profile)
        self._parent = parent
        self._previous = sys.excepthook
        self._relay = _Relay()
        self._relay.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._handling = False
        self.last_report: Path | None = None
        self.dialog: QMessageBox | None = None

    def install(self) -> CrashHandler:
        sys.excepthook = self.handle
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) or self._handling:
            self._previous(kind, error, tb)
            return
        self._handling = True
        try:
            log.critical("unhandled exception", exc_info=(kind, error, tb))
            try:
                path = str(write_report(self.profile, kind, error, tb))
                self.last_report = Path(path)
            except Exception as exc:  # a full disk must not turn a crash into a loop
                path = messages.text("crash.no_report", detail=describe(exc))
            self._relay.crashed.emit(describe(error), path)
        finally:
            self._handling = False

    def _show(self, what: str, path: str) -> None:
        if QApplication.instance() is None:
            return
        dialog = QMessageBox(self._parent())
        dialog.setObjectName("crashDialog")
        dialog.setIcon(QMessageBox.Icon.Critical)
        dialog.setWindowTitle(messages.text("crash.title"))
        dialog.setText(messages.text("crash.text", what=what, path=path))
        dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog.setStandardButtons(QMessageBox.StandardButton.Ok)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog


def install_crash_handler(profile: Path, parent: Callable[[], QWidget | None]) -> CrashHandler:
    """Catch what nobody caught, for the life of the application."""
    return CrashHandler(profile, parent).install()
