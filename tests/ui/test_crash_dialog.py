"""An unexpected exception in a UI action: a dialog says what happened and where the report
is, the log has it, and the dossier being edited is intact on disk (issue 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.diagnostics import log_path, setup_logging
from desktop_app.ui import crash
from desktop_app.ui.help import page as help_page
from tests.core.test_catalog import AGENCY, FIELDS, procedure
from tests.ui.journey import type_text

BOOM = "ổ cứng ảo bị hỏng giữa chừng"


@pytest.mark.qt_no_exception_capture
def test_a_failing_action_shows_a_dialog_logs_a_report_and_loses_nothing(
    qtbot, make_app, profile, monkeypatch
):
    setup_logging(profile)
    store = Store.open(profile)
    cache = CatalogCache(store)
    cache.save_agencies([AGENCY])
    cache.save_fields(FIELDS)
    cache.save_procedures([procedure("1.014111", "Thi tuyển công chức")])
    dossier = DossierRepository(store).create("1.014111", 1)
    store.close()

    application = make_app(start_portal=False)
    handler = crash.install_crash_handler(profile, lambda: application.window)
    try:
        with qtbot.waitSignal(application.ready, timeout=30_000):
            application.start()
        editor = application.dossiers_page.editor
        editor.open_dossier(dossier.id)
        summary = editor.form.summary
        qtbot.waitUntil(lambda: summary.isEnabled(), timeout=30_000)
        summary.setFocus()
        type_text(qtbot, summary, "Đăng ký dự tuyển công chức năm 2026")

        def saved() -> bool:
            check = Store.open(profile)
            try:
                return DossierRepository(check).get(dossier.id).summary.startswith("Đăng ký")
            finally:
                check.close()

        qtbot.waitUntil(saved, timeout=30_000)

        def broken(workspace):
            raise OSError(BOOM)

        monkeypatch.setattr(help_page, "diagnostics_text", broken)
        qtbot.mouseClick(application.help_page.copy_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: handler.dialog is not None and handler.dialog.isVisible(), timeout=30_000
        )

        dialog = handler.dialog
        assert isinstance(dialog, QMessageBox)
        text = dialog.text()
        assert BOOM in text
        assert "Hồ sơ đang soạn đã được lưu trên máy" in text
        report = handler.last_report
        assert report is not None and report.is_file()
        assert str(report) in text
        assert report.parent == profile / crash.REPORTS_DIR
        assert BOOM in report.read_text(encoding="utf-8")
        assert "Traceback" in report.read_text(encoding="utf-8")
        log_text = log_path(profile).read_text(encoding="utf-8")
        assert "unhandled exception" in log_text and BOOM in log_text

        # The window still works after the crash.
        dialog.accept()
        assert application.window.isVisible()
        assert QApplication.instance() is not None
    finally:
        handler.uninstall()
    check = Store.open(profile)
    assert DossierRepository(check).get(dossier.id).summary == "Đăng ký dự tuyển công chức năm 2026"
    check.close()
