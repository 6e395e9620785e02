"""Everything the tracking view shows about one dossier, read on a worker (no Qt here)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.catalog import CatalogCache, Procedure
from desktop_app.core.checks import Problem
from desktop_app.core.dossier import Dossier, DossierFile
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import Event, events_of
from desktop_app.core.sync.events import EventHub
from desktop_app.core.sync.payments import PaymentRecord, Payments
from desktop_app.core.sync.supplements import Supplement, Supplements


@dataclass(frozen=True)
class Result:
    """A result the agency issued, with its validation report once downloaded."""

    id: str
    name: str
    content_type: str
    size: int
    blob_sha256: str | None
    validation: dict[str, Any] | None

    @property
    def downloaded(self) -> bool:
        return self.blob_sha256 is not None


@dataclass
class Tracking:
    dossier: Dossier
    procedure: Procedure | None
    events: list[Event]
    supplement: Supplement | None = None
    supplement_files: list[DossierFile] = field(default_factory=list)
    supplement_problems: list[Problem] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    payments: list[PaymentRecord] = field(default_factory=list)


def load_tracking(store: Store, dossier_id: str) -> Tracking:
    dossier = DossierRepository(store).get(dossier_id)
    catalog = CatalogCache(store)
    tracking = Tracking(
        dossier, catalog.get(dossier.procedure_code), events_of(store.db, dossier_id)
    )
    supplements = Supplements(store, None, EventHub())
    request = supplements.open_request(dossier_id)
    if request is not None:
        tracking.supplement = request
        tracking.supplement_files = supplements.files(request)
        tracking.supplement_problems = supplements.check(request, catalog)
    rows = store.db.execute(
        "SELECT id, name, content_type, size, blob_sha256, validation FROM results"
        " WHERE dossier_id = ? ORDER BY rowid",
        (dossier_id,),
    ).fetchall()
    tracking.results = [
        Result(r[0], r[1], r[2], int(r[3]), r[4], json.loads(r[5]) if r[5] else None) for r in rows
    ]
    tracking.payments = Payments(store, None, EventHub()).of(dossier_id)  # type: ignore[arg-type]
    return tracking


def copy_blob(store: Store, sha256: str, target: Path) -> Path:
    """Copy stored bytes to ``target`` (for "save as", or to open with the OS's viewer)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with store.blobs.open(sha256) as source, open(partial, "wb") as sink:
        shutil.copyfileobj(source, sink, 1024 * 1024)
    partial.replace(target)
    return target


def viewing_copy(store: Store, sha256: str, name: str) -> Path:
    """A copy under the profile's ``work/open`` folder, named so the OS knows its type."""
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in Path(name).name) or "tep"
    return copy_blob(store, sha256, Path(store.profile) / "work" / "open" / sha256[:12] / safe)
