"""The commands of shared/cli.md that talk to the portal or move dossiers, with their
exit statuses: login, catalog refresh, queue, list --json, export, pay, sync.

Each runs as the real ``dossier-desk`` in a child process (profile via ``--home``, password
from ``DOSSIER_DESK_PASSWORD``, no keyring), against the sandbox portal on loopback.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.dossier import Delivery
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.settings import SETTINGS_FILE
from sandbox_portal.config import DEFAULT_CATALOGUE
from tests.support.dossiers import APPLICANT, ready_dossier
from tests.support.sandbox import SandboxServer, register_account
from tests.sync.test_sync_crash import cli, cli_env

PAID = "1.014111"  # one signed component, a 500.000 đ fee
PLAIN = "1.013932"  # one unsigned PDF, no fee


def run(home: Path, *args: str, password: str | None = None, timeout: float = 120):
    return subprocess.run(
        cli(home, *args), env=cli_env(password), capture_output=True, text=True, timeout=timeout
    )


def login(home: Path, portal_url: str, account) -> None:
    done = run(
        home,
        "login",
        "--portal",
        portal_url,
        "--username",
        account.username,
        password=account.password,
    )
    assert done.returncode == 0, done.stderr


def add_dossiers(home: Path, pki, directory: Path, *codes: str, queue: bool = False) -> list[str]:
    store = Store.open(home)
    try:
        return [
            ready_dossier(
                store,
                pki.signer.pkcs12_path,
                pki.signer.pkcs12_password,
                directory,
                procedure_code=code,
                queue=queue,
            ).id
            for code in codes
        ]
    finally:
        store.close()


def listing(home: Path) -> dict[str, dict]:
    done = run(home, "list", "--json")
    assert done.returncode == 0, done.stderr
    return {item["id"]: item for item in json.loads(done.stdout)}


def test_login_gives_0_and_keeps_the_portal_but_no_secret_and_1_when_refused(
    tmp_path, portal, account
):
    home = tmp_path / "home"
    ok = run(
        home,
        "login",
        "--portal",
        portal.url,
        "--username",
        account.username,
        password=account.password,
    )
    assert ok.returncode == 0, ok.stderr
    assert f"Signed in as {account.username} at {portal.url}" in ok.stdout
    settings_text = (home / SETTINGS_FILE).read_text(encoding="utf-8")
    settings = json.loads(settings_text)
    assert json.dumps(settings)  # plain JSON
    assert portal.url in settings_text and account.username in settings_text
    assert account.password not in settings_text + ok.stdout + ok.stderr

    refused = run(
        home,
        "login",
        "--portal",
        portal.url,
        "--username",
        "someone-else",
        password="not-the-password",
    )
    assert refused.returncode == 1
    assert "Wrong username or password" in refused.stderr
    assert "not-the-password" not in refused.stdout + refused.stderr
    # A refused sign-in leaves the profile's portal settings as they were.
    assert (home / SETTINGS_FILE).read_text(encoding="utf-8") == settings_text

    no_password = run(home, "login", "--portal", portal.url, "--username", account.username)
    assert no_password.returncode == 1
    assert "DOSSIER_DESK_PASSWORD" in no_password.stderr


def test_catalog_refresh_gives_0_online_then_3_offline_and_the_cache_stays(
    tmp_path, portal, account
):
    home = tmp_path / "home"
    login(home, portal.url, account)
    first = run(home, "catalog", "refresh", password=account.password)
    assert first.returncode == 0, first.stderr
    assert "35 procedures here (35 just updated)" in first.stdout
    again = run(home, "catalog", "refresh", password=account.password)
    assert again.returncode == 0, again.stderr
    assert "35 procedures here (0 just updated)" in again.stdout  # the ETag: 304

    portal.stop()
    offline = run(home, "catalog", "refresh", password=account.password)
    assert offline.returncode == 3, (offline.stdout, offline.stderr)
    assert "Could not reach the portal" in offline.stderr
    assert "Traceback" not in offline.stderr
    store = Store.open(home)
    try:
        assert store.db.execute("SELECT count(*) FROM procedures").fetchone()[0] == 35
    finally:
        store.close()


def test_queue_gives_1_with_the_reasons_and_0_when_every_dossier_is_ready(
    tmp_path, pki, portal, account
):
    home = tmp_path / "home"
    login(home, portal.url, account)
    assert run(home, "catalog", "refresh", password=account.password).returncode == 0
    (ready,) = add_dossiers(home, pki, tmp_path, PAID)
    store = Store.open(home)
    try:
        empty = (
            DossierRepository(store)
            .create(PAID, 1, applicant=APPLICANT, summary="Thiếu tệp", delivery=Delivery())
            .id
        )
    finally:
        store.close()

    mixed = run(home, "queue", ready, empty)
    assert mixed.returncode == 1
    assert mixed.stdout.splitlines() == [f"{ready} queued", f"{empty} draft"]
    assert f"Dossier {empty} is not ready:" in mixed.stderr
    reasons = [line for line in mixed.stderr.splitlines() if line.startswith("  - ")]
    assert reasons and any("Phiếu đăng ký dự tuyển" in r for r in reasons), mixed.stderr
    assert ready not in mixed.stderr

    assert run(home, "queue", ready).returncode == 0  # already queued: nothing to say
    store = Store.open(home)
    try:
        DossierRepository(store).delete_draft(empty)
    finally:
        store.close()
    (other,) = add_dossiers(home, pki, tmp_path, PLAIN)
    everything = run(home, "queue", "--all")
    assert everything.returncode == 0, everything.stderr
    assert everything.stdout.splitlines() == [f"{other} queued"]
    states = {i: item["state"] for i, item in listing(home).items()}
    assert states == {ready: "queued", other: "queued"}


def test_export_writes_a_package_that_imports_the_same_dossier_elsewhere(
    tmp_path, pki, portal, account
):
    home = tmp_path / "home"
    login(home, portal.url, account)
    assert run(home, "catalog", "refresh", password=account.password).returncode == 0
    first, second = add_dossiers(home, pki, tmp_path, PAID, PLAIN)
    out = tmp_path / "packages"
    exported = run(home, "export", first, second, "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    packages = sorted(out.glob("*.dossier"))
    assert [p.stem for p in packages] == sorted([first, second])
    assert not list(out.glob(".export-*"))  # no temp file left
    with zipfile.ZipFile(out / f"{first}.dossier") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "dossier-desk/1" and manifest["client_id"] == first

    elsewhere = tmp_path / "other-pc"
    imported = run(elsewhere, "import", *map(str, packages))
    assert imported.returncode == 0, imported.stderr
    assert sorted(imported.stdout.splitlines()) == sorted([f"{first} draft", f"{second} draft"])
    source, copy = Store.open(home), Store.open(elsewhere)
    try:
        for dossier_id in (first, second):
            a = DossierRepository(source).get(dossier_id)
            b = DossierRepository(copy).get(dossier_id)
            assert (b.procedure_code, b.applicant, b.summary, b.delivery) == (
                a.procedure_code,
                a.applicant,
                a.summary,
                a.delivery,
            )
            assert [(f.component_code, f.blob_sha256) for f in b.active_files()] == [
                (f.component_code, f.blob_sha256) for f in a.active_files()
            ]
    finally:
        source.close()
        copy.close()

    missing = run(home, "export", "no-such-dossier", "-o", str(out))
    assert missing.returncode == 1 and "no-such-dossier" in missing.stderr


def test_sync_0_list_json_and_pay_prints_the_portal_link(tmp_path, pki, portal, account):
    home = tmp_path / "home"
    login(home, portal.url, account)
    assert run(home, "catalog", "refresh", password=account.password).returncode == 0
    paid, plain = add_dossiers(home, pki, tmp_path, PAID, PLAIN, queue=True)

    sent = run(home, "sync", "--once", password=account.password)
    assert sent.returncode == 0, sent.stderr
    assert "Sent 2, waiting for the network 0, refused 0" in sent.stdout
    items = listing(home)
    assert set(items) == {paid, plain}
    for item in items.values():
        assert {"id", "client_id", "state", "portal_code", "status", "payment_status"} <= set(item)
        assert item["client_id"] == item["id"]
        assert item["state"] == "submitted" and item["status"] == 1
        assert item["portal_code"] and item["payment_status"] is None

    pay = run(home, "pay", paid, password=account.password)
    assert pay.returncode == 0, pay.stderr
    lines = pay.stdout.splitlines()
    assert "Pay 500.000 VND" in lines[0] and "pending" in lines[0]
    assert lines[-1].startswith(f"{portal.url}/pay/")
    again = run(home, "pay", paid, password=account.password)
    assert again.returncode == 0 and again.stdout == pay.stdout  # the same payment, reused
    assert listing(home)[paid]["payment_status"] == "pending"

    nothing = run(home, "pay", plain, password=account.password)
    assert nothing.returncode == 1
    assert "Nothing is left to pay" in nothing.stderr


def test_sync_3_while_the_portal_is_unreachable_then_0_when_it_is_back(
    tmp_path, pki, portal, account
):
    home = tmp_path / "home"
    login(home, portal.url, account)
    assert run(home, "catalog", "refresh", password=account.password).returncode == 0
    (dossier,) = add_dossiers(home, pki, tmp_path, PLAIN, queue=True)
    portal.stop()
    offline = run(home, "sync", "--once", password=account.password)
    assert offline.returncode == 3, (offline.stdout, offline.stderr)
    assert "Could not reach the portal" in offline.stderr
    assert listing(home)[dossier]["state"] in {"queued", "send_failed"}
    portal.start()
    back = run(home, "sync", "--once", password=account.password)
    assert back.returncode == 0, back.stderr
    assert listing(home)[dossier]["state"] == "submitted"


def test_sync_4_when_the_portal_refuses_a_dossier_and_says_why(tmp_path, pki, account):
    """The procedure is retired on the portal after the clerk queued the dossier (the
    sandbox restarts with a catalogue that no longer lists it): the portal refuses it,
    the others still go, and the exit status is 4."""
    data = tmp_path / "portal-data"
    server = SandboxServer(data, pace=0, seed=1)
    server.start()
    try:
        account = register_account(server)
        home = tmp_path / "home"
        login(home, server.url, account)
        assert run(home, "catalog", "refresh", password=account.password).returncode == 0
        retired, fine = add_dossiers(home, pki, tmp_path, PLAIN, PAID, queue=True)
        catalogue = json.loads(Path(DEFAULT_CATALOGUE).read_text(encoding="utf-8"))
        catalogue["procedures"] = [p for p in catalogue["procedures"] if p["code"] != PLAIN]
        trimmed = tmp_path / "catalogue.json"
        trimmed.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
        port = server.port
        server.stop()
        server = SandboxServer(data, port=port, pace=0, seed=1, catalogue_path=trimmed)
        server.start()

        refused = run(home, "sync", "--once", password=account.password)
        assert refused.returncode == 4, (refused.stdout, refused.stderr)
        assert f"Dossier {retired} refused" in refused.stderr
        assert "Sent 1, waiting for the network 0, refused 1" in refused.stdout
        states = {i: item["state"] for i, item in listing(home).items()}
        assert states == {retired: "rejected", fine: "submitted"}
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _no_user_profile(monkeypatch):
    monkeypatch.delenv("DOSSIER_DESK_HOME", raising=False)
