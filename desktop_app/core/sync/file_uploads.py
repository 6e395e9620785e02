"""Files going to the portal, for a dossier or a supplement answer: where each one goes
(the ``uploads`` of the portal's answer) and sending them with tus, resuming."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from desktop_app.core.dossier import DossierFile
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import Refused, ServerError
from desktop_app.core.portal.uploads import TusUploader, UploadTarget
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository


def open_blob(store: Store, sha256: str) -> BinaryIO:
    """A blob's bytes for an upload: a plain reader. Every byte is hashed once, for its
    chunk's checksum, and the portal checks the whole file's hash; seeking to resume is
    free. A missing blob needs a person: the dossier is refused, with why."""
    try:
        return open(store.blobs.path(sha256), "rb")  # the uploader closes it
    except FileNotFoundError:
        raise Refused("storage.blob_missing", code="blob_missing", sha256=sha256) from None


def check_blob(store: Store, sha256: str) -> None:
    """After the portal found a file's hash wrong: is it our copy that is damaged?"""
    if not store.blobs.verify(sha256):
        raise Refused("storage.blob_corrupt", code="blob_corrupt", sha256=sha256)


def upload_targets(
    files: Sequence[DossierFile], names: dict[int, str], uploads: Sequence[dict[str, Any]]
) -> dict[int, tuple[str, str, int]]:
    """``{file id: (portal file id, upload URL, offset)}`` from the portal's ``uploads``,
    matched by component and the name each file was sent under."""
    by_name = {(u["component_code"], u["file_name"]): u for u in uploads}
    targets = {}
    for f in files:
        upload = by_name.get((f.component_code, names[f.id]))
        if upload is None:
            raise ServerError("portal.nonsense", detail="an upload is missing")
        targets[f.id] = (upload["file_id"], upload["upload_url"], int(upload["offset"]))
    return targets


def upload_files(
    store: Store,
    client: PortalClient,
    files: Sequence[DossierFile],
    *,
    chunk_size: int | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Send every file to its recorded upload URL, saving the confirmed offset after each
    chunk; ``on_progress(done, total)`` in bytes."""
    repo = DossierRepository(store)
    uploader = TusUploader(client, chunk_size)
    total = sum(f.size for f in files)
    done = {f.id: f.uploaded_bytes for f in files}
    for f in files:
        if f.upload_url is None:
            raise ServerError("portal.nonsense", detail="no upload URL")

        def on_offset(offset: int, file_id: int = f.id) -> None:
            repo.set_uploaded(file_id, offset)
            done[file_id] = offset
            if on_progress is not None:
                on_progress(sum(done.values()), total)

        uploader.upload(
            UploadTarget(f.upload_url, f.size, f.original_name),
            lambda sha=f.blob_sha256: open_blob(store, sha),
            on_offset=on_offset,
            cancelled=cancelled,
            check_source=lambda sha=f.blob_sha256: check_blob(store, sha),
        )
