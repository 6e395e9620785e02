"""Choose the certificate: a PKCS#12 file or a token behind a PKCS#11 module; type the
password or PIN once; see the certificate and any problem before signing."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

import signing
from desktop_app.core import messages
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import run_task

VIETNAM_DATE = "%d/%m/%Y"


class KeySourcePanel(QGroupBox):
    """Emits ``opened(session, problems)`` once the key is unlocked (one PIN per batch)."""

    opened = Signal(object, list)
    closed = Signal()

    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session: signing.KeySession | None = None
        self.problems: list[signing.Problem] = []
        self._build()
        self.retranslate()
        self._kind_changed()
        self._fill_modules()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        kinds = QHBoxLayout()
        self.pkcs12_radio = QRadioButton()
        self.pkcs12_radio.setChecked(True)
        self.token_radio = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.pkcs12_radio)
        group.addButton(self.token_radio)
        group.buttonToggled.connect(lambda *_: self._kind_changed())
        kinds.addWidget(self.pkcs12_radio)
        kinds.addWidget(self.token_radio)
        kinds.addStretch(1)
        layout.addLayout(kinds)

        grid = QGridLayout()
        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("pkcs12Path")
        self.file_button = QPushButton()
        self.file_button.clicked.connect(self._choose_file)
        self.module_label = QLabel()
        self.module_box = QComboBox()
        self.module_box.setObjectName("pkcs11Module")
        self.module_box.currentIndexChanged.connect(lambda _: self._list_tokens())
        self.module_button = QPushButton()
        self.module_button.clicked.connect(self._choose_module)
        self.token_label = QLabel()
        self.token_box = QComboBox()
        self.secret_label = QLabel()
        self.secret_edit = QLineEdit()
        self.secret_edit.setObjectName("secret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.returnPressed.connect(self.open_key)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openKey")
        self.open_button.clicked.connect(self.open_key)
        grid.addWidget(self.file_label, 0, 0)
        grid.addWidget(self.file_edit, 0, 1)
        grid.addWidget(self.file_button, 0, 2)
        grid.addWidget(self.module_label, 1, 0)
        grid.addWidget(self.module_box, 1, 1)
        grid.addWidget(self.module_button, 1, 2)
        grid.addWidget(self.token_label, 2, 0)
        grid.addWidget(self.token_box, 2, 1, 1, 2)
        grid.addWidget(self.secret_label, 3, 0)
        grid.addWidget(self.secret_edit, 3, 1)
        grid.addWidget(self.open_button, 3, 2)
        layout.addLayout(grid)
        self.details = QLabel()
        self.details.setObjectName("certificateDetails")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Certificate"))
        self.pkcs12_radio.setText(self.tr("Certificate file (PKCS#12: .p12, .pfx)"))
        self.token_radio.setText(self.tr("USB token (PKCS#11)"))
        self.file_label.setText(self.tr("File:"))
        self.file_button.setText(self.tr("Choose…"))
        self.module_label.setText(self.tr("Token module:"))
        self.module_button.setText(self.tr("Choose a module…"))
        self.token_label.setText(self.tr("Token:"))
        self.open_button.setText(self.tr("Read the certificate"))
        self._secret_caption()
        if self.session is None and not self.details.text():
            self.details.setText(
                self.tr("The password or PIN is asked once for the whole batch and never kept.")
            )

    def _secret_caption(self) -> None:
        if self.pkcs12_radio.isChecked():
            self.secret_label.setText(self.tr("Password:"))
        else:
            self.secret_label.setText(self.tr("PIN:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- choosing the source -------------------------------------------------------
    def _kind_changed(self) -> None:
        file_kind = self.pkcs12_radio.isChecked()
        for widget in (self.file_label, self.file_edit, self.file_button):
            widget.setVisible(file_kind)
        for widget in (
            self.module_label,
            self.module_box,
            self.module_button,
            self.token_label,
            self.token_box,
        ):
            widget.setVisible(not file_kind)
        self._secret_caption()

    def use_pkcs12(self, path: Path, password: str = "") -> None:
        self.pkcs12_radio.setChecked(True)
        self.file_edit.setText(str(path))
        self.secret_edit.setText(password)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the certificate file"), "", self.tr("PKCS#12 (*.p12 *.pfx)")
        )
        if path:
            self.file_edit.setText(path)

    def _fill_modules(self) -> None:
        def find() -> list[tuple[str, str]]:
            found = [(f"{c.provider}: {c.path}", str(c.path)) for c in signing.candidate_modules()]
            for path in self.settings.get("signing.pkcs11_modules"):
                found.append((path, path))
            return found

        run_task(find, on_done=self._modules_found, on_error=lambda e: None)

    def _modules_found(self, modules: list[tuple[str, str]]) -> None:
        self.module_box.blockSignals(True)
        self.module_box.clear()
        for text, path in modules:
            if self.module_box.findData(path) < 0:
                self.module_box.addItem(text, path)
        self.module_box.blockSignals(False)
        self._list_tokens()

    def _choose_module(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the token's PKCS#11 module"),
            "",
            self.tr("PKCS#11 modules (*.dll *.so *.dylib)"),
        )
        if path:
            self.module_box.addItem(path, path)
            self.module_box.setCurrentIndex(self.module_box.count() - 1)

    def _list_tokens(self) -> None:
        module = self.module_box.currentData()
        self.token_box.clear()
        if not module:
            return

        def tokens() -> list[signing.TokenInfo]:
            return signing.list_tokens(module)

        run_task(tokens, on_done=self._tokens_found, on_error=self._show_error)

    def _tokens_found(self, tokens: list[signing.TokenInfo]) -> None:
        self.token_box.clear()
        for token in tokens:
            self.token_box.addItem(f"{token.label} ({token.manufacturer})", token.label)

    def certificate_html(self, session: signing.KeySession, problems: list[signing.Problem]) -> str:
        """The certificate's facts and problems (``tr`` translates the labels)."""
        from signing.certcheck import name_of, organisation_of

        cert = session.certificate
        key = cert.public_key()
        if isinstance(key, rsa.RSAPublicKey):
            key_text = f"RSA {key.key_size} bit"
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key_text = f"ECDSA {key.curve.key_size} bit"
        else:
            key_text = type(key).__name__
        issuer = cert.issuer.rfc4514_string()
        rows = [
            (self.tr("Signer"), name_of(cert)),
            (self.tr("Organisation"), organisation_of(cert) or "—"),
            (self.tr("Issued by"), issuer),
            (self.tr("Serial number"), format(cert.serial_number, "X")),
            (
                self.tr("Valid"),
                self.tr("from %1 to %2")
                .replace("%1", cert.not_valid_before_utc.strftime(VIETNAM_DATE))
                .replace("%2", cert.not_valid_after_utc.strftime(VIETNAM_DATE)),
            ),
            (self.tr("Key"), key_text),
            (self.tr("Where"), session.description or "—"),
        ]
        html = ["<table cellspacing='0' cellpadding='2'>"]
        for label, value in rows:
            html.append(f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>")
        html.append("</table>")
        language = messages.current_language()
        for problem in problems:
            colour = "#a40000" if problem.severity == signing.Severity.ERROR else "#8a5a00"
            html.append(f"<p style='color:{colour}'>⚠ {escape(problem.render(language))}</p>")
        if not problems:
            words = escape(self.tr("No problem found."))
            html.append(f"<p style='color:#1d6b2a'>✔ {words}</p>")
        return "".join(html)

    # -- opening -------------------------------------------------------------------
    def open_key(self) -> None:
        """Unlock the key on a worker with the typed secret (used once, then cleared)."""
        self.close_session()
        secret = self.secret_edit.text()
        self.secret_edit.clear()
        roots_paths = list(self.settings.get("signing.trust_roots"))
        if self.pkcs12_radio.isChecked():
            path = Path(self.file_edit.text().strip())
            source: Any = signing.Pkcs12KeySource(path, secret)
        else:
            module = self.module_box.currentData()
            if not module:
                self.details.setText(self.tr("Choose the token's module first."))
                return
            source = signing.Pkcs11KeySource(
                module, pin=secret, token_label=self.token_box.currentData()
            )
        self.open_button.setEnabled(False)
        self.details.setText(self.tr("Reading the certificate…"))

        def unlock() -> tuple[signing.KeySession, list[signing.Problem]]:
            roots = signing.load_trust_roots(roots_paths) if roots_paths else ()
            session = source.open()
            problems = signing.check_certificate(
                session.certificate, chain=session.chain, trust_roots=roots
            )
            return session, problems

        run_task(unlock, on_done=self._unlocked, on_error=self._show_error)

    def _unlocked(self, result: tuple[signing.KeySession, list[signing.Problem]]) -> None:
        self.open_button.setEnabled(True)
        self.session, self.problems = result
        self.details.setText(self.certificate_html(self.session, self.problems))
        self.opened.emit(self.session, self.problems)

    def _show_error(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.details.setText(f"<p style='color:#a40000'>⚠ {escape(describe(error))}</p>")

    @property
    def refused(self) -> bool:
        return any(p.severity == signing.Severity.ERROR for p in self.problems)

    def close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
            self.problems = []
            self.closed.emit()
