"""Dossiers in the database: every change is one transaction with its event.

Files are copied into the blob store *before* the transaction that references them, and
the transaction checks the blob is still there (garbage collection may have run between),
so a dossier never points at a missing blob and never at a user's original path.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop_app.core.clock import now_iso
from desktop_app.core.dossier import (
    TAKE_BACK_FROM,
    Applicant,
    Delivery,
    Dossier,
    DossierFile,
    State,
    check_editable,
    check_transition,
    state_label,
)
from desktop_app.core.filetypes import sniff_file
from desktop_app.core.messages import UserError
from desktop_app.core.store.blobs import BlobInfo, Progress, record_blob
from desktop_app.core.store.db import Store
from desktop_app.core.store.events import append_event

_DOSSIER_COLUMNS = (
    "id, procedure_code, procedure_version, state, applicant, summary, delivery, catalog_flag,"
    " portal_id, portal_code, portal_status, portal_status_label, receipt_no, received_at,"
    " due_at, fees_due_vnd, portal_updated_at, first_sent_at, last_error, created_at, updated_at"
)
_FILE_COLUMNS = (
    "id, dossier_id, component_code, blob_sha256, original_name, content_type, size, signed,"
    " signature_report, source_file_id, active, supplement_id, portal_file_id, upload_url,"
    " uploaded_bytes, added_at"
)

PORTAL_FIELDS = frozenset(
    {
        "portal_id",
        "portal_code",
        "portal_status",
        "portal_status_label",
        "receipt_no",
        "received_at",
        "due_at",
        "fees_due_vnd",
        "portal_updated_at",
        "last_error",
        "catalog_flag",
    }
)
"""Columns that sync (not the clerk) may change, also on locked dossiers."""


def _dossier_from_row(row: tuple[Any, ...], files: list[DossierFile]) -> Dossier:
    values = dict(zip((c.strip() for c in _DOSSIER_COLUMNS.split(",")), row, strict=True))
    values["state"] = State(values["state"])
    values["applicant"] = Applicant.from_dict(json.loads(values["applicant"]))
    values["delivery"] = Delivery.from_dict(json.loads(values["delivery"]))
    values["last_error"] = json.loads(values["last_error"]) if values["last_error"] else None
    return Dossier(**values, files=files)


def _file_from_row(row: tuple[Any, ...]) -> DossierFile:
    values = list(row)
    values[7] = bool(values[7])
    values[8] = json.loads(values[8]) if values[8] else None
    values[10] = bool(values[10])
    return DossierFile(*values)


@dataclass(frozen=True)
class NewFile:
    """A file for :meth:`DossierRepository.create`, its bytes already in the blob store."""

    component_code: str
    blob: BlobInfo
    original_name: str
    content_type: str
    signed: bool = False
    signature_report: dict[str, Any] | None = None


class DossierRepository:
    """Create, read, change and move dossiers; each change is one transaction + event."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading -------------------------------------------------------------------
    def get(self, dossier_id: str, db: sqlite_utils.Database | None = None) -> Dossier:
        db = db or self.store.db
        row = db.execute(
            f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE id = ?", (dossier_id,)
        ).fetchone()
        if row is None:
            raise UserError("dossier.not_found", dossier_id=dossier_id)
        files = [
            _file_from_row(r)
            for r in db.execute(
                f"SELECT {_FILE_COLUMNS} FROM dossier_files WHERE dossier_id = ? ORDER BY id",
                (dossier_id,),
            )
        ]
        return _dossier_from_row(row, files)

    def exists(self, dossier_id: str) -> bool:
        return (
            self.store.db.execute("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
            is not None
        )

    def ids(self, states: Iterable[State | str] | None = None) -> list[str]:
        """Dossier ids, oldest first, optionally only those in ``states``."""
        if states is None:
            rows = self.store.db.execute("SELECT id FROM dossiers ORDER BY created_at, id")
        else:
            wanted = [str(State(s)) for s in states]
            marks = ",".join("?" * len(wanted))
            rows = self.store.db.execute(
                f"SELECT id FROM dossiers WHERE state IN ({marks}) ORDER BY created_at, id",
                wanted,
            )
        return [r[0] for r in rows]

    # -- creating and editing ------------------------------------------------------
    def create(
        self,
        procedure_code: str,
        procedure_version: int,
        *,
        applicant: Applicant | None = None,
        summary: str = "",
        delivery: Delivery | None = None,
        actor: str = "clerk",
        dossier_id: str | None = None,
        reason: str | None = None,
        files: Sequence[NewFile] = (),
    ) -> Dossier:
        """A new draft (``dossier_id`` is the client id; a fresh UUID when not given).

        ``files`` (already in the blob store) are attached in the same transaction, so a
        crash leaves either the whole dossier or nothing (imports rely on this).
        """
        dossier_id = dossier_id or str(uuid.uuid4())
        stamp = now_iso()
        with self.store.write() as db:
            db.execute(
                "INSERT INTO dossiers (id, procedure_code, procedure_version, state, applicant,"
                " summary, delivery, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier_id,
                    procedure_code,
                    procedure_version,
                    State.DRAFT.value,
                    _json(asdict(applicant or Applicant())),
                    summary,
                    _json(asdict(delivery or Delivery())),
                    stamp,
                    stamp,
                ),
            )
            append_event(
                db,
                dossier_id,
                actor=actor,
                kind="created",
                to_state=State.DRAFT.value,
                reason=reason,
                data={"procedure_code": procedure_code, "procedure_version": procedure_version},
                at=stamp,
            )
            for new in files:
                self.attach_blob(
                    dossier_id,
                    new.component_code,
                    new.blob,
                    original_name=new.original_name,
                    content_type=new.content_type,
                    actor=actor,
                    signed=new.signed,
                    signature_report=new.signature_report,
                )
            return self.get(dossier_id, db)

    def update(
        self,
        dossier_id: str,
        *,
        applicant: Applicant | None = None,
        summary: str | None = None,
        delivery: Delivery | None = None,
        procedure_version: int | None = None,
        actor: str = "clerk",
    ) -> Dossier:
        """Change what the clerk filled in (only while the dossier is editable)."""
        changes: dict[str, Any] = {}
        if applicant is not None:
            changes["applicant"] = _json(asdict(applicant))
        if summary is not None:
            changes["summary"] = summary
        if delivery is not None:
            changes["delivery"] = _json(asdict(delivery))
        if procedure_version is not None:
            changes["procedure_version"] = procedure_version
            changes["catalog_flag"] = None
        with self.store.write() as db:
            current = self._state(db, dossier_id)
            check_editable(current)
            if not changes:
                return self.get(dossier_id, db)
            changes["updated_at"] = now_iso()
            self._update_row(db, dossier_id, changes)
            append_event(
                db,
                dossier_id,
                actor=actor,
                kind="edited",
                data={"fields": sorted(k for k in changes if k != "updated_at")},
            )
            return self.get(dossier_id, db)

    def attach(
        self,
        dossier_id: str,
        component_code: str,
        path: Path,
        *,
        original_name: str | None = None,
        content_type: str | None = None,
        actor: str = "clerk",
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        supplement_id: int | None = None,
    ) -> DossierFile:
        """Copy ``path`` into the blob store and attach it to a component."""
        path = Path(path)
        self._check_editable_now(dossier_id, supplement_id)
        info = self.store.blobs.put_file(path, progress, cancelled)
        return self.attach_blob(
            dossier_id,
            component_code,
            info,
            original_name=original_name or path.name,
            content_type=content_type or sniff_file(path),
            actor=actor,
            supplement_id=supplement_id,
        )

    def attach_blob(
        self,
        dossier_id: str,
        component_code: str,
        info: BlobInfo,
        *,
        original_name: str,
        content_type: str,
        actor: str = "clerk",
        signed: bool = False,
        signature_report: dict[str, Any] | None = None,
        supplement_id: int | None = None,
    ) -> DossierFile:
        """Attach bytes already in the blob store."""
        stamp = now_iso()
        with self.store.write() as db:
            if supplement_id is None:
                check_editable(self._state(db, dossier_id))
            else:
                self._state(db, dossier_id)
            self._register_blob(db, info, stamp)
            cursor = db.execute(
                "INSERT INTO dossier_files (dossier_id, component_code, blob_sha256,"
                " original_name, content_type, size, signed, signature_report, supplement_id,"
                " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier_id,
                    component_code,
                    info.sha256,
                    original_name,
                    content_type,
                    info.size,
                    int(signed),
                    _json(signature_report) if signature_report is not None else None,
                    supplement_id,
                    stamp,
                ),
            )
            file_id = int(cursor.lastrowid)
            self._touch(db, dossier_id, stamp)
            append_event(
                db,
                dossier_id,
                actor=actor,
                kind="file_added",
                data={
                    "file_id": file_id,
                    "component_code": component_code,
                    "name": original_name,
                    "sha256": info.sha256,
                    "size": info.size,
                },
                at=stamp,
            )
            return self._file(db, file_id)

    def add_signed_version(
        self,
        file_id: int,
        info: BlobInfo,
        signature_report: dict[str, Any],
        *,
        actor: str = "clerk",
        original_name: str | None = None,
        content_type: str = "application/pdf",
    ) -> DossierFile:
        """Replace a file by its signed version; the unsigned one is kept, inactive."""
        stamp = now_iso()
        with self.store.write() as db:
            old = self._file(db, file_id)
            if old.supplement_id is None:
                check_editable(self._state(db, old.dossier_id))
            self._register_blob(db, info, stamp)
            cursor = db.execute(
                "INSERT INTO dossier_files (dossier_id, component_code, blob_sha256,"
                " original_name, content_type, size, signed, signature_report, source_file_id,"
                " supplement_id, added_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                (
                    old.dossier_id,
                    old.component_code,
                    info.sha256,
                    original_name or old.original_name,
                    content_type,
                    info.size,
                    _json(signature_report),
                    old.id,
                    old.supplement_id,
                    stamp,
                ),
            )
            new_id = int(cursor.lastrowid)
            db.execute("UPDATE dossier_files SET active = 0 WHERE id = ?", (old.id,))
            self._touch(db, old.dossier_id, stamp)
            append_event(
                db,
                old.dossier_id,
                actor=actor,
                kind="file_signed",
                data={
                    "file_id": new_id,
                    "source_file_id": old.id,
                    "component_code": old.component_code,
                    "sha256": info.sha256,
                },
                at=stamp,
            )
            return self._file(db, new_id)

    def remove_file(
        self,
        dossier_id: str,
        file_id: int,
        *,
        actor: str = "clerk",
        supplement_id: int | None = None,
    ) -> None:
        """Detach a file (and the unsigned original it was made from).

        A file of a supplement answer (``supplement_id``) may go while the dossier itself
        is locked; whether the answer is still open is the caller's check."""
        with self.store.write() as db:
            if supplement_id is None:
                check_editable(self._state(db, dossier_id))
            target = self._file(db, file_id)
            if target.dossier_id != dossier_id or target.supplement_id != supplement_id:
                raise UserError("dossier.file_not_found", file_id=file_id)
            chain = [target.id]
            source = target.source_file_id
            while source is not None:
                chain.append(source)
                source = self._file(db, source).source_file_id
            # The newest first, so no row is left pointing at a deleted source.
            for fid in chain:
                db.execute("DELETE FROM dossier_files WHERE id = ?", (fid,))
            self._touch(db, dossier_id, now_iso())
            data: dict[str, Any] = {"file_id": file_id, "component_code": target.component_code}
            if supplement_id is not None:
                data["supplement_id"] = supplement_id
            append_event(db, dossier_id, actor=actor, kind="file_removed", data=data)

    def delete_draft(self, dossier_id: str, *, actor: str = "clerk") -> None:
        """Discard a dossier that never left this PC. Its history stays in the event log."""
        with self.store.write() as db:
            state = self._state(db, dossier_id)
            check_editable(state)
            db.execute(
                "UPDATE dossier_files SET source_file_id = NULL WHERE dossier_id = ?",
                (dossier_id,),
            )
            db.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
            append_event(db, dossier_id, actor=actor, kind="deleted", from_state=state)

    # -- moving --------------------------------------------------------------------
    def transition(
        self,
        dossier_id: str,
        target: State | str,
        *,
        actor: str,
        reason: str | None = None,
        expect: State | str | None = None,
        fields: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
    ) -> Dossier:
        """Move a dossier to ``target`` and log it, in one transaction.

        ``expect`` guards against a race: if the dossier is no longer in that state
        (another window or process moved it), nothing changes and
        ``dossier.changed_meanwhile`` is raised. ``fields`` may set portal columns.
        """
        target = State(target)
        with self.store.write() as db:
            current = State(self._state(db, dossier_id))
            if expect is not None and current != State(expect):
                raise UserError("dossier.changed_meanwhile", label=state_label(current))
            check_transition(current, target)
            changes = self._portal_changes(fields)
            changes["state"] = target.value
            changes["updated_at"] = now_iso()
            self._update_row(db, dossier_id, changes)
            append_event(
                db,
                dossier_id,
                actor=actor,
                kind="state",
                from_state=current.value,
                to_state=target.value,
                reason=reason,
                data=data,
                at=changes["updated_at"],
            )
            return self.get(dossier_id, db)

    def take_back(self, dossier_id: str, *, actor: str = "clerk") -> Dossier:
        """Take a dossier out of the outbox, back to ``ready``, if nothing was sent yet."""
        with self.store.write():
            dossier = self.get(dossier_id)
            if dossier.state in TAKE_BACK_FROM and dossier.first_sent_at:
                raise UserError("dossier.already_sent", at=dossier.first_sent_at)
            return self.transition(
                dossier_id, State.READY, actor=actor, reason="taken_back", expect=dossier.state
            )

    def mark_first_sent(self, dossier_id: str) -> str:
        """Commit that sending starts now (before the first request leaves); idempotent."""
        with self.store.write() as db:
            row = db.execute(
                "SELECT first_sent_at FROM dossiers WHERE id = ?", (dossier_id,)
            ).fetchone()
            if row is None:
                raise UserError("dossier.not_found", dossier_id=dossier_id)
            if row[0]:
                return row[0]
            stamp = now_iso()
            db.execute("UPDATE dossiers SET first_sent_at = ? WHERE id = ?", (stamp, dossier_id))
            return stamp

    def update_portal(
        self,
        dossier_id: str,
        fields: dict[str, Any],
        *,
        actor: str = "sync",
        event: dict[str, Any] | None = None,
    ) -> Dossier:
        """Record what the portal says about a dossier (allowed in any state)."""
        with self.store.write() as db:
            self._state(db, dossier_id)
            changes = self._portal_changes(fields)
            changes["updated_at"] = now_iso()
            self._update_row(db, dossier_id, changes)
            if event is not None:
                append_event(db, dossier_id, actor=actor, **event)
            return self.get(dossier_id, db)

    def record_upload_targets(
        self, dossier_id: str, targets: dict[int, tuple[str, str, int]]
    ) -> None:
        """Remember where each file goes: ``{file id: (portal file id, url, offset)}``."""
        with self.store.write() as db:
            for file_id, (portal_file_id, url, offset) in targets.items():
                db.execute(
                    "UPDATE dossier_files SET portal_file_id = ?, upload_url = ?,"
                    " uploaded_bytes = ? WHERE id = ? AND dossier_id = ?",
                    (portal_file_id, url, offset, file_id, dossier_id),
                )

    def set_uploaded(self, file_id: int, offset: int) -> None:
        """The portal confirmed ``offset`` bytes of this file (saved after every chunk)."""
        with self.store.write() as db:
            db.execute(
                "UPDATE dossier_files SET uploaded_bytes = ? WHERE id = ?", (offset, file_id)
            )

    # -- helpers -------------------------------------------------------------------
    def _check_editable_now(self, dossier_id: str, supplement_id: int | None) -> None:
        state = self._state(self.store.db, dossier_id)
        if supplement_id is None:
            check_editable(state)

    @staticmethod
    def _state(db: sqlite_utils.Database, dossier_id: str) -> str:
        row = db.execute("SELECT state FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise UserError("dossier.not_found", dossier_id=dossier_id)
        return row[0]

    def _register_blob(self, db: sqlite_utils.Database, info: BlobInfo, stamp: str) -> None:
        if not self.store.blobs.exists(info.sha256):
            raise UserError("storage.blob_missing", sha256=info.sha256)
        record_blob(db, info, stamp)

    @staticmethod
    def _file(db: sqlite_utils.Database, file_id: int) -> DossierFile:
        row = db.execute(
            f"SELECT {_FILE_COLUMNS} FROM dossier_files WHERE id = ?", (file_id,)
        ).fetchone()
        if row is None:
            raise UserError("dossier.file_not_found", file_id=file_id)
        return _file_from_row(row)

    @staticmethod
    def _portal_changes(fields: dict[str, Any] | None) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for key, value in (fields or {}).items():
            if key not in PORTAL_FIELDS:
                raise ValueError(f"not a portal field: {key}")
            changes[key] = _json(value) if key == "last_error" and value is not None else value
        return changes

    @staticmethod
    def _update_row(db: sqlite_utils.Database, dossier_id: str, changes: dict[str, Any]) -> None:
        columns = ", ".join(f"{name} = ?" for name in changes)
        db.execute(f"UPDATE dossiers SET {columns} WHERE id = ?", (*changes.values(), dossier_id))

    @staticmethod
    def _touch(db: sqlite_utils.Database, dossier_id: str, stamp: str) -> None:
        db.execute("UPDATE dossiers SET updated_at = ? WHERE id = ?", (stamp, dossier_id))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
