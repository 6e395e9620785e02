"""The stamp's TrueType font: bundled DejaVu Sans, or any font the user picks.

pyHanko computes glyph widths as if every font had 1000 units per em; a font with
another value (DejaVu Sans has 2048) would get its text laid out too wide or too narrow.
:func:`prepare_font` rescales a font to 1000 units per em once with fontTools (and may
subset it to the scripts a Vietnamese stamp needs). The bundled font was made with it::

    python -m signing.fonts /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \\
        resources/fonts/DejaVuSans-vi-upm1000.ttf
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from signing.messages import SigningError

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "fonts"
BUNDLED_FONT = RESOURCES / "DejaVuSans-vi-upm1000.ttf"
"""DejaVu Sans, subset to Latin and Vietnamese, rescaled to 1000 units/em (see
``resources/fonts/README.md`` and its licence file beside it)."""

TARGET_UPM = 1000

VIETNAMESE_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A (Đ đ)
    (0x0180, 0x024F),  # Latin Extended-B (Ơ ơ Ư ư)
    (0x0300, 0x036F),  # combining diacritics (decomposed input)
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: Vietnamese
    (0x2010, 0x2044),  # dashes, quotes, bullets, ellipsis
    (0x20AB, 0x20AC),  # ₫ €
    (0x2116, 0x2116),  # №
    (0x2190, 0x2193),  # arrows
    (0x2713, 0x2714),  # check marks
)


def units_per_em(path: Path) -> int:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return int(font["head"].unitsPerEm)


def prepare_font(source: Path, target: Path, *, subset: bool = True) -> Path:
    """Write ``source`` rescaled to 1000 units/em (and subset, by default) to ``target``."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(source))
    if subset:
        options = ft_subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(unicodes=[c for lo, hi in VIETNAMESE_RANGES for c in range(lo, hi + 1)])
        subsetter.subset(font)
    if font["head"].unitsPerEm != TARGET_UPM:
        scale_upem(font, TARGET_UPM)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".ttf.partial")
    os.close(fd)
    try:
        font.save(temp)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target


@lru_cache(maxsize=8)
def stamp_font(path: Path | None = None) -> Path:
    """A font file usable by pyHanko: ``path`` (or the bundled font), rescaled if needed.

    A user's font with another units-per-em value is rescaled once into the temp folder
    (keyed by its content hash) and reused for the rest of the process and later runs.
    """
    chosen = Path(path) if path is not None else BUNDLED_FONT
    if not chosen.is_file():
        raise SigningError("stamp.font_missing", path=str(chosen))
    if units_per_em(chosen) == TARGET_UPM:
        return chosen
    digest = hashlib.sha256(chosen.read_bytes()).hexdigest()[:16]
    cached = Path(tempfile.gettempdir()) / "dossier-desk-fonts" / f"{digest}-upm1000.ttf"
    if not cached.is_file():
        prepare_font(chosen, cached, subset=False)
    return cached


if __name__ == "__main__":  # pragma: no cover - maintenance tool
    prepare_font(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]} ({Path(sys.argv[2]).stat().st_size} bytes)")
