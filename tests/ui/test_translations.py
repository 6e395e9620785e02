"""Every visible string of the UI has its Vietnamese translation, compiled and current."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n  # noqa: E402  (tools/i18n.py)


def test_every_string_is_translated():
    assert i18n.unfinished() == []


def test_the_ts_file_holds_every_string_of_the_sources(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(i18n.TS, fresh)
    i18n.update(fresh)
    assert i18n.unfinished(fresh) == [], "run: python tools/i18n.py update, then translate"


def test_the_compiled_qm_matches_the_ts(tmp_path):
    compiled = tmp_path / "check.qm"
    i18n.release(i18n.TS, compiled)
    assert compiled.read_bytes() == i18n.QM.read_bytes(), "run: python tools/i18n.py release"
