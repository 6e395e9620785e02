"""The first window: Vietnamese by default, English at once when chosen, no blocking start."""

from __future__ import annotations

import json
import threading

import pytest

from desktop_app.core.store import Store
from desktop_app.ui import app as app_module


@pytest.fixture
def application(make_app):
    return make_app(start_portal=False)


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_opens_in_vietnamese_with_a_status_bar(qtbot, application):
    with qtbot.waitSignal(application.ready, timeout=10_000) as ready:
        application.start()
    assert ready.args == [True]
    window = application.window
    assert window.windowTitle() == "DossierDesk – Hồ sơ dịch vụ công"
    assert _menu_titles(window) == ["&Tệp", "&Ngôn ngữ", "Trợ &giúp"]
    assert window.store_label.text() == "Dữ liệu trên máy sẵn sàng: 0 hồ sơ"
    assert window.statusBar().isVisible()


def test_english_is_applied_at_once_and_remembered(qtbot, application, profile):
    with qtbot.waitSignal(application.ready, timeout=10_000):
        application.start()
    application.window.english_action.trigger()
    window = application.window
    qtbot.waitUntil(lambda: window.windowTitle() == "DossierDesk – Public-service dossiers")
    assert _menu_titles(window) == ["&File", "&Language", "&Help"]
    assert window.store_label.text() == "Local data ready: 0 dossier(s)"
    qtbot.waitUntil(lambda: (profile / "settings.json").exists(), timeout=5_000)
    saved = json.loads((profile / "settings.json").read_text(encoding="utf-8"))
    assert saved["values"]["ui.language"] == "en"


def test_start_opens_the_data_off_the_main_thread(qtbot, application, monkeypatch):
    threads = []
    real_open = Store.open

    def recording_open(profile):
        threads.append(threading.current_thread())
        return real_open(profile)

    monkeypatch.setattr(app_module.Store, "open", staticmethod(recording_open))
    with qtbot.waitSignal(application.ready, timeout=10_000):
        application.start()
        assert application.window.store_label.text() == "Đang mở dữ liệu trên máy…"
    assert threads and threads[0] is not threading.main_thread()


def test_a_profile_that_cannot_open_says_so(qtbot, application, profile, monkeypatch):
    (profile / "dossier-desk.sqlite3").write_bytes(b"not a database at all" * 200)
    shown = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda parent, title, text: shown.append(text)
    )
    with qtbot.waitSignal(application.ready, timeout=10_000) as ready:
        application.start()
    assert ready.args == [False]
    assert application.window.store_label.text() == "Không mở được dữ liệu trên máy"
    assert shown and "không phải cơ sở dữ liệu DossierDesk" in shown[0]
