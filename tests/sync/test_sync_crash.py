"""``dossier-desk sync --once`` killed with SIGKILL at random moments, again and again.

The real command in a child process (profile via ``--home``, password from
``DOSSIER_DESK_PASSWORD``, the portal URL and username written by ``dossier-desk login``)
sends a batch to the sandbox portal running in this process. It is killed at least 30
times at random moments, most of them in the middle of an upload (small chunks, through
the hidden ``--chunk-size`` option); then it is started again until it exits 0. The result
must be the same as without any crash: every dossier on the portal exactly once, every
file's hash right, nothing lost locally.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.store import Store
from tests.support.dossiers import ready_dossier, signed_in_client
from tests.sync.exactly_once import assert_exactly_once

KILLS = 30
FIRST_WAVE = 20
NEXT_WAVE = 6
FILE_SIZE = 1_000_000
CHUNK = 16 * 1024
PROCEDURE = "1.014937"  # TP1 signed, TP2 a PDF: two files per dossier


def cli_env(password: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DOSSIER_DESK_HOME", None)
    env.pop("DOSSIER_DESK_PASSWORD", None)
    # Never the user's keyring: the session stays in memory, so each run signs in again.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if password is not None:
        env["DOSSIER_DESK_PASSWORD"] = password
    return env


def cli(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--home", str(home), "--lang", "en", *args]


def _portal_uploads(sandbox_data: Path) -> tuple[int, int]:
    """(bytes the portal holds, uploads it holds part of: 0 < offset < size)."""
    conn = sqlite3.connect(f"file:{sandbox_data / 'portal.sqlite3'}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT coalesce(sum(offset), 0),"
            " coalesce(sum(offset > 0 AND offset < size), 0) FROM uploads"
        ).fetchone()
        return int(row[0]), int(row[1])
    finally:
        conn.close()


def _local_state(home: Path) -> tuple[int, int]:
    """(dossiers in ``sending``, dossiers not yet submitted) in the profile."""
    store = Store.open(home)
    try:
        rows = dict(
            store.db.execute("SELECT state, count(*) FROM dossiers GROUP BY state").fetchall()
        )
    finally:
        store.close()
    pending = sum(n for state, n in rows.items() if state != "submitted")
    return rows.get("sending", 0), pending


def _add_dossiers(home: Path, pki, directory: Path, count: int) -> list[str]:
    store = Store.open(home)
    try:
        return [
            ready_dossier(
                store,
                pki.signer.pkcs12_path,
                pki.signer.pkcs12_password,
                directory,
                procedure_code=PROCEDURE,
                size=FILE_SIZE,
            ).id
            for _ in range(count)
        ]
    finally:
        store.close()


@pytest.mark.slow
def test_sync_killed_at_random_moments_sends_every_dossier_exactly_once(
    tmp_path, pki, portal, account
):
    home = tmp_path / "home"
    env = cli_env(account.password)
    login = subprocess.run(
        cli(home, "login", "--portal", portal.url, "--username", account.username),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert login.returncode == 0, login.stderr
    store = Store.open(home)
    refresh_catalog(
        signed_in_client(portal.url, account.username, account.password), CatalogCache(store)
    )
    store.close()
    files = tmp_path / "files"
    files.mkdir()
    ids = _add_dossiers(home, pki, files, FIRST_WAVE)

    rng = random.Random(20261124)
    log = tmp_path / "sync-output.txt"
    sync = cli(home, "sync", "--once", "--chunk-size", str(CHUNK))
    kills = mid_send = mid_upload = waves = 0
    statuses: list[int] = []
    deadline = time.monotonic() + 240
    with open(log, "ab") as out:
        while kills < KILLS:
            assert time.monotonic() < deadline, (kills, statuses)
            held_before, _ = _portal_uploads(portal.config.data_dir)
            child = subprocess.Popen(sync, env=env, stdout=out, stderr=out)
            try:
                statuses.append(child.wait(timeout=rng.uniform(0.5, 1.2)))
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
                child.wait()
                kills += 1
                sending, _ = _local_state(home)
                mid_send += sending > 0
                held, partial = _portal_uploads(portal.config.data_dir)
                mid_upload += held > held_before and partial > 0
                continue
            # It finished by itself before enough kills: give it more to send.
            if statuses[-1] == 0 and _local_state(home)[1] == 0:
                waves += 1
                ids += _add_dossiers(home, pki, files, NEXT_WAVE)

        # Restart until it is done.
        for _ in range(10):
            finished = subprocess.run(sync, env=env, stdout=out, stderr=out, timeout=180)
            statuses.append(finished.returncode)
            if finished.returncode == 0:
                break
    assert statuses[-1] == 0, statuses
    assert set(statuses) <= {0, 3}, statuses  # 3: waits for the network (a killed request)

    assert kills >= KILLS
    assert mid_send >= KILLS // 2, (mid_send, kills)
    assert mid_upload >= KILLS // 3, (mid_upload, kills)

    store = Store.open(home)
    try:
        assert_exactly_once(store, ids, account.api, account.headers(), portal.config.data_dir)
    finally:
        store.close()
    output = log.read_bytes()
    assert account.password.encode() not in output
    assert b"Traceback" not in output, output.decode(errors="replace")[-3000:]
    print(
        f"\n{kills} kills ({mid_send} mid-send, {mid_upload} with a partial upload on the "
        f"portal), {len(ids)} dossiers, {waves} extra waves, exits {statuses}"
    )
