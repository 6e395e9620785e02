"""Files the portal hands back (results, e-receipts): streamed to a temporary file, checked,
then kept in the blob store and recorded, so a dossier never points at half a download."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desktop_app.core.portal.client import PortalClient
from desktop_app.core.store import BlobInfo, Store

T = TypeVar("T")


def download_to_blob(
    client: PortalClient,
    store: Store,
    url: str,
    inspect: Callable[[Path, str], T] | None = None,
) -> tuple[BlobInfo, T | None]:
    """Download ``url`` into the blob store; ``inspect(path, sha256)`` runs on the complete
    download before it is kept (it may raise to refuse it) and its answer is returned."""
    blobs = store.blobs
    blobs.tmp.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=blobs.tmp, suffix=".download", delete=False) as sink:
        temp = Path(sink.name)
    try:
        with open(temp, "wb") as sink:
            sha256, _, _ = client.download(url, sink)
        verdict = inspect(temp, sha256) if inspect is not None else None
        return blobs.put_file(temp), verdict
    finally:
        temp.unlink(missing_ok=True)
