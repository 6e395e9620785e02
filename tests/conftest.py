"""Suite-wide settings: Qt offscreen, a fresh profile folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the user's real profile or keyring from a test.
os.environ.pop("DOSSIER_DESK_HOME", None)

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """An empty profile folder."""
    path = tmp_path / "profile"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def _core_language_vietnamese():
    """Each test starts with the core's messages in Vietnamese, the default."""
    from desktop_app.core import messages

    messages.set_language("vi")
    yield
    messages.set_language("vi")
