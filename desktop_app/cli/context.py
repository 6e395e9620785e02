"""What every subcommand gets: the profile folder, its settings and store, the language."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core import messages
from desktop_app.core.store import Store
from desktop_app.settings import Settings, profile_dir

messages.register(
    {
        "cli.interrupted": ("Đã dừng theo yêu cầu.", "Stopped on request."),
    }
)


@dataclass
class CliContext:
    """The profile a command works on. Settings and store open on first use."""

    home: Path
    language: str
    smoke_test: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        home = profile_dir(getattr(args, "home", None))
        context = cls(home=home, language="vi", smoke_test=getattr(args, "smoke_test", False))
        language = getattr(args, "lang", None)
        if language is None:
            try:
                language = context.settings.get("ui.language")
            except messages.UserError:
                language = messages.DEFAULT_LANGUAGE
        context.language = language
        messages.set_language(language)
        return context

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings.load(self.home)
            for warning in self._settings.warnings:
                print(warning.render(), file=sys.stderr)
        return self._settings

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.home)
        return self._store

    @property
    def interactive(self) -> bool:
        return sys.stdin is not None and sys.stdin.isatty()
