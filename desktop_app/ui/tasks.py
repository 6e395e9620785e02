"""Run work off the main thread and get the result back on it (Picard's ``run_task``).

    run_task(lambda: store.open(path), on_done=self._opened, on_error=self._failed)

The function runs on the global ``QThreadPool``; ``on_done(result)`` or
``on_error(exception)`` are then called on the main thread through a queued signal.
Long work takes a :class:`TaskControl` to report progress and notice cancellation.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class TaskControl:
    """Handed to a task that wants to report progress or be cancellable."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._relay.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, func: Callable[..., Any], relay: _Relay, control: TaskControl | None):
        super().__init__()
        self._func = func
        self._relay = relay
        self._control = control
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self._func(self._control) if self._control else self._func()
        except BaseException as exc:  # delivered to on_error on the main thread
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


_live: set[_Relay] = set()


def _owners(callback: Callable[..., Any] | None) -> list[QObject]:
    """The Qt objects a callback belongs to: a bound method's object, or the objects a
    lambda closes over (usually the ``self`` of a widget)."""
    if callback is None:
        return []
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject):
        return [owner]
    cells = getattr(callback, "__closure__", None) or ()
    found = []
    for cell in cells:
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, QObject):
            found.append(value)
    return found


def _unexpected(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


def _alive(owners: list[QObject]) -> bool:
    return all(shiboken6.isValid(owner) for owner in owners)


def run_task(
    func: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    *,
    with_control: bool = False,
    pool: QThreadPool | None = None,
) -> TaskControl | None:
    """Run ``func`` on a worker thread; callbacks run on the main thread.

    With ``with_control``, ``func`` receives a :class:`TaskControl` and the same control
    is returned to the caller (to cancel).
    """
    relay = _Relay()
    _live.add(relay)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _live.discard(relay)
        # A window closed while its work ran: the answer has nowhere to go.
        if callback is not None and _alive(_owners(callback)):
            try:
                callback(value)
            except RuntimeError as exc:
                # The callback reached a widget through an object that outlived it (the
                # window closed while this ran): the answer has nowhere to go.
                if "already deleted" not in str(exc):
                    raise
                log.debug("task result dropped: %s", exc)

    relay.done.connect(lambda result: finish(on_done, result))
    # Nobody said what to do when it fails: it is a bug, and it must not vanish. It goes
    # to the crash handler (desktop_app/ui/crash.py): a report, a dialog, the app goes on.
    relay.failed.connect(lambda exc: finish(on_error or _unexpected, exc))
    if on_progress is not None:
        progress_owners = _owners(on_progress)
        relay.progress.connect(
            lambda done, total, text: _alive(progress_owners) and on_progress(done, total, text)
        )
    control = TaskControl(relay) if with_control else None
    (pool or QThreadPool.globalInstance()).start(_Runnable(func, relay, control))
    return control
