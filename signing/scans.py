"""Scans to PDF, losslessly, with img2pdf (JPEG embedded as is; PNG pixels kept exactly).

Several scans of one component become one PDF, one page per scan, in the order given;
each page takes the scan's physical size from its DPI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import img2pdf

from signing.messages import SigningError
from signing.output import atomic_output

__all__ = ["images_to_pdf", "scan_kind"]

_MAGIC = {b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png"}


def scan_kind(path: Path) -> str | None:
    """``"jpeg"`` or ``"png"`` from the file's first bytes (not its name), else None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def images_to_pdf(images: Sequence[Path], dst: Path, *, overwrite: bool = True) -> Path:
    """Write one PDF with a page per image to ``dst`` (atomically) and return ``dst``.

    Raises :class:`SigningError` (``scan.none``, ``scan.unsupported``,
    ``scan.unreadable``) with nothing written.
    """
    paths = [Path(p) for p in images]
    if not paths:
        raise SigningError("scan.none")
    for path in paths:
        if not path.is_file():
            raise SigningError("input.missing", path=str(path))
        if scan_kind(path) is None:
            raise SigningError("scan.unsupported", path=str(path))
    try:
        data = img2pdf.convert([str(p) for p in paths], rotation=img2pdf.Rotation.ifvalid)
    except Exception as exc:  # img2pdf raises its own and PIL's errors
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise SigningError(
            "scan.unreadable", path=", ".join(map(str, paths)), detail=detail
        ) from None
    try:
        with atomic_output(Path(dst), overwrite=overwrite) as out:
            out.write(data)
    except FileExistsError:
        raise SigningError("output.exists", path=str(dst)) from None
    except OSError as exc:
        raise SigningError(
            "output.write_failed", path=str(dst), detail=exc.strerror or exc
        ) from None
    return Path(dst)
