"""Answering a supplement request (Yêu cầu bổ sung): attach, sign, send.

The clerk attaches files to the request (``dossier_files.supplement_id``), signs those
whose component must be signed, writes a note and queues the answer. Sending is like a
dossier: create the supplement (key committed first), upload with tus, submit it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.checks import Problem, check_component
from desktop_app.core.clock import now_iso
from desktop_app.core.dossier import DossierFile
from desktop_app.core.messages import UserError, register
from desktop_app.core.outbox import Outbox, body_hash
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import append_event
from desktop_app.core.sync.body import supplement_body
from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.core.sync.file_uploads import upload_files, upload_targets
from desktop_app.core.sync.portal_map import portal_fields

register(
    {
        "supplement.not_found": ("Không tìm thấy yêu cầu bổ sung.", "No such supplement request."),
        "supplement.already_sent": (
            "Yêu cầu bổ sung này đã được trả lời.",
            "This supplement request was already answered.",
        ),
        "supplement.incomplete": (
            "Chưa đủ giấy tờ bổ sung: {problems}",
            "The supplement is not complete: {problems}",
        ),
    }
)


@dataclass(frozen=True)
class Supplement:
    id: int
    dossier_id: str
    request_id: str
    requested_at: str | None
    due_at: str | None
    note: str | None
    component_codes: list[str]
    state: str
    answer_note: str | None
    portal_supplement_id: str | None


_COLUMNS = (
    "id, dossier_id, request_id, requested_at, due_at, note, component_codes, state,"
    " answer_note, portal_supplement_id"
)


def _supplement(row: tuple[Any, ...]) -> Supplement:
    values = list(row)
    values[6] = json.loads(values[6] or "[]")
    return Supplement(*values)


class Supplements:
    def __init__(self, store: Store, client: PortalClient | None, events: EventHub) -> None:
        self.store = store
        self.client = client
        self.events = events
        self.repo = DossierRepository(store)
        self.outbox = Outbox(store)

    def get(self, supplement_id: int) -> Supplement:
        row = self.store.db.execute(
            f"SELECT {_COLUMNS} FROM supplements WHERE id = ?", (supplement_id,)
        ).fetchone()
        if row is None:
            raise UserError("supplement.not_found")
        return _supplement(row)

    def open_request(self, dossier_id: str) -> Supplement | None:
        """The request the clerk still has to answer, if any."""
        row = self.store.db.execute(
            f"SELECT {_COLUMNS} FROM supplements WHERE dossier_id = ? AND state != 'sent'"
            " ORDER BY id DESC LIMIT 1",
            (dossier_id,),
        ).fetchone()
        return _supplement(row) if row else None

    def files(self, supplement: Supplement) -> list[DossierFile]:
        dossier = self.repo.get(supplement.dossier_id)
        return [f for f in dossier.files if f.supplement_id == supplement.id and f.active]

    def check(self, supplement: Supplement, catalog: CatalogCache) -> list[Problem]:
        dossier = self.repo.get(supplement.dossier_id)
        procedure = catalog.get(dossier.procedure_code)
        files = self.files(supplement)
        problems: list[Problem] = []
        for code in supplement.component_codes:
            component = procedure.component(code) if procedure else None
            if component is None:
                continue
            attached = [f for f in files if f.component_code == code]
            # A requested component is required in the answer, whatever the procedure says.
            problems += check_component(replace(component, required=True), attached)
        return problems

    def queue(self, supplement_id: int, note: str, catalog: CatalogCache) -> Supplement:
        """Check the answer and put it in the outbox."""
        supplement = self.get(supplement_id)
        if supplement.state == "sent":
            raise UserError("supplement.already_sent")
        problems = self.check(supplement, catalog)
        if problems:
            raise UserError(
                "supplement.incomplete", problems="; ".join(p.render() for p in problems)
            )
        with self.store.write() as db:
            db.execute(
                "UPDATE supplements SET state = 'queued', answer_note = ?, updated_at = ?"
                " WHERE id = ?",
                (note, now_iso(), supplement_id),
            )
            append_event(
                db,
                supplement.dossier_id,
                actor="clerk",
                kind="supplement_queued",
                reason=note,
                data={"request_id": supplement.request_id},
            )
        return self.get(supplement_id)

    def remove_file(self, supplement_id: int, file_id: int, *, actor: str = "clerk") -> None:
        """Detach a file from an answer still being prepared (and its unsigned original);
        the dossier itself is locked, its supplement files are not until queued."""
        supplement = self.get(supplement_id)
        if supplement.state != "requested":
            raise UserError("supplement.already_sent")
        self.repo.remove_file(
            supplement.dossier_id, file_id, actor=actor, supplement_id=supplement_id
        )

    def queued(self) -> list[Supplement]:
        rows = self.store.db.execute(
            f"SELECT {_COLUMNS} FROM supplements WHERE state = 'queued' ORDER BY id"
        ).fetchall()
        return [_supplement(r) for r in rows]

    def send(self, supplement_id: int, chunk_size: int | None = None) -> None:
        """Create, upload and submit one queued answer (resumable like a dossier)."""
        assert self.client is not None
        supplement = self.get(supplement_id)
        if supplement.state != "queued":
            return
        dossier = self.repo.get(supplement.dossier_id)
        files = self.files(supplement)
        body, names = supplement_body(supplement.request_id, supplement.answer_note or "", files)
        request_hash = body_hash(body)
        create_step = f"supplement:{supplement.request_id}"
        submit_step = f"supplement_submit:{supplement.request_id}"
        create_key = self.outbox.key(dossier.id, create_step, request_hash)
        submit_key = self.outbox.key(dossier.id, submit_step, request_hash)
        portal_supplement_id = supplement.portal_supplement_id
        if not self.outbox.is_done(dossier.id, create_step, request_hash):
            self.outbox.attempt(dossier.id, create_step)
            answer = self.client.create_supplement(dossier.portal_id, body, create_key)
            portal_supplement_id = answer["id"]
            targets = upload_targets(files, names, answer.get("uploads", []))
            self.repo.record_upload_targets(dossier.id, targets)
            with self.store.write() as db:
                db.execute(
                    "UPDATE supplements SET portal_supplement_id = ?, updated_at = ? WHERE id = ?",
                    (portal_supplement_id, now_iso(), supplement_id),
                )
            self.outbox.done(dossier.id, create_step)
        upload_files(self.store, self.client, self.files(supplement), chunk_size=chunk_size)
        self.outbox.attempt(dossier.id, submit_step)
        portal = self.client.submit_supplement(dossier.portal_id, portal_supplement_id, submit_key)
        self.outbox.done(dossier.id, submit_step)
        with self.store.write() as db:
            db.execute(
                "UPDATE supplements SET state = 'sent', updated_at = ? WHERE id = ?",
                (now_iso(), supplement_id),
            )
            append_event(
                db,
                dossier.id,
                actor="sync",
                kind="supplement_sent",
                data={"request_id": supplement.request_id},
            )
        self.repo.update_portal(dossier.id, portal_fields(portal))
        self.events.emit(SyncEvent("supplement_sent", dossier.id))
