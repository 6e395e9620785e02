"""The payment page paid in a real browser: Debian's Chromium, driven by Playwright
(the system browser only; nothing is downloaded)."""

from __future__ import annotations

import shutil

import pytest

from tests.sandbox.conftest import key
from tests.support.tools import require_tool

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.needs_tool("chromium")
def test_payment_page_paid_in_headless_chromium(tmp_path, portal, client, pdfs):
    require_tool("chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    dossier = client.submitted(pdfs.signed)
    payment = client.post(f"/dossiers/{dossier['id']}/payments", {}, idem=key()).json()
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            locale="vi-VN",
        )
        try:
            page = context.new_page()
            page.goto(payment["pay_url"])
            assert page.locator("h1").inner_text() == "Thanh toán phí, lệ phí hồ sơ"
            assert page.locator("#total").inner_text() == "500.000 đ"
            assert "Phí dự tuyển" in page.content()
            assert "Đơn vị thụ hưởng" in page.content()
            page.screenshot(path=str(tmp_path / "pay-page.png"), full_page=True)
            page.get_by_label("Ví VNPT Money").check()
            page.click("#pay")
            page.wait_for_selector("#confirm")
            assert "Cổng thanh toán (mô phỏng)" in page.content()
            page.click("#confirm")
            page.wait_for_selector("#status")
            assert page.locator("#status").inner_text() == "Đã thanh toán"
        finally:
            context.close()
    paid = client.get(f"/payments/{payment['reference']}").json()
    assert paid["status"] == "paid" and paid["channel"] == "VNPTMONEY"
    receipt = client.http.get(client.server.url + paid["receipt_url"])
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF-")
    assert client.get(f"/dossiers/{dossier['id']}").json()["fees_due_vnd"] == 0
