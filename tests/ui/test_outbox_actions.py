"""The outbox's own actions and words, without a portal: take back out of the queue (only
while nothing was sent), a refusal explained with what to do and "Fix the dossier", the
payment link opened only on the portal's origin or an allowed one, notifications where
the desktop has no system tray."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QDesktopServices

from desktop_app.core.dossier import State
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync import SyncEvent
from desktop_app.core.sync.payments import PaymentRecord
from tests.ui.journey import APPLICANT, WAIT
from tests.ui.test_transfer import _catalogue

REFUSAL = {
    "key": "portal.incomplete_dossier",
    "code": "incomplete_dossier",
    "vi": "Hồ sơ chưa đủ: Tệp phieu.pdf không có chữ ký số hợp lệ",
    "en": "The dossier is incomplete: phieu.pdf has no intact signature",
}


@pytest.fixture
def application(qtbot, make_app, profile):
    store = Store.open(profile)
    _catalogue(store)
    store.close()
    application = make_app(start_portal=False)
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    return application


def _queued(store: Store, count: int) -> list[str]:
    repo = DossierRepository(store)
    ids = []
    for _ in range(count):
        dossier = repo.create("1.014111", 1, applicant=APPLICANT)
        repo.transition(dossier.id, State.READY, actor="clerk")
        repo.transition(dossier.id, State.QUEUED, actor="clerk")
        ids.append(dossier.id)
    return ids


def test_take_back_works_until_the_first_byte_is_sent(qtbot, application):
    store = application.store
    fresh, started = _queued(store, 2)
    DossierRepository(store).mark_first_sent(started)  # its sending had begun
    application.workspace.dossiers_changed.emit([fresh, started])
    outbox = application.outbox_page
    qtbot.waitUntil(lambda: {fresh, started} <= set(outbox.model.ids), timeout=WAIT)
    qtbot.waitUntil(lambda: len(outbox.rows()) == 2, timeout=WAIT)
    assert {outbox.progress.text(outbox.progress.of(r)) for r in outbox.rows()} == {"Đang chờ gửi"}
    outbox.table.selectAll()
    assert outbox.take_back_button.isEnabled()
    outbox.take_back_button.click()
    qtbot.waitUntil(lambda: outbox.model.ids == [started], timeout=WAIT)
    repo = DossierRepository(store)
    assert repo.get(fresh).state == State.READY
    assert repo.get(started).state == State.QUEUED
    assert "đã bắt đầu được gửi lên cổng" in outbox.notice.text()


def test_a_refusal_says_why_and_what_to_do_and_fix_opens_the_editor(qtbot, application):
    store = application.store
    (dossier_id,) = _queued(store, 1)
    repo = DossierRepository(store)
    repo.mark_first_sent(dossier_id)
    repo.transition(dossier_id, State.SENDING, actor="sync")
    repo.transition(dossier_id, State.REJECTED, actor="sync", reason="incomplete_dossier",
                    fields={"last_error": REFUSAL})  # fmt: skip
    application.workspace.dossiers_changed.emit([dossier_id])

    outbox = application.outbox_page
    qtbot.waitUntil(lambda: [r.state for r in outbox.rows()] == ["rejected"], timeout=WAIT)
    reason = outbox.model.index(0, outbox.model.columns.index("reason")).data()
    assert reason == REFUSAL["vi"]
    outbox.table.selectRow(0)
    assert "Bấm “Sửa lại hồ sơ”" in outbox.details.text()
    assert not outbox.retry_button.isEnabled() and not outbox.take_back_button.isEnabled()

    application.open_dossier(dossier_id)
    view = application.dossiers_page.view
    qtbot.waitUntil(lambda: view.tracking is not None and view.refusal.isVisible(), timeout=WAIT)
    assert "Cổng dịch vụ công từ chối hồ sơ này" in view.refusal_text.text()
    assert REFUSAL["vi"] in view.refusal_text.text()
    assert "ký lại các tệp" in view.advice_text.text()
    assert any("Đang gửi → Bị cổng từ chối" in t for t in view.timeline.texts())
    view.fix_button.click()
    page = application.dossiers_page
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.editor, timeout=WAIT)
    qtbot.waitUntil(lambda: page.editor.dossier_id == dossier_id, timeout=WAIT)
    assert repo.get(dossier_id).state == State.DRAFT


def _payment(url: str) -> PaymentRecord:
    return PaymentRecord(
        reference="TT-1", dossier_id="x", amount_vnd=500_000, status="pending", pay_url=url,
        expires_at=None, items=[], beneficiary={}, paid_at=None, transaction_no=None,
        channel=None, receipt_sha256=None,
    )  # fmt: skip


def test_the_payment_link_opens_only_on_the_portal_or_an_allowed_origin(
    qtbot, application, monkeypatch
):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    connection = application.workspace.connection
    monkeypatch.setattr(type(connection), "origin", property(lambda self: "https://dvc.kontum.vn"))
    panel = application.payments_page.panel

    assert panel.open_payment_link(_payment("https://dvc.kontum.vn/pay/TT-1?t=abc"))
    assert not panel.open_payment_link(_payment("https://thanh-toan-gia.example/pay/TT-1"))
    assert "không thuộc cổng dịch vụ công đã cấu hình" in panel.message.text()
    assert not panel.open_payment_link(_payment("http://dvc.kontum.vn.evil.example/pay"))
    application.workspace.settings.set(
        "portal.allowed_payment_origins", ["https://thanhtoan.kontum.vn"]
    )
    assert panel.open_payment_link(_payment("https://thanhtoan.kontum.vn/pay/TT-1"))
    assert [url.toString() for url in opened] == [
        "https://dvc.kontum.vn/pay/TT-1?t=abc",
        "https://thanhtoan.kontum.vn/pay/TT-1",
    ]


def test_notifications_without_a_tray_go_to_the_status_bar_and_open_the_dossier(qtbot, application):
    notifier = application.notifier
    assert not notifier.has_tray  # offscreen: no system tray here
    (dossier_id,) = _queued(application.store, 1)
    application.sync.event.emit(
        SyncEvent("supplement_requested", dossier_id, data={"note": "Bổ sung bản sao CCCD"})
    )
    assert notifier.history[-1].kind == "supplement"
    message = application.window.statusBar().currentMessage()
    assert message == "Cơ quan yêu cầu bổ sung hồ sơ: Bổ sung bản sao CCCD"

    # A burst (a follow pass over many dossiers) gives a few messages, then one summary.
    for n in range(10):
        application.sync.event.emit(SyncEvent("portal_status", f"d{n}", data={"to": 4}))
    assert len(notifier.history) == 11
    qtbot.waitUntil(lambda: notifier.last is not None and notifier.last.kind == "summary",
                    timeout=10_000)  # fmt: skip
    assert "Còn 8 hồ sơ khác thay đổi" in notifier.last.text

    application.sync.event.emit(SyncEvent("result", dossier_id, data={"name": "Quyết định.pdf"}))
    qtbot.waitUntil(lambda: notifier.last.kind == "result", timeout=10_000)
    notifier.activate_last()
    page = application.dossiers_page
    assert application.window.current_page() is page
    qtbot.waitUntil(lambda: page.shown_id() == dossier_id, timeout=WAIT)


def test_the_event_log_entries_read_as_sentences(qtbot, application):
    (dossier_id,) = _queued(application.store, 1)
    with application.store.write() as db:
        db.execute(
            "INSERT INTO events (dossier_id, at, actor, kind, to_state, reason, data)"
            " VALUES (?, '2026-11-25T10:00:00+07:00', 'portal:Nguyễn Thị Hoa', 'portal_history',"
            " '2', 'Đủ thành phần', ?)",
            (dossier_id, json.dumps({"step": "Tiếp nhận hồ sơ", "handler": "Nguyễn Thị Hoa",
                                     "unit": "Bộ phận một cửa", "note": "Đủ thành phần"})),
        )  # fmt: skip
    application.open_dossier(dossier_id)
    view = application.dossiers_page.view
    qtbot.waitUntil(lambda: len(view.timeline.texts()) >= 4, timeout=WAIT)
    texts = view.timeline.texts()
    assert texts[0].endswith("| Tạo hồ sơ | Bạn | ")
    assert "Bản nháp → Sẵn sàng" in texts[1]
    assert texts[-1] == (
        "25/11/2026 10:00 | Tiếp nhận hồ sơ | Nguyễn Thị Hoa — Bộ phận một cửa | Đủ thành phần"
    )


def test_a_supplement_answer_can_lose_a_wrong_file_before_it_is_sent(qtbot, application, tmp_path):
    from tests.signing.pdfs import make_pdf

    store = application.store
    (dossier_id,) = _queued(store, 1)
    repo = DossierRepository(store)
    repo.mark_first_sent(dossier_id)
    repo.transition(dossier_id, State.SENDING, actor="sync")
    repo.transition(dossier_id, State.SUBMITTED, actor="sync",
                    fields={"portal_id": "p-1", "portal_status": 5})  # fmt: skip
    with store.write() as db:
        db.execute(
            "INSERT INTO supplements (dossier_id, request_id, note, component_codes,"
            " created_at, updated_at) VALUES (?, 'yc-1', 'Bổ sung phiếu', '[\"TP1\"]', 'x', 'x')",
            (dossier_id,),
        )
    application.open_dossier(dossier_id)
    panel = application.dossiers_page.view.supplement
    qtbot.waitUntil(panel.isVisible, timeout=WAIT)
    assert "Phiếu đăng ký dự tuyển (TP1)" in panel.request_label.text()
    assert not panel.send_button.isEnabled()  # nothing attached yet
    panel.add_files([make_pdf(tmp_path / "nham.pdf", text="Nham")])
    qtbot.waitUntil(lambda: panel.files.count() == 1, timeout=WAIT)
    assert "nham.pdf (chưa ký)" in panel.files.item(0).text()
    panel.files.setCurrentRow(0)
    assert panel.remove_button.isEnabled()
    panel.remove_button.click()
    qtbot.waitUntil(lambda: panel.files.count() == 0, timeout=WAIT)
    assert "Thiếu thành phần bắt buộc" in panel.problems.text()
    assert [f for f in repo.get(dossier_id).files if f.supplement_id] == []
