"""Sign in, and register an account ("Đăng ký").

On the sandbox, registering completes in the app: the account is created, the
confirmation mail is read from the sandbox's mailbox (``GET /sandbox/mail``), the
account is confirmed and signed in. On a real portal the portal's own registration page
opens in the browser (the confirmation mail goes to the clerk's real mailbox).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.portal.auth import MemoryTokenStore
from desktop_app.core.portal.client import PortalClient
from desktop_app.ui.errors import describe
from desktop_app.ui.portal.connection import PortalConnection
from desktop_app.ui.tasks import run_task


class SignInDialog(QDialog):
    def __init__(self, connection: PortalConnection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.connection = connection
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.username = QLineEdit(connection.username or "")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label, self.password_label = QLabel(), QLabel()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to the portal"))
        origin = self.connection.origin or ""
        self.intro.setText(
            self.tr("Sign in with your account on %1. Your session is kept in the system's "
                    "credential store; the password is never saved.").replace("%1", origin)
        )  # fmt: skip
        self.username_label.setText(self.tr("Username:"))
        self.password_label.setText(self.tr("Password:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sign_in(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setText(self.tr("Type your username and password."))
            return
        self.password.clear()
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Signing in…"))

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(describe(error))

        self.connection.sign_in(
            username, password, on_done=lambda _: self.accept(), on_error=failed
        )


class RegisterDialog(QDialog):
    """Registration on the sandbox, completed in the app (mail read from its mailbox)."""

    FIELDS = ("username", "password", "email", "full_name", "phone")

    def __init__(self, connection: PortalConnection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.connection = connection
        self.registered: str | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"register_{name}")
            if name == "password":
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.edits[name] = edit
            self.labels[name] = QLabel()
            form.addRow(self.labels[name], edit)
        self.kind = QComboBox()
        for kind in ("agency", "citizen", "business"):
            self.kind.addItem(kind, kind)
        self.kind_label = QLabel()
        form.addRow(self.kind_label, self.kind)
        self.message = QLabel()
        self.message.setObjectName("registerMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register an account"))
        self.intro.setText(
            self.tr("A training account on the sandbox portal. The confirmation mail is "
                    "read and confirmed for you, then you are signed in.")
        )  # fmt: skip
        texts = {
            "username": self.tr("Username:"),
            "password": self.tr("Password (8 characters or more):"),
            "email": self.tr("E-mail:"),
            "full_name": self.tr("Full name:"),
            "phone": self.tr("Phone:"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.kind_label.setText(self.tr("Account for:"))
        for row, text in enumerate(
            (self.tr("An agency"), self.tr("A citizen"), self.tr("A business"))
        ):
            self.kind.setItemText(row, text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Register"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def register(self) -> None:
        client = self.connection.client
        if client is None:
            self.message.setText(self.tr("The sandbox portal has not started yet."))
            return
        account = {name: edit.text().strip() for name, edit in self.edits.items()}
        account["password"] = self.edits["password"].text()
        account["kind"] = self.kind.currentData()
        origin = client.origin
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Registering…"))

        def register() -> None:
            fresh = PortalClient(origin, tokens=MemoryTokenStore())
            fresh.register(**account)
            mails = fresh.request(
                "GET", "/sandbox/mail", auth=False, params={"to": account["email"]}
            ).json()["items"]
            tokens = [m["confirm_token"] for m in mails if m.get("confirm_token")]
            if not tokens:
                raise RuntimeError("no confirmation mail")
            fresh.confirm(tokens[-1])

        def registered(_: Any) -> None:
            self.registered = account["username"]
            self.message.setText(self.tr("Account confirmed. Signing in…"))
            self.connection.sign_in(
                account["username"],
                account["password"],
                on_done=lambda _: self.accept(),
                on_error=failed,
            )

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(describe(error))

        run_task(register, on_done=registered, on_error=failed)


def open_registration_page(connection: PortalConnection) -> bool:
    """A real portal: open its registration page in the browser."""
    url = connection.registration_url()
    return bool(url) and QDesktopServices.openUrl(QUrl(url))
