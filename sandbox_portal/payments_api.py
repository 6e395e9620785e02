"""``/dossiers/{id}/payments``, ``/payments/{reference}`` and its e-receipt."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from sandbox_portal import payments_core
from sandbox_portal.auth import CurrentAccount
from sandbox_portal.dossiers import IdempotencyKey, file_response, origin_of, respond
from sandbox_portal.errors import PortalError, documented
from sandbox_portal.routing import PortalRoute, idempotent
from sandbox_portal.schemas import Payment

router = APIRouter(route_class=PortalRoute, tags=["payments"])


@router.post(
    "/dossiers/{dossier_id}/payments",
    status_code=201,
    response_model=Payment,
    responses={
        200: {"model": Payment, "description": "Giao dịch đang chờ được dùng lại"},
        **documented(400, 401, 404, 409, 429),
    },
    summary="Tạo (hoặc dùng lại) giao dịch thanh toán",
)
@idempotent
def create_payment(
    dossier_id: str, request: Request, account: CurrentAccount, _key: IdempotencyKey
) -> Response:
    """A new payment for what is due, or the unexpired pending one; 409 ``nothing_to_pay``."""
    status, data = payments_core.create_payment(
        request.app.state.portal, dossier_id, account["id"], origin_of(request)
    )
    return respond(Payment, data, status)


@router.get(
    "/payments/{reference}",
    response_model=Payment,
    responses=documented(401, 404, 429),
    summary="Trạng thái giao dịch thanh toán",
)
def get_payment(reference: str, request: Request, account: CurrentAccount) -> dict[str, Any]:
    """A payment of this account."""
    portal = request.app.state.portal
    row = payments_core.find_payment(portal, reference, account["id"])
    return payments_core.payment_dict(portal, row, origin_of(request))


@router.get(
    "/payments/{reference}/receipt",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "Biên lai điện tử (PDF)",
        },
        **documented(401, 404, 429),
    },
    summary="Tải biên lai điện tử",
)
def get_receipt(reference: str, request: Request, account: CurrentAccount) -> Response:
    """The e-receipt PDF of a paid payment; ``404 not_found`` before it is paid."""
    portal = request.app.state.portal
    row = payments_core.find_payment(portal, reference, account["id"])
    if row["status"] != "paid":
        raise PortalError(404, "not_found", "Giao dịch chưa được thanh toán, chưa có biên lai.")
    name = payments_core.ensure_receipt(portal, reference)
    return file_response(
        portal.folders.receipts / name, "application/pdf", f"bien-lai-{reference}.pdf"
    )
