"""The sync engine: send the outbox, follow the portal, pay, answer supplements.

A façade over the parts (sender, batch, follower, payments, supplements, connectivity)
that the CLI and the UI both drive. It knows nothing of Qt: the UI subscribes to its
plain events (:class:`SyncEvent`) and runs its methods on worker threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.lockfile import ProfileLock
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import PortalError
from desktop_app.core.store import Store
from desktop_app.core.sync.batch import BatchResult, plan_batch, run_batch
from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.core.sync.follower import Follower, Validator
from desktop_app.core.sync.payments import Payments
from desktop_app.core.sync.sender import DossierSender, SendResult
from desktop_app.core.sync.supplements import Supplements

log = logging.getLogger(__name__)

LOCK_FILE = "sync.lock"


@dataclass
class RunSummary:
    """What one ``run_once`` did; ``exit_status`` follows shared/cli.md for ``sync``."""

    batch: BatchResult = field(default_factory=BatchResult)
    followed: int = 0
    results: int = 0
    supplements_sent: int = 0
    supplement_errors: list[PortalError] = field(default_factory=list)
    follow_error: PortalError | None = None

    @property
    def exit_status(self) -> int:
        if self.batch.refused:
            return 4
        if self.batch.waiting or self.batch.stopped_by or self.follow_error:
            return 3
        if self.supplement_errors:
            return 3
        return 0


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: PortalClient,
        *,
        parallel: int = 2,
        validate: Validator | None = None,
        chunk_size: int | None = None,
        events: EventHub | None = None,
        lock_timeout: float = 60.0,
    ) -> None:
        self.store = store
        self.client = client
        self.parallel = parallel
        self.events = events or EventHub()
        self.chunk_size = chunk_size
        self.lock_timeout = lock_timeout
        self._cancel = threading.Event()
        client_cancelled = self._cancel.is_set
        self.sender = DossierSender(
            store, client, self.events, chunk_size=chunk_size, cancelled=client_cancelled
        )
        self.follower = Follower(store, client, self.events, validate)
        self.payments = Payments(store, client, self.events)
        self.supplements = Supplements(store, client, self.events)

    # -- control ---------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop after the current chunk; interrupted dossiers resume on the next run."""
        self._cancel.set()

    def reset_cancel(self) -> None:
        self._cancel.clear()

    def _lock(self) -> ProfileLock:
        return ProfileLock(Path(self.store.profile) / LOCK_FILE, timeout=self.lock_timeout)

    # -- work --------------------------------------------------------------------------
    def send_outbox(
        self,
        ids: list[str] | None = None,
        *,
        only_due: bool = True,
        on_result: Callable | None = None,
    ) -> BatchResult:
        with self._lock():
            planned = plan_batch(self.store, only_due=only_due, ids=ids)
            self.events.emit(SyncEvent("batch", data={"phase": "start", "count": len(planned)}))
            result = run_batch(
                planned,
                self._send_one,
                parallel=self.parallel,
                cancelled=self._cancel.is_set,
                on_result=on_result,
            )
            self.events.emit(
                SyncEvent(
                    "batch",
                    data={
                        "phase": "end",
                        "sent": result.sent,
                        "waiting": result.waiting,
                        "refused": result.refused,
                    },
                )
            )
            return result

    def _send_one(self, dossier_id: str) -> SendResult:
        # A cancel also stops this dossier's waits and retries, not other threads' calls.
        with self.client.cancellable(self._cancel.is_set):
            return self.sender.send(dossier_id)

    def send_supplements(self) -> tuple[int, list[PortalError]]:
        sent, errors = 0, []
        for supplement in self.supplements.queued():
            try:
                self.supplements.send(supplement.id, self.chunk_size)
                sent += 1
            except PortalError as error:
                if error.stops_batch:
                    raise
                errors.append(error)
        return sent, errors

    def follow(self) -> tuple[int, int]:
        """Poll changes, download results, follow payments: ``(changed, results)``."""
        changed = self.follower.poll()
        results = self.follower.download_results()
        self.payments.refresh_pending()
        return changed, results

    def run_once(self, *, only_due: bool = False, send: bool = True) -> RunSummary:
        """Everything that can be done now, once (``dossier-desk sync --once``).

        ``send=False`` leaves the outbox alone and only answers queued supplements and
        follows the portal (the window's refresh when automatic sending is off).
        """
        summary = RunSummary()
        if send:
            summary.batch = self.send_outbox(only_due=only_due)
        if summary.batch.stopped_by is not None:
            return summary
        try:
            with self._lock(), self.client.cancellable(self._cancel.is_set):
                summary.supplements_sent, summary.supplement_errors = self.send_supplements()
                summary.followed, summary.results = self.follow()
        except PortalError as error:
            summary.follow_error = error
        return summary
