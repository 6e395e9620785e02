"""What kind of file a clerk attached, judged by its first bytes (then its name)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
SCAN_TYPES = frozenset({PNG, JPEG})

_EXTENSIONS = {".pdf": PDF, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".docx": DOCX, ".doc": DOC}


def sniff(head: bytes, name: str = "") -> str:
    """The media type of a file whose first bytes are ``head``."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    suffix = Path(name).suffix.lower()
    if head.startswith(b"PK\x03\x04") and suffix == ".docx":
        return DOCX
    if head.startswith(b"\xd0\xcf\x11\xe0") and suffix == ".doc":
        return DOC
    if suffix in _EXTENSIONS:
        # The name claims a type the bytes do not show: trust the bytes.
        return "application/octet-stream"
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def sniff_file(path: Path) -> str:
    with open(path, "rb") as handle:
        return sniff(handle.read(2048), Path(path).name)
