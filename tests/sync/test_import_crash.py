"""``dossier-desk import`` of a big package killed half-way: the whole dossier or nothing.

A ~100 MB ``.dossier`` package (four signed PDFs) is imported by the real command in a
child process, which is SIGKILLed at random moments, many times, most of them while it
copies the files into the blob store. After every kill the profile holds either the whole
dossier (every file, hash and event) or no trace of it in the database; what a kill leaves
on disk (blob copies no row knows, temp parts) is only garbage that the blob collector
removes. Importing the finished package again, twice, changes nothing.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.packages import export_dossier
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.gc import collect_garbage
from tests.support.dossiers import ready_dossier
from tests.sync.test_sync_crash import cli, cli_env

KILLS = 20
FILE_SIZE = 24_000_000
PROCEDURE = "1.009319"  # four required components, TP1 signed


def _snapshot(home: Path) -> dict:
    """Everything an import could change, in comparable form."""
    store = Store.open(home)
    try:
        db = store.db
        return {
            "dossiers": db.execute("SELECT * FROM dossiers ORDER BY id").fetchall(),
            "files": db.execute("SELECT * FROM dossier_files ORDER BY id").fetchall(),
            "events": db.execute("SELECT * FROM events ORDER BY id").fetchall(),
            "blobs": db.execute("SELECT * FROM blobs ORDER BY sha256").fetchall(),
            "stored": sorted(store.blobs.iter_stored()),
        }
    finally:
        store.close()


def _check_whole_or_nothing(home: Path, manifest: dict) -> str:
    """``"whole"``, ``"nothing"`` (and how much garbage: ``"nothing+copies"``), or fail."""
    client_id = manifest["client_id"]
    wanted = sorted((f["component_code"], f["sha256"], f["size"]) for f in manifest["files"])
    store = Store.open(home)
    try:
        assert store.integrity_problems() == []
        repo = DossierRepository(store)
        events = store.db.execute(
            "SELECT kind FROM events WHERE dossier_id = ? ORDER BY id", (client_id,)
        ).fetchall()
        if not repo.exists(client_id):
            assert events == [], "events of a dossier that is not there"
            rows = store.db.execute("SELECT count(*) FROM dossier_files").fetchone()[0]
            assert rows == 0
            copies = [f for f in manifest["files"] if store.blobs.exists(f["sha256"])]
            parts = list(store.blobs.tmp.glob("*")) if store.blobs.tmp.is_dir() else []
            return "nothing+copies" if copies or parts else "nothing"
        dossier = repo.get(client_id)
        got = sorted((f.component_code, f.blob_sha256, f.size) for f in dossier.active_files())
        assert got == wanted
        for f in dossier.active_files():
            assert store.blobs.verify(f.blob_sha256)
        kinds = [k for (k,) in events]
        assert kinds[0] == "created" and kinds.count("file_added") == len(wanted), kinds
        return "whole"
    finally:
        store.close()


def _import(home: Path, package: Path, timeout: float | None = None):
    return subprocess.run(
        cli(home, "import", str(package)),
        env=cli_env(None),
        capture_output=True,
        text=True,
        timeout=timeout or 120,
    )


@pytest.mark.slow
def test_an_import_killed_half_way_leaves_the_whole_dossier_or_nothing(
    store, client, pki, tmp_path
):
    source = ready_dossier(
        store,
        pki.signer.pkcs12_path,
        pki.signer.pkcs12_password,
        tmp_path,
        procedure_code=PROCEDURE,
        size=FILE_SIZE,
        queue=False,
    )
    package = export_dossier(store, source.id, tmp_path / "packages")
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert sum(f["size"] for f in manifest["files"]) > 90_000_000

    # How long this machine takes to start the command, and to import the whole package.
    calibration = tmp_path / "calibration"
    began = time.monotonic()
    assert _import(calibration, package).returncode == 0
    whole_time = time.monotonic() - began
    began = time.monotonic()
    assert _import(calibration, package).returncode == 0  # already there: nothing to do
    start_time = time.monotonic() - began
    shutil.rmtree(calibration)

    rng = random.Random(5)
    outcomes: dict[str, int] = {}
    kills = profiles = 0
    home = tmp_path / "target-0"
    deadline = time.monotonic() + 180
    while kills < KILLS:
        assert time.monotonic() < deadline, outcomes
        child = subprocess.Popen(
            cli(home, "import", str(package)),
            env=cli_env(None),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            child.wait(timeout=rng.uniform(start_time * 0.8, whole_time))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
            kills += 1
        else:
            assert child.returncode == 0
        outcome = _check_whole_or_nothing(home, manifest)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome == "whole":  # start again on a fresh profile to kill more imports
            profiles += 1
            home = tmp_path / f"target-{profiles}"
    # Most kills landed while the files were being copied in.
    assert outcomes.get("nothing+copies", 0) >= KILLS // 4, outcomes

    # Finish on the last profile; what kills left behind is only collectable garbage.
    finished = _import(home, package)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.split() == [manifest["client_id"], "draft"]
    assert _check_whole_or_nothing(home, manifest) == "whole"
    store_after = Store.open(home)
    try:
        collect_garbage(store_after, orphan_age_seconds=0)
        referenced = {f["sha256"] for f in manifest["files"]}
        assert set(store_after.blobs.iter_stored()) == referenced
        assert not any(store_after.blobs.tmp.glob("*"))
    finally:
        store_after.close()

    # The same package again, twice: nothing changes, and it says so.
    before = _snapshot(home)
    for _ in range(2):
        again = _import(home, package)
        assert again.returncode == 0, again.stderr
        assert again.stdout.split() == [manifest["client_id"], "draft"]
        assert manifest["client_id"] in again.stderr and "nothing changed" in again.stderr
    assert _snapshot(home) == before
    print(f"\n{kills} kills over {profiles + 1} profiles: {outcomes}")
