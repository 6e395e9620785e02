"""Signature validation as the core needs it: reports as plain dicts for the database."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from signing import load_trust_roots, validate_pdf


def make_validator(trust_root_paths: Sequence[str | Path] = ()) -> Callable[[Path], dict[str, Any]]:
    """``validate(path) -> report dict`` (``all_intact``, ``all_trusted``, signatures...)."""
    roots = load_trust_roots(list(trust_root_paths)) if trust_root_paths else ()

    def validate(path: Path) -> dict[str, Any]:
        return validate_pdf(Path(path), trust_roots=roots).to_dict()

    return validate


def make_probe(
    trust_root_paths: Sequence[str | Path] = (),
) -> Callable[[Path], dict[str, Any] | None]:
    """Like :func:`make_validator`, but None for a PDF that carries no signature at all."""
    validate = make_validator(trust_root_paths)

    def probe(path: Path) -> dict[str, Any] | None:
        report = validate(path)
        return report if report["signatures"] else None

    return probe
