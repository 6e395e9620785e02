#!/usr/bin/env python3
"""Peak memory while sending a 1 GB file.

    python benchmarks/bench_sync_memory.py [--size-mb 1024] [--chunk-mb 4]

A profile holds one queued dossier with a 1 GB file (the benchmark procedure of
bench_sync_support.py; the sandbox portal runs in this process). The real command
``dossier-desk sync --once`` sends it in a child process; its peak resident memory is
read from ``/proc/<pid>/status``: VmHWM sampled every 20 ms while it runs, and VmHWM
as the child itself reads it at exit (a two-line wrapper around ``python -m desktop_app``
writes it to a file from ``atexit``). Not ``wait4``'s ru_maxrss: that one also counts the
moment between fork and exec, when the child still maps this (bigger) process. For
reference, the same command on the same profile with nothing left to send (start-up,
sign-in, follow).
Target: peak < 150 MB while sending. This is not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_sync_support import (  # noqa: E402
    MB,
    add_big_dossier,
    prepare_profile,
    rss_peak_kb,
    start_portal,
)
from desktop_app.settings import Settings  # noqa: E402

TARGET_MB = 150


WRAPPER = (
    "import atexit, os, runpy, sys\n"
    "def hwm():\n"
    "    with open('/proc/self/status') as s, open(os.environ['BENCH_HWM_FILE'], 'w') as o:\n"
    "        o.write(next(x for x in s if x.startswith('VmHWM')).split()[1])\n"
    "atexit.register(hwm)\n"
    "sys.argv[0] = 'dossier-desk'\n"
    "runpy.run_module('desktop_app', run_name='__main__')\n"
)


def run_sync(home: Path, password: str, chunk: int | None) -> tuple[int, float, int, int]:
    """(exit status, seconds, VmHWM kB read by the child at exit, VmHWM kB sampled)."""
    env = dict(os.environ)
    env.pop("DOSSIER_DESK_HOME", None)
    env["DOSSIER_DESK_PASSWORD"] = password
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    hwm_file = home.parent / "hwm.txt"
    env["BENCH_HWM_FILE"] = str(hwm_file)
    command = [sys.executable, "-c", WRAPPER, "--home", str(home), "sync", "--once"]
    if chunk:
        command += ["--chunk-size", str(chunk)]
    began = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    sampled = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            with contextlib.suppress(OSError, KeyError, ValueError):
                sampled[0] = max(sampled[0], rss_peak_kb(child.pid)[1])
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    child.wait()
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    return child.returncode, seconds, int(hwm_file.read_text()), sampled[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--chunk-mb", type=int, default=0, help="0: the app's default")
    args = parser.parse_args()
    size = args.size_mb * MB
    chunk = args.chunk_mb * MB or None

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        directory = Path(tmp)
        portal = start_portal(directory)
        try:
            home = directory / "profile"
            store = prepare_profile(home, portal)
            add_big_dossier(store, size, seed=b"memory")
            store.close()
            settings = Settings.load(home)
            settings.set("portal.url", portal.url)
            settings.set("portal.username", portal.username)
            settings.save()

            status, seconds, peak, sampled = run_sync(home, portal.password, chunk)
            empty_status, _, empty_peak, _ = run_sync(home, portal.password, chunk)
        finally:
            portal.server.stop()

    print(
        f"send {args.size_mb} MB: exit {status}, {seconds:.1f} s "
        f"({args.size_mb / seconds:.0f} MB/s), peak RSS (VmHWM at exit) {peak / 1024:.1f} MB, "
        f"sampled while running {sampled / 1024:.1f} MB"
    )
    print(
        f"same command with nothing to send: exit {empty_status}, "
        f"peak RSS {empty_peak / 1024:.1f} MB"
    )
    print(
        f"peak while sending {peak / 1024:.1f} MB (target < {TARGET_MB} MB) "
        f"{'OK' if peak / 1024 < TARGET_MB and status == 0 else 'MISSED'}; "
        f"growth over an empty sync {(peak - empty_peak) / 1024:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
