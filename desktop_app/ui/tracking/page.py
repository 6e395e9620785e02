"""The dossier page: where a sent dossier stands, and what the clerk does next.

Receipt number and due date; the refusal reason and what to do; a supplement request
shown first, with its answer flow; the timeline from the event log (the portal's steps
with officer, unit and note); the results with their validation reports.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dossier import State, state_label
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.dossiers.model import money, portal_status_text, when
from desktop_app.ui.errors import describe
from desktop_app.ui.outbox.reasons import Reasons
from desktop_app.ui.tasks import run_task
from desktop_app.ui.tracking.loader import Tracking, load_tracking
from desktop_app.ui.tracking.results import ResultsPanel
from desktop_app.ui.tracking.supplement import SupplementPanel
from desktop_app.ui.tracking.timeline import Timeline
from desktop_app.ui.workspace import Workspace

PROBLEM_STYLE = (
    "QFrame#refusalPanel { background: #fde2e1; border: 1px solid #c00000; border-radius: 4px; }"
)


class DossierView(QWidget):
    edit_requested = Signal(str)  # a refused dossier went back to draft: open the editor
    pay_requested = Signal(str)
    export_requested = Signal(list)
    sign_supplement_requested = Signal(str, int)  # dossier id, supplement id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierView")
        self.workspace = workspace
        self.tracking: Tracking | None = None
        self._wanted: str | None = None
        self.reasons = Reasons(self)
        self._build()
        workspace.dossiers_changed.connect(self._changed)
        self.retranslate()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Scrolls when the window is small (a laptop's 768 lines): the supplement request
        # and the timeline never squeeze each other out of sight.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 4, 0)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("dossierTitle")
        self.title.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("dossierState")
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("goPay")
        self.pay_button.clicked.connect(
            lambda: self.dossier_id and self.pay_requested.emit(self.dossier_id)
        )
        self.export_button = QPushButton()
        self.export_button.clicked.connect(
            lambda: self.dossier_id and self.export_requested.emit([self.dossier_id])
        )
        head.addWidget(self.title, 1)
        head.addWidget(self.state_label)
        head.addWidget(self.pay_button)
        head.addWidget(self.export_button)
        layout.addLayout(head)
        self.facts = QLabel()
        self.facts.setObjectName("dossierFacts")
        self.facts.setWordWrap(True)
        self.facts.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)

        self.refusal = QFrame()
        self.refusal.setObjectName("refusalPanel")
        self.refusal.setStyleSheet(PROBLEM_STYLE)
        refusal_layout = QVBoxLayout(self.refusal)
        self.refusal_text = QLabel()
        self.refusal_text.setObjectName("refusalText")
        self.refusal_text.setWordWrap(True)
        self.advice_text = QLabel()
        self.advice_text.setObjectName("refusalAdvice")
        self.advice_text.setWordWrap(True)
        buttons = QHBoxLayout()
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("fixDossier")
        self.fix_button.clicked.connect(self.fix)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        refusal_layout.addWidget(self.refusal_text)
        refusal_layout.addWidget(self.advice_text)
        refusal_layout.addLayout(buttons)
        layout.addWidget(self.refusal)

        self.supplement = SupplementPanel(self.workspace)
        self.supplement.sign_requested.connect(self.sign_supplement_requested)
        self.supplement.changed.connect(self.reload)
        layout.addWidget(self.supplement)

        self.tabs = QTabWidget()
        self.tabs.setMinimumHeight(220)
        self.timeline = Timeline()
        self.results = ResultsPanel(self.workspace)
        self.tabs.addTab(self.timeline, "")
        self.tabs.addTab(self.results, "")
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.pay_button.setText(self.tr("Pay the fees…"))
        self.export_button.setText(self.tr("Export package…"))
        self.fix_button.setText(self.tr("Fix the dossier"))
        self.retry_button.setText(self.tr("Retry now"))
        self.tabs.setTabText(0, self.tr("Timeline"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading -------------------------------------------------------------------
    @property
    def dossier_id(self) -> str | None:
        return self._wanted

    def open_dossier(self, dossier_id: str) -> None:
        if dossier_id != self._wanted:
            self.tracking = None
            self._show()
        self._wanted = dossier_id
        self.reload()

    def reload(self) -> None:
        store = self.workspace.store
        dossier_id = self._wanted
        if store is None or dossier_id is None:
            return
        run_task(
            lambda: load_tracking(store, dossier_id),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, tracking: Tracking) -> None:
        if tracking.dossier.id != self._wanted:
            return
        self.tracking = tracking
        self._show()

    def _changed(self, ids: object) -> None:
        if self._wanted is not None and (ids is None or self._wanted in ids):  # type: ignore[operator]
            self.reload()

    # -- showing -------------------------------------------------------------------
    def _show(self) -> None:
        tracking = self.tracking
        self.supplement.show_tracking(tracking)
        if tracking is None:
            self.title.setText(self.tr("Loading…") if self._wanted else "")
            self.state_label.clear()
            self.facts.clear()
            self.refusal.hide()
            self.pay_button.hide()
            self.timeline.show_events([])
            self.results.show_results([])
            self.tabs.setTabText(1, self.tr("Results"))
            return
        d = tracking.dossier
        name = tracking.procedure.name if tracking.procedure else d.procedure_code
        self.title.setText(f"<b>{name}</b> — {d.applicant.full_name}")
        status = portal_status_text(d.portal_status) if d.state == State.SUBMITTED else ""
        self.state_label.setText(status or str(state_label(d.state)))
        self.facts.setText(self.facts_text(tracking))
        self._show_refusal(tracking)
        payment = tracking.payments[-1] if tracking.payments else None
        self.pay_button.setVisible(bool(d.fees_due_vnd) or payment is not None)
        self.timeline.show_events(tracking.events)
        self.results.show_results(tracking.results)
        self.tabs.setTabText(1, self.tr("Results (%1)").replace("%1", str(len(tracking.results))))

    def facts_text(self, tracking: Tracking) -> str:
        d = tracking.dossier
        lines = [
            (self.tr("Dossier code"), d.portal_code or self.tr("not given yet")),
            (self.tr("Receipt number"), d.receipt_no or "—"),
            (self.tr("Received on"), when(d.received_at) or "—"),
            (self.tr("Result due on"), when(d.due_at) or "—"),
        ]
        payment = tracking.payments[-1] if tracking.payments else None
        if d.fees_due_vnd:
            lines.append((self.tr("Fees to pay"), money(d.fees_due_vnd)))
        if payment is not None:
            lines.append((self.tr("Payment"), self.payment_text(payment.status)))
        return "   ·   ".join(f"{k}: <b>{v}</b>" for k, v in lines)

    def payment_text(self, status: str) -> str:
        return {
            "pending": self.tr("waiting for payment"),
            "paid": self.tr("paid"),
            "failed": self.tr("failed"),
            "expired": self.tr("expired"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def _show_refusal(self, tracking: Tracking) -> None:
        d = tracking.dossier
        shown = d.state in (State.REJECTED, State.SEND_FAILED) and d.last_error is not None
        self.refusal.setVisible(shown)
        if not shown:
            return
        if d.state == State.REJECTED:
            head = self.tr("The portal refused this dossier:")
        else:
            head = self.tr("The dossier could not be sent yet:")
        self.refusal_text.setText(f"<b>{head}</b> {self.reasons.what(d.last_error)}")
        self.advice_text.setText(
            self.tr("What to do: %1").replace("%1", self.reasons.advice(d.state, d.last_error))
        )
        self.fix_button.setVisible(d.state == State.REJECTED)
        self.retry_button.setVisible(d.state == State.SEND_FAILED)

    # -- actions -------------------------------------------------------------------
    def fix(self) -> None:
        """A refused dossier goes back to draft, to be corrected in the editor."""
        store = self.workspace.store
        dossier_id = self._wanted
        if store is None or dossier_id is None:
            return

        def back_to_draft() -> None:
            DossierRepository(store).transition(
                dossier_id, State.DRAFT, actor="clerk", reason="fix", expect=State.REJECTED
            )

        def done(_: object) -> None:
            self.workspace.dossiers_changed.emit([dossier_id])
            self.edit_requested.emit(dossier_id)

        run_task(back_to_draft, on_done=done, on_error=self._failed)

    def retry(self) -> None:
        sync = self.workspace.sync
        if sync is not None and self._wanted is not None:
            sync.send([self._wanted])
            self.status.setText(self.tr("Sending again…"))

    def _failed(self, error: BaseException) -> None:
        if self.isVisible():
            QMessageBox.warning(self, self.tr("Dossier"), describe(error))
        else:
            self.status.setText(describe(error))
