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
from typing import Any, BinaryIO

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
from desktop_app.core.portal.uploads import TusUploader, UploadTarget
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync.body import dossier_body
from desktop_app.core.sync.events import EventHub, SyncEvent
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


def open_blob(store: Store, sha256: str) -> BinaryIO:
    """A blob's bytes for an upload: a plain reader. Every byte is hashed once, for its
    chunk's checksum, and the portal checks the whole file's hash; seeking to resume is
    free. (The blob store's verifying reader hashed it all a second time, re-hashed from
    the start on every seek, and never checked on the way: the last read asks for exactly
    the bytes left.) A missing blob needs a person: the dossier is refused, with why."""
    try:
        return open(store.blobs.path(sha256), "rb")  # the uploader closes it
    except FileNotFoundError:
        raise Refused("storage.blob_missing", code="blob_missing", sha256=sha256) from None


def check_blob(store: Store, sha256: str) -> None:
    """After the portal found a file's hash wrong: is it our copy that is damaged?"""
    if not store.blobs.verify(sha256):
        raise Refused("storage.blob_corrupt", code="blob_corrupt", sha256=sha256)


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
        self.bytes_sent = 0

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
        by_name = {(u["component_code"], u["file_name"]): u for u in portal.get("uploads", [])}
        targets = {}
        for f in dossier.active_files():
            upload = by_name.get((f.component_code, names[f.id]))
            if upload is None:
                raise ServerError("portal.nonsense", detail="an upload is missing")
            targets[f.id] = (upload["file_id"], upload["upload_url"], int(upload["offset"]))
        self.repo.record_upload_targets(dossier.id, targets)
        self.repo.update_portal(
            dossier.id,
            portal_fields(portal),
            event={"kind": "portal_created", "data": {"portal_id": portal["id"]}},
        )

    def _upload_all(self, dossier: Dossier) -> None:
        files = dossier.active_files()
        total = sum(f.size for f in files)
        done_before = {f.id: f.uploaded_bytes for f in files}
        uploader = (
            TusUploader(self.client, self.chunk_size)
            if self.chunk_size
            else TusUploader(self.client)
        )
        for f in files:
            if f.upload_url is None:
                raise ServerError("portal.nonsense", detail="no upload URL")
            target = UploadTarget(f.upload_url, f.size, f.original_name)

            def on_offset(offset: int, file_id: int = f.id) -> None:
                self.repo.set_uploaded(file_id, offset)
                done_before[file_id] = offset
                self.events.emit(
                    SyncEvent(
                        "progress",
                        dossier.id,
                        step="upload",
                        done=sum(done_before.values()),
                        total=total,
                    )
                )

            try:
                uploader.upload(
                    target,
                    lambda sha=f.blob_sha256: open_blob(self.store, sha),
                    on_offset=on_offset,
                    cancelled=self.cancelled,
                    check_source=lambda sha=f.blob_sha256: check_blob(self.store, sha),
                )
            finally:
                self.bytes_sent += uploader.bytes_sent
                uploader.bytes_sent = 0

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
