"""The status bar's parts: the portal's state and account, and the work in progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop_app.ui.workspace import Workspace


class PortalStatus(QWidget):
    """ "Cổng: trực tuyến / ngoại tuyến / sandbox" and the signed-in account."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = workspace.connection
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.state_label = QLabel()
        self.state_label.setObjectName("portalState")
        self.account_label = QLabel()
        self.account_label.setObjectName("portalAccount")
        layout.addWidget(self.state_label)
        layout.addWidget(self.account_label)
        self.connection.state_changed.connect(lambda _: self.retranslate())
        self.connection.account_changed.connect(lambda _: self.retranslate())
        self.retranslate()

    def state_text(self) -> str:
        state = self.connection.state
        if state == "starting":
            if self.connection.sandbox:
                return self.tr("Portal: starting the training sandbox…")
            return self.tr("Portal: connecting…")
        if state == "failed":
            return self.tr("Portal: not available")
        if state == "offline":
            return self.tr("Portal: offline (work goes on, sending waits)")
        if self.connection.sandbox:
            return self.tr("Portal: training sandbox")
        return self.tr("Portal: online")

    def account_text(self) -> str:
        me: dict[str, Any] | None = self.connection.me
        name = (me or {}).get("full_name") or self.connection.username
        if not name or not self.connection.signed_in:
            return self.tr("Not signed in")
        return self.tr("Signed in: %1").replace("%1", str(name))

    def retranslate(self) -> None:
        self.state_label.setText(self.state_text())
        self.state_label.setProperty("state", self.connection.state)
        self.account_label.setText(self.account_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ActivityStatus(QWidget):
    """What runs in the background (signing, catalogue, sending) with its progress."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        workspace.activity.changed.connect(self.show_activity)
        self.show_activity("", 0, 0)

    def show_activity(self, text: str, done: int, total: int) -> None:
        self.label.setText(text)
        self.bar.setVisible(bool(text))
        self.bar.setRange(0, total if total > 0 else 0)
        if total > 0:
            self.bar.setValue(done)
