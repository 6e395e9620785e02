"""``/dossiers/{id}/supplements``: answer a supplement request with files, then submit it."""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from sandbox_portal import clock
from sandbox_portal import dossier_store as store
from sandbox_portal.auth import CurrentAccount
from sandbox_portal.dossier_checks import completeness_problems, file_problems
from sandbox_portal.dossiers import (
    IdempotencyKey,
    insert_uploads,
    origin_of,
    portal_of,
    respond,
)
from sandbox_portal.errors import PortalError, documented
from sandbox_portal.routing import PortalRoute, idempotent, invalid_as
from sandbox_portal.schemas import Dossier, SupplementCreated, SupplementIn
from sandbox_portal.text import nfc

router = APIRouter(route_class=PortalRoute, tags=["supplements"])


def _open_request(row: Any) -> dict[str, Any]:
    if row["status"] != 5 or not row["supplement_request"]:
        raise PortalError(
            409,
            "invalid_transition",
            "Hồ sơ không có yêu cầu bổ sung nào.",
            {"status": row["status"]},
        )
    return json.loads(row["supplement_request"])


@router.post(
    "/dossiers/{dossier_id}/supplements",
    status_code=201,
    response_model=SupplementCreated,
    responses=documented(400, 401, 404, 409, 422, 429),
    summary="Gửi hồ sơ bổ sung",
)
@idempotent
@invalid_as("invalid_dossier")
def create_supplement(
    dossier_id: str,
    body: SupplementIn,
    request: Request,
    account: CurrentAccount,
    _key: IdempotencyKey,
) -> Response:
    """Declare the files that answer the open supplement request."""
    portal = portal_of(request)
    with portal.db.tx() as conn:
        row = store.find_owned(conn, dossier_id, account["id"])
        supplement_request = _open_request(row)
        if body.request_id != supplement_request["id"]:
            raise PortalError(
                409,
                "invalid_transition",
                "Yêu cầu bổ sung này không còn hiệu lực.",
                {"request_id": supplement_request["id"]},
            )
        proc = portal.catalogue.get(row["procedure_code"]) or {"components": []}
        problems = file_problems(proc, body.files, set(supplement_request["component_codes"]))
        if problems:
            raise PortalError(422, "invalid_dossier", details={"problems": problems})
        supplement_id = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO supplements (id, dossier_id, request_id, note, state, created_at) "
            "VALUES (?, ?, ?, ?, 'open', ?)",
            (supplement_id, dossier_id, body.request_id, body.note and nfc(body.note), clock.now()),
        )
        insert_uploads(conn, dossier_id, account["id"], body.files, supplement_id)
        store.touch(portal, conn, dossier_id)
        uploads = [
            store.upload_dict(u)
            for u in conn.execute(
                "SELECT * FROM uploads WHERE supplement_id=? ORDER BY position", (supplement_id,)
            )
        ]
    return respond(SupplementCreated, {"id": supplement_id, "uploads": uploads}, 201)


@router.post(
    "/dossiers/{dossier_id}/supplements/{supplement_id}/submit",
    response_model=Dossier,
    responses=documented(400, 401, 404, 409, 422, 429),
    summary="Nộp hồ sơ bổ sung",
)
@idempotent
def submit_supplement(
    dossier_id: str,
    supplement_id: str,
    request: Request,
    account: CurrentAccount,
    _key: IdempotencyKey,
) -> dict[str, Any]:
    """Check the supplement's files like submit does, then back to status 4."""
    portal = portal_of(request)
    with portal.dossier_lock(dossier_id):
        with portal.db.tx() as conn:
            row = store.find_owned(conn, dossier_id, account["id"])
            supplement = conn.execute(
                "SELECT * FROM supplements WHERE id=? AND dossier_id=?", (supplement_id, dossier_id)
            ).fetchone()
            if supplement is None:
                raise PortalError(404, "not_found", "Không tìm thấy hồ sơ bổ sung.")
            supplement_request = _open_request(row)
            if (
                supplement["state"] != "open"
                or supplement["request_id"] != supplement_request["id"]
            ):
                raise PortalError(
                    409, "invalid_transition", "Hồ sơ bổ sung này không còn hiệu lực."
                )
            uploads = conn.execute(
                "SELECT * FROM uploads WHERE supplement_id=? ORDER BY position", (supplement_id,)
            ).fetchall()
        proc = portal.catalogue.get(row["procedure_code"]) or {"components": []}
        problems = completeness_problems(
            proc, uploads, portal.folders.uploads, set(supplement_request["component_codes"])
        )
        if problems:
            raise PortalError(422, "incomplete_dossier", details={"problems": problems})
        with portal.db.tx() as conn:
            row = store.find_owned(conn, dossier_id, account["id"])
            if row["status"] != 5:
                raise PortalError(409, "invalid_transition", details={"status": row["status"]})
            conn.execute("UPDATE supplements SET state='submitted' WHERE id=?", (supplement_id,))
            conn.execute(
                "UPDATE dossiers SET status=4, supplement_request=NULL WHERE id=?", (dossier_id,)
            )
            store.add_history(
                conn,
                dossier_id,
                4,
                "Nộp hồ sơ bổ sung",
                account["full_name"],
                "Cổng Dịch vụ công tỉnh (sandbox)",
                supplement["note"],
            )
            store.touch(portal, conn, dossier_id)
            return store.load(portal, conn, dossier_id, origin_of(request))
