"""Payments: one pending at a time, the gateway callback verified (tampered and replayed
callbacks change nothing), the e-receipt, expiry; and rate limiting."""

from __future__ import annotations

import time
import urllib.parse

import requests

import signing
from sandbox_portal import gateway
from tests.sandbox.conftest import (
    PLAIN_PROCEDURE,
    Client,
    error_code,
    key,
    make_pdf,
    register_account,
    running_sandbox,
)
from tests.support.sandbox import RateLimit, officer


def _payable(client, pdfs):
    dossier = client.submitted(pdfs.signed)
    assert dossier["fees_due_vnd"] == 500000
    return dossier


def test_payment_is_made_once_and_reused_while_pending(client, pdfs):
    dossier = _payable(client, pdfs)
    first = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key())
    assert first.status_code == 201
    payment = first.json()
    assert payment["status"] == "pending" and payment["amount_vnd"] == 500000
    assert payment["items"] == [{"code": "LP1", "name": "Phí dự tuyển", "amount_vnd": 500000}]
    assert payment["pay_url"].startswith(client.server.url + f"/pay/{payment['reference']}?")
    assert payment["beneficiary"]["account_name"].startswith("Sở Nội vụ")
    assert payment["expires_at"].endswith("+07:00")
    assert payment["receipt_url"] is None and payment["paid_at"] is None
    second = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key())
    assert second.status_code == 200 and second.json()["reference"] == payment["reference"]
    shown = client.get(f"/payments/{payment['reference']}").json()
    assert shown == payment
    assert client.get(f"/dossiers/{dossier['id']}").json()["payment"] == payment
    assert client.get("/payments/khong-co").status_code == 404


def test_nothing_to_pay(client):
    dossier = client.submitted(make_pdf(), PLAIN_PROCEDURE)
    response = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key())
    assert response.status_code == 409 and error_code(response) == "nothing_to_pay"


def _gateway_paid(server, reference):
    return requests.post(f"{server.api_url}/sandbox/payments/{reference}", json={"outcome": "paid"})


def test_gateway_paid_moves_the_dossier_and_issues_a_receipt(portal, client, pdfs):
    dossier = _payable(client, pdfs)
    officer(portal, dossier["id"], "receive")
    officer(portal, dossier["id"], "process")
    asked = officer(portal, dossier["id"], "request_payment")
    assert asked["status"] == 6
    payment = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key()).json()
    paid = _gateway_paid(portal, payment["reference"])
    assert paid.status_code == 200
    body = paid.json()
    assert body["status"] == "paid" and body["transaction_no"] and body["channel"]
    assert body["paid_at"].endswith("+07:00")
    assert body["receipt_url"] == f"/api/v1/payments/{payment['reference']}/receipt"
    after = client.get(f"/dossiers/{dossier['id']}").json()
    assert after["fees_due_vnd"] == 0 and after["status"] == 4
    assert after["payment"]["status"] == "paid"
    receipt = client.http.get(portal.url + body["receipt_url"])
    assert receipt.status_code == 200 and receipt.headers["content-type"] == "application/pdf"
    assert signing.validate_pdf(receipt.content).all_intact
    nothing = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key())
    assert nothing.status_code == 409 and error_code(nothing) == "nothing_to_pay"


def test_tampered_and_replayed_callbacks_change_nothing(portal, client, pdfs):
    dossier = _payable(client, pdfs)
    payment = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key()).json()
    with portal.portal.db.tx() as conn:
        row = conn.execute(
            "SELECT * FROM payments WHERE reference=?", (payment["reference"],)
        ).fetchone()
        fields = gateway.outcome_fields(portal.portal, conn, row, "paid", "VCB")
    ipn = portal.url + "/pay/ipn?"

    def call(values):
        return requests.get(ipn + urllib.parse.urlencode(values)).json()

    assert call({**fields, "vnp_Amount": "100"})["RspCode"] == "97"  # amount changed
    assert call({**fields, "vnp_SecureHash": "0" * 128})["RspCode"] == "97"
    unsigned = {k: v for k, v in fields.items() if k != "vnp_SecureHash"}
    assert call(unsigned)["RspCode"] == "97"
    forged = dict(unsigned, vnp_Amount="100")
    forged["vnp_SecureHash"] = gateway.sign("khóa-đoán-mò", forged)
    assert call(forged)["RspCode"] == "97"
    assert client.get(f"/payments/{payment['reference']}").json()["status"] == "pending"
    assert client.get(f"/dossiers/{dossier['id']}").json()["fees_due_vnd"] == 500000
    assert call(fields) == {"RspCode": "00", "Message": "Confirm Success"}
    paid = client.get(f"/payments/{payment['reference']}").json()
    assert paid["status"] == "paid"
    history = client.get(f"/dossiers/{dossier['id']}").json()["history"]
    for _ in range(3):
        assert call(fields)["RspCode"] == "02"
    assert client.get(f"/payments/{payment['reference']}").json() == paid
    assert client.get(f"/dossiers/{dossier['id']}").json()["history"] == history
    again = _gateway_paid(portal, payment["reference"])
    assert again.json() == {**paid, "pay_url": again.json()["pay_url"]}


def test_failed_payment_then_a_new_one(portal, client, pdfs):
    dossier = _payable(client, pdfs)
    payment = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key()).json()
    failed = requests.post(
        f"{portal.api_url}/sandbox/payments/{payment['reference']}", json={"outcome": "failed"}
    ).json()
    assert failed["status"] == "failed" and failed["receipt_url"] is None
    assert (
        client.http.get(portal.url + f"/api/v1/payments/{payment['reference']}/receipt").status_code
        == 404
    )
    fresh = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key())
    assert fresh.status_code == 201 and fresh.json()["reference"] != payment["reference"]
    bad = requests.post(
        f"{portal.api_url}/sandbox/payments/{payment['reference']}", json={"outcome": "maybe"}
    )
    assert bad.status_code == 422
    assert (
        requests.post(
            f"{portal.api_url}/sandbox/payments/khong-co", json={"outcome": "paid"}
        ).status_code
        == 404
    )


def test_unpaid_links_expire(tmp_path, pdfs):
    with running_sandbox(tmp_path / "p", payment_ttl=1) as server:
        client = Client(server, register_account(server))
        dossier = client.submitted(pdfs.signed)
        payment = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key()).json()
        cursor = client.get("/dossiers").json()["next_cursor"]
        time.sleep(1.2)
        feed = client.get("/dossiers", params={"changed_since": cursor}).json()["items"]
        assert [d["payment"]["status"] for d in feed] == ["expired"]
        assert client.get(f"/payments/{payment['reference']}").json()["status"] == "expired"
        late = _gateway_paid(server, payment["reference"]).json()
        assert late["status"] == "expired"
        page = requests.get(payment["pay_url"])
        assert "Đã hết hạn" in page.text and "Thanh toán</button>" not in page.text
        fresh = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key())
        assert fresh.status_code == 201 and fresh.json()["status"] == "pending"


def test_pay_page_needs_its_token(portal, client, pdfs):
    dossier = _payable(client, pdfs)
    payment = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key()).json()
    page = requests.get(payment["pay_url"])
    assert page.status_code == 200 and "Thanh toán phí, lệ phí" in page.text
    assert "Sở Nội vụ" in page.text and "500.000 đ" in page.text
    assert requests.get(f"{portal.url}/pay/{payment['reference']}").status_code == 404
    assert requests.get(f"{portal.url}/pay/{payment['reference']}?t=sai").status_code == 404


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    with running_sandbox(tmp_path / "p", rate_limit=RateLimit(requests=3, per_seconds=2)) as srv:
        answers = [requests.get(srv.api_url + "/health") for _ in range(5)]
        assert [a.status_code for a in answers[:3]] == [200, 200, 200]
        limited = answers[-1]
        assert limited.status_code == 429 and error_code(limited) == "rate_limited"
        assert int(limited.headers["Retry-After"]) >= 1
        # the sandbox extras are never limited; switching off works while running
        assert requests.get(srv.api_url + "/sandbox/mail").status_code == 200
        srv.set_rate_limit(None)
        assert all(requests.get(srv.api_url + "/health").status_code == 200 for _ in range(5))
        srv.set_rate_limit(RateLimit(requests=1, per_seconds=60))
        requests.get(srv.api_url + "/health")
        assert requests.get(srv.api_url + "/health").status_code == 429
