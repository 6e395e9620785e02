"""Notifications: a status changed, a supplement is requested, a payment is due, a result
arrived. Through the system tray when there is one (clicking the message opens the
dossier); where there is none (offscreen, some Linux desktops) in the status bar, and
always in ``history`` with the dossier they are about.

A follow pass over many dossiers would flood the tray: after ``BURST`` messages within a
pass, one summary says how many more changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from desktop_app.core.dossier import PORTAL_STATUS_LABELS
from desktop_app.core.messages import current_language
from desktop_app.core.sync import SyncEvent
from desktop_app.ui.dossiers.model import money

BURST = 3
BURST_WINDOW_MS = 3_000
SHOWN_MS = 10_000


@dataclass(frozen=True)
class Notice:
    kind: str  # status, supplement, payment_due, result, paid
    dossier_id: str
    title: str
    text: str


class Notifier(QObject):
    open_requested = Signal(str)  # dossier id: the clerk clicked a notification
    shown = Signal(object)  # Notice (also when no tray exists)

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[Notice] = []
        self.tray: QSystemTrayIcon | None = None
        self.last: Notice | None = None
        self._closed = False
        self._in_burst = 0
        self._held: list[Notice] = []
        self._burst = QTimer(self, singleShot=True, interval=BURST_WINDOW_MS)
        self._burst.timeout.connect(self._end_burst)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("DossierDesk")
            self.tray.messageClicked.connect(self.activate_last)
            self.tray.activated.connect(lambda _: self.activate_last())
            self.tray.show()

    @property
    def has_tray(self) -> bool:
        return self.tray is not None and self.tray.isVisible()

    # -- from sync events ----------------------------------------------------------
    def on_event(self, event: SyncEvent) -> None:
        notice = self.notice_for(event)
        if notice is not None:
            self.notify(notice)

    def notice_for(self, event: SyncEvent) -> Notice | None:
        dossier_id = event.dossier_id
        if dossier_id is None:
            return None
        data = event.data
        if event.kind == "portal_status":
            status = data.get("to")
            if status in (5, 6):
                return None  # told by their own, clearer notices
            label = _status_label(status) or str(data.get("label") or status)
            return Notice(
                "status", dossier_id, self.tr("Dossier status changed"),
                self.tr("Now: %1").replace("%1", label),
            )  # fmt: skip
        if event.kind == "supplement_requested":
            note = str(data.get("note") or "")
            return Notice(
                "supplement", dossier_id, self.tr("The agency asks for more documents"),
                note or self.tr("Open the dossier to answer the supplement request."),
            )  # fmt: skip
        if event.kind == "payment_due":
            return Notice(
                "payment_due", dossier_id, self.tr("Fees to pay"),
                self.tr("%1 to pay for a dossier.").replace(
                    "%1", money(int(data.get("amount_vnd") or 0))
                ),
            )  # fmt: skip
        if event.kind == "payment" and data.get("status") == "paid":
            return Notice(
                "paid", dossier_id, self.tr("Payment received"),
                self.tr("The portal confirmed the payment."),
            )  # fmt: skip
        if event.kind == "result":
            return Notice(
                "result", dossier_id, self.tr("A result has arrived"),
                str(data.get("name") or ""),
            )  # fmt: skip
        return None

    # -- showing -------------------------------------------------------------------
    def notify(self, notice: Notice) -> None:
        if self._closed:
            return
        self.history.append(notice)
        if self._in_burst >= BURST:
            self._held.append(notice)
            self._burst.start()
            return
        self._in_burst += 1
        self._burst.start()
        self._show(notice)

    def _end_burst(self) -> None:
        held, self._held = self._held, []
        self._in_burst = 0
        if len(held) == 1:
            self._show(held[0])
        elif held:
            self._show(
                Notice(
                    "summary", held[-1].dossier_id, self.tr("Dossiers changed"),
                    self.tr("%n more dossier(s) changed; see the list.", "", len(held)),
                )
            )  # fmt: skip

    def _show(self, notice: Notice) -> None:
        self.last = notice
        if self.has_tray:
            assert self.tray is not None
            self.tray.showMessage(
                notice.title, notice.text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS
            )
        self.shown.emit(notice)

    def activate_last(self) -> None:
        """The clerk clicked the last message: open its dossier."""
        if self.last is not None:
            self.open_requested.emit(self.last.dossier_id)

    def close(self) -> None:
        """At exit: nothing more is shown (a held summary included)."""
        self._burst.stop()
        self._held.clear()
        self._closed = True
        if self.tray is not None:
            self.tray.hide()


def _status_label(status: object) -> str:
    try:
        vi, en = PORTAL_STATUS_LABELS[int(status)]  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return ""
    return vi if current_language() == "vi" else en
