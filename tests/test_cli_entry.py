"""The ``dossier-desk`` command and ``python -m desktop_app`` start the same program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app import __version__

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOSSIER_DESK_HOME": str(home), **env},
    )


def test_console_script_and_module_print_the_version(profile):
    script = Path(sys.executable).with_name("dossier-desk")
    for command in ([str(script)], [sys.executable, "-m", "desktop_app"]):
        result = _run(*command, "--version", home=profile)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"dossier-desk {__version__}"


def test_window_opens_on_an_empty_profile_and_exits_cleanly(tmp_path):
    home = tmp_path / "new-profile"
    result = _run(sys.executable, "-m", "desktop_app", "--smoke-test", home=home)
    assert result.returncode == 0, result.stderr
    assert (home / "dossier-desk.sqlite3").is_file()


def test_help_is_in_vietnamese(profile):
    result = _run(sys.executable, "-m", "desktop_app", "--help", home=profile)
    assert result.returncode == 0
    assert "hồ sơ dịch vụ công" in result.stdout


def test_selftest_finds_every_essential_part(profile):
    import json

    result = _run(sys.executable, "-m", "desktop_app", "selftest", home=profile)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert all(report["resources"].values())
    assert "Windows" in report["keyring_backends"]  # entry points, i.e. package metadata
    assert report["pkcs11"] and report["qt"] and report["pdf_preview"]
