"""The visible stamp: Vietnamese text that pdftotext gives back exactly, drawn inside its
box (checked on the page rendered by poppler's pdftoppm)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from signing import SigningError, SignOptions, StampOptions, sign_pdf, validate_pdf
from signing.fonts import BUNDLED_FONT, stamp_font, units_per_em
from signing.stamp import layout_stamp, text_width
from tests.signing.conftest import assert_pdfsig_valid, assert_qpdf_ok
from tests.signing.pdfs import make_pdf
from tests.support.tools import require_file, require_tool

DPI = 144
SCALE = DPI / 72


def pdftotext(path: Path) -> str:
    require_tool("pdftotext")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return unicodedata.normalize("NFC", done.stdout)


def render(path: Path, out_prefix: Path) -> Image.Image:
    require_tool("pdftoppm")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(out_prefix),
        ],
        check=True,
    )
    return Image.open(f"{out_prefix}.png").convert("L")


def changed_pixels_outside(before: Image.Image, after: Image.Image, box, page_height=842):
    """Pixels the stamp changed, counted outside and inside ``box`` (PDF points)."""
    diff = ImageChops.difference(before, after).point(lambda v: 255 if v > 40 else 0)
    x1, y1, x2, y2 = box
    left, right = x1 * SCALE - 1, x2 * SCALE + 1
    top, bottom = (page_height - y2) * SCALE - 1, (page_height - y1) * SCALE + 1
    inside = outside = 0
    pixels = diff.load()
    width, height = diff.size
    for y in range(height):
        for x in range(width):
            if pixels[x, y]:
                if left <= x <= right and top <= y <= bottom:
                    inside += 1
                else:
                    outside += 1
    return inside, outside


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "blank.pdf", text="")


def test_stamp_text_comes_back_exactly_from_pdftotext(pki, p12_session, blank, tmp_path):
    out = tmp_path / "stamped.pdf"
    result = sign_pdf(
        blank,
        out,
        p12_session,
        SignOptions(
            reason="Đồng ý",
            stamp=StampOptions(organisation="Ủy ban nhân dân xã Đồng Hỷ", box=(300, 60, 560, 150)),
        ),
    )
    text = pdftotext(out)
    assert "Ký bởi: Nguyễn Văn An" in text
    assert "Cơ quan: Ủy ban nhân dân xã Đồng Hỷ" in text
    when = result.signing_time.strftime("%d/%m/%Y %H:%M:%S")
    assert f"Thời gian ký: {when} (GMT+7)" in text
    assert "Lý do: Đồng ý" in text
    assert_pdfsig_valid(out)
    assert_qpdf_ok(out)
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.all_intact and report.signatures[0].trusted


def test_stamp_in_english_labels(p12_session, blank, tmp_path):
    out = tmp_path / "en.pdf"
    sign_pdf(blank, out, p12_session, SignOptions(stamp=StampOptions(language="en")))
    text = pdftotext(out)
    assert "Signed by: Nguyễn Văn An" in text and "Organisation: UBND Xã Thử Nghiệm" in text


@pytest.mark.parametrize(
    ("box", "reason"),
    [
        ((300, 100, 500, 160), "Xác nhận hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ"),
        ((40, 700, 200, 760), "Phê duyệt " * 12),
        ((350, 40, 560, 200), None),
    ],
)
def test_stamp_text_stays_inside_its_box(p12_session, blank, tmp_path, box, reason):
    out = tmp_path / "stamped.pdf"
    sign_pdf(blank, out, p12_session, SignOptions(reason=reason, stamp=StampOptions(box=box)))
    before = render(blank, tmp_path / "before")
    after = render(out, tmp_path / "after")
    inside, outside = changed_pixels_outside(before, after, box)
    assert outside == 0, f"{outside} pixels of the stamp fall outside its box"
    assert inside > 500, "the stamp drew something (text and border)"
    if reason:
        text = " ".join(pdftotext(out).split())
        assert " ".join(f"Lý do: {reason}".split()) in text


def test_default_box_is_on_the_page_and_last_page_works(p12_session, tmp_path):
    doc = make_pdf(tmp_path / "three.pdf", pages=3, text="")
    out = tmp_path / "last.pdf"
    sign_pdf(doc, out, p12_session, SignOptions(stamp=StampOptions(page=-1)))
    require_tool("pdftotext")
    last = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", str(out), "-"], capture_output=True, text=True
    ).stdout
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "Nguyễn Văn An" in unicodedata.normalize("NFC", last)
    assert "Nguyễn Văn An" not in unicodedata.normalize("NFC", first)


def test_page_that_does_not_exist_is_refused(p12_session, blank, tmp_path):
    with pytest.raises(SigningError) as caught:
        sign_pdf(blank, tmp_path / "o.pdf", p12_session, SignOptions(stamp=StampOptions(page=5)))
    assert caught.value.key == "stamp.bad_page"
    assert not (tmp_path / "o.pdf").exists()


def test_text_too_long_for_a_tiny_box_is_refused(p12_session, blank, tmp_path):
    with pytest.raises(SigningError) as caught:
        sign_pdf(
            blank,
            tmp_path / "o.pdf",
            p12_session,
            SignOptions(reason="Rất dài " * 50, stamp=StampOptions(box=(10, 10, 60, 30))),
        )
    assert caught.value.key == "stamp.text_too_long"


def test_seal_image_is_drawn_left_of_the_text(p12_session, blank, tmp_path):
    seal = tmp_path / "seal.png"
    Image.new("RGB", (200, 200), (200, 0, 0)).save(seal)
    box = (300, 60, 560, 150)
    out = tmp_path / "sealed.pdf"
    sign_pdf(blank, out, p12_session, SignOptions(stamp=StampOptions(box=box, seal_image=seal)))
    after = render(out, tmp_path / "after").convert("L")
    rgb = Image.open(tmp_path / "after.png").convert("RGB")
    red = [
        (x, y)
        for x in range(int(box[0] * SCALE), int(box[2] * SCALE))
        for y in range(int((842 - box[3]) * SCALE), int((842 - box[1]) * SCALE))
        if rgb.getpixel((x, y))[0] > 150 and rgb.getpixel((x, y))[1] < 60
    ]
    assert red, "the seal is visible"
    middle = (box[0] + box[2]) / 2 * SCALE
    assert max(x for x, _ in red) < middle, "the seal sits on the left"
    assert "Nguyễn Văn An" in pdftotext(out)
    assert after.size[0] > 0


def test_bundled_font_is_rescaled_to_1000_units_per_em():
    assert units_per_em(BUNDLED_FONT) == 1000
    assert stamp_font(None) == BUNDLED_FONT


def test_a_font_with_2048_units_is_rescaled_once(tmp_path):
    dejavu = require_file(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans (fonts-dejavu-core)"
    )
    assert units_per_em(dejavu) == 2048
    rescaled = stamp_font(dejavu)
    assert rescaled != dejavu and units_per_em(rescaled) == 1000
    # same widths as the bundled (rescaled) font: the layout would be identical
    sample = "Nguyễn Văn An – Ủy ban nhân dân"
    assert abs(text_width(sample, 10, rescaled) - text_width(sample, 10, BUNDLED_FONT)) < 0.5


def test_layout_wraps_and_shrinks_until_it_fits():
    lines = ["Ký bởi: Nguyễn Văn An", "Lý do: " + "phê duyệt hồ sơ " * 6]
    fitted = layout_stamp(lines, (0, 0, 200, 40), BUNDLED_FONT)
    assert fitted.font_size < 10
    assert all(
        text_width(line, fitted.font_size, BUNDLED_FONT) <= fitted.text_width
        for line in fitted.lines
    )
    assert len(fitted.lines) > 2
