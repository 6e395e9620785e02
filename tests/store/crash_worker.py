"""Child process for the crash test: changes dossiers in a loop until it is killed.

After each commit it prints one line ``COMMITTED <last event id>`` (flushed), so the
parent knows which events were committed before the SIGKILL. Dossiers made here carry
their file count in their summary, so a half-written one can be recognised.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import time
from pathlib import Path

from desktop_app.core.dossier import State
from desktop_app.core.messages import UserError
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository, NewFile
from desktop_app.core.store.gc import collect_garbage

NEXT = {
    State.DRAFT: [State.READY],
    State.READY: [State.QUEUED, State.DRAFT],
    State.QUEUED: [State.SENDING, State.READY],
    State.SENDING: [State.SUBMITTED, State.SEND_FAILED, State.REJECTED],
    State.SEND_FAILED: [State.SENDING],
    State.REJECTED: [State.DRAFT],
}


def committed() -> None:
    last = store.db.execute("SELECT max(id) FROM events").fetchone()[0]
    print(f"COMMITTED {last}", flush=True)


def create_dossier(rng: random.Random) -> None:
    count = rng.randint(1, 3)
    files = []
    for i in range(count):
        # Some bytes repeat across dossiers, so blobs are shared.
        seed = rng.randint(0, 30)
        data = b"%PDF-1.7 " + random.Random(seed).randbytes(rng.choice([2_000, 60_000, 400_000]))
        info = store.blobs.put_bytes(data)
        files.append(NewFile(f"TP{i + 1}", info, f"tep-{i}.pdf", "application/pdf"))
    repo.create("1.014111", 3, summary=f"files={count}", files=files)


def step(rng: random.Random) -> None:
    ids = repo.ids()
    roll = rng.random()
    if not ids or roll < 0.3:
        create_dossier(rng)
    elif roll < 0.85:
        dossier = repo.get(rng.choice(ids))
        options = NEXT.get(dossier.state)
        if options:
            repo.transition(dossier.id, rng.choice(options), actor="crash-test")
        else:
            repo.update_portal(
                dossier.id,
                {"portal_status": rng.randint(1, 10)},
                event={"kind": "portal_status", "data": {"n": rng.random()}},
            )
    elif roll < 0.95:
        dossier = repo.get(rng.choice(ids))
        if dossier.editable:
            repo.update(dossier.id, summary=f"files={len(dossier.active_files())}")
    else:
        collect_garbage(store, orphan_age_seconds=0)


if __name__ == "__main__":
    store = Store.open(Path(sys.argv[1]))
    repo = DossierRepository(store)
    rng = random.Random(int(sys.argv[2]))
    print(f"READY {os.getpid()}", flush=True)
    committed()
    while True:
        with contextlib.suppress(UserError):
            step(rng)
        committed()
        time.sleep(0)
