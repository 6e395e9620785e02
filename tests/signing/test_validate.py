"""Validation reports, for our signatures and for PDFs signed by others (the agency's
results): intact exactly as the portal defines it, trust only with our roots."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PdfFileWriter
from pyhanko.sign import fields, signers

from signing import SignOptions, sign_pdf, validate_pdf
from tests.signing.conftest import assert_pdfsig_valid, pdfsig
from tests.signing.pdfs import make_pdf
from tests.support.tools import require_tool

N = generic.NameObject


def _form_pdf(path: Path) -> Path:
    """A one-page PDF with an empty text field ``ho_ten``."""
    writer = PdfFileWriter()
    page_ref = writer.insert_page(
        generic.DictionaryObject(
            {
                N("/Type"): N("/Page"),
                N("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (0, 0, 595, 842)]
                ),
                N("/Resources"): generic.DictionaryObject(),
            }
        )
    )
    field = writer.add_object(
        generic.DictionaryObject(
            {
                N("/Type"): N("/Annot"),
                N("/Subtype"): N("/Widget"),
                N("/FT"): N("/Tx"),
                N("/T"): generic.TextStringObject("ho_ten"),
                N("/V"): generic.TextStringObject(""),
                N("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (72, 700, 300, 720)]
                ),
                N("/P"): page_ref,
                N("/F"): generic.NumberObject(4),
            }
        )
    )
    page = page_ref.get_object()
    page[N("/Annots")] = generic.ArrayObject([field])
    writer.update_container(page)
    writer.root[N("/AcroForm")] = generic.DictionaryObject(
        {N("/Fields"): generic.ArrayObject([field])}
    )
    writer.update_root()
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_our_signature_report_and_json(pki, p12_session, pdf, tmp_path):
    out = tmp_path / "signed.pdf"
    sign_pdf(pdf, out, p12_session, SignOptions(reason="Nộp hồ sơ"))
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    data = json.loads(report.to_json())
    assert data["all_intact"] is True and data["all_trusted"] is True
    (sig,) = data["signatures"]
    assert sig["signer_name"] == "Nguyễn Văn An"
    assert sig["organisation"] == "UBND Xã Thử Nghiệm"
    assert sig["coverage"] == "entire_file" and sig["changes_after_signing"] == "none"
    assert sig["signing_time"].endswith("+07:00"), "signing time in Vietnam time"
    assert data["problems"] == []
    same = validate_pdf(out.read_bytes(), trust_roots=[pki.root_cert])
    assert same.all_intact and same.signatures[0].trusted


def test_untrusted_signer_is_intact_but_not_trusted(pki, p12_session, pdf, tmp_path):
    out = tmp_path / "signed.pdf"
    sign_pdf(pdf, out, p12_session)
    no_roots = validate_pdf(out)
    assert no_roots.all_intact and not no_roots.signatures[0].trusted
    assert [p.key for p in no_roots.problems] == ["verify.no_trust_roots"]
    other_root = validate_pdf(out, trust_roots=[pki.other_root_cert])
    assert other_root.all_intact and not other_root.all_trusted
    assert "verify.untrusted" in [p.key for p in other_root.problems]
    vi = other_root.messages("vi")[0]
    assert "Nguyễn Văn An" in vi and "không chuỗi được" in vi


def test_a_changed_byte_breaks_the_signature(p12_session, pdf, tmp_path):
    out = tmp_path / "signed.pdf"
    sign_pdf(pdf, out, p12_session)
    data = bytearray(out.read_bytes())
    where = data.index(b"Ho so thu nghiem")
    data[where : where + 2] = b"Ha"
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    report = validate_pdf(tampered)
    assert not report.all_intact
    assert report.signatures[0].cryptographically_valid is False
    assert report.problems[0].key == "verify.not_intact"
    assert "Signature is Valid." not in pdfsig(tampered)


def test_content_changed_after_signing_is_not_intact(p12_session, pdf, tmp_path):
    signed = tmp_path / "signed.pdf"
    sign_pdf(pdf, signed, p12_session)
    changed = tmp_path / "changed.pdf"
    shutil.copy(signed, changed)
    with open(changed, "r+b") as handle:
        writer = IncrementalPdfFileWriter(handle)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page[N("/Contents")] = writer.add_object(
            generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 760 Td (Da sua) Tj ET")
        )
        writer.update_container(page)
        writer.write_in_place()
    report = validate_pdf(changed)
    (sig,) = report.signatures
    assert sig.cryptographically_valid, "the signed bytes themselves are unchanged"
    assert sig.coverage == "entire_revision"
    assert not sig.intact and not report.all_intact
    assert report.problems[0].key == "verify.changed_after"


def test_form_filled_after_signing_is_not_intact_even_if_signed_again(p12_session, tmp_path):
    """The portal allows only revisions that add signatures, timestamps or validation
    data after a signature; filling a text field is none of those."""
    signed = tmp_path / "signed.pdf"
    sign_pdf(_form_pdf(tmp_path / "form.pdf"), signed, p12_session)
    filled = tmp_path / "filled.pdf"
    shutil.copy(signed, filled)
    with open(filled, "r+b") as handle:
        writer = IncrementalPdfFileWriter(handle)
        field = writer.root["/AcroForm"]["/Fields"][0].get_object()
        field[N("/V")] = generic.TextStringObject("Nguyen Van B")
        writer.update_container(field)
        writer.write_in_place()
    report = validate_pdf(filled)
    assert report.signatures[0].changes_after_signing == "form_filling"
    assert not report.all_intact
    resigned = tmp_path / "resigned.pdf"
    sign_pdf(filled, resigned, p12_session)
    again = validate_pdf(resigned)
    assert [s.intact for s in again.signatures] == [False, True]
    assert not again.all_intact


def test_pdf_signed_by_pyhanko_directly_with_adobe_subfilter(pki, pdf, tmp_path):
    """A signature we did not make (adbe.pkcs7.detached, pyHanko's own SimpleSigner)."""
    signer = signers.SimpleSigner.load_pkcs12(
        str(pki.ecdsa_signer.pkcs12_path), passphrase=pki.ecdsa_signer.password.encode()
    )
    out = tmp_path / "theirs.pdf"
    with open(pdf, "rb") as source, open(out, "wb") as target:
        signers.sign_pdf(
            IncrementalPdfFileWriter(source),
            signers.PdfSignatureMetadata(
                field_name="KetQua", subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED
            ),
            signer=signer,
            output=target,
        )
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.all_intact and report.all_trusted
    assert report.signatures[0].field_name == "KetQua"
    assert report.signatures[0].signer_name == "Trần Thị Bình"


def test_pdf_signed_by_poppler_then_by_us(pki, p12_session, pdf, tmp_path):
    """A signature made by another implementation (poppler over NSS), as an agency's
    result might be; adding ours keeps it valid for both validators."""
    require_tool("pdfsig", "certutil", "pk12util")
    nss = tmp_path / "nss"
    nss.mkdir()
    db = f"sql:{nss}"
    subprocess.run(["certutil", "-N", "-d", db, "--empty-password"], check=True)
    subprocess.run(
        ["pk12util", "-i", str(pki.signer.pkcs12_path), "-d", db, "-W", pki.signer.password],
        check=True,
        capture_output=True,
    )
    theirs = tmp_path / "poppler.pdf"
    subprocess.run(
        [
            "pdfsig",
            str(pdf),
            str(theirs),
            "-add-signature",
            "-nssdir",
            db,
            "-nick",
            pki.signer.common_name,
            "-reason",
            "Kết quả",
        ],
        check=True,
        capture_output=True,
    )
    report = validate_pdf(theirs, trust_roots=[pki.root_cert])
    assert report.all_intact and report.all_trusted
    both = tmp_path / "both.pdf"
    sign_pdf(theirs, both, p12_session)
    assert_pdfsig_valid(both, signatures=2)
    again = validate_pdf(both, trust_roots=[pki.root_cert])
    assert again.all_intact and len(again.signatures) == 2


def test_unsigned_pdf_reports_no_signature(pdf):
    report = validate_pdf(pdf)
    assert report.signatures == [] and not report.all_intact
    assert report.problems[0].key == "verify.no_signature"
    assert report.to_dict()["problems"][0]["vi"] == "Tài liệu không có chữ ký số nào."


@pytest.mark.parametrize("pages", [1, 5])
def test_validation_from_bytes_and_path_agree(p12_session, tmp_path, pages):
    doc = make_pdf(tmp_path / "d.pdf", pages=pages)
    out = tmp_path / "s.pdf"
    sign_pdf(doc, out, p12_session)
    assert validate_pdf(out).to_dict()["signatures"][0]["intact"] is True
    assert validate_pdf(out.read_bytes()).all_intact


def test_a_weak_key_signed_by_someone_else_is_flagged(pki, pdf, tmp_path):
    signer = signers.SimpleSigner.load_pkcs12(
        str(pki.weak.pkcs12_path), passphrase=pki.weak.password.encode()
    )
    out = tmp_path / "weak.pdf"
    with open(pdf, "rb") as source, open(out, "wb") as target:
        signers.sign_pdf(
            IncrementalPdfFileWriter(source),
            signers.PdfSignatureMetadata(field_name="Cu"),
            signer=signer,
            output=target,
        )
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.all_intact, "integrity is not strength"
    weak = [p for p in report.problems if p.key == "verify.weak_algorithm"]
    assert weak and "RSA 1024" in weak[0].render("en")
    assert weak[0].severity.value == "warning"
