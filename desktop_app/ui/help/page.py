"""Trợ giúp: who to call (from the province profile) and the diagnostics to give them."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.core import messages
from desktop_app.diagnostics import diagnostics_text as core_diagnostics
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace

LOG_LINES = 200


def diagnostics_text(workspace: Workspace) -> str:
    """Version, platform, settings (no secret is ever in them; redacted anyway), the last
    log lines (:mod:`desktop_app.diagnostics`), plus what the window knows: Qt, language,
    the portal and the account. Safe to paste into a support ticket."""
    connection = workspace.connection
    kind = "sandbox" if connection.sandbox else "real"
    window_facts = [
        f"Qt {qVersion()}",
        f"Language: {workspace.language}",
        f"Portal: {connection.origin or '-'} ({kind}, {connection.state})",
        f"Account: {connection.username or '-'}",
    ]
    settings = dict(workspace.settings.as_dict())
    profile = settings.get("province.profile")
    if isinstance(profile, dict):
        settings["province.profile"] = profile.get("id") or profile.get("name")
    report = core_diagnostics(Path(workspace.context.home), settings, LOG_LINES)
    head, _, rest = report.partition("\n\n")
    return head + "\n" + "\n".join(window_facts) + "\n\n" + rest


class HelpPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpPage")
        self.workspace = workspace
        self.last_diagnostics = ""
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.contacts = QTextBrowser()
        self.contacts.setObjectName("supportContacts")
        self.contacts.setOpenExternalLinks(False)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyDiagnostics")
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.copied = QLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.contacts, 1)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.copied)
        self.retranslate()

    def nav_title(self) -> str:
        return self.tr("Help")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_DialogHelpButton")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Help and support"))
        self.copy_button.setText(self.tr("Copy diagnostics"))
        self.contacts.setHtml(self._contacts_html())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _contacts_html(self) -> str:
        profile = self.workspace.settings.get("province.profile") or {}
        english = messages.current_language() == "en"
        name = profile.get("name_en" if english else "name") or profile.get("name", "")
        parts = [f"<h2>{escape(name)}</h2>"]
        note = profile.get("note")
        if note and english:
            parts.append(f"<p><i>{escape(note)}</i></p>")
        parts.append("<h3>" + escape(self.tr("Who to call")) + "</h3><ul>")
        for contact in profile.get("support_contacts", []):
            who = contact.get("name_en" if english else "name") or contact.get("name", "")
            hours = contact.get("hours_en" if english else "hours") or contact.get("hours", "")
            phone = contact.get("phone", "")
            line = f"<li><b>{escape(who)}</b><br>"
            line += escape(self.tr("Phone: %1").replace("%1", phone))
            if hours:
                line += "<br>" + escape(self.tr("Hours: %1").replace("%1", hours))
            parts.append(line + "</li>")
        parts.append("</ul><p>")
        parts.append(
            escape(
                self.tr(
                    "When you call, press “Copy diagnostics” and paste the text into your "
                    "message: it holds no password, PIN or session."
                )
            )
        )
        parts.append("</p>")
        return "".join(parts)

    def copy_diagnostics(self) -> None:
        workspace = self.workspace

        def done(text: str) -> None:
            self.last_diagnostics = text
            QGuiApplication.clipboard().setText(text)
            self.copied.setText(self.tr("Diagnostics copied to the clipboard."))

        run_task(lambda: diagnostics_text(workspace), on_done=done)
