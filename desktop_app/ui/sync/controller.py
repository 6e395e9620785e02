"""The window's sync: one small controller that runs the core's :class:`SyncEngine` on its
own worker, one job at a time, and tells the pages what changed.

Jobs (send the outbox, follow the portal, pay, answer a supplement) go through
``run_task`` on a one-thread pool owned by the controller: they never run on the main
thread, never run two at a time (the engine takes a profile lock per send), and a long
batch never holds up the global pool that loads lists and previews. The engine's plain
events come back through :class:`SyncBridge`; the ids of the dossiers a job changed are
gathered and announced on ``Workspace.dossiers_changed`` a little later, in one go.

Automatic work: a follow pass every ``follow_interval_ms`` while the portal is online;
when the portal comes back (offline -> online) the outbox is sent at once if
``sync.auto_send`` is on, whatever the backoff of dossiers that failed while it was down.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.clock import now_iso
from desktop_app.core.portal.errors import AuthenticationError, NetworkError
from desktop_app.core.signatures import make_validator
from desktop_app.core.store import Store
from desktop_app.core.sync import BatchResult, EventHub, RunSummary, SyncEngine, SyncEvent
from desktop_app.core.sync.payments import PaymentRecord
from desktop_app.ui.errors import describe
from desktop_app.ui.portal.connection import PortalConnection
from desktop_app.ui.sync.bridge import SyncBridge
from desktop_app.ui.tasks import run_task
from desktop_app.ui.workspace import Workspace

log = logging.getLogger(__name__)

Work = Callable[[SyncEngine], Any]


@dataclass
class _Job:
    name: str
    work: Work
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    started: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class JobOutcome:
    """What a job returned, and the dossiers it changed (``updated_at`` moved)."""

    value: Any
    changed: list[str]


def _changed_since(store: Store, stamp: str) -> list[str]:
    rows = store.db.execute("SELECT id FROM dossiers WHERE updated_at >= ?", (stamp,)).fetchall()
    return [r[0] for r in rows]


class SyncController(QObject):
    event = Signal(object)  # SyncEvent, on the main thread
    busy_changed = Signal(bool)
    batch_finished = Signal(object)  # BatchResult
    followed = Signal()  # a follow pass ended (statuses, payments and results are fresh)
    problem = Signal(str)  # a sentence for the clerk

    follow_interval_ms = 30_000
    """How often the portal is asked what changed while it is online."""
    chunk_size: int | None = None
    """Upload chunk size in bytes (None: the uploader's); tests use small chunks."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.hub = EventHub()
        self.bridge = SyncBridge(self.hub, workspace.activity, self)
        self.bridge.event.connect(self._on_event)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pool.setExpiryTimeout(-1)  # the store keeps one SQLite connection per thread
        self.session_started = now_iso()
        self._engine: SyncEngine | None = None
        self._engine_key: tuple[Any, ...] | None = None
        self._jobs: deque[_Job] = deque()
        self._running: _Job | None = None
        self._closing = False
        self._changed: set[str] = set()
        self._flush = QTimer(self, singleShot=True, interval=150)
        self._flush.timeout.connect(self._announce)
        self._follow = QTimer(self)
        self._follow.timeout.connect(lambda: self.sync_now(only_due=True))
        self._last_state: str | None = None
        self.connection: PortalConnection | None = None
        self.attach_connection(workspace.connection)
        workspace.store_opened.connect(self._store_opened)

    # -- facts -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._running is not None

    @property
    def running_job(self) -> str | None:
        return self._running.name if self._running else None

    def pending_jobs(self) -> list[str]:
        return [job.name for job in self._jobs]

    @property
    def auto_send(self) -> bool:
        return bool(self.workspace.settings.get("sync.auto_send"))

    def ready(self) -> bool:
        connection = self.connection
        return (
            not self._closing
            and self.workspace.store is not None
            and connection is not None
            and connection.client is not None
        )

    # -- the portal connection -------------------------------------------------------
    def attach_connection(self, connection: PortalConnection) -> None:
        """Follow this connection (at start, and when the portal setting changes)."""
        self.connection = connection
        self._last_state = connection.state
        connection.state_changed.connect(self._connection_state)
        connection.account_changed.connect(self._account_changed)

    def _store_opened(self) -> None:
        self._follow.start(self.follow_interval_ms)
        if self.connection is not None and self.connection.state == "online":
            self.sync_now(only_due=True)

    def _account_changed(self, me: object) -> None:
        if me is not None and self.connection is not None and self.connection.state == "online":
            self.sync_now(only_due=True)

    def _connection_state(self, state: str) -> None:
        previous, self._last_state = self._last_state, state
        if state == "online" and previous != "online":
            # Back (or up for the first time): what waited for the network goes now.
            self.sync_now(only_due=False)

    def set_follow_interval(self, ms: int) -> None:
        self.follow_interval_ms = ms
        if self._follow.isActive():
            self._follow.start(ms)

    # -- jobs ------------------------------------------------------------------------
    def send(self, ids: list[str] | None = None) -> None:
        """Send the outbox now (``ids``: only those), retrying failed ones at once."""
        wanted = list(ids) if ids is not None else None
        name = "send" if wanted is None else "send:" + ",".join(sorted(wanted))

        def work(engine: SyncEngine) -> BatchResult:
            return engine.send_outbox(wanted, only_due=False)

        self._submit(_Job(name, work, on_done=self._batch_done))

    def sync_now(self, *, only_due: bool = True) -> None:
        """Send what is due (if automatic sending is on), answer supplements, follow."""
        if not self.ready() or (self.connection and self.connection.state != "online"):
            return
        send = self.auto_send

        def work(engine: SyncEngine) -> RunSummary:
            return engine.run_once(only_due=only_due, send=send)

        self._submit(_Job("sync", work, on_done=self._synced))

    def follow_now(self) -> None:
        """Ask the portal what changed (and answer queued supplements), without sending."""

        def work(engine: SyncEngine) -> RunSummary:
            return engine.run_once(send=False)

        self._submit(_Job("follow", work, on_done=self._synced))

    def pay(
        self,
        dossier_id: str,
        on_done: Callable[[PaymentRecord], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """The payment to pay now: the pending one, else a new one (never two)."""
        self._submit(
            _Job(f"pay:{dossier_id}", lambda e: e.payments.pay(dossier_id), on_done, on_error)
        )

    def refresh_payment(
        self, reference: str, on_done: Callable[[PaymentRecord], None] | None = None
    ) -> None:
        self._submit(_Job(f"payment:{reference}", lambda e: e.payments.refresh(reference), on_done))

    def send_supplement(
        self,
        supplement_id: int,
        note: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Check and queue a supplement answer, then send it and follow the portal."""

        def work(engine: SyncEngine) -> RunSummary:
            engine.supplements.queue(supplement_id, note, CatalogCache(engine.store))
            summary = engine.run_once(send=False)
            for error in summary.supplement_errors:
                raise error
            if summary.follow_error is not None:
                raise summary.follow_error
            return summary

        self._submit(_Job(f"supplement:{supplement_id}", work, on_done, on_error))

    def cancel(self) -> None:
        """Stop the running batch after the current chunk; it resumes on the next run."""
        self._jobs.clear()
        if self._engine is not None:
            self._engine.cancel()

    def shutdown(self) -> None:
        self._closing = True
        self._follow.stop()
        self._flush.stop()
        self.cancel()
        self.pool.waitForDone(15_000)
        self.bridge.close()

    def _submit(self, job: _Job) -> None:
        if self._closing:
            return
        queued = [j for j in self._jobs if j.name == job.name]
        if queued and job.on_done is None and job.on_error is None:
            return  # the same job already waits its turn
        if queued and job.name in ("sync", "send", "follow"):
            return
        self._jobs.append(job)
        self._next()

    def _next(self) -> None:
        if self._running is not None or not self._jobs:
            return
        if not self.ready():
            for job in list(self._jobs):
                if job.on_error is not None:
                    job.on_error(AuthenticationError("portal.not_signed_in"))
            self._jobs.clear()
            return
        job = self._jobs.popleft()
        self._running = job
        self.busy_changed.emit(True)
        store = self.workspace.store
        connection = self.connection
        assert store is not None and connection is not None and connection.client is not None
        client = connection.client
        parallel = int(self.workspace.settings.get("sync.parallel_uploads"))
        roots = connection.result_trust_roots()
        job.started = now_iso()

        def run() -> JobOutcome:
            engine = self._engine_for(store, client, parallel, roots)
            engine.reset_cancel()
            value = job.work(engine)
            return JobOutcome(value, _changed_since(store, job.started))

        run_task(run, on_done=self._job_done, on_error=self._job_failed, pool=self.pool)

    def _engine_for(self, store: Store, client: Any, parallel: int, roots: list[str]) -> SyncEngine:
        """The engine for this store and client (worker thread only: reading the trust
        roots for results is file work)."""
        key = (id(store), id(client), self.chunk_size, tuple(roots))
        if self._engine is None or self._engine_key != key:
            self._engine = SyncEngine(
                store,
                client,
                parallel=parallel,
                validate=make_validator(roots),
                events=self.hub,
                chunk_size=self.chunk_size,
            )
            self._engine_key = key
        self._engine.parallel = parallel
        return self._engine

    def _job_done(self, outcome: JobOutcome) -> None:
        job = self._finish_job()
        self._mark_changed(outcome.changed)
        if job.on_done is not None:
            try:
                job.on_done(outcome.value)
            finally:
                self._next()
        else:
            self._next()

    def _job_failed(self, error: BaseException) -> None:
        job = self._finish_job()
        self._mark_changed(_ids_of_job(job))
        if isinstance(error, NetworkError) and self.connection is not None:
            self.connection.check_now()
        if job.on_error is not None:
            try:
                job.on_error(error)
            finally:
                self._next()
            return
        log.info("sync job %s failed: %s", job.name, error)
        self.problem.emit(describe(error))
        self._next()

    def _finish_job(self) -> _Job:
        job = self._running
        assert job is not None
        self._running = None
        self.busy_changed.emit(bool(self._jobs))
        return job

    def _batch_done(self, result: BatchResult) -> None:
        self._after_batch(result)
        # What was just sent: its fees, receipt numbers and first steps.
        self.follow_now()

    def _synced(self, summary: RunSummary) -> None:
        self._after_batch(summary.batch)
        error = summary.follow_error or (summary.supplement_errors or [None])[0]
        if error is not None:
            if isinstance(error, NetworkError) and self.connection is not None:
                self.connection.check_now()
            self.problem.emit(describe(error))
        self.followed.emit()

    def _after_batch(self, result: BatchResult) -> None:
        if not result.results and result.stopped_by is None:
            return
        waiting = [r for r in result.results if r.error is not None and r.outcome == "waiting"]
        if any(isinstance(r.error, NetworkError) for r in waiting) and self.connection:
            self.connection.check_now()
        if result.stopped_by is not None:
            self.problem.emit(describe(result.stopped_by))
        self.batch_finished.emit(result)

    # -- events --------------------------------------------------------------------
    def _on_event(self, event: SyncEvent) -> None:
        if event.dossier_id and event.kind != "progress":
            self._mark_changed([event.dossier_id])
        self.event.emit(event)

    def _mark_changed(self, ids: list[str]) -> None:
        if ids:
            self._changed.update(ids)
            if not self._flush.isActive():
                self._flush.start()

    def _announce(self) -> None:
        ids, self._changed = sorted(self._changed), set()
        if ids:
            self.workspace.dossiers_changed.emit(ids)


def _ids_of_job(job: _Job) -> list[str]:
    """A failed job changed at most the dossier it named (pay:<id>)."""
    if ":" in job.name and job.name.split(":", 1)[0] in ("pay", "send"):
        return [i for i in job.name.split(":", 1)[1].split(",") if i]
    return []
