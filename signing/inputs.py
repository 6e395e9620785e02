"""Look at an input before trusting it: is it there, is it a PDF, is it whole, is it open?"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from signing.messages import SigningError

HEADER_WINDOW = 1024
"""The ``%PDF-`` header may be preceded by up to 1 KiB of junk (ISO 32000 readers
accept that)."""
TAIL_WINDOW = 4096
"""``%%EOF`` must appear near the end; garbage after it is tolerated up to this much."""


def check_pdf_bytes(head: bytes, tail: bytes, size: int, name: str) -> None:
    """Refuse empty files, non-PDFs and truncated PDFs from their first and last bytes."""
    if size == 0:
        raise SigningError("input.empty", path=name)
    if b"%PDF-" not in head[:HEADER_WINDOW]:
        raise SigningError("input.not_pdf", path=name)
    if b"%%EOF" not in tail:
        raise SigningError("input.truncated", path=name)


def check_pdf_file(path: Path) -> int:
    """Check ``path`` as :func:`check_pdf_bytes` does; return its size."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(HEADER_WINDOW)
            handle.seek(max(0, size - TAIL_WINDOW))
            tail = handle.read(TAIL_WINDOW)
    except FileNotFoundError:
        raise SigningError("input.missing", path=str(path)) from None
    except IsADirectoryError:
        raise SigningError("input.not_pdf", path=str(path)) from None
    except OSError as exc:
        raise SigningError("input.unreadable", path=str(path), detail=exc.strerror or exc) from None
    check_pdf_bytes(head, tail, size, str(path))
    return size


def open_reader(stream: BinaryIO, name: str, *, strict: bool = True) -> PdfFileReader:
    """A pyHanko reader over ``stream``, or a :class:`SigningError` saying what is wrong.

    An encrypted document is refused (``input.encrypted``): a signature on it could not
    be checked by the portal, and we never ask for a document password.
    """
    try:
        reader = PdfFileReader(stream, strict=strict)
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise _parse_error(name, exc) from None
    if reader.encrypted:
        raise SigningError("input.encrypted", path=name)
    return reader


def _parse_error(name: str, exc: Exception) -> SigningError:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return SigningError("input.malformed", path=name, detail=detail)
