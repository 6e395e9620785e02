"""``dossier-desk sign --dossier ID|all``: signs what the procedure requires, nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import State
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from tests.core.test_catalog import AGENCY, FIELDS, procedure
from tests.core.test_checks import GOOD_APPLICANT
from tests.signing.pdfs import make_pdf
from tests.support.pki import build_test_pki

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    with build_test_pki(tmp_path_factory.mktemp("pki")) as pki:
        yield pki


def _cli(home: Path, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--home", str(home), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DOSSIER_DESK_PKCS12_PASSWORD": password},
        stdin=subprocess.DEVNULL,
    )


def test_sign_every_dossier_then_nothing_left(profile, tmp_path, pki):
    store = Store.open(profile)
    cache = CatalogCache(store)
    cache.save_agencies([AGENCY])
    cache.save_fields(FIELDS)
    p = procedure("1.014111", "Thi tuyển công chức")
    p["components"].append(
        {"code": "TP2", "name": "Văn bằng", "required": False, "signature_required": False}
    )
    cache.save_procedures([p])
    repo = DossierRepository(store)
    ids = []
    for n in range(2):
        dossier = repo.create("1.014111", 1, applicant=GOOD_APPLICANT, summary="Dự tuyển")
        repo.attach(dossier.id, "TP1", make_pdf(tmp_path / f"phieu-{n}.pdf"))
        repo.attach(dossier.id, "TP2", make_pdf(tmp_path / f"bang-{n}.pdf"))
        ids.append(dossier.id)
    store.close()

    p12, password = str(pki.signer.pkcs12_path), pki.signer.pkcs12_password
    first = _cli(profile, "sign", "--dossier", "all", "--pkcs12", p12, password=password)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "2/2" in first.stdout
    assert password not in first.stdout + first.stderr

    store = Store.open(profile)
    repo = DossierRepository(store)
    for dossier_id in ids:
        dossier = repo.get(dossier_id)
        assert dossier.state == State.READY
        by_component = {f.component_code: f for f in dossier.active_files()}
        assert by_component["TP1"].signed and by_component["TP1"].signature_report["all_intact"]
        assert not by_component["TP2"].signed  # its component does not ask for a signature
    store.close()

    again = _cli(profile, "sign", "--dossier", ids[0], "--pkcs12", p12, password=password)
    assert again.returncode == 0
    assert "Không có tệp nào cần ký" in again.stdout


def test_wrong_password_signs_nothing_and_says_so(profile, tmp_path, pki):
    store = Store.open(profile)
    cache = CatalogCache(store)
    cache.save_procedures([procedure("1.014111", "Thi tuyển công chức")])
    repo = DossierRepository(store)
    dossier = repo.create("1.014111", 1)
    repo.attach(dossier.id, "TP1", make_pdf(tmp_path / "phieu.pdf"))
    store.close()
    result = _cli(
        profile, "sign", "--dossier", dossier.id, "--pkcs12", str(pki.signer.pkcs12_path),
        password="sai-mat-khau",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip()
    store = Store.open(profile)
    assert not DossierRepository(store).get(dossier.id).active_files()[0].signed
    store.close()


def test_files_and_dossier_together_are_refused(profile):
    result = _cli(profile, "sign", "x.pdf", "--dossier", "all", password="x")
    assert result.returncode == 1
    assert "--dossier" in result.stderr
