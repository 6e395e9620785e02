"""What clerks really get: broken, truncated, encrypted, empty or not-PDF files. Each gets
a clear message, the input is untouched and no partial output is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from signing import SigningError, SignOptions, sign_pdf, validate_pdf
from signing.output import atomic_output
from tests.signing.pdfs import make_encrypted_pdf, make_pdf, snapshot, truncate


def _garbled(folder: Path) -> Path:
    good = make_pdf(folder / "source.pdf").read_bytes()
    # keep header and trailer, destroy the objects in between
    broken = good[:20] + b"\x00garbage\x00" * 50 + good[-200:]
    path = folder / "garbled.pdf"
    path.write_bytes(broken)
    (folder / "source.pdf").unlink()
    return path


def _file(name: str, data: bytes):
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


CASES = {
    "empty": (_file("empty.pdf", b""), "input.empty"),
    "not_pdf": (_file("photo.pdf", b"\xff\xd8\xff\xe0 JFIF not a pdf" * 20), "input.not_pdf"),
    "text_file": (_file("notes.pdf", "Biên bản họp".encode()), "input.not_pdf"),
    "truncated": (
        lambda d: truncate(make_pdf(d / "whole.pdf", size=50_000), d / "truncated.pdf"),
        "input.truncated",
    ),
    "garbled": (_garbled, "input.malformed"),
    "encrypted_owner_only": (
        lambda d: make_encrypted_pdf(d / "locked.pdf", owner="chu", user=""),
        "input.encrypted",
    ),
    "encrypted_user_password": (
        lambda d: make_encrypted_pdf(d / "secret.pdf", owner="chu", user="nguoi-dung"),
        "input.encrypted",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_cleanly(p12_session, tmp_path, case):
    make, key = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    source = make(folder)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before_in, before_out = snapshot(folder), snapshot(out_dir)
    with pytest.raises(SigningError) as caught:
        sign_pdf(source, out_dir / "signed.pdf", p12_session)
    assert caught.value.key == key, caught.value.render("en")
    assert snapshot(folder) == before_in, "the input is untouched"
    assert snapshot(out_dir) == before_out, "no output, not even a partial one"
    vi, en = caught.value.render("vi"), caught.value.render("en")
    assert vi and en and vi != en
    # validation never raises on the same file; it reports the problem
    report = validate_pdf(source)
    assert not report.all_intact
    assert report.problems and report.problems[0].key in {key, "verify.no_signature"}


def test_missing_file(p12_session, tmp_path):
    with pytest.raises(SigningError) as caught:
        sign_pdf(tmp_path / "nowhere.pdf", tmp_path / "o.pdf", p12_session)
    assert caught.value.key == "input.missing"
    assert validate_pdf(tmp_path / "nowhere.pdf").problems[0].key == "input.missing"


def test_validate_bytes_of_every_kind_never_raises():
    for data in (b"", b"%PDF-1.7\n", b"%PDF-1.4\n%%EOF", b"\x00" * 1000, "Hồ sơ".encode()):
        report = validate_pdf(data)
        assert report.all_intact is False
        assert report.problems


def test_already_signed_input_gets_a_second_signature(p12_session, tmp_path):
    first = tmp_path / "first.pdf"
    sign_pdf(make_pdf(tmp_path / "a.pdf"), first, p12_session)
    kept = first.read_bytes()
    sign_pdf(first, tmp_path / "second.pdf", p12_session, SignOptions())
    assert first.read_bytes() == kept
    report = validate_pdf(tmp_path / "second.pdf")
    assert report.all_intact and len(report.signatures) == 2


def test_a_crash_while_writing_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"%PDF-1.7 half a file")
        raise RuntimeError("power cut")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_after_the_signature_keeps_the_old_output(p12_session, tmp_path, monkeypatch):
    """If anything fails once pyHanko has written (here: the self-check), the previous
    output file is kept as it was and no temp file remains."""
    import signing.sign as sign_module

    source = make_pdf(tmp_path / "a.pdf")
    out = tmp_path / "out.pdf"
    out.write_bytes(b"previous version")

    def broken_check(*args, **kwargs):
        raise SigningError("sign.self_check_failed", path=str(out))

    monkeypatch.setattr(sign_module, "self_check", broken_check)
    with pytest.raises(SigningError) as caught:
        sign_pdf(source, out, p12_session)
    assert caught.value.key == "sign.self_check_failed"
    assert out.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "out.pdf"]


def test_self_check_rejects_a_damaged_or_foreign_signature(pki, p12_session, tmp_path):
    from signing.selfcheck import self_check

    source = make_pdf(tmp_path / "a.pdf")
    out = tmp_path / "signed.pdf"
    sign_pdf(source, out, p12_session)
    with open(out, "rb") as handle:
        self_check(handle, out, pki.signer.cert, appended_from=source.stat().st_size)
        with pytest.raises(SigningError) as caught:
            self_check(handle, out, pki.ecdsa_signer.cert)
    assert caught.value.key == "sign.self_check_failed"
    data = bytearray(out.read_bytes())
    where = data.index(b"Ho so thu nghiem")
    data[where] ^= 0x01
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    with open(damaged, "rb") as handle, pytest.raises(SigningError):
        self_check(handle, damaged, pki.signer.cert)


def test_signature_larger_than_reserved_is_resized_not_failed(p12_session, tmp_path, monkeypatch):
    import signing.sign as sign_module

    monkeypatch.setattr(sign_module, "_reserve", lambda session, options: 512)
    out = tmp_path / "o.pdf"
    sign_pdf(make_pdf(tmp_path / "a.pdf"), out, p12_session)
    assert validate_pdf(out).all_intact
