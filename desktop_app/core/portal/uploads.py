"""Resumable uploads: tus 1.0.0 core with the checksum extension (portal-api.md).

``HEAD`` tells where the portal is; chunks follow with ``PATCH``, each with its SHA-256.
The file streams from the blob store chunk by chunk, so memory stays constant whatever
the size. After a dropped connection, a timeout, a 5xx or a 429 on a chunk, the uploader
waits as the client's retry policy says (``Retry-After`` first), asks ``HEAD`` again and
sends from there: at most the chunk in flight is sent twice.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import requests

from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import (
    Cancelled,
    NetworkError,
    PortalError,
    Refused,
    ServerError,
    from_response,
)
from desktop_app.core.portal.session import parse_retry_after

TUS_VERSION = "1.0.0"
MAX_CHUNK = 16 * 1024 * 1024
DEFAULT_CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class UploadTarget:
    upload_url: str
    size: int
    file_name: str


class TusUploader:
    """Sends one file to its upload URL, resuming from wherever the portal is."""

    def __init__(
        self,
        client: PortalClient,
        chunk_size: int | None = None,
        max_chunk_retries: int = 3,
    ) -> None:
        chunk_size = chunk_size or DEFAULT_CHUNK
        if not 0 < chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk size must be 1..{MAX_CHUNK}")
        self.client = client
        self.chunk_size = chunk_size
        self.max_chunk_retries = max_chunk_retries

    def offset(self, target: UploadTarget) -> int:
        response = self.client.request(
            "HEAD", target.upload_url, headers={"Tus-Resumable": TUS_VERSION}, ok=(200, 204)
        )
        value = response.headers.get("Upload-Offset", "")
        if not value.isdigit():
            raise ServerError("portal.nonsense", detail="HEAD without Upload-Offset")
        return int(value)

    def upload(
        self,
        target: UploadTarget,
        open_source: Callable[[], BinaryIO],
        *,
        on_offset: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        check_source: Callable[[], None] | None = None,
    ) -> None:
        """Send the file; ``on_offset(n)`` after every chunk the portal has confirmed.

        ``open_source()`` returns a context manager yielding a seekable reader of the
        file's bytes. ``check_source()`` is called when the portal finds the whole file's
        hash wrong: it raises when the local copy itself is damaged, so that it is not
        sent again for nothing.
        """
        cancelled = cancelled or (lambda: False)
        offset = self.offset(target)
        if on_offset is not None:
            on_offset(offset)
        if offset >= target.size:
            return
        restarts = 0
        with open_source() as source:
            source.seek(offset)
            failures = 0
            dropped = 0
            while offset < target.size:
                if cancelled():
                    raise Cancelled()
                chunk = source.read(min(self.chunk_size, target.size - offset))
                if not chunk:
                    raise ServerError("portal.nonsense", detail="file shorter than declared")
                try:
                    offset = self._patch(target, offset, chunk)
                    failures = 0
                    dropped = 0
                except _OffsetMoved:
                    offset = self.offset(target)
                    source.seek(offset)
                    continue
                except _ChunkDamaged:
                    failures += 1
                    if failures > self.max_chunk_retries:
                        raise ServerError("portal.nonsense", detail="chunk checksum") from None
                    source.seek(offset)
                    continue
                except Refused as error:
                    if error.code == "file_hash_mismatch" and check_source is not None:
                        check_source()
                    if error.code == "file_hash_mismatch" and restarts == 0:
                        restarts += 1  # the portal reset to 0: send once more from the start
                        offset = 0
                        source.seek(0)
                        continue
                    raise
                except (NetworkError, ServerError) as error:
                    # A dropped connection, a timeout, a 5xx or a 429 on a chunk: wait as
                    # the retry policy says (Retry-After first), ask HEAD where the portal
                    # is (the chunk may have arrived) and go on from there.
                    dropped += 1
                    if dropped >= self.client.policy.attempts:
                        raise
                    self.client._wait(dropped, error.retry_after)
                    offset = self.offset(target)
                    source.seek(offset)
                    if on_offset is not None:
                        on_offset(offset)
                    continue
                if on_offset is not None:
                    on_offset(offset)

    def _patch(self, target: UploadTarget, offset: int, chunk: bytes) -> int:
        checksum = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
        headers = {
            "Tus-Resumable": TUS_VERSION,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
            "Upload-Checksum": f"sha256 {checksum}",
        }
        try:
            response = self.client.request(
                "PATCH",
                target.upload_url,
                data=chunk,
                headers=headers,
                timeout=self.client.timeouts.upload_chunk,
                retry=False,  # resuming needs a HEAD first; the caller's loop does that
                ok=(204,),
            )
        except PortalError as error:
            if error.status == 409:
                raise _OffsetMoved() from error
            if error.status == 460:
                raise _ChunkDamaged() from error
            raise
        new_offset = response.headers.get("Upload-Offset", "")
        if not new_offset.isdigit():
            raise ServerError("portal.nonsense", detail="PATCH without Upload-Offset")
        return int(new_offset)


class _OffsetMoved(Exception):
    pass


class _ChunkDamaged(Exception):
    pass


def error_of(response: requests.Response) -> PortalError:
    """Turn a raw tus response into the portal error it means (for tests and tools)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    return from_response(
        response.status_code, body, parse_retry_after(response.headers.get("Retry-After"))
    )


__all__ = ["DEFAULT_CHUNK", "MAX_CHUNK", "NetworkError", "TusUploader", "UploadTarget"]
