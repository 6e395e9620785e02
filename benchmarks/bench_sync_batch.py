#!/usr/bin/env python3
"""Time to plan and start a batch with 10,000 dossiers in the database.

    python benchmarks/bench_sync_batch.py [--dossiers 10000] [--runs 5]

A profile holds 10,000 queued dossiers (each with one small PDF, through the
repository and the queue check, in one transaction so that setting up takes seconds).
Measured, each run on a freshly opened store (cold statement caches, warm disk):

- plan alone: ``plan_batch`` (which dossiers, in which order);
- plan and start: ``SyncEngine.send_outbox()`` (profile lock, plan, thread pool, the
  first dossier moved to ``sending``, its body and keys committed) from the call until
  its create request is about to leave (its first ``progress`` event), the sandbox
  portal on loopback. The batch is then cancelled; what started stays resumable.

Target: plan and start < 1 s. This is not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_sync_support import (  # noqa: E402
    APPLICANT,
    PdfLikeStream,
    prepare_profile,
    signed_in,
    start_portal,
)
from desktop_app.core.catalog import CatalogCache  # noqa: E402
from desktop_app.core.dossier import Delivery  # noqa: E402
from desktop_app.core.queueing import queue_dossier  # noqa: E402
from desktop_app.core.store import Store  # noqa: E402
from desktop_app.core.store.dossiers import DossierRepository, NewFile  # noqa: E402
from desktop_app.core.sync import SyncEngine, plan_batch  # noqa: E402
from desktop_app.core.sync.events import SyncEvent  # noqa: E402

PROCEDURE = "1.013932"  # one unsigned PDF
TARGET_S = 1.0


def populate(store: Store, count: int) -> None:
    version = CatalogCache(store).get(PROCEDURE).version
    repo = DossierRepository(store)
    infos = [store.blobs.put_stream(PdfLikeStream(20_000, bytes([n])), 20_000) for n in range(50)]
    with store.write():  # every create and queue below joins this one transaction
        for n in range(count):
            info = infos[n % len(infos)]
            dossier = repo.create(
                PROCEDURE,
                version,
                applicant=APPLICANT,
                summary=f"Hồ sơ số {n}",
                delivery=Delivery(),
                files=[NewFile("TP1", info, f"phieu-{n}.pdf", "application/pdf")],
            )
            _, problems = queue_dossier(store, dossier.id)
            assert not problems, [p.render("en") for p in problems]


def one_run(home: Path, portal) -> tuple[float, float, int]:
    store = Store.open(home)
    try:
        began = time.perf_counter()
        planned = plan_batch(store, only_due=False)
        plan = time.perf_counter() - began

        client = signed_in(portal.url, portal)
        engine = SyncEngine(store, client, parallel=2)
        first = threading.Event()
        stamp: list[float] = []

        def listen(event: SyncEvent) -> None:
            if event.kind == "progress" and event.step == "create" and not first.is_set():
                stamp.append(time.perf_counter())
                first.set()
                engine.cancel()

        engine.events.subscribe(listen)
        began = time.perf_counter()
        engine.send_outbox(only_due=False)
        start = stamp[0] - began
        return plan, start, len(planned)
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        directory = Path(tmp)
        portal = start_portal(directory)
        try:
            home = directory / "profile"
            store = prepare_profile(home, portal)
            began = time.perf_counter()
            populate(store, args.dossiers)
            store.close()
            print(f"set-up: {args.dossiers} queued dossiers in {time.perf_counter() - began:.1f} s")
            plans, starts = [], []
            for n in range(args.runs):
                plan, start, planned = one_run(home, portal)
                plans.append(plan)
                starts.append(start)
                print(
                    f"run {n + 1}: planned {planned} in {plan * 1000:.1f} ms; send_outbox to the "
                    f"first request {start * 1000:.1f} ms"
                )
        finally:
            portal.server.stop()
    plan, start = statistics.median(plans), statistics.median(starts)
    print(
        f"{args.dossiers} queued dossiers: plan alone {plan * 1000:.1f} ms; plan and start "
        f"(call to first request) {start * 1000:.1f} ms, median of {args.runs} "
        f"(target < {TARGET_S * 1000:.0f} ms) {'OK' if start < TARGET_S else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
