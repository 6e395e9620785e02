"""Power cuts: a child changing dossiers is SIGKILLed at random moments, 50 times.

After every kill the database must be sound, every referenced blob whole, every event the
child reported as committed still there, and no dossier half-written.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop_app.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50


def _run_and_kill(profile: Path, seed: int, rng: random.Random) -> int:
    """Start the worker, let it run a random while, SIGKILL it; the last committed event."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_worker", str(profile), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    last = [0]
    ready = threading.Event()

    def read() -> None:
        for line in child.stdout:
            if line.startswith("READY"):
                ready.set()
            elif line.startswith("COMMITTED"):
                value = line.split()[1]
                last[0] = int(value) if value != "None" else 0
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(30), "worker did not start"
    time.sleep(rng.uniform(0.02, 0.35))
    if child.poll() is not None:
        raise AssertionError(f"worker died by itself: {child.stderr.read()}")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    reader.join(5)
    return last[0]


def _check(profile: Path, committed_event: int) -> dict[str, int]:
    store = Store.open(profile)
    try:
        assert store.integrity_problems() == []
        db = store.db
        max_event = db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        assert max_event >= committed_event, "a committed event is missing"
        ids = [r[0] for r in db.execute("SELECT id FROM events WHERE id <= ?", (committed_event,))]
        assert ids == list(range(1, committed_event + 1)), "the event log has a hole"

        for (sha256,) in db.execute("SELECT DISTINCT blob_sha256 FROM dossier_files"):
            assert store.blobs.verify(sha256), f"blob {sha256} missing or damaged"
            assert db.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()

        dossiers = db.execute("SELECT id, state, summary FROM dossiers").fetchall()
        for dossier_id, state, summary in dossiers:
            created = db.execute(
                "SELECT count(*) FROM events WHERE dossier_id = ? AND kind = 'created'",
                (dossier_id,),
            ).fetchone()[0]
            assert created == 1, f"{dossier_id} has no creation event"
            files = db.execute(
                "SELECT count(*) FROM dossier_files WHERE dossier_id = ? AND active = 1",
                (dossier_id,),
            ).fetchone()[0]
            assert summary == f"files={files}", f"half-written dossier {dossier_id}"
            last_state = db.execute(
                "SELECT to_state FROM events WHERE dossier_id = ? AND to_state IS NOT NULL"
                " ORDER BY id DESC LIMIT 1",
                (dossier_id,),
            ).fetchone()[0]
            assert last_state == state, f"{dossier_id}: state and its event log disagree"
            for (data,) in db.execute("SELECT applicant FROM dossiers WHERE id = ?", (dossier_id,)):
                json.loads(data)
        return {"dossiers": len(dossiers), "events": max_event}
    finally:
        store.close()


@pytest.mark.slow
def test_store_survives_sigkill_at_random_moments(tmp_path):
    profile = tmp_path / "profile"
    rng = random.Random(20261124)
    seen = {}
    for kill in range(KILLS):
        committed = _run_and_kill(profile, seed=kill, rng=rng)
        seen = _check(profile, committed)
    assert seen["dossiers"] > 10 and seen["events"] > 100, seen
