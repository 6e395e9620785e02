"""Sign the files of dossiers that their procedure requires signed, and turn scans into PDFs.

No Qt here: the window and (later) ``dossier-desk sign --dossier`` share it. One key
session signs the whole batch (one PIN); each signed PDF is validated, stored as a new
blob and replaces its unsigned original (which is kept, inactive), then the dossier's
readiness is refreshed. A failure on one file does not stop the others.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import signing
from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import DossierFile
from desktop_app.core.queueing import refresh_readiness
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from signing import BatchProgress, KeySession, SignOptions

PDF = "application/pdf"
SCAN_TYPES = ("image/png", "image/jpeg")


@dataclass(frozen=True)
class FileToSign:
    """A file of a dossier whose component must be signed and that is not signed yet."""

    dossier_id: str
    file_id: int
    component_code: str
    component_name: str
    original_name: str
    blob_sha256: str


@dataclass(frozen=True)
class SignedFile:
    """What happened to one :class:`FileToSign`."""

    item: FileToSign
    ok: bool
    new_file: DossierFile | None = None
    problem: signing.Problem | None = None


def _work_root(store: Store) -> Path:
    """Scratch space beside the profile's data (same disk, so blobs move cheaply)."""
    root = Path(store.profile) / "work"
    root.mkdir(parents=True, exist_ok=True)
    return root


def files_to_sign(store: Store, dossier_ids: Sequence[str]) -> list[FileToSign]:
    """The unsigned PDFs of editable dossiers whose component requires a signature."""
    repo = DossierRepository(store)
    catalog = CatalogCache(store)
    found: list[FileToSign] = []
    for dossier_id in dossier_ids:
        dossier = repo.get(dossier_id)
        if not dossier.editable:
            continue
        procedure = catalog.get(dossier.procedure_code)
        if procedure is None:
            continue
        for f in dossier.active_files():
            component = procedure.component(f.component_code)
            if (
                component is not None
                and component.signature_required
                and not f.signed
                and f.content_type == PDF
            ):
                found.append(
                    FileToSign(
                        dossier_id,
                        f.id,
                        component.code,
                        component.name,
                        f.original_name,
                        f.blob_sha256,
                    )
                )
    return found


def supplement_files_to_sign(store: Store, supplement_id: int) -> list[FileToSign]:
    """The unsigned PDFs attached to answer a supplement request, whose component must be
    signed (the dossier itself is locked; its supplement files are not)."""
    repo = DossierRepository(store)
    row = store.db.execute(
        "SELECT dossier_id FROM supplements WHERE id = ?", (supplement_id,)
    ).fetchone()
    if row is None:
        return []
    dossier = repo.get(row[0])
    procedure = CatalogCache(store).get(dossier.procedure_code)
    found: list[FileToSign] = []
    for f in dossier.files:
        component = procedure.component(f.component_code) if procedure else None
        if (
            f.active
            and f.supplement_id == supplement_id
            and component is not None
            and component.signature_required
            and not f.signed
            and f.content_type == PDF
        ):
            found.append(
                FileToSign(
                    dossier.id, f.id, component.code, component.name, f.original_name,
                    f.blob_sha256,
                )
            )  # fmt: skip
    return found


def sign_files(
    store: Store,
    items: Sequence[FileToSign],
    session: KeySession,
    options: SignOptions,
    *,
    validate: Callable[[Path], dict[str, Any]],
    progress: Callable[[int, int, FileToSign], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[SignedFile]:
    """Sign ``items`` with ``session`` (the certificate is checked once, before any file;
    a refused certificate raises :class:`signing.SigningError` and nothing changes)."""
    repo = DossierRepository(store)
    work = Path(tempfile.mkdtemp(prefix="signing-", dir=_work_root(store)))
    try:
        pairs = [
            (store.blobs.path(item.blob_sha256), work / f"{n}.pdf") for n, item in enumerate(items)
        ]

        def report(step: BatchProgress) -> None:
            if progress is not None:
                progress(step.done, step.total, items[step.done - 1])

        results = signing.sign_batch(pairs, session, options, progress=report, cancel=cancel)
        outcomes: list[SignedFile] = []
        for item, result in zip(items, results, strict=True):
            if not result.ok or result.output is None:
                outcomes.append(SignedFile(item, False, problem=result.problem))
                continue
            report_dict = validate(result.output)
            info = store.blobs.put_file(result.output)
            new_file = repo.add_signed_version(item.file_id, info, report_dict)
            outcomes.append(SignedFile(item, True, new_file=new_file))
        for dossier_id in dict.fromkeys(item.dossier_id for item in items):
            refresh_readiness(store, dossier_id)
        return outcomes
    finally:
        shutil.rmtree(work, ignore_errors=True)


def attach_scans(
    store: Store,
    dossier_id: str,
    component_code: str,
    images: Sequence[Path],
    *,
    name: str | None = None,
) -> DossierFile:
    """Scans (PNG/JPEG) of one component become one PDF (a page each, losslessly), which
    is attached; the originals are not kept."""
    work = Path(tempfile.mkdtemp(prefix="scan-", dir=_work_root(store)))
    try:
        first = Path(images[0])
        pdf = signing.images_to_pdf([Path(p) for p in images], work / (first.stem + ".pdf"))
        return DossierRepository(store).attach(
            dossier_id,
            component_code,
            pdf,
            original_name=name or (first.stem + ".pdf"),
            content_type=PDF,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
