"""First start on the bundled sandbox, registering in the app, a remembered session."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.support.sandbox import register_account
from tests.ui.conftest import write_settings
from tests.ui.journey import WAIT, type_text


@pytest.mark.journey
def test_first_start_runs_the_sandbox_signs_in_demo_and_says_it_is_training(
    qtbot, make_app, profile
):
    application = make_app()
    application.start()
    window, connection = application.window, application.workspace.connection
    assert window.banner.isVisible()
    assert "CỔNG TẬP HUẤN" in window.banner.text()
    qtbot.waitUntil(lambda: connection.me is not None, timeout=WAIT)
    assert connection.sandbox and connection.username == "demo"
    assert connection.origin.startswith("http://127.0.0.1:")
    assert (profile / "sandbox").is_dir()  # the sandbox keeps its data in the profile
    assert application.portal_status.state_text() == "Cổng: cổng tập huấn (sandbox)"
    # The catalogue arrives by itself, and the sandbox's agency root is trusted for results.
    qtbot.waitUntil(lambda: len(application.catalog_page.model.rows) > 5, timeout=WAIT)
    roots = connection.result_trust_roots()
    assert any(root.endswith("agency-root.pem") for root in roots)
    assert requests.get(connection.origin + "/api/v1/health", timeout=5).ok


@pytest.mark.journey
def test_register_on_the_sandbox_completes_the_mail_confirmation_in_the_app(
    qtbot, make_app, memory_keyring
):
    application = make_app()
    application.start()
    connection = application.workspace.connection
    qtbot.waitUntil(lambda: connection.me is not None, timeout=WAIT)
    dialog = application.open_register()
    assert dialog is not None
    values = {
        "username": "can-bo-moi",
        "password": "mat-khau-du-dai",
        "email": "canbo@example.vn",
        "full_name": "Phạm Thị Mới",
        "phone": "0987654321",
    }
    for name, value in values.items():
        type_text(qtbot, dialog.edits[name], value)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: connection.username == "can-bo-moi", timeout=WAIT)
    assert connection.me["full_name"] == "Phạm Thị Mới"
    assert application.portal_status.account_text() == "Đã đăng nhập: Phạm Thị Mới"
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


@pytest.mark.journey
def test_the_session_is_remembered_through_the_keyring(
    qtbot, make_app, portal, profile, memory_keyring
):
    account = register_account(portal)
    write_settings(profile, portal__url=portal.url, portal__username=account.username)
    first = make_app()
    first.start()
    qtbot.waitUntil(lambda: getattr(first, "sign_in_dialog", None) is not None, timeout=WAIT)
    dialog = first.sign_in_dialog
    type_text(qtbot, dialog.password, account.password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: first.workspace.connection.me is not None, timeout=WAIT)
    first.shutdown()
    first.window.close()

    # Next morning: the window opens signed in, no password asked.
    second = make_app()
    second.start()
    connection = second.workspace.connection
    qtbot.waitUntil(lambda: connection.me is not None, timeout=WAIT)
    assert connection.me["username"] == account.username
    assert getattr(second, "sign_in_dialog", None) is None
    assert not second.window.banner.isVisible()

    # Signing out forgets the session in the keyring.
    second.window.sign_out_action.trigger()
    assert not any(account.username in key[1] for key in memory_keyring.items)
    assert connection.me is None


def test_a_real_portal_register_opens_its_page_in_the_browser(
    qtbot, make_app, profile, monkeypatch
):
    write_settings(profile, portal__url="https://dichvucong.example.gov.vn")
    opened = []
    from desktop_app.ui.portal import dialogs

    monkeypatch.setattr(
        dialogs.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    application = make_app(start_portal=False)
    assert application.open_register() is None
    assert [u.toString() for u in opened] == ["https://dichvucong.example.gov.vn"]


@pytest.mark.journey
def test_templates_download_and_the_status_bar_follows_the_connection(
    qtbot, make_app, portal, profile, tmp_path, monkeypatch
):
    account = register_account(portal)
    write_settings(profile, portal__url=portal.url, portal__username=account.username)
    application = make_app()
    application.start()
    qtbot.waitUntil(lambda: getattr(application, "sign_in_dialog", None) is not None, timeout=WAIT)
    dialog = application.sign_in_dialog
    type_text(qtbot, dialog.password, account.password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    connection = application.workspace.connection
    qtbot.waitUntil(lambda: connection.me is not None, timeout=WAIT)
    assert application.portal_status.state_text() == "Cổng: đã kết nối"

    # The template of a component, saved where the clerk says.
    page = application.catalog_page
    qtbot.waitUntil(lambda: len(page.model.rows) > 5, timeout=WAIT)
    target = tmp_path / "mau-don.pdf"
    from desktop_app.ui.catalog import page as catalog_page

    monkeypatch.setattr(
        catalog_page.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "")),
    )
    page._download_template("Phiếu đăng ký", "/api/v1/catalog/procedures/1.014111/templates/TP1")
    qtbot.waitUntil(target.exists, timeout=WAIT)
    assert target.read_bytes().startswith(b"%PDF")

    # The portal goes away: the status bar says so, and work goes on.
    portal.stop()
    connection._monitor.poke()
    qtbot.waitUntil(lambda: connection.state == "offline", timeout=WAIT)
    assert application.portal_status.state_text().startswith("Cổng: mất kết nối")
    portal.start()
    connection._monitor.poke()
    qtbot.waitUntil(lambda: connection.state == "online", timeout=WAIT)
