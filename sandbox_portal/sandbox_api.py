"""Sandbox extras (not part of a real portal): the mailbox, the officer's hand, the gateway."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from sandbox_portal import mailbox, officer, payments_core
from sandbox_portal.dossiers import origin_of
from sandbox_portal.errors import documented
from sandbox_portal.pay_pages import gateway_outcome
from sandbox_portal.routing import PortalRoute
from sandbox_portal.schemas import Dossier, GatewayOutcomeIn, MailList, OfficerIn, Payment

router = APIRouter(route_class=PortalRoute, tags=["sandbox"], prefix="/sandbox")


@router.get("/mail", response_model=MailList, summary="Hộp thư của sandbox")
def mail(
    request: Request, to: Annotated[str | None, Query(description="địa chỉ nhận")] = None
) -> dict[str, Any]:
    """The mails the portal "sent" (to one address when given), newest last."""
    return {"items": mailbox.list_mail(request.app.state.portal.db, to)}


@router.post(
    "/officer/dossiers/{dossier_id}",
    response_model=Dossier,
    responses=documented(404, 409, 422),
    summary="Cán bộ xử lý hồ sơ (bằng tay)",
)
def officer_move(dossier_id: str, body: OfficerIn, request: Request) -> dict[str, Any]:
    """One officer move; ``409 invalid_transition`` when not allowed from the status."""
    return officer.act(
        request.app.state.portal,
        dossier_id,
        body.action,
        body.note,
        body.component_codes,
        origin_of(request),
    )


@router.post(
    "/payments/{reference}",
    response_model=Payment,
    responses=documented(404, 422),
    summary="Cổng thanh toán giả lập gửi kết quả",
)
async def gateway_result(reference: str, body: GatewayOutcomeIn, request: Request) -> Any:
    """Play the gateway: the same signed server-to-server callback as the payment page's."""
    portal = request.app.state.portal
    await run_in_threadpool(payments_core.find_payment, portal, reference, None)
    await run_in_threadpool(gateway_outcome, portal, reference, body.outcome, "SANDBOX")
    row = await run_in_threadpool(payments_core.find_payment, portal, reference, None)
    return payments_core.payment_dict(portal, row, origin_of(request))
