"""A small PDF writer for the documents the sandbox issues (results, receipts, blank forms).

Vietnamese text is drawn with an embedded TrueType font (subset, Identity-H, with a
ToUnicode map so the text can be copied and searched). Without any usable font on the
machine, text falls back to Helvetica without diacritics, so a document is always made.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sandbox_portal import clock
from sandbox_portal.config import RESOURCES_DIR

A4 = (595.0, 842.0)

_FONT_CANDIDATES = (
    (RESOURCES_DIR / "fonts", ("*Sans*.ttf", "*.ttf")),
    (Path("/usr/share/fonts/truetype/dejavu"), ("DejaVuSans.ttf",)),
    (Path("/usr/share/fonts/truetype/liberation"), ("LiberationSans-Regular.ttf",)),
    (Path("C:/Windows/Fonts"), ("arial.ttf", "segoeui.ttf", "tahoma.ttf")),
    (Path("/Library/Fonts"), ("Arial.ttf",)),
)


@lru_cache(maxsize=1)
def find_font() -> Path | None:
    """A TrueType font with Vietnamese letters, or None."""
    for folder, patterns in _FONT_CANDIDATES:
        if not folder.is_dir():
            continue
        for pattern in patterns:
            for path in sorted(folder.glob(pattern)):
                if path.suffix.lower() == ".ttf" and _covers_vietnamese(path):
                    return path
    return None


def _covers_vietnamese(path: Path) -> bool:
    try:
        from fontTools.ttLib import TTFont

        with TTFont(str(path), lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # a broken font file is simply not used
        return False
    return all(ord(ch) in cmap for ch in "ẾếữựđĐạ")


class _Font:
    """An embedded TrueType font (or the Helvetica fallback) and the glyphs used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.used: dict[int, str] = {}
        if path is None:
            return
        from fontTools.ttLib import TTFont

        self._tt = TTFont(str(path))
        self._cmap = self._tt.getBestCmap()
        self._upem = self._tt["head"].unitsPerEm
        self._hmtx = self._tt["hmtx"]
        self._glyph_order = self._tt.getGlyphOrder()
        self._gid = {name: index for index, name in enumerate(self._glyph_order)}

    def _glyph(self, ch: str) -> tuple[int, float]:
        name = self._cmap.get(ord(ch)) or self._cmap.get(ord("?"), ".notdef")
        gid = self._gid.get(name, 0)
        width = self._hmtx[name][0] * 1000.0 / self._upem
        return gid, width

    def prepare(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        if self.path is None:
            plain = text.replace("đ", "d").replace("Đ", "D")
            plain = unicodedata.normalize("NFKD", plain)
            return "".join(ch for ch in plain if ord(ch) < 128)
        return text

    def width(self, text: str, size: float) -> float:
        text = self.prepare(text)
        if self.path is None:
            return 0.5 * size * len(text)
        return sum(self._glyph(ch)[1] for ch in text) * size / 1000.0

    def encode(self, text: str) -> bytes:
        """A PDF string operand for ``text``."""
        text = self.prepare(text)
        if self.path is None:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            return f"({escaped})".encode("latin-1")
        gids = []
        for ch in text:
            gid, _ = self._glyph(ch)
            self.used.setdefault(gid, ch)
            gids.append(gid)
        return b"<" + "".join(f"{gid:04X}" for gid in gids).encode() + b">"

    def objects(self, writer: _Writer) -> int:
        """Write the font's objects; the number of the font dictionary."""
        if self.path is None:
            return writer.add(
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            )
        from fontTools import subset

        options = subset.Options()
        options.retain_gids = True
        options.notdef_outline = True
        options.layout_features = []
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=[0, *self.used])
        from fontTools.ttLib import TTFont

        font = TTFont(str(self.path))
        subsetter.subset(font)
        data = io.BytesIO()
        font.save(data)
        font_bytes = data.getvalue()
        tag = "".join(
            chr(65 + b % 26) for b in hashlib.sha256(repr(sorted(self.used)).encode()).digest()[:6]
        )
        base = self._tt["name"].getDebugName(6) or "SandboxSans"
        base = "".join(ch for ch in base if ch.isalnum() or ch == "-") or "SandboxSans"
        name = f"{tag}+{base}".encode()
        head, hhea = self._tt["head"], self._tt["hhea"]
        scale = 1000.0 / self._upem
        bbox = " ".join(str(round(v * scale)) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
        file_num = writer.add_stream(font_bytes, extra=f"/Length1 {len(font_bytes)}".encode())
        descriptor = writer.add(
            b"<< /Type /FontDescriptor /FontName /"
            + name
            + b" /Flags 32 /FontBBox ["
            + bbox.encode()
            + f"] /ItalicAngle 0 /Ascent {round(hhea.ascent * scale)} "
            f"/Descent {round(hhea.descent * scale)} /CapHeight {round(hhea.ascent * scale)} "
            f"/StemV 80 /FontFile2 {file_num} 0 R >>".encode()
        )
        widths = " ".join(
            f"{gid} [{round(self._glyph(ch)[1])}]" for gid, ch in sorted(self.used.items())
        )
        cid = writer.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"
            + name
            + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            + f" /FontDescriptor {descriptor} 0 R /W [{widths}] /CIDToGIDMap /Identity >>".encode()
        )
        to_unicode = writer.add_stream(self._to_unicode())
        return writer.add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /"
            + name
            + b" /Encoding /Identity-H"
            + f" /DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>".encode()
        )

    def _to_unicode(self) -> bytes:
        entries = sorted(self.used.items())
        lines = [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        for start in range(0, len(entries), 100):
            block = entries[start : start + 100]
            lines.append(f"{len(block)} beginbfchar")
            for gid, ch in block:
                utf16 = ch.encode("utf-16-be").hex().upper()
                lines.append(f"<{gid:04X}> <{utf16}>")
            lines.append("endbfchar")
        lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
        return "\n".join(lines).encode()


class _Writer:
    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def reserve(self) -> int:
        return self.add(b"null")

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def add_stream(self, data: bytes, extra: bytes = b"") -> int:
        packed = zlib.compress(data)
        head = b"<< /Length %d /Filter /FlateDecode " % len(packed) + extra + b" >>"
        return self.add(head + b"\nstream\n" + packed + b"\nendstream")

    def output(self, root: int, info: int, ident: bytes) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        hex_id = ident.hex().upper().encode()
        out.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
            % (len(self.objects) + 1, root, info, hex_id, hex_id)
        )
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()


@dataclass
class _Page:
    ops: list[bytes] = field(default_factory=list)


class Document:
    """A document of A4 pages with lines of text written top to bottom."""

    MARGIN = 56.0

    def __init__(self, title: str) -> None:
        self.title = unicodedata.normalize("NFC", title)
        self._font = _Font(find_font())
        self._pages: list[_Page] = []
        self._y = 0.0
        self.new_page()

    @property
    def has_unicode_font(self) -> bool:
        """Whether Vietnamese letters are drawn as they are (not stripped)."""
        return self._font.path is not None

    def new_page(self) -> None:
        self._pages.append(_Page())
        self._y = A4[1] - self.MARGIN

    def _ensure_room(self, height: float) -> None:
        if self._y - height < self.MARGIN:
            self.new_page()

    def text(self, line: str, size: float = 11, x: float | None = None, gap: float = 4) -> None:
        """Write one paragraph, wrapped to the page width."""
        left = self.MARGIN if x is None else x
        width = A4[0] - self.MARGIN - left
        for piece in self._wrap(line, size, width):
            self._ensure_room(size + gap)
            self._y -= size + gap
            self._draw(left, self._y, piece, size)

    def centered(self, line: str, size: float = 14) -> None:
        """One centred line (titles)."""
        self._ensure_room(size + 6)
        self._y -= size + 6
        x = (A4[0] - self._font.width(line, size)) / 2
        self._draw(max(self.MARGIN, x), self._y, line, size)

    def row(self, cells: Iterable[tuple[float, str]], size: float = 10) -> None:
        """One table row: ``(x, text)`` cells on the same line."""
        self._ensure_room(size + 6)
        self._y -= size + 6
        for x, cell in cells:
            self._draw(x, self._y, cell, size)

    def rule(self) -> None:
        """A horizontal line across the text width."""
        self._ensure_room(8)
        self._y -= 6
        self._pages[-1].ops.append(
            f"0.5 w {self.MARGIN} {self._y:.1f} m {A4[0] - self.MARGIN} {self._y:.1f} l S".encode()
        )

    def space(self, height: float = 8) -> None:
        self._y -= height

    def _draw(self, x: float, y: float, line: str, size: float) -> None:
        encoded = self._font.encode(line)
        self._pages[-1].ops.append(
            b"BT /F1 %.1f Tf %.1f %.1f Td " % (size, x, y) + encoded + b" Tj ET"
        )

    def _wrap(self, line: str, size: float, width: float) -> list[str]:
        words = unicodedata.normalize("NFC", line).split(" ")
        lines, current = [], ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and self._font.width(candidate, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return [*lines, current]

    def to_bytes(self) -> bytes:
        """The finished PDF."""
        writer = _Writer()
        catalog = writer.reserve()
        pages_num = writer.reserve()
        contents = [writer.add_stream(b"\n".join(page.ops)) for page in self._pages]
        font = self._font.objects(writer)
        kids = []
        for content in contents:
            kids.append(
                writer.add(
                    f"<< /Type /Page /Parent {pages_num} 0 R /MediaBox [0 0 {A4[0]:.0f} "
                    f"{A4[1]:.0f}] /Resources << /Font << /F1 {font} 0 R >> >> "
                    f"/Contents {content} 0 R >>".encode()
                )
            )
        writer.set(
            pages_num,
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
            f"/Count {len(kids)} >>".encode(),
        )
        writer.set(catalog, f"<< /Type /Catalog /Pages {pages_num} 0 R >>".encode())
        stamp = clock.to_datetime(clock.now()).strftime("D:%Y%m%d%H%M%S+07'00'")
        info = writer.add(
            b"<< /Title "
            + _pdf_text(self.title)
            + b" /Producer (DossierDesk sandbox portal)"
            + f" /CreationDate ({stamp}) >>".encode()
        )
        ident = hashlib.md5(
            self.title.encode() + stamp.encode() + str(len(self._pages)).encode(),
            usedforsecurity=False,
        ).digest()
        return writer.output(catalog, info, ident)


def _pdf_text(value: str) -> bytes:
    """A PDF text string (UTF-16BE with BOM) for document information."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"
