#!/usr/bin/env python3
"""Start-up with 10,000 dossiers in the profile: process start to the first painted
window, and to the dossier list holding its 10,000 rows.

    python benchmarks/bench_startup_10k.py [--runs 5] [--count 10000] [--platform offscreen|xcb]

The profile is filled once (tests/ui/bulk.py: drafts, sent dossiers at every portal
status, refusals, payments) in a temporary folder; each run starts ``python -m
desktop_app`` on it (no portal configured: the bundled sandbox starts on a worker, after
the window) and reads ``first-paint`` and ``list-ready`` (``DOSSIER_DESK_STARTUP_PROBE``).
One warm-up run is not counted. Target: first window < 2 s. Prints figures, asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.bulk import fill_profile  # noqa: E402

TARGET_S = 2.0


def one_run(profile: Path, platform: str) -> tuple[float, float | None, int]:
    """Seconds to the first paint, to the list ready (None if not seen), rows listed."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": platform,
        "DOSSIER_DESK_STARTUP_PROBE": "1",
        "DOSSIER_DESK_HOME": str(profile),
    }
    started = time.time()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    painted = listed = None
    rows = 0
    try:
        assert process.stdout is not None
        deadline = time.time() + 60
        for line in process.stdout:
            if line.startswith("first-paint "):
                painted = float(line.split()[1]) - started
            elif line.startswith("list-ready "):
                _, stamp, count = line.split()
                listed, rows = float(stamp) - started, int(count)
            if (painted is not None and listed is not None) or time.time() > deadline:
                break
        if painted is None:
            raise RuntimeError(f"the app exited ({process.poll()}) without painting a window")
        return painted, listed, rows
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-startup-10k-"))
    try:
        profile = work / "profile"
        made = time.perf_counter()
        total = fill_profile(profile, args.count)
        print(f"profile with {total} dossiers made in {time.perf_counter() - made:.2f} s")
        one_run(profile, args.platform)  # warm-up (and the sandbox's first start)
        runs = [one_run(profile, args.platform) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    painted = [p for p, _, _ in runs]
    listed = [t for _, t, _ in runs if t is not None]
    median = statistics.median(painted)
    print(f"start to first painted window, {total} dossiers, Qt platform {args.platform}:")
    print("  runs:   " + ", ".join(f"{t * 1000:.0f} ms" for t in painted))
    print(f"  min {min(painted) * 1000:.0f} ms, median {median * 1000:.0f} ms, "
          f"max {max(painted) * 1000:.0f} ms; target < {TARGET_S * 1000:.0f} ms: "
          f"{'met' if median < TARGET_S else 'NOT met'}")  # fmt: skip
    if listed:
        print(f"start to the list holding its rows ({runs[0][2]}):")
        print("  runs:   " + ", ".join(f"{t * 1000:.0f} ms" for t in listed))
        print(f"  median {statistics.median(listed) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
