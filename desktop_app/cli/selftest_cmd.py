"""``dossier-desk selftest``: is everything this installation needs really there?

For support and for the release build's smoke test: the resources (translations, fonts,
sandbox catalogue, province profile), the keyring backends (found through their package
metadata: a frozen build without it silently has none), the PKCS#11 support and Qt.
Prints one JSON object; exit 0 when nothing essential is missing.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json

from desktop_app import __version__
from desktop_app.cli.context import CliContext
from desktop_app.settings import RESOURCES_DIR

ESSENTIAL_RESOURCES = (
    "translations/dossierdesk_vi.qm",
    "catalogue/home-affairs.json",
    "profiles/sandbox.json",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "selftest", help="kiểm tra bản cài đặt / check this installation"
    )
    parser.set_defaults(handler=run)


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except Exception:
        return False
    return True


def run(args: argparse.Namespace, context: CliContext) -> int:
    from desktop_app.core.portal.auth import keyring_usable

    resources = {name: (RESOURCES_DIR / name).is_file() for name in ESSENTIAL_RESOURCES}
    fonts = sorted(p.name for p in (RESOURCES_DIR / "fonts").glob("*.ttf"))
    backends = sorted(e.name for e in importlib.metadata.entry_points(group="keyring.backends"))
    report = {
        "version": __version__,
        "resources": resources,
        "fonts": fonts,
        "keyring_backends": backends,
        "keyring_usable_here": keyring_usable(),
        "pkcs11": _importable("pkcs11"),
        "qt": _importable("PySide6.QtWidgets"),
        "pdf_preview": _importable("pypdfium2"),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    essential = (
        all(resources.values())
        and bool(fonts)
        and bool(backends)
        and report["pkcs11"]
        and report["qt"]
        and report["pdf_preview"]
    )
    return 0 if essential else 1
