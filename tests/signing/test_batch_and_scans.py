"""A batch of files with one key session, and scans turned into PDFs before signing."""

from __future__ import annotations

import subprocess
import threading

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from signing import SigningError, SignOptions, images_to_pdf, sign_batch, validate_pdf
from tests.signing.conftest import assert_qpdf_ok
from tests.signing.pdfs import make_pdf
from tests.support.tools import require_tool


def test_one_bad_file_does_not_stop_the_batch(p12_session, tmp_path):
    good1 = make_pdf(tmp_path / "a.pdf")
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"not a pdf")
    good2 = make_pdf(tmp_path / "c.pdf")
    out = tmp_path / "out"
    out.mkdir()
    seen = []
    results = sign_batch(
        [(good1, out / "a.pdf"), (bad, out / "b.pdf"), (good2, out / "c.pdf")],
        p12_session,
        progress=lambda step: seen.append((step.done, step.total, step.result.ok)),
    )
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].problem.key == "input.not_pdf"
    assert seen == [(1, 3, True), (2, 3, False), (3, 3, True)]
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "c.pdf"]
    assert results[0].to_dict()["ok"] is True and results[1].to_dict()["problem"]["vi"]


def test_cancel_between_files(p12_session, tmp_path):
    items = [(make_pdf(tmp_path / f"{i}.pdf"), tmp_path / f"signed-{i}.pdf") for i in range(5)]
    stop = threading.Event()

    def progress(step):
        if step.done == 2:
            stop.set()

    results = sign_batch(items, p12_session, progress=progress, cancel=stop)
    assert [r.ok for r in results] == [True, True, False, False, False]
    assert {r.problem.key for r in results[2:]} == {"sign.cancelled"}
    assert not (tmp_path / "signed-2.pdf").exists()


def test_a_refused_certificate_stops_the_batch_before_any_file(pki, tmp_path):
    from signing import Pkcs12KeySource

    items = [(make_pdf(tmp_path / "a.pdf"), tmp_path / "o.pdf")]
    with (
        Pkcs12KeySource(pki.expired.pkcs12_path, pki.expired.password).open() as session,
        pytest.raises(SigningError) as caught,
    ):
        sign_batch(items, session, SignOptions())
    assert caught.value.key == "cert.expired"
    assert not (tmp_path / "o.pdf").exists()


def _images(reader: PdfFileReader):
    for page in reader.root["/Pages"]["/Kids"]:
        page = page.get_object()
        for xobject in page["/Resources"]["/XObject"].values():
            yield xobject.get_object()


def test_jpeg_scan_is_embedded_byte_for_byte(tmp_path):
    scan = tmp_path / "scan.jpg"
    Image.effect_noise((320, 240), 60).convert("RGB").save(scan, quality=85, dpi=(200, 200))
    pdf = images_to_pdf([scan], tmp_path / "scan.pdf")
    assert_qpdf_ok(pdf)
    with open(pdf, "rb") as handle:
        (image,) = list(_images(PdfFileReader(handle)))
        assert image["/Filter"] == "/DCTDecode"
        assert image.encoded_data == scan.read_bytes(), "no re-encoding: lossless"


def test_png_scans_keep_every_pixel_and_make_one_pdf(tmp_path):
    pages = []
    for number in range(3):
        path = tmp_path / f"page{number}.png"
        Image.effect_noise((100 + number, 80), 50).convert("L").save(path, dpi=(150, 150))
        pages.append(path)
    pdf = images_to_pdf(pages, tmp_path / "component.pdf")
    assert_qpdf_ok(pdf)
    with open(pdf, "rb") as handle:
        reader = PdfFileReader(handle)
        assert int(reader.root["/Pages"]["/Count"]) == 3
        sizes = [(int(i["/Width"]), int(i["/Height"])) for i in _images(reader)]
    assert sizes == [Image.open(p).size for p in pages]
    # poppler's pdfimages decodes what a reader will see: the very same pixels
    require_tool("pdfimages")
    subprocess.run(["pdfimages", "-png", str(pdf), str(tmp_path / "back")], check=True)
    for number, path in enumerate(pages):
        back = Image.open(tmp_path / f"back-{number:03d}.png")
        assert back.tobytes() == Image.open(path).tobytes()


def test_scans_then_signed(p12_session, tmp_path):
    scan = tmp_path / "cmnd.png"
    Image.new("RGB", (300, 200), (240, 240, 240)).save(scan)
    pdf = images_to_pdf([scan], tmp_path / "cmnd.pdf")
    from signing import sign_pdf

    sign_pdf(pdf, tmp_path / "cmnd-signed.pdf", p12_session)
    assert validate_pdf(tmp_path / "cmnd-signed.pdf").all_intact


@pytest.mark.parametrize(
    ("content", "key"),
    [(b"GIF89a....", "scan.unsupported"), (b"\x89PNG\r\n\x1a\ngarbage", "scan.unreadable")],
)
def test_bad_scans_are_refused_with_nothing_written(tmp_path, content, key):
    bad = tmp_path / "scan.png"
    bad.write_bytes(content)
    with pytest.raises(SigningError) as caught:
        images_to_pdf([bad], tmp_path / "out.pdf")
    assert caught.value.key == key
    assert not (tmp_path / "out.pdf").exists()
    with pytest.raises(SigningError) as caught:
        images_to_pdf([], tmp_path / "out.pdf")
    assert caught.value.key == "scan.none"
