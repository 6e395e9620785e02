"""Plain events out of the sync engine (Electrum-style): the UI adapts them to Qt signals.

Listeners are called on the engine's threads; a UI listener must hand the event over to
its own thread (a queued signal) and return at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncEvent:
    """Something the clerk may want to see.

    ``kind`` is one of: ``state`` (a dossier's client state changed), ``progress``
    (``done``/``total`` bytes of a dossier being sent, ``step``), ``batch`` (a batch
    started/finished: ``data``), ``portal_status`` (the portal moved a dossier),
    ``supplement_requested``, ``payment_due``, ``payment`` (its status changed),
    ``result`` (a result arrived), ``connectivity`` (``data["online"]``), ``error``.
    """

    kind: str
    dossier_id: str | None = None
    step: str | None = None
    done: int = 0
    total: int = 0
    data: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[SyncEvent], None]


class EventHub:
    """A thread-safe list of listeners."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: SyncEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the engine
                log.exception("sync listener failed on %s", event.kind)
