"""Resumable uploads: tus 1.0.0 core with the checksum extension (sha256), per-chunk
checksums and the whole-file hash check, in the exact order of portal-api.md."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from sandbox_portal import dossier_store as store
from sandbox_portal.auth import CurrentAccount
from sandbox_portal.errors import PortalError, documented
from sandbox_portal.routing import PortalRoute

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

router = APIRouter(route_class=PortalRoute, tags=["uploads"])

TUS_VERSION = "1.0.0"
OFFSET_STREAM = "application/offset+octet-stream"
_TUS = {"Tus-Resumable": TUS_VERSION}


def _error(status: int, code: str, at: int | None = None, **details: Any) -> PortalError:
    headers = dict(_TUS)
    if at is not None:
        headers["Upload-Offset"] = str(at)
    return PortalError(status, code, details=details or None, headers=headers)


def _find(portal: Portal, file_id: str, account_id: int) -> dict[str, Any]:
    with portal.db.tx() as conn:
        row = conn.execute(
            "SELECT * FROM uploads WHERE file_id=? AND account_id=?", (file_id, account_id)
        ).fetchone()
    if row is None:
        raise PortalError(404, "not_found", "Không tìm thấy tệp tải lên.", headers=dict(_TUS))
    return dict(row)


@router.head(
    "/uploads/{file_id}",
    responses={
        200: {"description": "Upload-Offset, Upload-Length, Tus-Resumable"},
        **documented(401, 404, 429),
    },
    summary="Vị trí tải lên hiện tại (tus)",
)
def upload_offset(file_id: str, request: Request, account: CurrentAccount) -> Response:
    """Where the upload stands: ``Upload-Offset`` and ``Upload-Length``."""
    row = _find(request.app.state.portal, file_id, account["id"])
    return Response(
        status_code=200,
        headers={
            **_TUS,
            "Upload-Offset": str(row["offset"]),
            "Upload-Length": str(row["size"]),
            "Cache-Control": "no-store",
        },
    )


@router.options("/uploads/{file_id}", include_in_schema=False)
def upload_options(file_id: str) -> Response:
    """tus discovery: version, extensions and checksum algorithm."""
    return Response(
        status_code=204,
        headers={
            **_TUS,
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": "checksum",
            "Tus-Checksum-Algorithm": "sha256",
            "Tus-Max-Size": str(2**31),
        },
    )


def _parse_checksum(header: str | None) -> bytes:
    if not header or not header.strip():
        raise _error(400, "checksum_required")
    algorithm, _, value = header.strip().partition(" ")
    if algorithm.lower() != "sha256":
        raise _error(400, "checksum_required", algorithm=algorithm)
    try:
        digest = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise _error(400, "checksum_required") from None
    if len(digest) != 32:
        raise _error(400, "checksum_required")
    return digest


@router.patch(
    "/uploads/{file_id}",
    status_code=204,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {OFFSET_STREAM: {"schema": {"type": "string", "format": "binary"}}},
        },
        "parameters": [
            {
                "name": "Tus-Resumable",
                "in": "header",
                "required": True,
                "schema": {"type": "string", "enum": [TUS_VERSION]},
            },
            {
                "name": "Upload-Offset",
                "in": "header",
                "required": True,
                "schema": {"type": "integer", "minimum": 0},
            },
            {
                "name": "Upload-Checksum",
                "in": "header",
                "required": True,
                "schema": {"type": "string"},
                "description": "sha256 <base64 of the chunk's SHA-256>",
            },
        ],
    },
    responses={
        204: {"description": "Chunk stored; Upload-Offset is the new offset"},
        **documented(400, 401, 404, 409, 412, 413, 415, 422, 429, 460),
    },
    summary="Gửi một phần tệp (tus)",
)
async def upload_chunk(file_id: str, request: Request, account: CurrentAccount) -> Response:
    """Append a chunk at ``Upload-Offset``; the whole file is hashed once complete."""
    portal: Portal = request.app.state.portal
    headers = request.headers
    if headers.get("Tus-Resumable") != TUS_VERSION:
        raise PortalError(412, "unsupported_tus_version", headers={"Tus-Version": TUS_VERSION})
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type != OFFSET_STREAM:
        raise _error(415, "unsupported_media_type")
    expected = _parse_checksum(headers.get("Upload-Checksum"))
    limit = portal.config.max_chunk_bytes
    chunks = []
    received = 0
    async for part in request.stream():
        received += len(part)
        if received > limit:
            raise _error(413, "chunk_too_large", limit=limit)
        chunks.append(part)
    chunk = b"".join(chunks)
    return await run_in_threadpool(
        _store_chunk,
        portal,
        file_id,
        account["id"],
        headers.get("Upload-Offset"),
        chunk,
        expected,
    )


def _store_chunk(
    portal: Portal,
    file_id: str,
    account_id: int,
    offset_header: str | None,
    chunk: bytes,
    expected: bytes,
) -> Response:
    with portal.upload_lock(file_id):
        row = _find(portal, file_id, account_id)
        size, offset = int(row["size"]), int(row["offset"])
        if offset >= size:
            return Response(status_code=204, headers={**_TUS, "Upload-Offset": str(size)})
        try:
            client_offset = int(offset_header or "")
        except ValueError:
            client_offset = -1
        if client_offset != offset:
            raise _error(409, "offset_mismatch", offset, offset=offset)
        if offset + len(chunk) > size:
            raise _error(413, "upload_exceeds_length", offset, size=size)
        if hashlib.sha256(chunk).digest() != expected:
            raise _error(460, "checksum_mismatch", offset)
        path = portal.folders.uploads / file_id
        with open(path, "r+b" if path.exists() else "w+b") as handle:
            handle.seek(offset)
            handle.write(chunk)
            handle.truncate(offset + len(chunk))
        new_offset = offset + len(chunk)
        if new_offset < size:
            with portal.db.tx() as conn:
                conn.execute("UPDATE uploads SET offset=? WHERE file_id=?", (new_offset, file_id))
            return Response(status_code=204, headers={**_TUS, "Upload-Offset": str(new_offset)})
        if _sha256_file(path) != row["sha256"]:
            with open(path, "r+b") as handle:
                handle.truncate(0)
            with portal.db.tx() as conn:
                conn.execute("UPDATE uploads SET offset=0 WHERE file_id=?", (file_id,))
            raise _error(422, "file_hash_mismatch", 0, expected=row["sha256"])
        with portal.db.tx() as conn:
            conn.execute("UPDATE uploads SET offset=? WHERE file_id=?", (size, file_id))
            store.touch(portal, conn, row["dossier_id"])
        return Response(status_code=204, headers={**_TUS, "Upload-Offset": str(size)})


def _sha256_file(path: Any) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
