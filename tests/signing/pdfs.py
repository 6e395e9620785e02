"""Test documents: plain PDFs of a chosen size, and the broken ones clerks really get."""

from __future__ import annotations

import os
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

A4 = (595, 842)


def make_pdf(path: Path, *, pages: int = 1, size: int = 0, text: str = "Ho so thu nghiem") -> Path:
    """A valid PDF with ``pages`` A4 pages showing ``text`` (Helvetica), padded to about
    ``size`` bytes with an incompressible RGB image on the first page."""
    writer = PdfFileWriter()
    font = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Font"),
                generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
            }
        )
    )
    image_ref = None
    if size > 4096:
        side = max(1, int(((size - 2048) / 3) ** 0.5))
        image = generic.StreamObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/XObject"),
                generic.NameObject("/Subtype"): generic.NameObject("/Image"),
                generic.NameObject("/Width"): generic.NumberObject(side),
                generic.NameObject("/Height"): generic.NumberObject(side),
                generic.NameObject("/ColorSpace"): generic.NameObject("/DeviceRGB"),
                generic.NameObject("/BitsPerComponent"): generic.NumberObject(8),
            },
            stream_data=os.urandom(side * side * 3),
        )
        image_ref = writer.add_object(image)
    for number in range(pages):
        ops = f"BT /F1 18 Tf 72 760 Td ({text} - trang {number + 1}) Tj ET".encode()
        if image_ref is not None and number == 0:
            ops = b"q 200 0 0 200 72 400 cm /Im1 Do Q " + ops
        content = writer.add_object(generic.StreamObject(stream_data=ops))
        resources = generic.DictionaryObject(
            {
                generic.NameObject("/Font"): generic.DictionaryObject(
                    {generic.NameObject("/F1"): font}
                )
            }
        )
        if image_ref is not None and number == 0:
            resources[generic.NameObject("/XObject")] = generic.DictionaryObject(
                {generic.NameObject("/Im1"): image_ref}
            )
        page = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (0, 0, *A4)]
                ),
                generic.NameObject("/Contents"): content,
                generic.NameObject("/Resources"): resources,
            }
        )
        writer.insert_page(page)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def make_encrypted_pdf(path: Path, owner: str = "chu-so-huu", user: str = "") -> Path:
    """An encrypted PDF; with ``user=""`` it opens without a password (restrictions only)."""
    from pyhanko.pdf_utils.crypt import StandardSecurityHandler
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    plain = make_pdf(path.with_suffix(".plain.pdf"))
    with open(plain, "rb") as handle:
        writer = copy_into_new_writer(PdfFileReader(handle))
    handler = StandardSecurityHandler.build_from_pw(owner, user)
    writer._assign_security_handler(handler)
    with open(path, "wb") as out:
        writer.write(out)
    plain.unlink()
    return path


def truncate(source: Path, target: Path, keep: float = 0.6) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove nothing changed)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
