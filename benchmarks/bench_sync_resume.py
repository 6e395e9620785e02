#!/usr/bin/env python3
"""Bytes sent again after a resume.

    python benchmarks/bench_sync_resume.py [--size-mb 256] [--chunk-mb 4] [--kills 4]

The sandbox portal runs in this process behind the test suite's fault proxy
(tests/support/fault_proxy.py), which counts every byte of every PATCH body it receives,
including the part of a body whose sender died. Two ways to be interrupted:

- a crash: the real ``dossier-desk sync --once`` sends one file of ``size`` MB and is
  SIGKILLed a random moment (0-40 ms, seeded) after the portal holds 20 %, 40 %, ... of
  it, so mostly in the middle of a chunk; then it is started again until done;
- a dropped connection, within one run: the connection is cut in the middle of a chunk,
  then (another run) the answer to a chunk is lost after the portal stored it.

"Sent again" is every PATCH byte put on the wire beyond the file's size; per
interruption, the bytes that run sent minus what the portal gained from it. Target: at
most one chunk per interruption. This is not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_sync_support import (  # noqa: E402
    MB,
    add_big_dossier,
    prepare_profile,
    signed_in,
    start_portal,
)
from desktop_app.core.sync import SyncEngine  # noqa: E402
from desktop_app.settings import Settings  # noqa: E402
from tests.support.fault_proxy import Fault, FaultProxy, Rule  # noqa: E402


def portal_offset(data_dir: Path) -> int:
    conn = sqlite3.connect(f"file:{data_dir / 'portal.sqlite3'}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT coalesce(sum(offset), 0) FROM uploads").fetchone()[0])
    finally:
        conn.close()


def patch_bytes(proxy: FaultProxy, since: int = 0) -> int:
    return sum(e.request_bytes for e in proxy.exchanges[since:] if e.method == "PATCH")


def crash_scenario(directory: Path, portal, size: int, chunk: int, kills: int) -> list[str]:
    home = directory / "crash-profile"
    store = prepare_profile(home, portal)
    add_big_dossier(store, size, seed=b"crash")
    store.close()
    data_dir = directory / "portal"
    lines = []
    with FaultProxy(portal.url) as proxy:
        settings = Settings.load(home)
        settings.set("portal.url", proxy.url)
        settings.set("portal.username", portal.username)
        settings.save()
        env = dict(os.environ)
        env.pop("DOSSIER_DESK_HOME", None)
        env["DOSSIER_DESK_PASSWORD"] = portal.password
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        command = [sys.executable, "-m", "desktop_app", "--home", str(home), "sync", "--once"]
        command += ["--chunk-size", str(chunk)]
        base = portal_offset(data_dir)
        worst = 0
        rng = random.Random(7)
        for n in range(1, kills + 2):
            mark, held_before = len(proxy.exchanges), portal_offset(data_dir)
            child = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
            )
            goal = base + size * n // (kills + 1)
            killed = False
            while child.poll() is None:
                if n <= kills and portal_offset(data_dir) >= goal:
                    # Somewhere inside the next chunk's transfer (~30 ms on loopback).
                    time.sleep(rng.uniform(0.0, 0.04))
                    child.kill()
                    killed = True
                    break
                time.sleep(0.005)
            child.wait()
            time.sleep(0.3)  # let the portal finish a chunk that arrived whole
            gained = portal_offset(data_dir) - held_before
            wire = patch_bytes(proxy, mark)
            waste = wire - gained
            worst = max(worst, waste) if killed else worst
            lines.append(
                f"  run {n}: {'killed' if killed else f'exit {child.returncode}'} at "
                f"{(portal_offset(data_dir) - base) / size:5.1%} held; sent {wire / MB:7.2f} MB, "
                f"portal gained {gained / MB:7.2f} MB, not kept {waste / MB:5.2f} MB"
            )
        total = patch_bytes(proxy)
    resent = total - size
    lines.append(
        f"crash x{kills}: {size / MB:.0f} MB file, chunk {chunk / MB:.0f} MB, PATCH bytes on "
        f"the wire {total / MB:.2f} MB, sent again {resent / MB:.2f} MB in all = "
        f"{resent / kills / chunk:.2f} chunk per kill, worst kill {worst / chunk:.2f} chunk "
        f"(target <= 1 chunk) {'OK' if worst <= chunk and resent <= kills * chunk else 'MISSED'}"
    )
    return lines


def network_scenario(directory: Path, portal, size: int, chunk: int, fault: Fault) -> str:
    home = directory / f"net-{fault.value}"
    store = prepare_profile(home, portal)
    add_big_dossier(store, size, seed=fault.value.encode())
    rule = Rule(fault, "PATCH", r"/uploads/", times=1, skip=(size // chunk) // 2)
    with FaultProxy(portal.url, rules=[rule]) as proxy:
        client = signed_in(proxy.url, portal)
        result = SyncEngine(store, client, parallel=1, chunk_size=chunk).send_outbox()
        total = patch_bytes(proxy)
    store.close()
    resent = total - size
    sent = [r.outcome.value for r in result.results]
    return (
        f"{fault.value} mid-upload, one run ({sent}): sent again {resent / MB:.2f} MB = "
        f"{resent / chunk:.2f} chunk (target <= 1 chunk) "
        f"{'OK' if rule.fired == 1 and resent <= chunk and sent == ['sent'] else 'MISSED'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=256)
    parser.add_argument("--chunk-mb", type=int, default=4)
    parser.add_argument("--kills", type=int, default=4)
    args = parser.parse_args()
    size, chunk = args.size_mb * MB, args.chunk_mb * MB
    with tempfile.TemporaryDirectory(prefix="bench-resume-") as tmp:
        directory = Path(tmp)
        portal = start_portal(directory)
        try:
            for line in crash_scenario(directory, portal, size, chunk, args.kills):
                print(line)
            for fault in (Fault.RESET_REQUEST, Fault.LOSE_RESPONSE):
                print(network_scenario(directory, portal, size, chunk, fault))
        finally:
            portal.server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
