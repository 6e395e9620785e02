"""``/dossiers``: create or repair a draft, submit, follow, list changes, withdraw, results."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel
from starlette.responses import JSONResponse, Response

from sandbox_portal import clock, cursors
from sandbox_portal import dossier_store as store
from sandbox_portal.auth import CurrentAccount
from sandbox_portal.dossier_checks import completeness_problems, creation_problems, problem
from sandbox_portal.errors import PortalError, documented
from sandbox_portal.payments_core import expire_due
from sandbox_portal.routing import PortalRoute, idempotent, invalid_as
from sandbox_portal.schemas import Dossier, DossierIn, DossierPage, WithdrawIn
from sandbox_portal.text import nfc, nfc_deep

if TYPE_CHECKING:
    import sqlite3

    from sandbox_portal.portal import Portal

router = APIRouter(route_class=PortalRoute, tags=["dossiers"])

IdempotencyKey = Annotated[
    uuid.UUID, Header(alias="Idempotency-Key", description="UUID; see Idempotency")
]


def portal_of(request: Request) -> Portal:
    return request.app.state.portal


def origin_of(request: Request) -> str:
    """The public origin the client used (for absolute links such as ``pay_url``)."""
    return f"{request.url.scheme}://{request.url.netloc}"


def respond(model: type[BaseModel], data: dict[str, Any], status: int = 200) -> JSONResponse:
    """A JSON response checked against its model."""
    return JSONResponse(model.model_validate(data).model_dump(mode="json"), status_code=status)


def insert_uploads(
    conn: sqlite3.Connection,
    dossier_id: str,
    account_id: int,
    files: list[Any],
    supplement_id: str | None = None,
    keep: dict[tuple[str, int], sqlite3.Row] | None = None,
) -> None:
    """Record the declared files; a file whose hash and size are kept reuses its upload."""
    keep = dict(keep or {})
    for position, item in enumerate(files):
        reused = keep.pop((item.sha256.lower(), item.size), None)
        if reused is not None:
            conn.execute(
                "UPDATE uploads SET position=?, component_code=?, file_name=?, content_type=? "
                "WHERE file_id=?",
                (
                    position,
                    item.component_code,
                    nfc(item.file_name),
                    item.content_type,
                    reused["file_id"],
                ),
            )
            continue
        conn.execute(
            "INSERT INTO uploads (file_id, dossier_id, supplement_id, account_id, position, "
            "component_code, file_name, content_type, size, sha256, offset) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (
                str(uuid.uuid4()),
                dossier_id,
                supplement_id,
                account_id,
                position,
                item.component_code,
                nfc(item.file_name),
                item.content_type,
                item.size,
                item.sha256.lower(),
            ),
        )


@router.post(
    "/dossiers",
    status_code=201,
    response_model=Dossier,
    responses={
        200: {"model": Dossier, "description": "Bản nháp được thay thế"},
        **documented(400, 401, 409, 422, 429),
    },
    summary="Tạo hồ sơ (bản nháp trên cổng)",
)
@idempotent
@invalid_as("invalid_dossier")
def create_dossier(
    body: DossierIn, request: Request, account: CurrentAccount, _key: IdempotencyKey
) -> Response:
    """Create a portal-side draft (status 0), or replace the draft of the same ``client_id``."""
    portal = portal_of(request)
    proc = portal.catalogue.get(body.procedure_code)
    problems = creation_problems(proc, body)
    if proc is not None and body.procedure_version > proc["version"]:
        problems.append(
            problem(
                "procedure_version_unknown",
                "Phiên bản thủ tục mới hơn phiên bản của cổng.",
                field="procedure_version",
            )
        )
    if problems:
        raise PortalError(422, "invalid_dossier", details={"problems": problems})
    assert proc is not None
    if body.procedure_version < proc["version"] and portal.catalogue.components_changed_since(
        proc["code"], body.procedure_version
    ):
        raise PortalError(409, "procedure_outdated", details={"procedure": proc})
    request_json = json.dumps(
        nfc_deep(
            {
                "applicant": body.applicant.model_dump(),
                "summary": body.summary,
                "delivery": body.delivery.model_dump(),
            }
        ),
        ensure_ascii=False,
    )
    origin = origin_of(request)
    with portal.db.tx() as conn:
        existing = conn.execute(
            "SELECT * FROM dossiers WHERE account_id=? AND client_id=?",
            (account["id"], body.client_id),
        ).fetchone()
        if existing is not None and existing["status"] != 0:
            current = store.dossier_dict(portal, conn, existing, origin)
            raise PortalError(409, "dossier_exists", details={"dossier": current})
        if existing is not None:
            dossier_id = existing["id"]
            old = conn.execute(
                "SELECT * FROM uploads WHERE dossier_id=? AND supplement_id IS NULL", (dossier_id,)
            ).fetchall()
            keep = {(u["sha256"], int(u["size"])): u for u in old}
            wanted = {(f.sha256.lower(), f.size) for f in body.files}
            for upload in old:
                if (upload["sha256"], int(upload["size"])) not in wanted:
                    conn.execute("DELETE FROM uploads WHERE file_id=?", (upload["file_id"],))
                    (portal.folders.uploads / upload["file_id"]).unlink(missing_ok=True)
            conn.execute(
                "UPDATE dossiers SET procedure_code=?, procedure_version=?, request=? WHERE id=?",
                (body.procedure_code, body.procedure_version, request_json, dossier_id),
            )
            insert_uploads(
                conn,
                dossier_id,
                account["id"],
                body.files,
                keep={k: v for k, v in keep.items() if k in wanted},
            )
            status = 200
        else:
            dossier_id = str(uuid.uuid4())
            now = clock.now()
            conn.execute(
                "INSERT INTO dossiers (id, account_id, client_id, procedure_code, "
                "procedure_version, request, status, change_seq, updated_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
                (
                    dossier_id,
                    account["id"],
                    body.client_id,
                    body.procedure_code,
                    body.procedure_version,
                    request_json,
                    now,
                    now,
                ),
            )
            insert_uploads(conn, dossier_id, account["id"], body.files)
            status = 201
        store.touch(portal, conn, dossier_id)
        data = store.load(portal, conn, dossier_id, origin)
    return respond(Dossier, data, status)


@router.get(
    "/dossiers",
    response_model=DossierPage,
    responses=documented(400, 401, 422, 429),
    summary="Các hồ sơ thay đổi sau con trỏ",
)
def list_changes(
    request: Request,
    account: CurrentAccount,
    changed_since: Annotated[str | None, Query(description="opaque cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """This account's dossiers changed strictly after the cursor, oldest change first."""
    portal = portal_of(request)
    expire_due(portal)
    after = (
        0
        if changed_since is None
        else cursors.decode(portal.cursor_key, account["id"], changed_since)
    )
    origin = origin_of(request)
    with portal.db.tx() as conn:
        rows = conn.execute(
            "SELECT * FROM dossiers WHERE account_id=? AND change_seq>? "
            "ORDER BY change_seq LIMIT ?",
            (account["id"], after, limit),
        ).fetchall()
        items = [store.dossier_dict(portal, conn, row, origin) for row in rows]
    if rows:
        next_cursor = cursors.encode(portal.cursor_key, account["id"], int(rows[-1]["change_seq"]))
    elif changed_since is not None:
        next_cursor = changed_since
    else:
        next_cursor = cursors.encode(portal.cursor_key, account["id"], 0)
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/dossiers/{dossier_id}",
    response_model=Dossier,
    responses=documented(401, 404, 429),
    summary="Một hồ sơ",
)
def get_dossier(dossier_id: str, request: Request, account: CurrentAccount) -> dict[str, Any]:
    """One dossier of this account; another account's is ``404 not_found``."""
    portal = portal_of(request)
    expire_due(portal)
    with portal.db.tx() as conn:
        row = store.find_owned(conn, dossier_id, account["id"])
        return store.dossier_dict(portal, conn, row, origin_of(request))


def _upload_state(conn: sqlite3.Connection, dossier_id: str) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT file_id, sha256, offset FROM uploads "
            "WHERE dossier_id=? AND supplement_id IS NULL ORDER BY file_id",
            (dossier_id,),
        ).fetchall()
    ]


@router.post(
    "/dossiers/{dossier_id}/submit",
    response_model=Dossier,
    responses=documented(400, 401, 404, 409, 422, 429),
    summary="Nộp hồ sơ",
)
@idempotent
def submit(
    dossier_id: str, request: Request, account: CurrentAccount, _key: IdempotencyKey
) -> dict[str, Any]:
    """Check completeness and signatures, then submit: status 1 with its MaHoSo."""
    portal = portal_of(request)
    with portal.dossier_lock(dossier_id):
        with portal.db.tx() as conn:
            row = store.find_owned(conn, dossier_id, account["id"])
            if row["status"] != 0:
                raise PortalError(
                    409,
                    "invalid_transition",
                    "Hồ sơ đã được nộp trước đó.",
                    {"status": row["status"]},
                )
            uploads = conn.execute(
                "SELECT * FROM uploads WHERE dossier_id=? AND supplement_id IS NULL "
                "ORDER BY position",
                (dossier_id,),
            ).fetchall()
            state = _upload_state(conn, dossier_id)
        proc = portal.catalogue.get(row["procedure_code"])
        if proc is None or proc["retired"]:
            raise PortalError(
                422,
                "invalid_dossier",
                details={
                    "problems": [
                        problem(
                            "procedure_retired",
                            "Thủ tục đã ngừng áp dụng, không nhận hồ sơ mới.",
                            field="procedure_code",
                        )
                    ]
                },
            )
        required = {c["code"] for c in proc["components"] if c["required"]}
        problems = completeness_problems(proc, uploads, portal.folders.uploads, required)
        if problems:
            raise PortalError(422, "incomplete_dossier", details={"problems": problems})
        origin = origin_of(request)
        with portal.db.tx() as conn:
            row = store.find_owned(conn, dossier_id, account["id"])
            if row["status"] != 0 or _upload_state(conn, dossier_id) != state:
                raise PortalError(
                    409,
                    "invalid_transition",
                    "Hồ sơ vừa thay đổi trong lúc kiểm tra; vui lòng nộp lại.",
                )
            now = clock.now()
            day = clock.compact_date(now)
            number = portal.db.next_counter(conn, f"mahoso:{proc['agency_code']}:{day}")
            code = f"{proc['agency_code']}-{day}-{number:05d}"
            fees = [
                {"code": f["code"], "name": f["name"], "amount_vnd": f["amount_vnd"]}
                for f in proc["fees"]
            ]
            conn.execute(
                "UPDATE dossiers SET status=1, code=?, submitted_at=?, fees=?, fees_due=? "
                "WHERE id=?",
                (
                    code,
                    now,
                    json.dumps(fees, ensure_ascii=False),
                    sum(f["amount_vnd"] for f in fees),
                    dossier_id,
                ),
            )
            store.add_history(
                conn,
                dossier_id,
                1,
                "Nộp hồ sơ trực tuyến",
                account["full_name"],
                "Cổng Dịch vụ công tỉnh (sandbox)",
            )
            store.touch(portal, conn, dossier_id)
            return store.load(portal, conn, dossier_id, origin)


@router.post(
    "/dossiers/{dossier_id}/withdraw",
    response_model=Dossier,
    responses=documented(400, 401, 404, 409, 422, 429),
    summary="Rút hồ sơ",
)
@idempotent
def withdraw(
    dossier_id: str,
    body: WithdrawIn,
    request: Request,
    account: CurrentAccount,
    _key: IdempotencyKey,
) -> dict[str, Any]:
    """Withdraw a dossier in status 1, 2, 4 or 5 (to 7)."""
    portal = portal_of(request)
    with portal.db.tx() as conn:
        row = store.find_owned(conn, dossier_id, account["id"])
        if row["status"] not in (1, 2, 4, 5):
            raise PortalError(409, "invalid_transition", details={"status": row["status"]})
        conn.execute("UPDATE dossiers SET status=7 WHERE id=?", (dossier_id,))
        store.add_history(
            conn,
            dossier_id,
            7,
            "Công dân yêu cầu rút hồ sơ",
            account["full_name"],
            "Cổng Dịch vụ công tỉnh (sandbox)",
            body.reason or None,
        )
        store.touch(portal, conn, dossier_id)
        return store.load(portal, conn, dossier_id, origin_of(request))


@router.get(
    "/dossiers/{dossier_id}/results/{result_id}",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "Tệp kết quả",
        },
        **documented(401, 404, 429),
    },
    summary="Tải tệp kết quả",
)
def download_result(
    dossier_id: str, result_id: str, request: Request, account: CurrentAccount
) -> Response:
    """A result file with ``Content-Type``, ``Content-Length`` and ``Digest``."""
    portal = portal_of(request)
    with portal.db.tx() as conn:
        store.find_owned(conn, dossier_id, account["id"])
        row = conn.execute(
            "SELECT * FROM results WHERE id=? AND dossier_id=?", (result_id, dossier_id)
        ).fetchone()
    if row is None:
        raise PortalError(404, "not_found", "Không tìm thấy tệp kết quả.")
    return file_response(portal.folders.results / row["path"], row["content_type"], row["name"])


def file_response(path: Any, content_type: str, name: str) -> Response:
    """Bytes of a stored file with the headers the contract asks for."""
    data = path.read_bytes()
    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    ascii_name = name.encode("ascii", "ignore").decode() or "file"
    return Response(
        data,
        media_type=content_type,
        headers={
            "Digest": f"sha-256={digest}",
            "Content-Disposition": f'attachment; filename="{ascii_name}"',
        },
    )
