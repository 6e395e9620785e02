"""The catalogue's filters, settings, help and the language switch, on a real profile."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.store import Store
from tests.ui.journey import WAIT, type_text


@pytest.fixture
def catalogued(profile, portal) -> None:
    """The profile's catalogue cache filled from the sandbox (as after a refresh)."""
    store = Store.open(profile)
    try:
        refresh_catalog(PortalClient(portal.url), CatalogCache(store))
    finally:
        store.close()


@pytest.fixture
def started(qtbot, make_app, catalogued):
    application = make_app(start_portal=False)
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    qtbot.waitUntil(lambda: len(application.catalog_page.model.rows) > 5, timeout=WAIT)
    return application


def test_catalogue_filters_by_agency_and_field_and_search_ignores_accents(qtbot, started):
    page = started.catalog_page
    everything = len(page.model.rows)
    agency = page.agency_box.findText("Sở Nội vụ tỉnh Kon Tum (sandbox)")
    assert agency > 0
    page.agency_box.setCurrentIndex(agency)
    qtbot.waitUntil(lambda: 0 < len(page.model.rows) < everything, timeout=WAIT)
    assert {r.agency_code for r in page.model.rows} == {"000.00.20.H34"}
    fields = [page.field_box.itemData(i) for i in range(1, page.field_box.count())]
    assert "SBX-CCVC" in fields
    page.field_box.setCurrentIndex(page.field_box.findData("SBX-CCVC"))
    qtbot.waitUntil(lambda: {r.field_code for r in page.model.rows} == {"SBX-CCVC"}, timeout=WAIT)
    type_text(qtbot, page.search_box, "XÉT tuyen")
    wanted = ["Thủ tục xét tuyển công chức", "Thủ tục xét tuyển viên chức"]
    qtbot.waitUntil(lambda: [r.name for r in page.model.rows] == wanted, timeout=WAIT)
    assert page.count_label.text() == "Tìm thấy 2 thủ tục"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.details.procedure is not None, timeout=WAIT)
    text = page.details.toPlainText()
    assert "không bắt buộc" in text and "tối đa 5 tệp" in text and "Không thu phí." in text


def test_english_applies_at_once_to_every_page(qtbot, started, profile):
    window = started.window
    started.window.english_action.trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "DossierDesk – Public-service dossiers")
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Procedures", "Dossiers", "Outbox", "Payments", "Settings", "Help"]
    assert started.catalog_page.create_button.text() == "Create a dossier"
    assert started.outbox_page.send_all_button.text() == "Send all"
    assert started.payments_page.panel.pay_button.text() == "Pay"
    assert started.dossiers_page.filter_buttons["action"].text().startswith("Needs action")
    assert started.dossiers_page.model.headerData(0, Qt.Orientation.Horizontal) == "Procedure"
    assert started.dossiers_page.view.timeline.headerItem().text(0) == "When"
    file_menu = [a.text() for a in window.file_menu.actions()][:3]
    assert file_menu[0] == "&Import dossier packages…"
    assert started.catalog_page.count_label.text().endswith("procedure(s) found")
    assert "Who to call" in started.help_page.contacts.toPlainText()
    started.change_language("vi")
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "Thủ tục", timeout=WAIT)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Thủ tục", "Hồ sơ", "Hàng đợi gửi", "Thanh toán", "Cài đặt", "Trợ giúp"]


def test_help_shows_the_province_contacts_and_copies_diagnostics(qtbot, started, profile):
    page = started.help_page
    started.window.show_page(page)
    text = page.contacts.toPlainText()
    for expected in (
        "Trung tâm Phục vụ hành chính công tỉnh",
        "0260.3797799",
        "Thứ Hai đến Thứ Sáu",
        "Viễn thông Kon Tum",
        "0260.3958.789",
        "24/7",
        "Sở Nội vụ, phòng Hành chính - Tổng hợp",
        "0260.3867.075",
    ):
        assert expected in text, expected
    logs = profile / "logs"
    logs.mkdir(exist_ok=True)
    (logs / "dossier-desk.log").write_text("INFO a line of the log\n", encoding="utf-8")
    page.copy_button.click()
    qtbot.waitUntil(lambda: bool(page.last_diagnostics), timeout=WAIT)
    clip = QGuiApplication.clipboard().text()
    assert clip == page.last_diagnostics
    assert "DossierDesk" in clip and "ui.language = 'vi'" in clip
    assert "INFO a line of the log" in clip and "Portal:" in clip


def test_settings_are_checked_and_saved(qtbot, started, profile):
    page = started.settings_page
    assert page.sandbox_check.isChecked()
    page.sandbox_check.setChecked(False)
    page.portal_url.setText("http://portal.example.vn")  # plain HTTP, not loopback
    page.save_button.click()
    assert "http://portal.example.vn" in page.message.text()  # refused, says why
    page.portal_url.setText("https://dichvucong.example.gov.vn")
    page.tsa_url.setText("http://tsa.example.vn")
    page.parallel.setValue(3)
    page.auto_send.setChecked(False)
    reconnects = []
    page.portal_changed.connect(lambda: reconnects.append(True))
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "Đã lưu cài đặt.", timeout=WAIT)
    saved = json.loads((profile / "settings.json").read_text(encoding="utf-8"))["values"]
    assert saved["portal.url"] == "https://dichvucong.example.gov.vn"
    assert saved["signing.tsa_url"] == "http://tsa.example.vn"
    assert saved["sync.parallel_uploads"] == 3 and saved["sync.auto_send"] is False
    assert reconnects == [True]
    qtbot.waitUntil(lambda: not started.window.banner.isVisible(), timeout=WAIT)
