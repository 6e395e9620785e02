"""Send the outbox as a batch: oldest first, a few at a time, stopping only when it must.

A batch stops starting new dossiers on an authentication or configuration error (every
other dossier would fail the same way), and carries on past a dossier the portal refuses
for a reason of its own (that reason is kept on the dossier to show the clerk).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from desktop_app.core.clock import now_iso
from desktop_app.core.messages import UserError
from desktop_app.core.portal.errors import PortalError
from desktop_app.core.store import Store
from desktop_app.core.sync.sender import Outcome, SendResult

log = logging.getLogger(__name__)

SENDABLE = ("sending", "queued", "send_failed")


def plan_batch(store: Store, *, only_due: bool = True, ids: list[str] | None = None) -> list[str]:
    """Dossier ids to send now, oldest first. ``sending`` ones (interrupted) come first."""
    sql = "SELECT d.id FROM dossiers d WHERE d.state IN ('sending', 'queued', 'send_failed')"
    params: list[object] = []
    if only_due:
        sql += (
            " AND (d.state != 'send_failed' OR NOT EXISTS (SELECT 1 FROM outbox o"
            " WHERE o.dossier_id = d.id AND o.state = 'pending' AND o.next_attempt_at > ?))"
        )
        params.append(now_iso())
    sql += " ORDER BY d.state != 'sending', d.created_at, d.id"
    planned = [row[0] for row in store.db.execute(sql, params)]
    if ids is not None:
        wanted = set(ids)
        planned = [i for i in planned if i in wanted]
    return planned


@dataclass
class BatchResult:
    results: list[SendResult] = field(default_factory=list)
    stopped_by: UserError | None = None
    not_started: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def sent(self) -> int:
        return self.count(Outcome.SENT)

    @property
    def waiting(self) -> int:
        return self.count(Outcome.WAITING) + len(self.not_started)

    @property
    def refused(self) -> int:
        return self.count(Outcome.REFUSED)


def run_batch(
    ids: list[str],
    send: Callable[[str], SendResult],
    *,
    parallel: int = 2,
    cancelled: Callable[[], bool] = lambda: False,
    on_result: Callable[[SendResult], None] | None = None,
) -> BatchResult:
    """Send ``ids`` with at most ``parallel`` in flight, in order."""
    result = BatchResult()
    stop = threading.Event()
    pending = list(ids)
    with ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="send") as pool:
        running: dict[Future[SendResult], str] = {}
        while pending or running:
            while pending and len(running) < parallel and not stop.is_set() and not cancelled():
                dossier_id = pending.pop(0)
                running[pool.submit(send, dossier_id)] = dossier_id
            if not running:
                break
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in finished:
                dossier_id = running.pop(future)
                try:
                    outcome = future.result()
                except PortalError as error:
                    if error.stops_batch:
                        log.warning("batch stopped: %s", error.message.key)
                        result.stopped_by = error
                        stop.set()
                    outcome = SendResult(dossier_id, Outcome.WAITING, error)
                except UserError as error:
                    # Not the portal: this PC. A full or read-only disk stops the batch (every
                    # dossier would fail the same way); a dossier moved meanwhile (taken back
                    # in the window) is simply not sent now.
                    if error.message.key.startswith("storage."):
                        log.warning("batch stopped: %s", error.message.key)
                        result.stopped_by = error
                        stop.set()
                        outcome = SendResult(dossier_id, Outcome.WAITING, error)
                    else:
                        outcome = SendResult(dossier_id, Outcome.SKIPPED, error)
                result.results.append(outcome)
                if on_result is not None:
                    on_result(outcome)
            if stop.is_set() or cancelled():
                result.not_started.extend(pending)
                pending.clear()
    return result
