"""Progress of the dossiers being sent: steps and bytes per dossier, and for the batch."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from desktop_app.core.sync import SyncEvent
from desktop_app.ui.dossiers.model import ROW_ROLE
from desktop_app.ui.dossiers.query import Row

STEP_SPAN = {"create": (0, 5), "upload": (5, 90), "submit": (90, 99)}


@dataclass
class Sending:
    """Where one dossier is: its step and the bytes the portal confirmed."""

    step: str = "queued"
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        if self.step == "sent":
            return 100
        low, high = STEP_SPAN.get(self.step, (0, 0))
        if self.step == "upload" and self.total:
            return low + (high - low) * self.done // self.total
        return low


@dataclass
class Batch:
    """The batch being sent: how many dossiers, how many finished, their bytes."""

    count: int = 0
    finished: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    running: bool = False


def size(n: int) -> str:
    """``1536000`` → ``1,5 MB``; under a megabyte in KB."""
    if n < 1024 * 1024:
        return f"{n // 1024} KB"
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


class Progress(QObject):
    """Keeps :class:`Sending` per dossier and the :class:`Batch` from the sync events."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sending: dict[str, Sending] = {}
        self.batch = Batch()

    def on_event(self, event: SyncEvent) -> str | None:
        """Take an event in; returns the dossier id whose progress changed, if any."""
        if event.kind == "batch":
            count = int(event.data.get("count") or 0)
            if event.data.get("phase") == "start" and count:
                self.batch = Batch(count=count, running=True)
            elif event.data.get("phase") == "end":
                self.batch.running = False  # an empty pass keeps the last batch shown
            return None
        dossier_id = event.dossier_id
        if dossier_id is None:
            return None
        if event.kind == "progress":
            current = self.sending.setdefault(dossier_id, Sending())
            current.step = event.step or current.step
            current.done, current.total = event.done, event.total
            self.batch.ids.add(dossier_id)
            return dossier_id
        if event.kind == "state":
            state = event.data.get("state")
            current = self.sending.setdefault(dossier_id, Sending())
            if state == "submitted":
                current.step, current.done = "sent", current.total
            elif state in ("send_failed", "rejected"):
                current.step = state
            elif state == "sending":
                current.step = (
                    "create" if current.step in ("queued", "send_failed") else current.step
                )
            if state in ("submitted", "send_failed", "rejected"):
                self.batch.finished.add(dossier_id)
            self.batch.ids.add(dossier_id)
            return dossier_id
        return None

    def of(self, row: Row) -> Sending:
        """The progress of a row: from the events if any, else from what is stored."""
        known = self.sending.get(row.id)
        if row.state == "submitted":
            return Sending("sent", row.bytes_total, row.bytes_total)
        if known is not None and known.step not in ("sent",):
            if row.state in ("send_failed", "rejected") and known.step != row.state:
                return Sending(row.state, known.done, known.total)
            return known
        if row.state == "sending":
            return Sending("upload", row.bytes_sent, row.bytes_total)
        return Sending(row.state, row.bytes_sent, row.bytes_total)

    def batch_bytes(self) -> tuple[int, int]:
        done = total = 0
        for dossier_id in self.batch.ids:
            current = self.sending.get(dossier_id)
            if current is not None:
                done += current.done
                total += current.total
        return done, total

    def text(self, sending: Sending) -> str:
        """The words on a dossier's bar."""
        step = sending.step
        if step == "sent":
            return self.tr("Sent")
        if step == "create":
            return self.tr("Creating it on the portal…")
        if step == "upload":
            return (
                self.tr("Uploading %1 of %2")
                .replace("%1", size(sending.done))
                .replace("%2", size(sending.total))
            )
        if step == "submit":
            return self.tr("Submitting (the portal checks the signatures)…")
        if step == "send_failed":
            return self.tr("Waiting to be sent again")
        if step == "rejected":
            return self.tr("Refused")
        if step == "queued":
            return self.tr("Waiting in the outbox")
        return ""


class ProgressDelegate(QStyledItemDelegate):
    """Draws a dossier's progress as a bar with its step in words."""

    def __init__(self, progress: Progress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = progress

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            super().paint(painter, option, index)
            return
        sending = self.progress.of(row)
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(2, 3, -2, -3))  # type: ignore[attr-defined]
        bar.minimum, bar.maximum = 0, 100
        bar.progress = sending.percent
        bar.text = self.progress.text(sending)
        bar.textVisible = True
        bar.state = option.state  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
