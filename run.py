#!/usr/bin/env python3
"""Set up and run DossierDesk from a fresh clone, with nothing but Python >= 3.11.

    python3 run.py app      make .venv if needed, install, open the app (bundled sandbox)
    python3 run.py test     make .venv if needed, install with test extras, run every test
    python3 run.py lint     ruff check and ruff format --check
    python3 run.py build    build the one-folder app from a clean clone and smoke-test it

On Windows use ``py run.py app`` and ``py run.py test``. Extra arguments after the
command go to the app (``--home DIR``) or to pytest (``-k journey``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DOSSIER_DESK_VENV", ROOT / ".venv"))


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _ensure_venv(extras: str) -> Path:
    """Create the virtualenv and (re)install the project when pyproject.toml changed."""
    python = _python()
    if not python.exists():
        print(f"Creating the virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = VENV / f".installed-{extras or 'app'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        print("Installing DossierDesk and its dependencies …", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--editable", target], check=True
        )
        stamp.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script runs before any install)
        print("DossierDesk needs Python 3.11 or newer.")
        return 2
    if not argv or argv[0] not in {"app", "test", "lint", "build"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "app":
        python = _ensure_venv("")
        return subprocess.call([str(python), "-m", "desktop_app", *rest])
    python = _ensure_venv("test")
    if command == "build":
        return subprocess.call([str(python), str(ROOT / "tools" / "build_release.py"), *rest])
    if command == "lint":
        status = subprocess.call([str(python), "-m", "ruff", "check", str(ROOT)])
        return status or subprocess.call(
            [str(python), "-m", "ruff", "format", "--check", str(ROOT)]
        )
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
