#!/usr/bin/env python3
"""Screenshots of each main screen, in a real window on a real X server (Xvfb).

    python tools/screenshots.py [--out docs/screenshots] [--lang vi|en]

Starts its own Xvfb, then the app on a fresh profile as on a first start (the bundled
training sandbox, the demo account), walks the clerk's journey (find "thi tuyen", create
a dossier, fill it in, attach a scan, open the sign dialog with a throw-away PKCS#12
certificate), then the second half (send it, the sandbox officer's steps by hand, answer
a supplement, pay, receive the result, import a CSV batch) and saves what the X server
shows of each screen. Needs Xvfb (Debian: xvfb) and the Qt xcb libraries (.ci/run
installs them). The payment link is not handed to a browser here: the sandbox's gateway
extra marks it paid.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 820)


def _free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inside:
        return _take(args.out, args.lang)
    if shutil.which("Xvfb") is None:
        print("Xvfb is needed (Debian: apt-get install xvfb)", file=sys.stderr)
        return 2
    display = _free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            if xvfb.poll() is not None or time.monotonic() > deadline:
                print("Xvfb did not start", file=sys.stderr)
                return 2
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        env.pop("DOSSIER_DESK_HOME", None)
        command = [sys.executable, __file__, "--inside", "--out", str(args.out)]
        return subprocess.call([*command, "--lang", args.lang], env=env, cwd=ROOT)
    finally:
        xvfb.terminate()
        xvfb.wait(10)


# ---------------------------------------------------------------------------- inside X


def _throwaway_certificate(folder: Path) -> tuple[Path, str]:
    """A self-signed signing certificate for the picture (never a real one)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(65537, 2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND xã Tập Huấn"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Thị Lan"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    password = "tap-huan"
    path = folder / "tap-huan.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"tap-huan", key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    return path, password


def _scan(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 767, 1109), outline="black", width=3)
    draw.text((100, 110), "CONG HOA XA HOI CHU NGHIA VIET NAM", fill="black")
    draw.text((100, 160), "PHIEU DANG KY DU TUYEN CONG CHUC", fill="black")
    for n in range(12):
        draw.line((100, 240 + 60 * n, 720, 240 + 60 * n), fill="#999999")
    image.save(path, dpi=(100, 100))
    return path


def _take(out: Path, language: str) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop_app.cli.context import CliContext
    from desktop_app.ui.app import Application
    from desktop_app.ui.i18n import apply_language

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="dossierdesk-shots-"))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("DossierDesk")
    apply_language(language)
    application = Application(CliContext(home=work / "profile", language=language))
    window = application.window
    window.resize(*SIZE)
    window.move(0, 0)

    def wait(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not get there in time")
            app.processEvents()
            time.sleep(0.02)

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def shoot(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle()
        target = widget or window
        picture = target.screen().grabWindow(target.winId())
        picture.save(str(out / f"{name}.png"))
        print(f"saved {out / name}.png")

    try:
        application.start()
        connection = application.workspace.connection
        wait(lambda: connection.me is not None)
        page = application.catalog_page
        wait(lambda: len(page.model.rows) > 5)
        page.search_box.setText("thi tuyen")
        wait(lambda: any(r.code == "1.014111" for r in page.model.rows))
        row = [r.code for r in page.model.rows].index("1.014111")
        page.table.selectRow(row)
        wait(lambda: page.details.procedure is not None)
        shoot("1-catalogue")

        page.create_button.click()
        editor = application.dossiers_page.editor
        wait(lambda: editor.loaded is not None)
        form = editor.form
        values = {
            "full_name": "Nguyễn Thị Lan",
            "id_number": "062195004321",
            "date_of_birth": "1995-03-14",
            "phone": "0912345678",
            "email": "lan@example.vn",
            "address": "Phường Quyết Thắng, Kon Tum",
        }
        for name, value in values.items():
            form.fields[name].setText(value)
        form.summary.setText("Đăng ký dự thi tuyển công chức năm 2026")
        form.home_return.setChecked(True)
        form.return_address.setText("Phường Quyết Thắng, Kon Tum")
        form.edited.emit()
        editor.save_now()
        wait(lambda: editor.pending == 0)
        editor.add_files("TP1", [_scan(work / "phieu-dang-ky.png")])
        wait(lambda: editor.pending == 0 and bool(editor.checklist.rows["TP1"].files))
        wait(lambda: editor.checklist.states() == {"TP1": "unsigned"})
        editor.checklist.rows["TP1"].file_list.setCurrentRow(0)
        wait(lambda: editor.preview.page_view.pixmap() is not None)
        shoot("2-dossier-editor")

        p12, password = _throwaway_certificate(work)
        dialog = application.open_sign_dialog([editor.dossier_id])
        dialog.move(120, 40)
        wait(lambda: bool(dialog.items))
        dialog.key_panel.use_pkcs12(p12, password)
        dialog.key_panel.open_key()
        wait(lambda: dialog.key_panel.session is not None)
        wait(lambda: dialog.placer.box is not None)
        shoot("3-sign-dialog", dialog)
        dialog.sign()
        wait(lambda: not dialog.running and bool(dialog.outcomes))
        dialog.close_button.click()
        wait(lambda: editor.checklist.states() == {"TP1": "ready"})
        settle(1.0)
        shoot("4-dossier-ready")

        _second_half(application, work, p12, password, wait, settle, shoot)

        for name, target in (
            ("6-settings", application.settings_page),
            ("7-help", application.help_page),
        ):
            window.show_page(target)
            shoot(name)
    finally:
        application.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _officer(server, portal_id: str, action: str, **extra) -> None:  # type: ignore[no-untyped-def]
    """The sandbox officer's hand (its own pace is stopped for the pictures)."""
    import requests

    url = f"{server.url}/api/v1/sandbox/officer/dossiers/{portal_id}"
    response = requests.post(url, json={"action": action, **extra}, timeout=60)
    response.raise_for_status()


def _second_half(application, work: Path, p12: Path, password: str, wait, settle, shoot) -> None:  # type: ignore[no-untyped-def]
    """Send, follow, answer a supplement, pay, receive the result; import a CSV batch."""
    from PySide6.QtGui import QDesktopServices

    from desktop_app.core.store.dossiers import DossierRepository

    window, sync = application.window, application.sync
    server = application.workspace.connection.server
    server.officer.stop()
    sync.set_follow_interval(500)
    opened: list[str] = []
    QDesktopServices.openUrl = staticmethod(lambda url: opened.append(url.toString()) or True)
    page = application.dossiers_page
    dossier_id = page.editor.dossier_id
    page.select(dossier_id)
    wait(page.queue_button.isEnabled)
    page.queue_button.click()
    outbox = application.outbox_page
    window.show_page(outbox)
    wait(lambda: [r.state for r in outbox.rows()] == ["submitted"])
    outbox.table.selectRow(0)
    shoot("8-outbox")

    repo = DossierRepository(application.store)
    portal_id = repo.get(dossier_id).portal_id
    for action in ("receive", "process"):
        _officer(server, portal_id, action, note="Hồ sơ hợp lệ" if action == "receive" else None)
    _officer(server, portal_id, "request_supplement", component_codes=["TP1"],
             note="Đề nghị bổ sung phiếu đăng ký có chữ ký của người dự tuyển")  # fmt: skip
    application.open_dossier(dossier_id)
    view = page.view
    wait(lambda: view.supplement.isVisible())
    view.supplement.add_files([_scan(work / "phieu-bo-sung.png")])
    wait(lambda: view.supplement.files.count() == 1)
    settle(1.0)
    shoot("9-supplement")
    view.supplement.sign_button.click()
    dialog = application.sign_dialog
    wait(lambda: bool(dialog.items))
    dialog.key_panel.use_pkcs12(p12, password)
    dialog.key_panel.open_key()
    wait(lambda: dialog.key_panel.session is not None)
    dialog.sign()
    wait(lambda: not dialog.running and bool(dialog.outcomes))
    dialog.close_button.click()
    wait(view.supplement.send_button.isEnabled)
    view.supplement.note.setText("Đã bổ sung phiếu đăng ký có chữ ký")
    view.supplement.send_button.click()
    wait(lambda: not view.supplement.isVisible())

    _officer(server, portal_id, "request_payment")
    wait(lambda: view.pay_button.isVisible() and view.tracking.dossier.portal_status == 6)
    view.pay_button.click()
    panel = application.payments_page.panel
    wait(lambda: panel.view is not None and panel.pay_button.isEnabled())
    panel.pay_button.click()
    wait(lambda: bool(opened))
    reference = opened[0].split("/pay/")[1].split("?")[0]
    import requests

    requests.post(f"{server.url}/api/v1/sandbox/payments/{reference}",
                  json={"outcome": "paid"}, timeout=60).raise_for_status()  # fmt: skip
    wait(
        lambda: panel.status.property("status") == "paid" and panel.open_receipt_button.isEnabled()
    )
    shoot("5-payments")
    application.payments_page.tabs.setCurrentIndex(1)
    shoot("13-transactions")
    application.payments_page.tabs.setCurrentIndex(0)

    _officer(server, portal_id, "finish")
    application.open_dossier(dossier_id)
    wait(lambda: bool(view.results.results) and view.results.results[0].downloaded)
    view.tabs.setCurrentIndex(1)
    shoot("10-results")
    view.tabs.setCurrentIndex(0)
    shoot("11-timeline")

    folder = work / "dot-1"
    folder.mkdir()
    _scan(folder / "scan.png")
    names = ["Trần Văn Bình", "Lê Thị Hoa", "Phạm Minh Đức", "Hoàng Thu Trang"]
    lines = ["procedure_code,full_name,id_number,phone,summary,file:TP1"]
    lines += [f"1.014111,{n},0621950043{k:02d},09123456{k:02d},Dự tuyển 2026,scan.png"
              for k, n in enumerate(names)]  # fmt: skip
    lines.append("1.099999,Võ Văn Sai,062195009999,0912000000,Thủ tục không có,scan.png")
    lines.append("1.014111,Đặng Thị Thiếu,062195008888,0912000001,Thiếu tệp,khong-co.pdf")
    (folder / "danh-sach.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    transfer = application.transfer
    transfer.preview_csv(folder / "danh-sach.csv")
    wait(lambda: transfer.dialog is not None and transfer.dialog.isVisible())
    transfer.dialog.move(140, 120)
    shoot("12-import-preview", transfer.dialog)
    transfer.dialog.import_button.click()
    wait(lambda: bool(transfer.dialog.outcomes))
    transfer.dialog.close()
    window.show_page(page)
    page.set_filter("all")
    wait(lambda: len(page.model.ids) >= 5)
    page.select(dossier_id)
    settle(1.0)
    shoot("14-dossier-list")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
