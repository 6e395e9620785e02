"""Benchmark documents: valid PDFs of a chosen size, written in a stream (constant memory).

Each file has one A4 page with a line of text and an incompressible RGB image that makes
up the size, like a scanned page. Written by hand, chunk by chunk, so a 250 MB document
costs no memory to make (a PDF library would build it in memory first).
"""

from __future__ import annotations

import os
from pathlib import Path

CHUNK = 1 << 20


def write_pdf(path: Path, size: int, *, seed: int = 0) -> Path:
    """Write a one-page PDF of about ``size`` bytes to ``path``."""
    side = max(8, int(max(size - 4096, 0) / 3) ** 0.5 // 1)
    side = int(side)
    image_len = side * side * 3
    content = b"q 400 0 0 400 100 300 cm /Im1 Do Q BT /F1 18 Tf 72 760 Td (Ho so thu nghiem) Tj ET"
    offsets: list[int] = []
    with open(path, "wb") as out:

        def obj(body: bytes) -> None:
            offsets.append(out.tell())
            out.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        obj(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>"
        )
        obj(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
        obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        offsets.append(out.tell())
        out.write(
            f"6 0 obj\n<< /Type /XObject /Subtype /Image /Width {side} /Height {side} "
            f"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {image_len} >>\nstream\n".encode()
        )
        remaining = image_len
        while remaining:
            step = min(CHUNK, remaining)
            out.write(os.urandom(step))
            remaining -= step
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for offset in offsets:
            out.write(f"{offset:010d} 00000 n \n".encode())
        trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\n"
        out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
    return path
