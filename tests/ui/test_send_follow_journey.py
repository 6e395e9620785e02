"""The clerk's second half of the day, through the window, against the sandbox portal:
from a signed dossier to the end. Queue it, send it and watch it go, see its status move
as the (sandbox) officer acts, answer a supplement request (attach, sign through the
dialog, send), pay through the portal's payment page as a browser would, see "paid" and
keep the e-receipt, receive the result and read its validation report."""

from __future__ import annotations

import re

import pytest
import requests
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop_app.core.store.dossiers import DossierRepository
from tests.signing.pdfs import make_pdf
from tests.support.sandbox import officer
from tests.ui.browser import pay_in_browser
from tests.ui.flows import signed_dossiers, started_and_signed_in
from tests.ui.journey import WAIT, sign_through_dialog


@pytest.mark.journey
def test_from_a_signed_dossier_to_its_result(
    qtbot, make_app, portal, profile, pki, tmp_path, monkeypatch
):
    (dossier_id,) = signed_dossiers(profile, portal, pki, tmp_path, count=1, size=600_000)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(
        url.toString() if isinstance(url, QUrl) else str(url)) or True))  # fmt: skip
    application = started_and_signed_in(qtbot, make_app, portal, profile, pki, auto_send=False)
    sync, window = application.sync, application.window
    sync.chunk_size = 128 * 1024  # several chunks: progress is seen moving
    events: list = []
    sync.event.connect(events.append)

    # The signed dossier is in the list, ready; the clerk puts it in the outbox.
    page = application.dossiers_page
    window.show_page(page)
    qtbot.waitUntil(lambda: page.model.row_of(dossier_id) >= 0, timeout=WAIT)
    page.select(dossier_id)
    qtbot.waitUntil(page.queue_button.isEnabled, timeout=WAIT)
    page.queue_button.click()
    outbox = application.outbox_page
    qtbot.waitUntil(lambda: outbox.model.row_of(dossier_id) >= 0, timeout=WAIT)
    qtbot.waitUntil(lambda: [r.state for r in outbox.rows()] == ["queued"], timeout=WAIT)

    # Send: the dossier's bar and the batch's move, then it is sent.
    window.show_page(outbox)
    qtbot.waitUntil(outbox.send_all_button.isEnabled, timeout=WAIT)
    outbox.send_all_button.click()
    qtbot.waitUntil(lambda: [r.state for r in outbox.rows()] == ["submitted"], timeout=WAIT)
    uploads = [e for e in events if e.kind == "progress" and e.step == "upload"]
    assert len(uploads) >= 4, "the upload was seen in several steps"
    assert uploads[-1].done == uploads[-1].total > 0
    assert next(e.step for e in events if e.kind == "progress") == "create"
    row = outbox.rows()[0]
    assert outbox.progress.text(outbox.progress.of(row)) == "Đã gửi"
    qtbot.waitUntil(lambda: outbox.batch_bar.value() == outbox.batch_bar.maximum(), timeout=WAIT)
    assert "1 trên 1 hồ sơ" in outbox.batch_label.text()

    # The dossier page follows the portal: status, then the officer's steps.
    sync.set_follow_interval(400)
    application.open_dossier(dossier_id)
    view = page.view
    qtbot.waitUntil(lambda: view.tracking is not None and bool(view.tracking.dossier.portal_code),
                    timeout=WAIT)  # fmt: skip
    assert view.state_label.text() == "Mới đăng ký"
    portal_id = DossierRepository(application.store).get(dossier_id).portal_id
    officer(portal, portal_id, "receive", note="Hồ sơ đủ thành phần")
    qtbot.waitUntil(lambda: view.state_label.text() == "Được tiếp nhận", timeout=WAIT)
    receipt_no = view.tracking.dossier.receipt_no
    assert receipt_no and receipt_no in view.facts.text()
    assert re.search(r"Hẹn trả kết quả: <b>\d\d/\d\d/\d{4}", view.facts.text())
    lines = view.timeline.texts()
    assert any("Tiếp nhận hồ sơ" in t and "Nguyễn Thị Hoa" in t and "Hồ sơ đủ thành phần" in t
               for t in lines), lines  # fmt: skip
    officer(portal, portal_id, "process")
    qtbot.waitUntil(lambda: view.state_label.text() == "Đang xử lý", timeout=WAIT)

    # A supplement request: shown first, answered in the app.
    officer(portal, portal_id, "request_supplement", note="Bổ sung phiếu có chữ ký",
            component_codes=["TP1"])  # fmt: skip
    panel = view.supplement
    qtbot.waitUntil(panel.isVisible, timeout=WAIT)
    assert "Bổ sung phiếu có chữ ký" in panel.request_label.text()
    assert any(n.kind == "supplement" for n in application.notifier.history)
    panel.add_files([make_pdf(tmp_path / "phieu-bo-sung.pdf", text="Phieu bo sung")])
    qtbot.waitUntil(lambda: panel.files.count() == 1, timeout=WAIT)
    assert "chưa ký" in panel.files.item(0).text()
    assert not panel.send_button.isEnabled()  # it must be signed first
    qtbot.waitUntil(panel.sign_button.isEnabled, timeout=WAIT)
    panel.sign_button.click()
    dialog = application.sign_dialog
    sign_through_dialog(qtbot, application, dialog, pki.signer.pkcs12_path, pki.signer.password)
    assert [o.ok for o in dialog.outcomes] == [True]
    dialog.close_button.click()
    qtbot.waitUntil(lambda: "đã ký" in panel.files.item(0).text(), timeout=WAIT)
    qtbot.waitUntil(panel.send_button.isEnabled, timeout=WAIT)
    panel.note.setText("Đã bổ sung phiếu")
    panel.send_button.click()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: view.state_label.text() == "Đang xử lý", timeout=WAIT)
    assert any("Đã gửi phần bổ sung" in t for t in view.timeline.texts())

    # Fees: the officer asks; the clerk pays on the portal's page, in the browser.
    officer(portal, portal_id, "request_payment")
    qtbot.waitUntil(lambda: view.state_label.text() == "Yêu cầu thực hiện nghĩa vụ tài chính",
                    timeout=WAIT)  # fmt: skip
    assert any(n.kind == "payment_due" for n in application.notifier.history)
    qtbot.waitUntil(view.pay_button.isVisible, timeout=WAIT)
    view.pay_button.click()
    payments = application.payments_page
    assert window.current_page() is payments
    details = payments.panel
    details.poll_ms = 300
    qtbot.waitUntil(lambda: details.view is not None and details.pay_button.isEnabled(),
                    timeout=WAIT)  # fmt: skip
    assert details.fees.rowCount() == 1 and "500.000 đ" in details.total.text()
    details.pay_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    assert opened[0].startswith(portal.url + "/pay/")
    qtbot.waitUntil(lambda: details.status.property("status") == "pending", timeout=WAIT)
    assert "Đơn vị thụ hưởng" in details.beneficiary.text()
    landed = pay_in_browser(opened[0])
    assert "Đã thanh toán" in landed
    qtbot.waitUntil(lambda: details.status.property("status") == "paid", timeout=WAIT)
    assert "Đã thanh toán" in details.status.text()
    qtbot.waitUntil(details.open_receipt_button.isEnabled, timeout=WAIT)
    receipt = tmp_path / "bien-lai.pdf"
    details.save_receipt(receipt)
    qtbot.waitUntil(receipt.exists, timeout=WAIT)
    assert receipt.read_bytes().startswith(b"%PDF")
    payments.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: [t.status for t in payments.transactions.rows] == ["paid"],
                    timeout=WAIT)  # fmt: skip
    qtbot.waitUntil(lambda: view.state_label.text() == "Đang xử lý", timeout=WAIT)

    # The result: downloaded, checked, its report shown; open it and save it.
    officer(portal, portal_id, "finish")
    results = view.results
    qtbot.waitUntil(lambda: [r.downloaded for r in results.results] == [True], timeout=WAIT)
    assert view.state_label.text() == "Đã xử lý xong"
    assert results.table.item(0, 2).text() == "Đã ký, nguyên vẹn, tin cậy"
    report = results.report.toPlainText()
    assert "Người ký" in report and "Nguyên vẹn" in report
    results.open_button.click()
    qtbot.waitUntil(lambda: any(u.startswith("file://") for u in opened), timeout=WAIT)
    saved = tmp_path / "ket-qua.pdf"
    results.save_to(saved)
    qtbot.waitUntil(saved.exists, timeout=WAIT)
    assert saved.read_bytes().startswith(b"%PDF")
    assert any(n.kind == "result" for n in application.notifier.history)

    # Clicking the last notification opens its dossier.
    window.show_page(application.help_page)
    application.notifier.activate_last()
    assert window.current_page() is page and page.shown_id() == dossier_id

    # On the portal: one dossier, its supplement answered, paid.
    account = application.workspace.connection
    mine = requests.get(
        f"{portal.url}/api/v1/dossiers/{portal_id}",
        headers={"Authorization": f"Bearer {account.client.tokens.load().access_token}"},
        timeout=30,
    ).json()
    assert mine["status"] == 9 and mine["fees_due_vnd"] == 0
    assert mine["payment"]["status"] == "paid"
