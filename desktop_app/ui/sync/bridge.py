"""Adapt the sync engine's plain events (:mod:`desktop_app.core.sync.events`) to a Qt
signal on the main thread, and show batches and uploads in the status bar's activity.

The engine calls listeners on its own threads; :meth:`SyncBridge._listen` only emits a
signal (queued to the main thread) and returns at once, as the engine asks. The outbox,
the dossier page and notifications (the second UI issue) connect to ``event``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.ui.workspace import Activity


class SyncBridge(QObject):
    event = Signal(object)  # SyncEvent, delivered on the main thread
    _from_engine = Signal(object)

    def __init__(self, hub: EventHub, activity: Activity, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.activity = activity
        self._batch: int | None = None
        self._from_engine.connect(self._on_main_thread)
        self._unsubscribe: Callable[[], None] | None = hub.subscribe(self._listen)

    def _listen(self, event: SyncEvent) -> None:
        self._from_engine.emit(event)  # any thread: queued to the main thread

    def _on_main_thread(self, event: SyncEvent) -> None:
        if event.kind == "batch":
            phase = event.data.get("phase")
            if phase == "start" and event.data.get("count"):
                self._batch = self.activity.begin(
                    self.tr("Sending %n dossier(s)…", "", event.data["count"]),
                    int(event.data["count"]),
                )
                self._sent = 0
            elif phase == "end" and self._batch is not None:
                self.activity.end(self._batch)
                self._batch = None
        elif (
            event.kind == "state"
            and self._batch is not None
            and event.data.get("state") in ("submitted", "rejected", "send_failed")
        ):
            self._sent += 1
            self.activity.progress(self._batch, self._sent, self.activity_total())
        self.event.emit(event)

    def activity_total(self) -> int:
        return self.activity.total(self._batch) if self._batch is not None else 0

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
