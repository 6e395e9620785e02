"""The clerk's first half of the day, through the window, against the sandbox portal on
loopback, on a real SQLite profile, with a PKCS#12 test certificate:
sign in, find "Thi tuyển công chức" by typing "thi tuyen", create a dossier, fill it in,
attach files (a PNG scan among them), sign through the dialog, see every component ready.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.dossier import State
from desktop_app.core.store.dossiers import DossierRepository
from tests.signing.pdfs import make_pdf
from tests.support.sandbox import register_account
from tests.ui.conftest import write_settings
from tests.ui.journey import (
    APPLICANT,
    WAIT,
    create_dossier,
    drop_files,
    fill_in,
    find_procedure,
    make_scan,
    sign_in,
    sign_through_dialog,
    wait_saved,
)

PROCEDURE = "Thủ tục thi tuyển công chức"


@pytest.mark.journey
def test_sign_in_find_create_fill_attach_sign_and_see_it_ready(
    qtbot, make_app, portal, profile, pki, tmp_path, memory_keyring, monkeypatch
):
    account = register_account(portal, full_name="Trần Văn Cán Bộ")
    write_settings(profile, portal__url=portal.url, portal__username=account.username)
    application = make_app()
    application.start()
    window = application.window
    assert not window.banner.isVisible()  # a configured portal: no training banner

    # Sign in: the dialog opens by itself; the session lands in the (test) keyring.
    sign_in(qtbot, application, account.username, account.password)
    assert application.portal_status.account_text() == "Đã đăng nhập: Trần Văn Cán Bộ"
    assert any(account.username in key[1] for key in memory_keyring.items)
    assert all(account.password not in value for value in memory_keyring.items.values())

    # Find the procedure without typing accents, and create a dossier.
    find_procedure(qtbot, application, "thi tuyen", PROCEDURE)
    details = application.catalog_page.details.toPlainText()
    for expected in ("1.014111", "bắt buộc", "phải ký số", "Tải mẫu đơn", "500.000 đ"):
        assert expected in details, expected
    dossier_id = create_dossier(qtbot, application)
    editor = application.dossiers_page.editor
    # The submitter is prefilled from the account (/me), and editable.
    assert editor.form.fields["full_name"].text() == "Trần Văn Cán Bộ"
    assert editor.checklist.states() == {"TP1": "missing"}
    missing = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert any("Chưa nhập Số CCCD" in text for text in missing)

    # Fill it in.
    fill_in(qtbot, application, APPLICANT, "Đăng ký dự thi tuyển công chức năm 2026")
    qtbot.waitUntil(
        lambda: editor.loaded.dossier.applicant.id_number == APPLICANT.id_number, timeout=WAIT
    )
    assert editor.loaded.dossier.delivery.home_return

    # Attach: first the application form (a PDF) through the file dialog...
    form_pdf = make_pdf(tmp_path / "phieu-dang-ky.pdf", text="Phieu dang ky du tuyen")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(form_pdf)], ""))
    )
    row = editor.checklist.rows["TP1"]
    row.add_button.click()
    qtbot.waitUntil(
        lambda: [f.original_name for f in row.files] == ["phieu-dang-ky.pdf"], timeout=WAIT
    )
    assert editor.checklist.states() == {"TP1": "unsigned"}

    # ...then the clerk drops the signed paper's scan (PNG) instead: it becomes a PDF
    # and replaces the form in this one-file component.
    scan = make_scan(tmp_path / "phieu-dang-ky-scan.png")
    drop_files(qtbot, row, [scan])
    qtbot.waitUntil(
        lambda: [f.original_name for f in row.files] == ["phieu-dang-ky-scan.pdf"], timeout=WAIT
    )
    attached = row.files[0]
    assert attached.content_type == "application/pdf"
    assert editor.checklist.states() == {"TP1": "unsigned"}

    # Its pages show as thumbnails, and a page preview.
    row.file_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: editor.preview.thumbnails.count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: editor.preview.page_view.pixmap() is not None
                    and not editor.preview.page_view.pixmap().isNull(), timeout=WAIT)  # fmt: skip

    # Sign through the dialog with the PKCS#12 test certificate.
    with qtbot.waitSignal(editor.sign_requested, timeout=WAIT):
        editor.sign_button.click()
    dialog = application.sign_dialog
    assert dialog is not None and dialog.dossier_ids == [dossier_id]
    sign_through_dialog(qtbot, application, dialog, pki.signer.pkcs12_path, pki.signer.password)
    assert [o.ok for o in dialog.outcomes] == [True]
    details = dialog.key_panel.details.text()
    assert "DossierDesk" in details and "RSA 2048" in details
    assert "Đã ký 1 trên 1 tệp." in dialog.status.text()
    dialog.close_button.click()

    # Every component ready, the dossier ready, nothing missing.
    qtbot.waitUntil(lambda: editor.checklist.states() == {"TP1": "ready"}, timeout=WAIT)
    qtbot.waitUntil(lambda: editor.loaded.dossier.state == State.READY, timeout=WAIT)
    assert editor.problem_list.item(0).text() == "Không còn thiếu gì: hồ sơ đã sẵn sàng."
    dossier = DossierRepository(application.store).get(dossier_id)
    signed = dossier.active_files("TP1")
    assert len(signed) == 1 and signed[0].signed
    assert signed[0].signature_report["all_intact"] is True
    assert signed[0].signature_report["signatures"][0]["signer_name"] == pki.signer.common_name
    wait_saved(qtbot, application)


@pytest.mark.journey
def test_duplicate_as_template_then_sign_two_dossiers_with_one_password(
    qtbot, make_app, portal, profile, pki, tmp_path
):
    account = register_account(portal)
    write_settings(profile, portal__url=portal.url, portal__username=account.username)
    application = make_app()
    application.start()
    sign_in(qtbot, application, account.username, account.password)
    find_procedure(qtbot, application, "THI TUYỂN công chức", PROCEDURE)
    first = create_dossier(qtbot, application)
    fill_in(qtbot, application, APPLICANT, "Đăng ký dự thi")
    editor = application.dossiers_page.editor
    drop_files(qtbot, editor.checklist.rows["TP1"], [make_pdf(tmp_path / "a.pdf")])
    qtbot.waitUntil(lambda: editor.checklist.states() == {"TP1": "unsigned"}, timeout=WAIT)

    # The next applicant of the same procedure: a copy with the summary, not the person.
    editor.duplicate_button.click()
    qtbot.waitUntil(lambda: editor.dossier_id not in (None, first), timeout=WAIT)
    second = editor.dossier_id
    assert editor.form.summary.text() == "Đăng ký dự thi"
    assert editor.form.fields["id_number"].text() == ""
    other = APPLICANT.__class__(**{**APPLICANT.__dict__, "full_name": "Lê Văn Hai",
                                   "id_number": "062195004322"})  # fmt: skip
    fill_in(qtbot, application, other, "")
    drop_files(qtbot, editor.checklist.rows["TP1"], [make_pdf(tmp_path / "b.pdf")])
    qtbot.waitUntil(lambda: editor.checklist.states() == {"TP1": "unsigned"}, timeout=WAIT)

    # Select both in the list and sign them in one go: one password for the batch.
    page = application.dossiers_page
    qtbot.waitUntil(lambda: {r.id for r in page.rows} == {first, second}, timeout=WAIT)
    page.table.selectAll()
    page.sign_selected_button.click()
    dialog = application.sign_dialog
    assert sorted(dialog.dossier_ids) == sorted([first, second])
    sign_through_dialog(qtbot, application, dialog, pki.signer.pkcs12_path, pki.signer.password)
    assert [o.ok for o in dialog.outcomes] == [True, True]
    repo = DossierRepository(application.store)
    for dossier_id in (first, second):
        qtbot.waitUntil(lambda d=dossier_id: repo.get(d).state == State.READY, timeout=WAIT)
