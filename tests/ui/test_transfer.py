"""Tệp ▸ Nhập / Xuất: dossier packages and CSV batches, with a preview of what will be
created and of the problems found, before anything changes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.packages import export_dossier
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from tests.core.test_catalog import AGENCY, FIELDS, procedure
from tests.signing.pdfs import make_pdf
from tests.ui.journey import APPLICANT, WAIT


def _catalogue(store: Store) -> None:
    cache = CatalogCache(store)
    cache.save_agencies([AGENCY])
    cache.save_fields(FIELDS)
    cache.save_procedures([procedure("1.014111", "Thủ tục thi tuyển công chức")])


@pytest.fixture
def application(qtbot, make_app, profile):
    store = Store.open(profile)
    _catalogue(store)
    store.close()
    application = make_app(start_portal=False)
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    return application


def _package_from_elsewhere(tmp_path: Path) -> Path:
    """A package made on another PC (another profile)."""
    other = Store.open(tmp_path / "other-pc")
    try:
        _catalogue(other)
        repo = DossierRepository(other)
        dossier = repo.create("1.014111", 1, applicant=APPLICANT, summary="Dự tuyển 2026")
        repo.attach(dossier.id, "TP1", make_pdf(tmp_path / "phieu.pdf", text="Phieu"))
        return export_dossier(other, dossier.id, tmp_path / "usb")
    finally:
        other.close()


def test_packages_are_previewed_then_imported_and_a_second_import_changes_nothing(
    qtbot, application, tmp_path
):
    package = _package_from_elsewhere(tmp_path)
    damaged = tmp_path / "usb" / "hong.dossier"
    second = _package_from_elsewhere(tmp_path)  # another dossier, damaged on the way
    with zipfile.ZipFile(second) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:-10] + b"0123456789" if item.filename != "manifest.json"
                            else data)  # fmt: skip
    not_a_package = tmp_path / "usb" / "ghi-chu.dossier"
    not_a_package.write_text("không phải gói hồ sơ", encoding="utf-8")

    transfer = application.transfer
    transfer.preview_packages([package, damaged, not_a_package])
    qtbot.waitUntil(
        lambda: transfer.dialog is not None and transfer.dialog.isVisible(), timeout=WAIT
    )
    dialog = transfer.dialog
    table = dialog.table
    assert table.rowCount() == 3
    assert table.item(0, 1).text() == "Thủ tục thi tuyển công chức (1.014111)"
    assert table.item(0, 2).text() == APPLICANT.full_name
    assert table.item(0, 4).text() == "sẽ được tạo thành hồ sơ nháp"
    assert "không phải gói hồ sơ DossierDesk" in table.item(2, 4).text()
    assert dialog.import_button.text() == "Nhập 2 hồ sơ"  # the damaged one is found at import

    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as created:
        dialog.import_button.click()
    assert len(created.args[0]) == 1
    assert table.item(0, 4).text() == "đã tạo"
    assert "không khớp mã băm" in table.item(1, 4).text()
    assert dialog.summary.text() == "Đã tạo 1 hồ sơ; 1 hồ sơ không tạo được."
    page = application.dossiers_page
    qtbot.waitUntil(lambda: page.model.row_of(created.args[0][0]) >= 0, timeout=WAIT)
    dialog.close()

    transfer.preview_packages([package])
    qtbot.waitUntil(lambda: transfer.dialog is not dialog and transfer.dialog.isVisible(),
                    timeout=WAIT)  # fmt: skip
    assert "đã có trên máy này" in transfer.dialog.table.item(0, 4).text()
    assert not transfer.dialog.import_button.isEnabled()


def test_a_csv_batch_shows_what_will_be_created_and_the_problems_found(
    qtbot, application, tmp_path
):
    folder = tmp_path / "dot-1"
    folder.mkdir()
    make_pdf(folder / "lan.pdf", text="Lan")
    csv = folder / "danh-sach.csv"
    csv.write_text(
        "procedure_code,full_name,id_number,phone,summary,file:TP1\n"
        "1.014111,Nguyễn Thị Lan,062195004321,0912345678,Dự tuyển,lan.pdf\n"
        "9.999999,Lê Văn Hai,062195004322,0912345679,Dự tuyển,lan.pdf\n"
        "1.014111,Phạm Thị Ba,062195004323,0912345670,Dự tuyển,khong-co.pdf\n",
        encoding="utf-8-sig",
    )
    transfer = application.transfer
    transfer.preview_csv(csv)
    qtbot.waitUntil(
        lambda: transfer.dialog is not None and transfer.dialog.isVisible(), timeout=WAIT
    )
    dialog = transfer.dialog
    texts = [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())]
    assert texts[0] == "sẽ được tạo thành hồ sơ nháp"
    assert "thủ tục 9.999999 không có trong danh mục" in texts[1]
    assert "không tìm thấy tệp khong-co.pdf" in texts[2]
    assert "Sẽ tạo 1 hồ sơ; 2 hồ sơ không tạo được" in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as created:
        dialog.import_button.click()
    (dossier_id,) = created.args[0]
    dossier = DossierRepository(application.store).get(dossier_id)
    assert dossier.applicant.full_name == "Nguyễn Thị Lan"
    assert [f.original_name for f in dossier.active_files("TP1")] == ["lan.pdf"]
    # The list shows the drafts, the new one among them.
    page = application.dossiers_page
    assert application.window.current_page() is page
    qtbot.waitUntil(lambda: page.model.row_of(dossier_id) >= 0, timeout=WAIT)
    assert page.model.query.filter == "drafts"


def test_export_writes_a_package_per_selected_dossier(qtbot, application, tmp_path):
    repo = DossierRepository(application.store)
    ids = [repo.create("1.014111", 1, applicant=APPLICANT).id for _ in range(2)]
    transfer = application.transfer
    with qtbot.waitSignal(transfer.exported, timeout=WAIT) as written:
        transfer.export(ids, tmp_path / "out")
    assert sorted(Path(p).name for p in written.args[0]) == sorted(f"{i}.dossier" for i in ids)
    assert "Đã ghi 2 gói hồ sơ" in application.window.statusBar().currentMessage()
    actions = [a.text() for a in application.window.file_menu.actions()]
    assert actions[:3] == [
        "&Nhập gói hồ sơ…",
        "Nhập loạt hồ sơ từ tệp &CSV…",
        "&Xuất các hồ sơ đã chọn…",
    ]
