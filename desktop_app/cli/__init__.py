"""The ``dossier-desk`` command (shared/cli.md).

Each subcommand lives in its own module under ``desktop_app.cli`` and exposes
``register(subparsers)``, which adds its parser and sets ``handler``: a function
``handler(args, context) -> int`` returning the exit status. With no subcommand the
desktop window opens.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.cli.context import CliContext
from desktop_app.core import messages
from desktop_app.diagnostics import setup_logging

COMMAND_MODULES = (
    "desktop_app.cli.sandbox_cmd",
    "desktop_app.cli.portal_cmds",
    "desktop_app.cli.dossier_cmds",
    "desktop_app.cli.sign_cmd",
    "desktop_app.cli.selftest_cmd",
)
"""Subcommand modules; a module that is not there yet is skipped."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier-desk",
        description="DossierDesk: chuẩn bị, ký số và nộp hồ sơ dịch vụ công.",
    )
    parser.add_argument("--home", help="thư mục hồ sơ cá nhân (profile) / profile folder")
    parser.add_argument("--lang", choices=messages.LANGUAGES, help="ngôn ngữ / language")
    parser.add_argument("--version", action="version", version=f"dossier-desk {__version__}")
    # Open the window, wait until it is ready, exit (CI and the release build's smoke test).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``dossier-desk`` and ``python -m desktop_app``."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    context = CliContext.from_args(args)
    with contextlib.suppress(OSError):  # a read-only profile still runs, without a log
        setup_logging(context.home)
    if args.command is None:
        from desktop_app.ui.app import run_app

        return run_app(context)
    try:
        return int(args.handler(args, context) or 0)
    except messages.UserError as error:
        print(error.render(), file=sys.stderr)
        return getattr(error, "exit_status", 1)
    except KeyboardInterrupt:
        print(messages.text("cli.interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
