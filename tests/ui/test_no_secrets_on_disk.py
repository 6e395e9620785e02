"""After a full journey (sign in, sign with a PKCS#12 password and with a token PIN, send,
follow, pay), no password, PIN or token is anywhere in the profile: not in the logs (at
DEBUG), the settings, the database (WAL included), the blobs or the crash reports."""

from __future__ import annotations

import json
import logging

import pytest
import requests

from desktop_app.core.dossier import State
from desktop_app.core.dossier_signing import files_to_sign, sign_files
from desktop_app.core.queueing import queue_dossier
from desktop_app.core.signatures import make_validator
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync import SyncEngine
from desktop_app.diagnostics import log_path, setup_logging
from signing import SignOptions
from signing.pkcs11 import Pkcs11KeySource
from tests.signing.pdfs import make_pdf
from tests.support.pki_softhsm import build_softhsm_token
from tests.support.sandbox import officer, register_account
from tests.support.tools import require_file, require_tool
from tests.ui.conftest import write_settings
from tests.ui.journey import (
    APPLICANT,
    WAIT,
    create_dossier,
    drop_files,
    fill_in,
    find_procedure,
    sign_in,
    sign_through_dialog,
    wait_saved,
)

PASSWORD = "Mat-khau-Rieng-9x!"
PIN = "PIN-rieng-7391"


def _found(profile, secrets: dict[str, str]) -> list[str]:
    hits = []
    for path in sorted(p for p in profile.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for name, secret in secrets.items():
            for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                if encoded in data:
                    hits.append(f"{name} in {path.relative_to(profile)}")
    return hits


@pytest.fixture
def debug_log(profile):
    """The app's log in the profile, at DEBUG for this test only."""
    root = logging.getLogger()
    level = root.level
    path = setup_logging(profile, level=logging.DEBUG)
    root.setLevel(logging.DEBUG)
    yield path
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "dossier_desk", False):
            root.removeHandler(handler)
            handler.close()


@pytest.mark.journey
def test_no_secret_is_written_anywhere_in_the_profile(
    qtbot, make_app, portal, profile, pki, tmp_path, memory_keyring, debug_log
):
    require_tool("softhsm2-util", "pkcs11-tool")
    token = build_softhsm_token(
        tmp_path / "hsm", [pki.signer], chain=[pki.signer.chain[0]], pin=PIN
    )
    require_file(token.module, "the SoftHSM2 PKCS#11 module")
    account = register_account(portal, password=PASSWORD)
    write_settings(profile, portal__url=portal.url, portal__username=account.username)

    # Through the window: sign in, make a dossier, sign it with the PKCS#12 password.
    application = make_app()
    application.start()
    sign_in(qtbot, application, account.username, PASSWORD)
    find_procedure(qtbot, application, "thi tuyen", "Thủ tục thi tuyển công chức")
    first = create_dossier(qtbot, application)
    fill_in(qtbot, application, APPLICANT, "Đăng ký dự thi tuyển")
    editor = application.dossiers_page.editor
    drop_files(qtbot, editor.checklist.rows["TP1"], [make_pdf(tmp_path / "phieu.pdf")])
    qtbot.waitUntil(lambda: editor.checklist.states() == {"TP1": "unsigned"}, timeout=WAIT)
    editor.sign_button.click()
    dialog = application.sign_dialog
    sign_through_dialog(qtbot, application, dialog, pki.signer.pkcs12_path, pki.signer.password)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: editor.checklist.states() == {"TP1": "ready"}, timeout=WAIT)
    wait_saved(qtbot, application)
    store = application.store

    # A second dossier signed on the token with its PIN (one login for the batch).
    repo = DossierRepository(store)
    second = repo.create(
        "1.014111", repo.get(first).procedure_version, applicant=APPLICANT, summary="Dự thi"
    )
    repo.attach(second.id, "TP1", make_pdf(tmp_path / "phieu-2.pdf"))
    source = Pkcs11KeySource(token.module, pin=PIN, token_label=token.label)
    with source.open() as session:
        outcomes = sign_files(
            store, files_to_sign(store, [second.id]), session, SignOptions(),
            validate=make_validator(),
        )  # fmt: skip
    assert [o.ok for o in outcomes] == [True]

    # Send both, let the officer ask for the fee, pay it, follow to the receipt.
    for dossier_id in (first, second.id):
        assert queue_dossier(store, dossier_id)[1] == []
    client = application.workspace.connection.client
    engine = SyncEngine(store, client, validate=make_validator())
    assert engine.send_outbox().sent == 2
    portal_id = repo.get(first).portal_id
    officer(portal, portal_id, "receive")
    officer(portal, portal_id, "process")
    payment = engine.payments.pay(first)
    paid = requests.post(
        f"{portal.url}/api/v1/sandbox/payments/{payment.reference}",
        json={"outcome": "paid"},
        timeout=30,
    )
    assert paid.status_code == 200
    engine.follow()
    assert engine.payments.get(payment.reference).receipt_sha256
    assert repo.get(first).state == State.SUBMITTED

    # Every secret that passed through the app during the journey.
    secrets = {"password": PASSWORD, "pkcs12 password": pki.signer.password, "PIN": PIN}
    tokens = client.tokens.load()
    secrets["access token"] = tokens.access_token
    secrets["refresh token"] = tokens.refresh_token
    for n, value in enumerate(memory_keyring.items.values()):
        kept = json.loads(value)
        secrets[f"keyring access token {n}"] = kept["access_token"]
        secrets[f"keyring refresh token {n}"] = kept["refresh_token"]
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert debug_log == log_path(profile)
    assert debug_log.stat().st_size > 10_000  # the search did cover a real log
    assert (profile / "settings.json").is_file()
    assert (profile / "dossier-desk.sqlite3").is_file()
    assert _found(profile, secrets) == []
