"""The sign dialog's other paths: a USB token (SoftHSM2) with its PIN, a wrong password,
a refused certificate, and cancelling a batch."""

from __future__ import annotations

import os

import pytest

import signing.pkcs11 as token_api
from tests.support.pki_softhsm import build_softhsm_token, softhsm_module
from tests.support.tools import require_file, require_tool
from tests.ui.journey import WAIT


@pytest.fixture
def dialog(qtbot, make_app, dossiers_to_sign):
    application = make_app(start_portal=False)
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    dialog = application.open_sign_dialog(dossiers_to_sign[:3])
    qtbot.waitUntil(lambda: len(dialog.items) == 3, timeout=WAIT)
    return dialog


@pytest.fixture
def token(pki, tmp_path):
    """A SoftHSM2 token holding the test signer, seen by a freshly initialised module."""
    require_tool("softhsm2-util", "pkcs11-tool")
    module = require_file(softhsm_module(), "the SoftHSM2 PKCS#11 module")
    before = os.environ.get("SOFTHSM2_CONF")
    built = build_softhsm_token(
        tmp_path / "hsm", [pki.signer], label="Token Cán Bộ", chain=[pki.intermediate_cert]
    )
    token_api.reload_module(module)
    yield built
    if before is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = before
    token_api.reload_module(module)


def test_a_usb_token_lists_its_label_and_signs_the_batch_with_one_pin(qtbot, dialog, token):
    panel = dialog.key_panel
    panel.token_radio.setChecked(True)
    assert panel.module_box.isVisible() or not dialog.isVisible()
    index = panel.module_box.findData(str(token.module))
    if index < 0:  # not among the detected ones here: the clerk picks the file
        panel.module_box.addItem(str(token.module), str(token.module))
        index = panel.module_box.count() - 1
    panel.module_box.setCurrentIndex(index)
    qtbot.waitUntil(lambda: panel.token_box.findData("Token Cán Bộ") >= 0, timeout=WAIT)
    panel.token_box.setCurrentIndex(panel.token_box.findData("Token Cán Bộ"))
    panel.secret_edit.setText(token.pin)
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.session is not None, timeout=WAIT)
    assert "Token Cán Bộ" in panel.details.text() or token.label in panel.details.text()
    with qtbot.waitSignal(dialog.finished_signing, timeout=120_000):
        dialog.sign_button.click()
    assert [o.ok for o in dialog.outcomes] == [True, True, True]


def test_a_wrong_password_says_so_and_is_not_retried(qtbot, dialog, pki):
    panel = dialog.key_panel
    panel.use_pkcs12(pki.signer.pkcs12_path, "sai-mat-khau")
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.open_button.isEnabled() and "⚠" in panel.details.text())
    assert panel.session is None
    assert "mật khẩu" in panel.details.text().lower()
    assert panel.secret_edit.text() == ""
    assert not dialog.sign_button.isEnabled()


def test_an_expired_certificate_is_shown_and_refused_before_signing(qtbot, dialog, pki):
    panel = dialog.key_panel
    panel.use_pkcs12(pki.expired.pkcs12_path, pki.expired.password)
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.session is not None, timeout=WAIT)
    assert panel.refused
    assert "hết hạn" in panel.details.text()
    assert not dialog.sign_button.isEnabled()


def test_stop_leaves_the_files_not_started_unsigned(qtbot, dialog, pki, tmp_path):
    panel = dialog.key_panel
    panel.use_pkcs12(pki.signer.pkcs12_path, pki.signer.password)
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.session is not None, timeout=WAIT)
    with qtbot.waitSignal(dialog.finished_signing, timeout=120_000):
        dialog.sign_button.click()
        dialog.cancel()  # at once: between files the batch stops
    signed = [o.ok for o in dialog.outcomes]
    assert signed.count(False) >= 1 and not all(signed)
    assert dialog.sign_button.isEnabled()  # the rest can be signed again, same key
