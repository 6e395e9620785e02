"""``dossier-desk sign`` and ``dossier-desk verify`` as a clerk or a script uses them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.settings import Settings
from signing import validate_pdf
from tests.signing.conftest import assert_pdfsig_valid, assert_qpdf_ok
from tests.signing.pdfs import make_pdf
from tests.support.tools import require_tool

PASSWORD_ENV = "DOSSIER_DESK_PKCS12_PASSWORD"


@pytest.fixture
def home(profile: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DOSSIER_DESK_HOME", str(profile))
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv("DOSSIER_DESK_PIN", raising=False)
    return profile


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_sign_several_files_into_a_folder(pki, home, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, pki.signer.password)
    files = [make_pdf(tmp_path / f"giay-to-{i}.pdf") for i in range(3)]
    out = tmp_path / "da-ky"
    status, stdout, stderr = run(
        capsys,
        "sign",
        *map(str, files),
        "--out-dir",
        str(out),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
        "--trust",
        str(pki.root_path),
        "--reason",
        "Nộp hồ sơ",
    )
    assert status == 0, stdout + stderr
    assert stdout.count("ĐÃ KÝ") == 3 and "3/3 tệp đã ký." in stdout
    for f in files:
        report = validate_pdf(out / f.name, trust_roots=[pki.root_cert])
        assert report.all_intact and report.all_trusted
    assert_pdfsig_valid(out / files[0].name)
    assert_qpdf_ok(out / files[0].name)
    assert pki.signer.password not in stdout + stderr


def test_one_failure_gives_exit_1_and_the_others_are_signed(
    pki, home, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv(PASSWORD_ENV, pki.signer.password)
    good = make_pdf(tmp_path / "good.pdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"hello")
    status, stdout, _ = run(
        capsys,
        "--lang",
        "en",
        "sign",
        str(good),
        str(bad),
        "--out-dir",
        str(tmp_path / "o"),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
    )
    assert status == 1
    assert "SIGNED" in stdout and "FAILED" in stdout and "is not a PDF document" in stdout
    assert (tmp_path / "o" / "good.pdf").exists() and not (tmp_path / "o" / "bad.pdf").exists()


def test_levels_stamp_and_settings_defaults(pki, home, tmp_path, capsys, monkeypatch):
    settings = Settings.load(home)
    settings.set("signing.tsa_url", pki.tsa_url)
    settings.set("signing.trust_roots", [str(pki.root_path)])
    settings.set("signing.ltv", True)
    settings.save()
    monkeypatch.setenv(PASSWORD_ENV, pki.signer.password)
    src = make_pdf(tmp_path / "a.pdf", text="")
    out = tmp_path / "a-signed.pdf"
    status, stdout, stderr = run(
        capsys,
        "sign",
        str(src),
        "-o",
        str(out),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
        "--page",
        "1",
        "--location",
        "Hà Giang",
    )
    assert status == 0, stdout + stderr
    assert "B-LT" in stdout
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.signatures[0].level == "B-LT" and report.signatures[0].ltv is True
    require_tool("pdftotext")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Nguyễn Văn An" in text, "--page implies a visible stamp"
    # the settings' trust roots refuse a signer from elsewhere
    monkeypatch.setenv(PASSWORD_ENV, pki.outsider.password)
    status, _, stderr = run(
        capsys,
        "sign",
        str(src),
        "-o",
        str(tmp_path / "x.pdf"),
        "--pkcs12",
        str(pki.outsider.pkcs12_path),
        "--no-stamp",
    )
    assert status == 1 and "không chuỗi được" in stderr
    assert not (tmp_path / "x.pdf").exists()


def test_no_password_and_no_terminal_fails_clearly(pki, home, tmp_path, capsys):
    status, _stdout, stderr = run(
        capsys,
        "sign",
        str(make_pdf(tmp_path / "a.pdf")),
        "-o",
        str(tmp_path / "o.pdf"),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
    )
    assert status == 1
    assert PASSWORD_ENV in stderr and "không có bàn phím tương tác" in stderr
    assert not (tmp_path / "o.pdf").exists()


def test_password_prompt_when_interactive(pki, home, tmp_path, capsys, monkeypatch):
    import getpass

    from desktop_app.cli.context import CliContext

    prompts = []
    monkeypatch.setattr(CliContext, "interactive", property(lambda self: True))
    monkeypatch.setattr(
        getpass, "getpass", lambda prompt: prompts.append(prompt) or pki.signer.password
    )
    status, stdout, stderr = run(
        capsys,
        "sign",
        str(make_pdf(tmp_path / "a.pdf")),
        "-o",
        str(tmp_path / "o.pdf"),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
    )
    assert status == 0, stderr
    assert prompts == ["Mật khẩu tệp chứng thư số signer.p12: "]
    assert pki.signer.password not in stdout + stderr


def test_wrong_password(pki, home, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "sai-roi")
    status, stdout, stderr = run(
        capsys,
        "--lang",
        "en",
        "sign",
        str(make_pdf(tmp_path / "a.pdf")),
        "-o",
        str(tmp_path / "o.pdf"),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
    )
    assert status == 1 and "password of the certificate file signer.p12 is wrong" in stderr
    assert "sai-roi" not in stdout + stderr


def test_output_option_needs_one_file(pki, home, tmp_path, capsys):
    a, b = make_pdf(tmp_path / "a.pdf"), make_pdf(tmp_path / "b.pdf")
    status, _, stderr = run(
        capsys,
        "sign",
        str(a),
        str(b),
        "-o",
        str(tmp_path / "o.pdf"),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
    )
    assert status == 1 and "--out-dir" in stderr


def test_sign_with_a_token_pin_from_the_environment(
    pki, tokens, home, tmp_path, capsys, monkeypatch
):
    first, _ = tokens
    monkeypatch.setenv("DOSSIER_DESK_PIN", first.pin)
    out = tmp_path / "o.pdf"
    status, stdout, stderr = run(
        capsys,
        "sign",
        str(make_pdf(tmp_path / "a.pdf")),
        "-o",
        str(out),
        "--pkcs11-lib",
        str(first.module),
        "--token",
        first.label,
        "--key",
        "signer",
    )
    assert status == 0, stdout + stderr
    assert validate_pdf(out, trust_roots=[pki.root_cert]).all_trusted
    assert first.pin not in stdout + stderr
    monkeypatch.setenv("DOSSIER_DESK_PIN", "000000")
    status, stdout, stderr = run(
        capsys,
        "sign",
        str(make_pdf(tmp_path / "b.pdf")),
        "-o",
        str(tmp_path / "b-o.pdf"),
        "--pkcs11-lib",
        str(first.module),
        "--token",
        first.label,
    )
    assert status == 1 and "PIN" in stderr and "000000" not in stdout + stderr


def test_verify_exit_codes_and_json(pki, p12_session, home, tmp_path, capsys):
    from signing import sign_pdf

    signed = tmp_path / "signed.pdf"
    sign_pdf(make_pdf(tmp_path / "a.pdf"), signed, p12_session)
    unsigned = make_pdf(tmp_path / "unsigned.pdf")

    status, stdout, _ = run(capsys, "verify", str(signed), "--trust", str(pki.root_path))
    assert status == 0
    assert "NGUYÊN VẸN" in stdout and "Nguyễn Văn An" in stdout and "tin cậy" in stdout

    status, stdout, _ = run(capsys, "verify", str(signed), str(unsigned), "--json")
    assert status == 1
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert [o["all_intact"] for o in lines] == [True, False]
    assert lines[0]["signatures"][0]["trusted"] is False, "no roots given"
    assert lines[1]["problems"][0]["code"] == "verify.no_signature"

    status, stdout, _ = run(capsys, "verify", str(signed), "--json", "--trust", str(pki.root_path))
    assert status == 0 and json.loads(stdout)["signatures"][0]["trusted"] is True


def test_verify_unreadable_trust_root(home, tmp_path, capsys, pdf):
    status, _, stderr = run(capsys, "verify", str(pdf), "--trust", str(tmp_path / "none.pem"))
    assert status == 1 and "none.pem" in stderr


def test_certify_and_lta_options(pki, home, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, pki.signer.password)
    out = tmp_path / "lta.pdf"
    status, stdout, stderr = run(
        capsys,
        "sign",
        str(make_pdf(tmp_path / "a.pdf")),
        "-o",
        str(out),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
        "--tsa",
        pki.tsa_url,
        "--lta",
        "--certify",
        "--trust",
        str(pki.root_path),
    )
    assert status == 0, stdout + stderr
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.all_intact
    assert report.signatures[0].certified == "form_filling"
    assert [s.kind for s in report.signatures] == ["signature", "timestamp"]
    status, stdout, stderr = run(
        capsys,
        "sign",
        str(make_pdf(tmp_path / "b.pdf")),
        "-o",
        str(tmp_path / "b-o.pdf"),
        "--pkcs12",
        str(pki.signer.pkcs12_path),
        "--ltv",
    )
    assert status == 1 and "TSA" in stderr, "B-LT without a timestamp authority is refused"
