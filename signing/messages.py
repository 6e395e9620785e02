"""Every sentence ``signing`` says to a person, Vietnamese first, English second.

``signing`` cannot use the application's catalogue (it never imports ``desktop_app``), so
it keeps its own. Nothing here formats a sentence until a caller asks, in the language
the caller chooses: a :class:`Problem` is a key and its parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from signing._catalogue import ENTRIES

LANGUAGES = ("vi", "en")

CATALOGUE: dict[str, tuple[str, str]] = {}


def _register(entries: Mapping[str, tuple[str, str]]) -> None:
    for key, pair in entries.items():
        if key in CATALOGUE:
            raise ValueError(f"signing message registered twice: {key}")
        CATALOGUE[key] = pair


def text(key: str, language: str = "vi", /, **params: Any) -> str:
    """The sentence for ``key`` in ``language`` (``vi`` or ``en``) with ``params`` filled in."""
    vi, en = CATALOGUE[key]
    return (en if language == "en" else vi).format(**params)


class Severity(StrEnum):
    """How bad a :class:`Problem` is: an ``error`` refuses, a ``warning`` informs."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something a person should know, not yet put into words."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def render(self, language: str = "vi") -> str:
        """The sentence in ``language``; unknown parameters are never an error."""
        return text(self.key, language, **self.params)

    @property
    def vi(self) -> str:
        return self.render("vi")

    @property
    def en(self) -> str:
        return self.render("en")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.key,
            "severity": self.severity.value,
            "vi": self.vi,
            "en": self.en,
        }

    def __str__(self) -> str:
        return self.vi


def error(key: str, /, **params: Any) -> Problem:
    return Problem(key, dict(params), Severity.ERROR)


def warning(key: str, /, **params: Any) -> Problem:
    return Problem(key, dict(params), Severity.WARNING)


class SigningError(Exception):
    """A refusal a person can act on; ``problem`` says what happened and what to do."""

    def __init__(self, problem: Problem | str, /, **params: Any) -> None:
        self.problem = problem if isinstance(problem, Problem) else error(problem, **params)
        super().__init__(self.problem.key)

    @property
    def key(self) -> str:
        return self.problem.key

    def render(self, language: str = "vi") -> str:
        return self.problem.render(language)

    def __str__(self) -> str:
        return self.problem.vi


class WrongPinError(SigningError):
    """The token or PKCS#12 file refused the PIN or password. Never retried by itself."""


_register(ENTRIES)
