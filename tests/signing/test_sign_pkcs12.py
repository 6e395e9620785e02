"""A clerk signs PDFs with a PKCS#12 file: every level, checked by validators we did not
write (poppler's pdfsig, qpdf) and by pyHanko with our trust root."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from signing import (
    PadesLevel,
    Pkcs12KeySource,
    SigningError,
    SignOptions,
    WrongPinError,
    sign_pdf,
    validate_pdf,
)
from signing.options import CertifyPermission
from tests.signing.conftest import assert_pdfsig_valid, assert_qpdf_ok
from tests.signing.pdfs import make_pdf, snapshot
from tests.support.pki import TestPKI


def _independent_checks(path: Path, pki: TestPKI, signatures: int = 1):
    assert_pdfsig_valid(path, signatures)
    assert_qpdf_ok(path)
    report = validate_pdf(path, trust_roots=[pki.root_cert])
    assert report.all_intact, report.to_json()
    assert all(s.trusted for s in report.signatures), report.to_json()
    return report


def test_basic_signature_is_pades_and_valid_everywhere(pki, p12_session, pdf, tmp_path):
    out = tmp_path / "signed.pdf"
    before = pdf.read_bytes()
    result = sign_pdf(pdf, out, p12_session, SignOptions(trust_roots=(pki.root_cert,)))
    assert result.ok and result.output == out and result.size == out.stat().st_size
    assert result.signer_name == "Nguyễn Văn An"
    assert pdf.read_bytes() == before, "the input must never change"
    assert out.read_bytes().startswith(before), "an incremental update keeps the original"
    report = _independent_checks(out, pki)
    (signature,) = report.signatures
    assert signature.coverage == "entire_file"
    assert signature.level == "B-B"
    assert signature.timestamp is None
    assert signature.key == "RSA 2048"
    assert signature.digest_algorithm == "sha256"
    assert b"/ETSI.CAdES.detached" in out.read_bytes()
    assert signature.signing_time is not None
    assert abs(signature.signing_time - result.signing_time) < dt.timedelta(seconds=2)


def test_ecdsa_p256_signer_is_accepted(pki, pdf, tmp_path):
    out = tmp_path / "ecdsa.pdf"
    with Pkcs12KeySource(pki.ecdsa_signer.pkcs12_path, pki.ecdsa_signer.password).open() as s:
        sign_pdf(pdf, out, s, SignOptions(trust_roots=(pki.root_cert,)))
    report = _independent_checks(out, pki)
    assert report.signatures[0].key == "ECDSA 256"


@pytest.mark.parametrize(
    ("level", "expected_level", "ltv"),
    [
        (PadesLevel.B_T, "B-T", False),
        (PadesLevel.B_LT, "B-LT", True),
        (PadesLevel.B_LTA, "B-LTA", True),
    ],
)
def test_timestamped_levels(pki, p12_session, pdf, tmp_path, level, expected_level, ltv):
    out = tmp_path / f"{level.value}.pdf"
    hits_before = pki.services.hits["tsa"]
    options = SignOptions(level=level, tsa_url=pki.tsa_url, trust_roots=(pki.root_cert,))
    sign_pdf(pdf, out, p12_session, options)
    assert pki.services.hits["tsa"] > hits_before, "the timestamp authority was asked"
    report = _independent_checks(out, pki)
    signature = report.signatures[0]
    assert signature.level == expected_level
    assert signature.ltv is ltv
    assert signature.timestamp is not None and signature.timestamp.trusted
    assert signature.timestamp.authority == "DossierDesk Test TSA"
    if level is PadesLevel.B_LTA:
        assert [s.kind for s in report.signatures] == ["signature", "timestamp"]


def test_b_t_reserves_enough_room_without_a_dry_run(pki, p12_session, pdf, tmp_path):
    """One request per signature: pyHanko would otherwise ask the TSA for a dummy token
    to size the signature."""
    before = pki.services.hits["tsa"]
    sign_pdf(
        pdf,
        tmp_path / "bt.pdf",
        p12_session,
        SignOptions(level=PadesLevel.B_T, tsa_url=pki.tsa_url),
    )
    assert pki.services.hits["tsa"] - before == 1


def test_b_lt_embeds_revocation_data_fetched_from_ocsp_or_crl(pki, p12_session, pdf, tmp_path):
    before = pki.services.hits["ocsp"] + pki.services.hits["crl"]
    out = tmp_path / "lt.pdf"
    sign_pdf(
        pdf,
        out,
        p12_session,
        SignOptions(level=PadesLevel.B_LT, tsa_url=pki.tsa_url, trust_roots=(pki.root_cert,)),
    )
    assert pki.services.hits["ocsp"] + pki.services.hits["crl"] > before
    data = out.read_bytes()
    assert b"/DSS" in data and (b"/OCSPs" in data or b"/CRLs" in data)


def test_b_lt_is_validated_at_its_timestamp_not_now(pki, p12_session, pdf, tmp_path):
    """The embedded OCSP responses go stale after a day; the signature must stay valid
    (validated at its timestamp), which a naive "now" validation a month later is not."""
    out = tmp_path / "lt.pdf"
    sign_pdf(
        pdf,
        out,
        p12_session,
        SignOptions(level=PadesLevel.B_LT, tsa_url=pki.tsa_url, trust_roots=(pki.root_cert,)),
    )
    at_signing = validate_pdf(out, trust_roots=[pki.root_cert])
    assert at_signing.signatures[0].ltv is True and at_signing.signatures[0].trusted
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    pki.services.available = False  # and the network is gone
    try:
        naive = validate_pdf(out, trust_roots=[pki.root_cert], validation_time=later)
        again = validate_pdf(out, trust_roots=[pki.root_cert])
    finally:
        pki.services.available = True
    assert naive.all_intact, "integrity never depends on time"
    assert again.signatures[0].trusted and again.signatures[0].ltv is True


def test_second_signature_keeps_the_first_valid(pki, p12_session, pdf, tmp_path):
    first = tmp_path / "first.pdf"
    second = tmp_path / "second.pdf"
    sign_pdf(pdf, first, p12_session, SignOptions(reason="Người lập"))
    with Pkcs12KeySource(pki.ecdsa_signer.pkcs12_path, pki.ecdsa_signer.password).open() as s:
        result = sign_pdf(first, second, s, SignOptions(reason="Người duyệt"))
    assert result.field_name == "Signature2"
    report = _independent_checks(second, pki, signatures=2)
    assert [s.signer_name for s in report.signatures] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert report.signatures[0].coverage == "entire_revision"
    assert report.signatures[0].changes_after_signing == "form_filling"
    assert report.signatures[1].coverage == "entire_file"


def test_certification_signature_sets_docmdp(pki, p12_session, pdf, tmp_path):
    out = tmp_path / "certified.pdf"
    sign_pdf(
        pdf,
        out,
        p12_session,
        SignOptions(certify=True, certify_permission=CertifyPermission.FORM_FILLING),
    )
    report = _independent_checks(out, pki)
    assert report.signatures[0].certified == "form_filling"
    # approval signatures may still follow
    sign_pdf(out, tmp_path / "then-approved.pdf", p12_session)
    assert validate_pdf(tmp_path / "then-approved.pdf").all_intact


def test_certified_with_no_changes_refuses_another_signature(p12_session, pdf, tmp_path):
    locked = tmp_path / "locked.pdf"
    sign_pdf(
        pdf,
        locked,
        p12_session,
        SignOptions(certify=True, certify_permission=CertifyPermission.NO_CHANGES),
    )
    with pytest.raises(SigningError) as caught:
        sign_pdf(locked, tmp_path / "again.pdf", p12_session)
    assert caught.value.key == "input.certified_no_changes"
    assert not (tmp_path / "again.pdf").exists()


@pytest.mark.parametrize(
    ("identity", "key"),
    [
        ("expired", "cert.expired"),
        ("not_yet_valid", "cert.not_yet_valid"),
        ("no_signing_usage", "cert.no_signing_usage"),
        ("weak", "cert.weak_key"),
        ("outsider", "cert.untrusted"),
    ],
)
def test_bad_certificates_are_refused_before_signing(pki, pdf, tmp_path, identity, key):
    who = getattr(pki, identity)
    out = tmp_path / "never.pdf"
    folder_before = snapshot(tmp_path)
    with (
        Pkcs12KeySource(who.pkcs12_path, who.password).open() as session,
        pytest.raises(SigningError) as caught,
    ):
        sign_pdf(pdf, out, session, SignOptions(trust_roots=(pki.root_cert,)))
    assert caught.value.key == key
    assert snapshot(tmp_path) == folder_before, "nothing written, input untouched"
    vi, en = caught.value.render("vi"), caught.value.render("en")
    assert who.common_name in vi and who.common_name in en
    assert vi != en


def test_without_trust_roots_the_chain_is_skipped_with_a_warning(pki, pdf, tmp_path):
    with Pkcs12KeySource(pki.outsider.pkcs12_path, pki.outsider.password).open() as session:
        result = sign_pdf(pdf, tmp_path / "out.pdf", session, SignOptions())
    assert [w.key for w in result.warnings] == ["cert.no_trust_roots"]
    # the other checks still refuse
    with (
        Pkcs12KeySource(pki.weak.pkcs12_path, pki.weak.password).open() as session,
        pytest.raises(SigningError) as caught,
    ):
        sign_pdf(pdf, tmp_path / "weak.pdf", session, SignOptions())
    assert caught.value.key == "cert.weak_key"


def test_revoked_certificate_is_refused_when_revocation_is_checked(pki, pdf, tmp_path):
    options = SignOptions(level=PadesLevel.B_LT, tsa_url=pki.tsa_url, trust_roots=(pki.root_cert,))
    with (
        Pkcs12KeySource(pki.revoked.pkcs12_path, pki.revoked.password).open() as session,
        pytest.raises(SigningError) as caught,
    ):
        sign_pdf(pdf, tmp_path / "revoked.pdf", session, options)
    assert caught.value.key == "cert.revoked"
    assert not (tmp_path / "revoked.pdf").exists()


def test_wrong_pkcs12_password_says_so_and_is_not_retried(pki):
    source = Pkcs12KeySource(pki.signer.pkcs12_path, "sai-mat-khau")
    with pytest.raises(WrongPinError) as caught:
        source.open()
    assert caught.value.key == "key.pkcs12_wrong_password"
    assert "sai-mat-khau" not in caught.value.render("vi")
    assert "sai-mat-khau" not in repr(source)


def test_not_a_pkcs12_file_is_not_called_a_wrong_password(tmp_path):
    bogus = tmp_path / "bogus.p12"
    bogus.write_bytes(b"this is not PKCS#12")
    with pytest.raises(SigningError) as caught:
        Pkcs12KeySource(bogus, "x").open()
    assert caught.value.key == "key.pkcs12_unreadable"


def test_b_t_without_tsa_is_refused(p12_session, pdf, tmp_path):
    with pytest.raises(SigningError) as caught:
        sign_pdf(pdf, tmp_path / "o.pdf", p12_session, SignOptions(level=PadesLevel.B_T))
    assert caught.value.key == "sign.tsa_needed"


def test_tsa_down_fails_cleanly_with_no_output(pki, p12_session, pdf, tmp_path):
    pki.services.available = False
    try:
        with pytest.raises(SigningError) as caught:
            sign_pdf(
                pdf,
                tmp_path / "o.pdf",
                p12_session,
                SignOptions(level=PadesLevel.B_T, tsa_url=pki.tsa_url, network_timeout=5),
            )
    finally:
        pki.services.available = True
    assert caught.value.key == "sign.tsa_failed"
    assert sorted(p.name for p in tmp_path.iterdir()) == [pdf.name]


def test_output_replaced_atomically_and_same_file_refused(p12_session, pdf, tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old content")
    sign_pdf(pdf, out, p12_session)
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(SigningError) as caught:
        sign_pdf(out, out, p12_session)
    assert caught.value.key == "output.same_as_input"
    with pytest.raises(SigningError) as caught:
        sign_pdf(pdf, out, p12_session, SignOptions(overwrite=False))
    assert caught.value.key == "output.exists"


def test_signing_from_inside_a_running_event_loop(p12_session, pdf, tmp_path):
    """pyHanko's own sign_pdf calls asyncio.run and fails here; ours does not."""
    import asyncio

    async def inside() -> None:
        sign_pdf(pdf, tmp_path / "loop.pdf", p12_session)

    asyncio.run(inside())
    assert validate_pdf(tmp_path / "loop.pdf").all_intact


def test_a_big_multi_page_document(pki, p12_session, tmp_path):
    big = make_pdf(tmp_path / "big.pdf", pages=30, size=3_000_000)
    out = tmp_path / "big-signed.pdf"
    sign_pdf(big, out, p12_session, SignOptions(trust_roots=(pki.root_cert,)))
    _independent_checks(out, pki)


def test_pkcs12_without_a_password(pki, pdf, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    open_p12 = tmp_path / "open.p12"
    open_p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"x",
            pki.signer.key,
            pki.signer.cert,
            list(pki.signer.chain),
            serialization.NoEncryption(),
        )
    )
    for password in ("", None):
        with Pkcs12KeySource(open_p12, password).open() as session:
            sign_pdf(pdf, tmp_path / "o.pdf", session)
        assert validate_pdf(tmp_path / "o.pdf").all_intact


def test_b_lt_falls_back_to_crls_when_ocsp_is_down(pki, p12_session, pdf, tmp_path):
    out = tmp_path / "lt-crl.pdf"
    crl_hits = pki.services.hits["crl"]
    pki.services.ocsp_available = False
    try:
        sign_pdf(
            pdf,
            out,
            p12_session,
            SignOptions(level=PadesLevel.B_LT, tsa_url=pki.tsa_url, trust_roots=(pki.root_cert,)),
        )
    finally:
        pki.services.ocsp_available = True
    assert pki.services.hits["crl"] > crl_hits
    assert b"/CRLs" in out.read_bytes()
    report = _independent_checks(out, pki)
    assert report.signatures[0].ltv is True


def test_revoked_signer_found_by_fetching_revocation_data(pki, pdf, tmp_path):
    """A PDF signed elsewhere by a certificate since revoked: trusted only until the
    revocation data is consulted."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(
        str(pki.revoked.pkcs12_path), passphrase=pki.revoked.password.encode()
    )
    out = tmp_path / "revoked.pdf"
    with open(pdf, "rb") as source, open(out, "wb") as target:
        signers.sign_pdf(
            IncrementalPdfFileWriter(source),
            signers.PdfSignatureMetadata(field_name="Cu"),
            signer=signer,
            output=target,
        )
    offline = validate_pdf(out, trust_roots=[pki.root_cert])
    online = validate_pdf(out, trust_roots=[pki.root_cert], fetch_revocation=True)
    assert offline.all_intact and online.all_intact
    assert online.signatures[0].revoked and not online.signatures[0].trusted
    assert "verify.revoked" in [p.key for p in online.problems]
