"""Steps of the clerk's journey through the window, shared by the journey tests."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.core.dossier import Applicant
from desktop_app.ui.app import Application
from desktop_app.ui.dossier.components import ComponentRow
from desktop_app.ui.signing.dialog import SignDialog

APPLICANT = Applicant(
    full_name="Nguyễn Thị Lan",
    id_number="062195004321",
    date_of_birth="1995-03-14",
    phone="0912345678",
    email="lan@example.vn",
    address="Phường Quyết Thắng, Kon Tum",
)

WAIT = 30_000


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` as a clerk would: plain keys for ASCII, and Vietnamese letters as an
    input method (Unikey, the OS's Telex) commits them."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def make_scan(path: Path, text: str = "Phieu dang ky du tuyen") -> Path:
    """An A4 page at 100 dpi as a PNG, like a scanner's output."""
    image = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 767, 1109), outline="black", width=3)
    draw.text((100, 120), text, fill="black")
    image.save(path, dpi=(100, 100))
    return path


def sign_in(qtbot, application: Application, username: str, password: str) -> None:
    """The sign-in dialog opened by itself (a real portal, no session): fill it in."""
    qtbot.waitUntil(lambda: getattr(application, "sign_in_dialog", None) is not None, timeout=WAIT)
    dialog = application.sign_in_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.username.setText(username)
    type_text(qtbot, dialog.password, password)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    connection = application.workspace.connection
    qtbot.waitUntil(lambda: connection.me is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def find_procedure(qtbot, application: Application, typed: str, name: str) -> None:
    page = application.catalog_page
    application.window.show_page(page)
    qtbot.waitUntil(lambda: len(page.model.rows) > 5, timeout=WAIT)  # the catalogue is in
    page.search_box.setFocus()
    type_text(qtbot, page.search_box, typed)
    qtbot.waitUntil(lambda: name in [r.name for r in page.model.rows], timeout=WAIT)
    row = [r.name for r in page.model.rows].index(name)
    page.table.selectRow(row)
    qtbot.waitUntil(
        lambda: page.details.procedure is not None and page.details.procedure.name == name,
        timeout=WAIT,
    )


def create_dossier(qtbot, application: Application) -> str:
    page = application.catalog_page
    qtbot.waitUntil(page.create_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    editor = application.dossiers_page.editor
    qtbot.waitUntil(lambda: editor.loaded is not None, timeout=WAIT)
    assert application.window.current_page() is application.dossiers_page
    return editor.loaded.dossier.id


def fill_in(qtbot, application: Application, applicant: Applicant, summary: str) -> None:
    """Type into the editor as a clerk would; autosave does the rest."""
    editor = application.dossiers_page.editor
    form = editor.form
    for name in ("full_name", "id_number", "date_of_birth", "phone", "email", "address"):
        field = form.fields[name]
        field.selectAll()
        field.del_()
        type_text(qtbot, field, getattr(applicant, name) or "")
    type_text(qtbot, form.summary, summary)
    if form.home_return.isVisible():
        form.home_return.setChecked(True)
        type_text(qtbot, form.return_address, applicant.address)
    wait_saved(qtbot, application)


def wait_saved(qtbot, application: Application) -> None:
    editor = application.dossiers_page.editor
    qtbot.waitUntil(lambda: not editor._autosave.isActive() and editor.pending == 0, timeout=WAIT)


def drop_files(qtbot, row: ComponentRow, paths: list[Path]) -> None:
    """Drop files from the file manager onto a component."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    row.dropEvent(event)
    assert event.isAccepted()


def sign_through_dialog(
    qtbot, application: Application, dialog: SignDialog, p12: Path, password: str
) -> None:
    qtbot.waitUntil(lambda: bool(dialog.items), timeout=WAIT)
    panel = dialog.key_panel
    panel.pkcs12_radio.setChecked(True)
    panel.file_edit.setText(str(p12))
    type_text(qtbot, panel.secret_edit, password)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.session is not None, timeout=WAIT)
    assert panel.secret_edit.text() == ""  # the password is not kept in the form
    qtbot.waitUntil(lambda: dialog.placer.box is not None, timeout=WAIT)
    # Drag the stamp box up and left, as the clerk would with the mouse.
    before = dialog.placer.box_points()
    view = dialog.placer
    box_centre = view.mapFromScene(view.box.sceneBoundingRect().center())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=box_centre)
    qtbot.mouseMove(view.viewport(), box_centre - QPoint(60, 80))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=box_centre - QPoint(60, 80))
    after = dialog.placer.box_points()
    assert after is not None and before is not None and after != before
    with qtbot.waitSignal(dialog.finished_signing, timeout=120_000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
