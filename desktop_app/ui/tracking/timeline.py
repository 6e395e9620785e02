"""The dossier's timeline, read from the event log: the clerk's own steps on this PC and
the portal's processing steps (officer, unit, note), oldest first."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from desktop_app.core.dossier import PORTAL_STATUS_LABELS, state_label
from desktop_app.core.messages import current_language
from desktop_app.core.store.events import Event
from desktop_app.ui.dossiers.model import money, when


@dataclass(frozen=True)
class Step:
    """One line of the timeline."""

    at: str
    what: str
    who: str
    note: str
    portal: bool  # a step of the agency's processing (not of this PC)


def _status(value: str | None) -> str:
    try:
        vi, en = PORTAL_STATUS_LABELS[int(value or "")]
    except (KeyError, ValueError):
        return value or ""
    return vi if current_language() == "vi" else en


class Timeline(QTreeWidget):
    """When / what / who / note, one line per step."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setRootIsDecorated(False)
        self.setColumnCount(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 260)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 240)
        self.steps: list[Step] = []
        self._events: list[Event] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Who"), self.tr("Note")])
        self.show_events(self._events)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_events(self, events: list[Event]) -> None:
        self._events = events
        self.steps = [step for e in events if (step := self.describe(e)) is not None]
        self.clear()
        items = []
        for step in self.steps:
            item = QTreeWidgetItem([when(step.at), step.what, step.who, step.note])
            item.setToolTip(1, step.what)
            item.setToolTip(3, step.note)
            if step.portal:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            items.append(item)
        self.addTopLevelItems(items)
        if items:
            self.scrollToItem(items[-1])

    def _payment(self, status: str | None) -> str:
        return {
            "pending": self.tr("waiting for payment"),
            "paid": self.tr("paid"),
            "failed": self.tr("failed"),
            "expired": self.tr("expired"),
            "cancelled": self.tr("cancelled"),
        }.get(status or "", status or "")

    def _who(self, event: Event) -> str:
        if event.actor == "clerk":
            return self.tr("You")
        if event.actor in ("sync", "import"):
            return self.tr("DossierDesk")
        if event.actor == "portal":
            return self.tr("Portal")
        return event.actor

    def describe(self, event: Event) -> Step | None:
        """The timeline line for an event (None for those a clerk need not see)."""
        data = event.data or {}
        who, note, portal = self._who(event), event.reason or "", False
        kind = event.kind
        if kind == "created":
            what = self.tr("Dossier created")
            note = (
                "" if not note.startswith("duplicated_from") else self.tr("copy of another dossier")
            )
        elif kind == "edited":
            return None
        elif kind == "file_added":
            what = self.tr("File attached: %1").replace("%1", str(data.get("name", "")))
            note = str(data.get("component_code") or "")
        elif kind == "file_removed":
            what = self.tr("File removed")
            note = str(data.get("component_code") or "")
        elif kind == "file_signed":
            what = self.tr("File signed")
            note = str(data.get("component_code") or "")
        elif kind == "state":
            what = self.tr("%1 → %2").replace(
                "%1", str(state_label(event.from_state)) if event.from_state else ""
            )
            what = what.replace("%2", str(state_label(event.to_state)) if event.to_state else "")
            if note == "taken_back":
                note = self.tr("taken back out of the outbox")
            elif note == "incomplete":
                note = self.tr("something is missing again")
        elif kind == "portal_created":
            what = self.tr("Created on the portal, files being uploaded")
        elif kind == "portal_status":
            what = self.tr("Portal status: %1").replace("%1", _status(event.to_state))
            note = ""
        elif kind == "portal_history":
            portal = True
            what = str(data.get("step") or _status(event.to_state))
            handler, unit = data.get("handler") or "", data.get("unit") or ""
            who = f"{handler} — {unit}" if handler and unit else handler or unit
            note = str(data.get("note") or "")
            return Step(str(data.get("at") or event.at), what, who, note, portal)
        elif kind == "supplement_requested":
            what = self.tr("Supplement requested: %1").replace(
                "%1", ", ".join(data.get("component_codes") or [])
            )
            if data.get("due_at"):
                note = (note + " — " if note else "") + self.tr("answer by %1").replace(
                    "%1", when(str(data["due_at"]))
                )
        elif kind == "supplement_queued":
            what = self.tr("Supplement answer put in the outbox")
        elif kind == "supplement_sent":
            what = self.tr("Supplement answer sent")
        elif kind == "payment":
            what = self.tr("Payment %1: %2").replace("%1", str(data.get("reference", "")))
            what = what.replace("%2", self._payment(event.to_state))
            if data.get("amount_vnd"):
                note = money(int(data["amount_vnd"]))
        elif kind == "receipt_received":
            what = self.tr("E-receipt received")
        elif kind == "result_received":
            what = self.tr("Result received: %1").replace("%1", note)
            intact = data.get("intact")
            note = (
                self.tr("signature intact")
                if intact
                else self.tr("signature NOT intact")
                if intact is False
                else ""
            )
        elif kind == "deleted":
            what = self.tr("Draft deleted")
        else:
            what = kind
        return Step(event.at, what, who, note, portal)

    def texts(self) -> list[str]:
        """Every line as plain text (for tests and "copy")."""
        return [" | ".join((when(s.at), s.what, s.who, s.note)) for s in self.steps]
