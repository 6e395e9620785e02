"""The visible signature stamp: who signed, for which agency, when (Vietnam time), why.

The text is wrapped and its size chosen here, from the font's own advance widths, so
that it fits the box with a margin; pyHanko then draws it with the embedded font (and
would only ever shrink it further, never let it overflow).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from signing.certcheck import VIETNAM, name_of, organisation_of
from signing.fonts import stamp_font
from signing.messages import SigningError
from signing.options import StampOptions

__all__ = [
    "DEFAULT_BOX_SIZE",
    "StampLayout",
    "default_box",
    "layout_stamp",
    "stamp_lines",
]

DEFAULT_BOX_SIZE = (240.0, 80.0)
EDGE = 36.0
PADDING = 4.0
MAX_FONT_SIZE = 10
MIN_FONT_SIZE = 4
LEADING = 1.25
"""Line height as a multiple of the font size (rounded up to whole points: pyHanko's
layout needs whole numbers)."""
TIME_FORMAT = "%d/%m/%Y %H:%M:%S (GMT+7)"

LABELS = {
    "vi": ("Ký bởi", "Cơ quan", "Thời gian ký", "Lý do"),
    "en": ("Signed by", "Organisation", "Signed at", "Reason"),
}


def default_box(page_width: float, page_height: float) -> tuple[float, float, float, float]:
    """A 240×80 pt box in the lower right corner, 36 pt from the edges (or smaller on a
    tiny page)."""
    width = min(DEFAULT_BOX_SIZE[0], page_width - 2 * EDGE)
    height = min(DEFAULT_BOX_SIZE[1], page_height - 2 * EDGE)
    x2 = page_width - EDGE
    return (x2 - width, EDGE, x2, EDGE + height)


def stamp_lines(
    options: StampOptions,
    cert: x509.Certificate,
    signing_time: dt.datetime,
    reason: str | None,
    language: str = "vi",
) -> list[str]:
    """The stamp's logical lines, before wrapping (NFC-normalised)."""
    signed_by, organisation, signed_at, reason_label = LABELS.get(language, LABELS["vi"])
    name = options.signer_name or name_of(cert)
    org = options.organisation or organisation_of(cert)
    lines = [f"{signed_by}: {name}"]
    if org:
        lines.append(f"{organisation}: {org}")
    lines.append(f"{signed_at}: {signing_time.astimezone(VIETNAM).strftime(TIME_FORMAT)}")
    if reason and options.show_reason:
        lines.append(f"{reason_label}: {reason}")
    return [unicodedata.normalize("NFC", line) for line in lines]


def leading(size: int) -> int:
    return math.ceil(size * LEADING)


@dataclass(frozen=True)
class StampLayout:
    """The wrapped text and the font size that make it fit."""

    lines: tuple[str, ...]
    font_size: int
    text_width: float
    """Room for text: the box width minus padding and the seal."""
    text_height: float
    seal_width: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@lru_cache(maxsize=8)
def _advances(font_path: Path) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path), lazy=True) as font:
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        widths = {code: hmtx[glyph][0] for code, glyph in cmap.items()}
        return widths, int(font["head"].unitsPerEm)


def text_width(text: str, size: float, font_path: Path) -> float:
    """Width of ``text`` at ``size`` pt, from the font's advance widths (no kerning, so
    never less than what is drawn)."""
    widths, upm = _advances(font_path)
    fallback = widths.get(ord("M"), upm)
    return sum(widths.get(ord(ch), fallback) for ch in text) * size / upm


def _wrap(line: str, width: float, size: float, font_path: Path) -> list[str]:
    words = line.split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, font_path) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        # a single word wider than the box is cut by characters
        while text_width(word, size, font_path) > width and len(word) > 1:
            cut = len(word)
            while cut > 1 and text_width(word[:cut], size, font_path) > width:
                cut -= 1
            out.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        out.append(current)
    return out


def layout_stamp(
    lines: list[str],
    box: tuple[float, float, float, float],
    font_path: Path,
    *,
    seal: bool = False,
) -> StampLayout:
    """Wrap ``lines`` and pick the largest size (10 pt down to 4 pt) at which they fit."""
    width = abs(box[2] - box[0])
    height = abs(box[3] - box[1])
    seal_width = min(height, width / 3) if seal else 0.0
    room_w = width - 2 * PADDING - seal_width
    room_h = height - 2 * PADDING
    size = MAX_FONT_SIZE
    while size >= MIN_FONT_SIZE:
        wrapped = [part for line in lines for part in _wrap(line, room_w, size, font_path)]
        if len(wrapped) * leading(size) <= room_h and all(
            text_width(part, size, font_path) <= room_w for part in wrapped
        ):
            return StampLayout(tuple(wrapped), size, room_w, room_h, seal_width)
        size -= 1
    raise SigningError("stamp.text_too_long", width=f"{width:.0f}", height=f"{height:.0f}")


def stamp_style(
    stamp_layout: StampLayout,
    font_path: Path,
    seal_image: Path | None,
) -> TextStampStyle:
    """The pyHanko style that draws ``stamp_layout`` (text on the right of the seal)."""
    background = None
    if seal_image is not None:
        background = _seal(seal_image)
    font = GlyphAccumulatorFactory(str(font_path), font_size=stamp_layout.font_size)
    text_style = TextBoxStyle(
        font=font,
        font_size=stamp_layout.font_size,
        leading=leading(stamp_layout.font_size),
        border_width=0,
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 0, 0, 0),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
    return TextStampStyle(
        stamp_text="%(stamp_body)s",
        text_box_style=text_style,
        border_width=1,
        background=background,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(int(PADDING)),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(
                left=int(PADDING + stamp_layout.seal_width),
                right=int(PADDING),
                top=int(PADDING),
                bottom=int(PADDING),
            ),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


def _seal(path: Path):  # type: ignore[no-untyped-def]
    from PIL import Image, UnidentifiedImageError
    from pyhanko.pdf_utils.images import PdfImage

    try:
        with Image.open(path) as image:
            image.load()
            picture = image.copy()
    except (OSError, UnidentifiedImageError) as exc:
        raise SigningError("stamp.image_unreadable", path=str(path), detail=exc) from None
    return PdfImage(picture)


def resolve_font(options: StampOptions) -> Path:
    return stamp_font(options.font_path)
