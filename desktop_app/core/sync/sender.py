"""Send one dossier: create (or repair) it on the portal, upload its files, submit it.

Each step's idempotency key is committed before its request, and the state after each
step is saved, so whatever moment a crash or a dropped connection happens, the next run
resumes exactly there: a resent create replays the stored answer (same key) or repairs
the portal-side draft (same ``client_id``); uploads ask the portal for their offset first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_app.core.dossier import Dossier, State
from desktop_app.core.messages import UserError
from desktop_app.core.outbox import Outbox, body_hash
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import (
    AuthenticationError,
    Cancelled,
    ConfigurationError,
    PortalError,
    Refused,
    ServerError,
)
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync.body import dossier_body
from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.core.sync.file_uploads import upload_files, upload_targets
from desktop_app.core.sync.portal_map import portal_fields

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"  # submitted (or found already submitted)
    WAITING = "waiting"  # network/portal trouble: will be retried
    REFUSED = "refused"  # the portal said no; a person must look
    SKIPPED = "skipped"  # not in a sendable state


@dataclass(frozen=True)
class SendResult:
    dossier_id: str
    outcome: Outcome
    error: UserError | None = None


def retry_delay(attempts: int) -> float:
    """Seconds before a dossier that failed ``attempts`` times is tried again."""
    return min(600.0, 5.0 * (2 ** min(attempts, 7)))


class DossierSender:
    """Sends dossiers with one client. Safe to use from several threads at once."""

    def __init__(
        self,
        store: Store,
        client: PortalClient,
        events: EventHub,
        *,
        chunk_size: int | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.store = store
        self.repo = DossierRepository(store)
        self.outbox = Outbox(store)
        self.client = client
        self.events = events
        self.chunk_size = chunk_size
        self.cancelled = cancelled

    def send(self, dossier_id: str) -> SendResult:
        dossier = self.repo.get(dossier_id)
        if dossier.state in (State.QUEUED, State.SEND_FAILED):
            dossier = self._move(dossier, State.SENDING)
        elif dossier.state != State.SENDING:
            return SendResult(dossier_id, Outcome.SKIPPED)
        try:
            self._send(dossier)
        except Cancelled:
            # Stay in "sending": the next run resumes from the saved step.
            return SendResult(dossier_id, Outcome.WAITING)
        except Refused as error:
            self._refused(dossier_id, error)
            return SendResult(dossier_id, Outcome.REFUSED, error)
        except (AuthenticationError, ConfigurationError) as error:
            self._failed(dossier_id, error)
            raise
        except PortalError as error:
            self._failed(dossier_id, error)
            return SendResult(dossier_id, Outcome.WAITING, error)
        except (KeyError, TypeError, ValueError) as exc:
            error = ServerError("portal.nonsense", detail=type(exc).__name__)
            self._failed(dossier_id, error)
            return SendResult(dossier_id, Outcome.WAITING, error)
        return SendResult(dossier_id, Outcome.SENT)

    # -- the steps -------------------------------------------------------------------
    def _send(self, dossier: Dossier) -> None:
        body, names = dossier_body(dossier)
        request_hash = body_hash(body)
        create_key = self.outbox.key(dossier.id, "create", request_hash)
        submit_key = self.outbox.key(dossier.id, "submit", request_hash)
        self.repo.mark_first_sent(dossier.id)

        if not self.outbox.is_done(dossier.id, "create", request_hash):
            self._emit_progress(dossier, "create")
            self.outbox.attempt(dossier.id, "create")
            try:
                _, portal = self.client.create_dossier(body, create_key)
            except Refused as error:
                if error.code != "dossier_exists":
                    raise
                existing = error.details.get("dossier") or {}
                self._adopt_submitted(dossier, existing)
                return
            if portal.get("status", 0) != 0:
                # Submitted already (the portal answered with the dossier as it is now).
                self.outbox.done(dossier.id, "create")
                self.outbox.done(dossier.id, "submit")
                self._finish(dossier.id, portal)
                return
            self._record_created(dossier, portal, names)
            self.outbox.done(dossier.id, "create")
            dossier = self.repo.get(dossier.id)

        self._upload_all(dossier)

        self._emit_progress(dossier, "submit")
        self.outbox.attempt(dossier.id, "submit")
        portal = self.client.submit(dossier.portal_id, submit_key)
        self.outbox.done(dossier.id, "submit")
        self._finish(dossier.id, portal)

    def _record_created(
        self, dossier: Dossier, portal: dict[str, Any], names: dict[int, str]
    ) -> None:
        targets = upload_targets(dossier.active_files(), names, portal.get("uploads", []))
        self.repo.record_upload_targets(dossier.id, targets)
        self.repo.update_portal(
            dossier.id,
            portal_fields(portal),
            event={"kind": "portal_created", "data": {"portal_id": portal["id"]}},
        )

    def _upload_all(self, dossier: Dossier) -> None:
        def progress(done: int, total: int) -> None:
            self.events.emit(
                SyncEvent("progress", dossier.id, step="upload", done=done, total=total)
            )

        upload_files(
            self.store,
            self.client,
            dossier.active_files(),
            chunk_size=self.chunk_size,
            cancelled=self.cancelled,
            on_progress=progress,
        )

    # -- recording outcomes ------------------------------------------------------------
    def _finish(self, dossier_id: str, portal: dict[str, Any]) -> None:
        dossier = self.repo.get(dossier_id)
        fields = portal_fields(portal)
        fields["last_error"] = None
        if dossier.state == State.SUBMITTED:
            self.repo.update_portal(dossier_id, fields)
            return
        if dossier.state == State.SEND_FAILED:
            dossier = self._move(dossier, State.SENDING)
        self.repo.transition(
            dossier_id,
            State.SUBMITTED,
            actor="sync",
            expect=State.SENDING,
            fields=fields,
            data={"portal_code": portal.get("code"), "portal_id": portal.get("id")},
        )
        self.events.emit(SyncEvent("state", dossier_id, data={"state": State.SUBMITTED.value}))

    def _adopt_submitted(self, dossier: Dossier, existing: dict[str, Any]) -> None:
        """The portal already has this dossier submitted: adopt it instead of sending twice."""
        log.info("dossier %s already submitted on the portal; adopting it", dossier.id)
        if not existing.get("id"):
            raise ServerError("portal.nonsense", detail="dossier_exists without the dossier")
        self.outbox.done(dossier.id, "create")
        self.outbox.done(dossier.id, "submit")
        self._finish(dossier.id, existing)

    def _refused(self, dossier_id: str, error: Refused) -> None:
        self.outbox_failed(dossier_id, error, None)
        self.repo.transition(
            dossier_id,
            State.REJECTED,
            actor="sync",
            reason=error.code or error.message.key,
            fields={"last_error": error.as_record()},
        )
        self.events.emit(SyncEvent("state", dossier_id, data={"state": State.REJECTED.value}))

    def _failed(self, dossier_id: str, error: PortalError) -> None:
        attempts = self.outbox.attempts(dossier_id)
        # A sign-in or configuration problem is not this dossier's: once it is fixed (the
        # batch stopped for it), the dossier is due at once, not after a network backoff.
        delay = 0.0 if error.stops_batch else retry_delay(attempts)
        self.outbox_failed(dossier_id, error, delay)
        dossier = self.repo.get(dossier_id)
        if dossier.state == State.SENDING:
            self.repo.transition(
                dossier_id,
                State.SEND_FAILED,
                actor="sync",
                reason=error.code or error.message.key,
                fields={"last_error": error.as_record()},
            )
            self.events.emit(
                SyncEvent("state", dossier_id, data={"state": State.SEND_FAILED.value})
            )

    def outbox_failed(self, dossier_id: str, error: PortalError, retry_in: float | None) -> None:
        for row in self.outbox.steps(dossier_id):
            if row["state"] != "done":
                self.outbox.failed(dossier_id, row["step"], error.as_record(), retry_in)
                break

    def _move(self, dossier: Dossier, target: State) -> Dossier:
        moved = self.repo.transition(dossier.id, target, actor="sync", expect=dossier.state)
        self.events.emit(SyncEvent("state", dossier.id, data={"state": target.value}))
        return moved

    def _emit_progress(self, dossier: Dossier, step: str) -> None:
        total = sum(f.size for f in dossier.active_files())
        done = sum(f.uploaded_bytes for f in dossier.active_files())
        self.events.emit(SyncEvent("progress", dossier.id, step=step, done=done, total=total))
