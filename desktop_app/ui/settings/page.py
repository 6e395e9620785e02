"""Cài đặt: the portal, the province profile, signing, language and sending."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.messages import UserError
from desktop_app.core.portal.session import check_portal_url
from desktop_app.ui.errors import describe
from desktop_app.ui.shell.window import standard_icon
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace


class SettingsPage(QWidget):
    language_requested = Signal(str)
    portal_changed = Signal()  # the portal URL changed: reconnect

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.workspace = workspace
        self.settings = workspace.settings
        self._build()
        self.retranslate()
        self.load()

    def nav_title(self) -> str:
        return self.tr("Settings")

    def nav_icon(self) -> QIcon:
        return standard_icon(self, "SP_FileDialogDetailedView")

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)

        self.portal_box = QGroupBox()
        portal = QFormLayout(self.portal_box)
        self.sandbox_check = QCheckBox()
        self.sandbox_check.setObjectName("useSandbox")
        self.sandbox_check.toggled.connect(lambda on: self.portal_url.setEnabled(not on))
        self.portal_url = QLineEdit()
        self.portal_url.setObjectName("portalUrl")
        self.portal_url.setPlaceholderText("https://dichvucong.example.gov.vn")
        self.province_file = QLineEdit()
        self.province_file.setReadOnly(True)
        self.province_button = QPushButton()
        self.province_button.clicked.connect(self._choose_province)
        province_row = QHBoxLayout()
        province_row.addWidget(self.province_file, 1)
        province_row.addWidget(self.province_button)
        portal.addRow(self.sandbox_check)
        self.portal_url_label = QLabel()
        portal.addRow(self.portal_url_label, self.portal_url)
        self.province_label = QLabel()
        portal.addRow(self.province_label, province_row)
        layout.addWidget(self.portal_box)

        self.signing_box = QGroupBox()
        sign = QFormLayout(self.signing_box)
        self.tsa_url = QLineEdit()
        self.tsa_url.setPlaceholderText("http://tsa.example.vn")
        self.ltv_check = QCheckBox()
        self.modules = QPlainTextEdit()
        self.modules.setMaximumHeight(60)
        self.roots = QPlainTextEdit()
        self.roots.setMaximumHeight(60)
        self.tsa_label, self.modules_label, self.roots_label = QLabel(), QLabel(), QLabel()
        sign.addRow(self.tsa_label, self.tsa_url)
        sign.addRow(self.ltv_check)
        sign.addRow(self.modules_label, self.modules)
        sign.addRow(self.roots_label, self.roots)
        layout.addWidget(self.signing_box)

        self.general_box = QGroupBox()
        general = QFormLayout(self.general_box)
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageChoice")
        self.language_box.addItem("Tiếng Việt", "vi")
        self.language_box.addItem("English", "en")
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.auto_send = QCheckBox()
        self.parallel = QSpinBox()
        self.parallel.setRange(1, 8)
        self.language_label, self.parallel_label = QLabel(), QLabel()
        general.addRow(self.language_label, self.language_box)
        general.addRow(self.auto_send)
        general.addRow(self.parallel_label, self.parallel)
        layout.addWidget(self.general_box)

        buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.portal_box.setTitle(self.tr("Portal"))
        self.sandbox_check.setText(self.tr("Use the training sandbox built into DossierDesk"))
        self.portal_url_label.setText(self.tr("Portal address:"))
        self.province_label.setText(self.tr("Province profile:"))
        self.province_button.setText(self.tr("Load a profile…"))
        self.signing_box.setTitle(self.tr("Signing"))
        self.tsa_label.setText(self.tr("Timestamp authority:"))
        self.ltv_check.setText(self.tr("Embed revocation data (long-term validation)"))
        self.modules_label.setText(self.tr("Token modules (one per line):"))
        self.roots_label.setText(self.tr("Trusted root certificates (one file per line):"))
        self.general_box.setTitle(self.tr("General"))
        self.language_label.setText(self.tr("Language:"))
        self.auto_send.setText(self.tr("Send the outbox by itself when the portal is back"))
        self.parallel_label.setText(self.tr("Dossiers sent at the same time:"))
        self.save_button.setText(self.tr("Save"))
        self._show_province()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- in and out ----------------------------------------------------------------
    def load(self) -> None:
        s = self.settings
        url = s.get("portal.url")
        self.sandbox_check.setChecked(url is None)
        self.portal_url.setText(url or "")
        self.portal_url.setEnabled(url is not None)
        self.tsa_url.setText(s.get("signing.tsa_url") or "")
        self.ltv_check.setChecked(bool(s.get("signing.ltv")))
        self.modules.setPlainText("\n".join(s.get("signing.pkcs11_modules")))
        self.roots.setPlainText("\n".join(s.get("signing.trust_roots")))
        self.language_box.blockSignals(True)
        self.language_box.setCurrentIndex(max(self.language_box.findData(s.get("ui.language")), 0))
        self.language_box.blockSignals(False)
        self.auto_send.setChecked(bool(s.get("sync.auto_send")))
        self.parallel.setValue(int(s.get("sync.parallel_uploads")))
        self._province: dict[str, Any] | None = None
        self._show_province()

    def _show_province(self) -> None:
        profile = getattr(self, "_province", None) or self.settings.get("province.profile") or {}
        self.province_file.setText(str(profile.get("name", "")))

    def _choose_province(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Province profile"), "", self.tr("Province profile (*.json)")
        )
        if not path:
            return
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not data.get("name"):
                raise ValueError("no name")
        except (OSError, ValueError) as exc:
            self.message.setText(
                self.tr("This is not a province profile: %1").replace("%1", str(exc))
            )
            return
        self._province = data
        self._show_province()

    def _language_chosen(self, _: int) -> None:
        self.language_requested.emit(self.language_box.currentData())

    def save(self) -> None:
        """Check every value with the typed settings, then write the file on a worker."""
        s = self.settings
        old_url = s.get("portal.url")
        url = None if self.sandbox_check.isChecked() else (self.portal_url.text().strip() or None)
        values: dict[str, Any] = {
            "portal.url": url,
            "signing.tsa_url": self.tsa_url.text().strip() or None,
            "signing.ltv": self.ltv_check.isChecked(),
            "signing.pkcs11_modules": _lines(self.modules),
            "signing.trust_roots": _lines(self.roots),
            "sync.auto_send": self.auto_send.isChecked(),
            "sync.parallel_uploads": self.parallel.value(),
        }
        if self._province is not None:
            values["province.profile"] = self._province
        try:
            if url is not None:
                check_portal_url(url)  # HTTPS, except a sandbox on this computer
            for key, value in values.items():
                s.set(key, value)
        except UserError as error:
            self.message.setText(describe(error))
            return
        if url != old_url:
            s.reset("portal.username")

        def saved(_: object) -> None:
            self.message.setText(self.tr("Settings saved."))
            if url != old_url:
                self.portal_changed.emit()

        run_task(s.save, on_done=saved, on_error=lambda e: self.message.setText(describe(e)))


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]
