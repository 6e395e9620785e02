"""System tools some tests need (SoftHSM2, pdfsig, qpdf, Chromium, Xvfb...).

Locally a missing tool skips the test with the reason. Under CI (``CI=true``) it is an
error instead: CI installs every tool, so a missing one means the check did not run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(*names: str) -> None:
    """Skip (or, under CI, fail) unless every named executable is on PATH."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        _missing(f"needs the system tool(s) {', '.join(missing)}")


def require_file(path: str | Path, what: str) -> Path:
    """Skip (or, under CI, fail) unless ``path`` exists (e.g. the SoftHSM2 module)."""
    path = Path(path)
    if not path.exists():
        _missing(f"needs {what} at {path}")
    return path


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}, and CI=true: a test that needs a tool must run in CI")
    pytest.skip(reason)
