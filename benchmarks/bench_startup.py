#!/usr/bin/env python3
"""Start-up: process start to the first painted window, on an empty profile.

    python benchmarks/bench_startup.py [--runs 5] [--platform offscreen|xcb]

Each run starts ``python -m desktop_app`` on a fresh, empty profile folder (so the
database is created and, with no portal configured, the bundled sandbox starts: on a
worker, after the window) and reads the moment the main window's first paint event ends
(``DOSSIER_DESK_STARTUP_PROBE``). One warm-up run is not counted (cold disk caches).
Target: < 1.5 s warm on the project's machines (2 cores). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5


def one_run(platform: str) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": platform,
            "DOSSIER_DESK_STARTUP_PROBE": "1",
            "DOSSIER_DESK_HOME": str(Path(home) / "profile"),
        }
        started = time.time()
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "--smoke-test"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("first-paint "):
                    return float(line.split()[1]) - started
            raise RuntimeError(f"the app exited ({process.wait()}) without painting a window")
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args(argv)
    one_run(args.platform)  # warm-up
    times = [one_run(args.platform) for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"start to first painted window, empty profile, Qt platform {args.platform}:")
    print("  runs:   " + ", ".join(f"{t * 1000:.0f} ms" for t in times))
    print(f"  min {min(times) * 1000:.0f} ms, median {median * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms; target < {TARGET_S * 1000:.0f} ms: "
          f"{'met' if median < TARGET_S else 'NOT met'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
