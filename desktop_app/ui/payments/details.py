"""One dossier's fees: the fee table and beneficiary, "Thanh toán" (the portal's payment
page in the system browser, only on the portal's origin or an allowed one), the live
status until paid, failed or expired, and the e-receipt to open or save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.messages import UserError
from desktop_app.core.sync.payments import PaymentRecord, payment_link_allowed
from desktop_app.ui.dossiers.model import money, when
from desktop_app.ui.errors import describe
from desktop_app.ui.payments.data import FeesView, load_fees
from desktop_app.ui.tasks import run_task
from desktop_app.ui.tracking.loader import copy_blob, viewing_copy
from desktop_app.ui.workspace import Workspace

COLOURS = {"paid": "#1d6b2a", "pending": "#7a5300", "failed": "#a40000", "expired": "#a40000"}


class PaymentPanel(QWidget):
    link_opened = Signal(str)  # the pay_url handed to the system browser
    status_changed = Signal(str)  # the shown payment's status

    poll_ms = 2_000
    """How often a pending payment is asked about while it is shown."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view: FeesView | None = None
        self.dossier_id: str | None = None
        self.paying = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.fees = QTableWidget(0, 3)
        self.fees.setObjectName("feeTable")
        self.fees.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fees.verticalHeader().hide()
        self.fees.setMaximumHeight(140)
        self.fees.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.total.setObjectName("feeTotal")
        self.beneficiary = QLabel()
        self.beneficiary.setObjectName("beneficiary")
        self.beneficiary.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("paymentStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("payButton")
        self.pay_button.setStyleSheet(
            "QPushButton#payButton { background: #1f6fb5; color: white; padding: 6px 18px;"
            " font-weight: 600; border-radius: 3px; }"
            " QPushButton#payButton:disabled { background: #9bb7d3; }"
        )
        self.pay_button.clicked.connect(self.pay)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.open_receipt_button = QPushButton()
        self.open_receipt_button.setObjectName("openReceipt")
        self.open_receipt_button.clicked.connect(self.open_receipt)
        self.save_receipt_button = QPushButton()
        self.save_receipt_button.clicked.connect(self._save_receipt)
        for button in (
            self.pay_button,
            self.refresh_button,
            self.open_receipt_button,
            self.save_receipt_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        for widget in (self.heading, self.fees, self.total, self.beneficiary, self.status):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._poll = QTimer(self, interval=self.poll_ms)
        self._poll.timeout.connect(self.refresh)
        workspace.dossiers_changed.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.fees.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Fee"), self.tr("Amount")])
        self.pay_button.setText(self.tr("Pay"))
        self.refresh_button.setText(self.tr("Check the status"))
        self.open_receipt_button.setText(self.tr("Open the e-receipt"))
        self.save_receipt_button.setText(self.tr("Save the e-receipt as…"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading -------------------------------------------------------------------
    def show_dossier(self, dossier_id: str | None) -> None:
        if dossier_id != self.dossier_id:
            self.view = None
            self.message.clear()
        self.dossier_id = dossier_id
        self._show()
        self.reload()

    def reload(self) -> None:
        store, dossier_id = self.workspace.store, self.dossier_id
        if store is None or dossier_id is None:
            return
        run_task(lambda: load_fees(store, dossier_id), on_done=self._loaded, on_error=self._failed)

    def _loaded(self, view: FeesView) -> None:
        if view.dossier.id == self.dossier_id:
            self.view = view
            self._show()

    def _changed(self, ids: object) -> None:
        if self.dossier_id is not None and (ids is None or self.dossier_id in ids):  # type: ignore[operator]
            self.reload()

    @property
    def payment(self) -> PaymentRecord | None:
        return self.view.latest if self.view else None

    # -- showing -------------------------------------------------------------------
    def status_text(self, payment: PaymentRecord | None) -> str:
        if payment is None:
            due = self.view.dossier.fees_due_vnd if self.view else 0
            return self.tr("Not paid yet.") if due else self.tr("Nothing to pay.")
        if payment.status == "pending" and not payment.pending:
            return self.tr("The payment link has expired: press “Pay” for a new one.")
        return {
            "pending": self.tr("Waiting for the payment (link valid until %1)…").replace(
                "%1", when(payment.expires_at)
            ),
            "paid": self.tr("Paid on %1 — transaction %2 (%3)")
            .replace("%1", when(payment.paid_at))
            .replace("%2", payment.transaction_no or "—")
            .replace("%3", payment.channel or "—"),
            "failed": self.tr("The payment failed: press “Pay” to try again."),
            "expired": self.tr("The payment link has expired: press “Pay” for a new one."),
            "cancelled": self.tr("The payment was cancelled: press “Pay” to try again."),
        }.get(payment.status, payment.status)

    def _show(self) -> None:
        view, payment = self.view, self.payment
        if view is None:
            self.heading.setText(
                self.tr("Choose a dossier to see its fees.") if self.dossier_id is None else ""
            )
            self.fees.setRowCount(0)
            for label in (self.total, self.beneficiary, self.status):
                label.clear()
            self._update_buttons()
            return
        d = view.dossier
        self.heading.setText(
            f"{view.procedure_name} — {d.applicant.full_name} ({d.portal_code or '—'})"
        )
        items = payment.items if payment and payment.items else view.fees
        self.fees.setRowCount(len(items))
        for n, item in enumerate(items):
            values = (item.get("code", ""), item.get("name", ""), money(item.get("amount_vnd")))
            for column, value in enumerate(values):
                self.fees.setItem(n, column, QTableWidgetItem(str(value)))
        amount = payment.amount_vnd if payment else (d.fees_due_vnd or 0)
        self.total.setText(self.tr("Total: %1").replace("%1", money(amount)))
        beneficiary = payment.beneficiary if payment else {}
        if beneficiary:
            self.beneficiary.setText(
                self.tr("Beneficiary: %1 — account %2 at %3")
                .replace("%1", str(beneficiary.get("account_name", "")))
                .replace("%2", str(beneficiary.get("account_no", "")))
                .replace("%3", str(beneficiary.get("bank", "")))
            )
        else:
            self.beneficiary.setText(self.tr("Beneficiary: shown once the payment is created."))
        status = self._status_key(payment)
        colour = COLOURS.get(status, "#333")
        self.status.setText(f"<b style='color:{colour}'>{self.status_text(payment)}</b>")
        self.status.setProperty("status", status)
        self._update_buttons()
        if status == "pending":
            if not self._poll.isActive():
                self._poll.start(self.poll_ms)
        else:
            self._poll.stop()
        self.status_changed.emit(status)

    @staticmethod
    def _status_key(payment: PaymentRecord | None) -> str:
        if payment is None:
            return "none"
        if payment.status == "pending" and not payment.pending:
            return "expired"
        return payment.status

    def _update_buttons(self) -> None:
        view, payment = self.view, self.payment
        due = bool(view and view.dossier.fees_due_vnd)
        has_receipt = bool(payment and payment.receipt_sha256)
        self.pay_button.setEnabled(due and not self.paying and self._status_key(payment) != "paid")
        self.refresh_button.setEnabled(payment is not None)
        self.open_receipt_button.setEnabled(has_receipt)
        self.save_receipt_button.setEnabled(has_receipt)

    # -- paying --------------------------------------------------------------------
    def pay(self) -> None:
        """Create (or reuse) the payment, then open its page in the system browser."""
        sync, dossier_id = self.workspace.sync, self.dossier_id
        if sync is None or dossier_id is None:
            return
        self.paying = True
        self._update_buttons()
        self.message.setText(self.tr("Asking the portal for the payment link…"))
        sync.pay(dossier_id, on_done=self._got_payment, on_error=self._pay_failed)

    def _got_payment(self, payment: PaymentRecord) -> None:
        self.paying = False
        self.open_payment_link(payment)
        self.reload()

    def _pay_failed(self, error: BaseException) -> None:
        self.paying = False
        self._update_buttons()
        self.message.setText(describe(error))

    def open_payment_link(self, payment: PaymentRecord) -> bool:
        """Open ``pay_url`` in the browser only on the portal's origin or an allowed one."""
        connection = self.workspace.connection
        allowed = self.workspace.settings.get("portal.allowed_payment_origins")
        url = payment.pay_url or ""
        origin = connection.origin or ""
        if not url or not payment_link_allowed(url, origin, allowed):
            self.message.setText(describe(UserError("payment.link_refused", url=url or "—")))
            return False
        QDesktopServices.openUrl(QUrl(url))
        self.message.setText(
            self.tr(
                "The portal's payment page is open in your browser: choose the bank or "
                "e-wallet there. This window shows the result as soon as the portal has it."
            )
        )
        self.link_opened.emit(url)
        return True

    def refresh(self) -> None:
        sync, payment = self.workspace.sync, self.payment
        if sync is not None and payment is not None:
            sync.refresh_payment(payment.reference)

    # -- the e-receipt -------------------------------------------------------------
    def open_receipt(self) -> None:
        store, payment = self.workspace.store, self.payment
        if store is None or payment is None or payment.receipt_sha256 is None:
            return
        sha, name = payment.receipt_sha256, f"bien-lai-{payment.reference}.pdf"

        def opened(path: Path) -> None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            self.message.setText(self.tr("E-receipt opened: %1").replace("%1", str(path)))

        run_task(lambda: viewing_copy(store, sha, name), on_done=opened, on_error=self._failed)

    def _save_receipt(self) -> None:
        payment = self.payment
        if payment is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the e-receipt"), f"bien-lai-{payment.reference}.pdf"
        )
        if target:
            self.save_receipt(Path(target))

    def save_receipt(self, target: Path) -> None:
        store, payment = self.workspace.store, self.payment
        if store is None or payment is None or payment.receipt_sha256 is None:
            return
        sha = payment.receipt_sha256
        run_task(
            lambda: copy_blob(store, sha, target),
            on_done=lambda p: self.message.setText(self.tr("Saved: %1").replace("%1", str(p))),
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))
