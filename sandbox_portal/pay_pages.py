"""The payment pages under ``/pay/`` (Vietnamese, plain HTML): the portal's page with the
fee table, beneficiary and a choice of bank or e-wallet; the simulated gateway; the
return page; and the gateway's server-to-server callback (IPN)."""

from __future__ import annotations

import html
import json
import urllib.parse
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from sandbox_portal import clock, gateway, payments_core
from sandbox_portal.errors import PortalError

router = APIRouter(prefix="/pay", include_in_schema=False)

CHANNELS = {
    "VCB": ("bank", "Vietcombank"),
    "CTG": ("bank", "VietinBank"),
    "BIDV": ("bank", "BIDV"),
    "AGRIBANK": ("bank", "Agribank"),
    "VNPTMONEY": ("wallet", "Ví VNPT Money"),
    "VIETTELMONEY": ("wallet", "Viettel Money"),
    "MOMO": ("wallet", "Ví MoMo"),
}

STATUS_TEXT = {
    "pending": "Đang chờ thanh toán",
    "paid": "Đã thanh toán",
    "failed": "Thanh toán không thành công",
    "expired": "Đã hết hạn",
    "cancelled": "Đã hủy",
}

_STYLE = """
body{font-family:system-ui,'Segoe UI',Arial,sans-serif;background:#f3f5f8;margin:0;color:#1d2733}
header{background:#b3261e;color:#fff;padding:14px 24px}
main{max-width:760px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.12)}
table{border-collapse:collapse;width:100%;margin:12px 0}
th,td{border-bottom:1px solid #dde3ea;padding:8px;text-align:left}
td.amount,th.amount{text-align:right}
fieldset{border:1px solid #dde3ea;border-radius:6px;margin:12px 0}
button{background:#b3261e;color:#fff;border:0;border-radius:6px;padding:10px 22px;font-size:16px}
button.secondary{background:#5f6b7a}
.note{color:#5f6b7a;font-size:13px}
.status{font-size:20px;font-weight:600}
"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    document = (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><strong>Cổng Dịch vụ công tỉnh (sandbox tập huấn)</strong></header>"
        f"<main>{body}<p class='note'>Đây là trang thanh toán mô phỏng của cổng sandbox: "
        f"không có tiền thật nào được chuyển.</p></main></body></html>"
    )
    return HTMLResponse(document, status_code=status)


def _when(ts: float) -> str:
    """A time for a person: ``13:20 ngày 24/11/2026`` (giờ Việt Nam)."""
    return clock.to_datetime(ts).strftime("%H:%M ngày %d/%m/%Y") + " (giờ Việt Nam)"


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def _payment_for_page(request: Request, reference: str, token: str) -> Any:
    portal = request.app.state.portal
    if not token or token != payments_core.page_token(portal, reference):
        raise PortalError(404, "not_found")
    return payments_core.find_payment(portal, reference, None)


def _not_found() -> HTMLResponse:
    return _page(
        "Không tìm thấy",
        "<h1>Liên kết thanh toán không hợp lệ</h1><p>Vui lòng mở lại liên kết từ ứng dụng.</p>",
        404,
    )


@router.get("/ipn")
def ipn(request: Request) -> JSONResponse:
    """The gateway's server-to-server callback: verified, then applied at most once."""
    fields = {key: value for key, value in request.query_params.items()}
    code, message = payments_core.apply_callback(request.app.state.portal, fields)
    return JSONResponse({"RspCode": code, "Message": message})


@router.get("/{reference}", response_class=HTMLResponse)
def payment_page(reference: str, request: Request, t: str = "") -> Response:
    """The portal's payment page: fees, beneficiary, bank or e-wallet."""
    try:
        payment = _payment_for_page(request, reference, t)
    except PortalError:
        return _not_found()
    items = json.loads(payment["items"])
    beneficiary = json.loads(payment["beneficiary"])
    rows = "".join(
        f"<tr><td>{html.escape(i['code'])}</td><td>{html.escape(i['name'])}</td>"
        f"<td class='amount'>{_vnd(int(i['amount_vnd']))}</td></tr>"
        for i in items
    )
    head = (
        f"<h1>Thanh toán phí, lệ phí hồ sơ</h1>"
        f"<p>Mã tham chiếu: <strong id='reference'>{html.escape(reference)}</strong></p>"
        f"<p class='status' id='status'>{STATUS_TEXT[payment['status']]}</p>"
        f"<table><thead><tr><th>Mã</th><th>Khoản phí, lệ phí</th>"
        f"<th class='amount'>Số tiền</th></tr></thead><tbody>{rows}</tbody>"
        f"<tfoot><tr><th></th><th>Tổng cộng</th><th class='amount' id='total'>"
        f"{_vnd(int(payment['amount']))}</th></tr></tfoot></table>"
        f"<h2>Đơn vị thụ hưởng</h2><p>{html.escape(beneficiary['account_name'])}<br>"
        f"Số tài khoản: {html.escape(beneficiary['account_no'])}<br>"
        f"Ngân hàng: {html.escape(beneficiary['bank'])}</p>"
        f"<p>Hạn thanh toán: {_when(payment['expires_at'])}</p>"
    )
    if payment["status"] != "pending":
        return _page("Thanh toán phí, lệ phí", head)
    banks = "".join(
        f"<label><input type='radio' name='channel' value='{code}'{' checked' if i == 0 else ''}>"
        f" {html.escape(name)}</label><br>"
        for i, (code, (kind, name)) in enumerate(CHANNELS.items())
        if kind == "bank"
    )
    wallets = "".join(
        f"<label><input type='radio' name='channel' value='{code}'> {html.escape(name)}</label><br>"
        for code, (kind, name) in CHANNELS.items()
        if kind == "wallet"
    )
    form = (
        f"<form method='post' action='/pay/{html.escape(reference)}/gateway'>"
        f"<input type='hidden' name='t' value='{html.escape(t)}'>"
        f"<fieldset><legend>Ngân hàng</legend>{banks}</fieldset>"
        f"<fieldset><legend>Ví điện tử</legend>{wallets}</fieldset>"
        f"<button type='submit' id='pay'>Thanh toán</button></form>"
    )
    return _page("Thanh toán phí, lệ phí", head + form)


@router.post("/{reference}/gateway", response_class=HTMLResponse)
async def gateway_page(reference: str, request: Request) -> Response:
    """The simulated gateway: confirm or cancel the payment with the chosen channel."""
    form = await request.form()
    token, channel = str(form.get("t", "")), str(form.get("channel", ""))
    try:
        payment = _payment_for_page(request, reference, token)
    except PortalError:
        return _not_found()
    if channel not in CHANNELS:
        return _page("Cổng thanh toán", "<h1>Vui lòng chọn ngân hàng hoặc ví điện tử</h1>", 400)
    name = CHANNELS[channel][1]
    hidden = (
        f"<input type='hidden' name='t' value='{html.escape(token)}'>"
        f"<input type='hidden' name='channel' value='{channel}'>"
    )
    body = (
        f"<h1>Cổng thanh toán (mô phỏng)</h1>"
        f"<p>Thanh toán {_vnd(int(payment['amount']))} cho mã tham chiếu "
        f"{html.escape(reference)} qua {html.escape(name)}.</p>"
        f"<form method='post' action='/pay/{html.escape(reference)}/gateway/confirm'>{hidden}"
        f"<button type='submit' name='outcome' value='paid' id='confirm'>Xác nhận thanh toán"
        f"</button> <button type='submit' name='outcome' value='cancelled' class='secondary' "
        f"id='cancel'>Hủy giao dịch</button></form>"
    )
    return _page("Cổng thanh toán (mô phỏng)", body)


@router.post("/{reference}/gateway/confirm")
async def gateway_confirm(reference: str, request: Request) -> Response:
    """The gateway calls the portal back server-to-server, then returns the person."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    token, channel = str(form.get("t", "")), str(form.get("channel", ""))
    # The person pays, or cancels at the gateway (VNPay code 24 → "cancelled").
    outcome = "paid" if form.get("outcome") == "paid" else "cancelled"
    portal = request.app.state.portal
    try:
        _payment_for_page(request, reference, token)
    except PortalError:
        return _not_found()
    if channel not in CHANNELS:
        return _page("Cổng thanh toán", "<h1>Kênh thanh toán không hợp lệ</h1>", 400)
    fields = await run_in_threadpool(gateway_outcome, portal, reference, outcome, channel)
    query = urllib.parse.urlencode({**fields, "t": token})
    return RedirectResponse(f"/pay/{reference}/return?{query}", status_code=303)


def gateway_outcome(portal: Any, reference: str, outcome: str, channel: str) -> dict[str, str]:
    """Play the gateway for one outcome: sign the fields and send the IPN callback."""
    with portal.db.tx() as conn:
        row = conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()
        fields = gateway.outcome_fields(portal, conn, row, outcome, channel)
    gateway.send_callback(portal, fields)
    return fields


@router.get("/{reference}/return", response_class=HTMLResponse)
def return_page(reference: str, request: Request) -> Response:
    """Where the gateway sends the person back. It only shows; it never marks paid."""
    portal = request.app.state.portal
    params = dict(request.query_params)
    token = params.pop("t", "")
    try:
        payment = _payment_for_page(request, reference, token)
    except PortalError:
        return _not_found()
    genuine = gateway.verify(portal.gateway_secret, params)
    status = STATUS_TEXT[payment["status"]]
    note = "" if genuine else "<p class='note'>Thông tin trả về không hợp lệ.</p>"
    body = (
        f"<h1>Kết quả thanh toán</h1><p>Mã tham chiếu: {html.escape(reference)}</p>"
        f"<p class='status' id='status'>{status}</p>{note}"
        f"<p>Bạn có thể đóng trang này và quay lại ứng dụng.</p>"
    )
    return _page("Kết quả thanh toán", body)
