"""A clerk signs with a USB token: here a real SoftHSM2 token made for the test run.

One login per batch, a wrong PIN said plainly and never retried, tokens and keys chosen
by label, and modules that do not load explained."""

from __future__ import annotations

import _ctypes
from pathlib import Path

import pkcs11 as p11
import pytest

import signing.pkcs11 as token_api
from signing import (
    PadesLevel,
    SigningError,
    SignOptions,
    WrongPinError,
    sign_batch,
    sign_pdf,
    validate_pdf,
)
from signing.pkcs11 import Pkcs11KeySource, explain_load_failure, list_tokens
from tests.signing.conftest import assert_pdfsig_valid, assert_qpdf_ok
from tests.signing.pdfs import make_pdf
from tests.support.pki_softhsm import softhsm_module
from tests.support.tools import require_file


class CountingPin:
    """A PIN prompt that counts how often it is asked (it must be once per batch)."""

    def __init__(self, pin: str) -> None:
        self.pin = pin
        self.asked = 0

    def __call__(self) -> str:
        self.asked += 1
        return self.pin


def test_tokens_and_certificates_are_listed_without_a_pin(tokens):
    first, _ = tokens
    listed = {t.label: t for t in list_tokens(first.module)}
    assert set(listed) == {"DossierDesk Test", "Token Hai"}
    names = {c.subject_name for c in listed["DossierDesk Test"].signing_certificates}
    assert names == {"Nguyễn Văn An"}
    assert {c.subject_name for c in listed["Token Hai"].signing_certificates} == {
        "Trần Thị Bình",
        "Đỗ Văn Yếu",
    }
    assert listed["DossierDesk Test"].manufacturer == "SoftHSM project"


def test_sign_with_the_token_checked_by_independent_validators(pki, tokens, tmp_path):
    first, _ = tokens
    pin = CountingPin(first.pin)
    source = Pkcs11KeySource(first.module, pin=pin, token_label=first.label)
    out = tmp_path / "token.pdf"
    with source.open() as session:
        assert session.certificate == pki.signer.cert
        sign_pdf(
            make_pdf(tmp_path / "a.pdf"), out, session, SignOptions(trust_roots=(pki.root_cert,))
        )
    assert_pdfsig_valid(out)
    assert_qpdf_ok(out)
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.all_intact and report.all_trusted
    assert report.signatures[0].signer_name == "Nguyễn Văn An"
    assert pin.asked == 1


def test_one_login_for_a_whole_batch(pki, tokens, tmp_path):
    first, _ = tokens
    pin = CountingPin(first.pin)
    items = [(make_pdf(tmp_path / f"in{i}.pdf"), tmp_path / f"out{i}.pdf") for i in range(6)]
    with open_token(first, pin) as session:
        results = sign_batch(items, session, SignOptions(trust_roots=(pki.root_cert,)))
    assert [r.ok for r in results] == [True] * 6
    assert pin.asked == 1, "one PIN entry, one login, for the whole batch"
    for _, out in items:
        assert validate_pdf(out).all_intact


def open_token(token, pin):
    return Pkcs11KeySource(token.module, pin=pin, token_label=token.label).open()


def test_b_lt_with_the_token(pki, tokens, tmp_path):
    first, _ = tokens
    with open_token(first, first.pin) as session:
        out = tmp_path / "lt.pdf"
        sign_pdf(
            make_pdf(tmp_path / "a.pdf"),
            out,
            session,
            SignOptions(level=PadesLevel.B_LT, tsa_url=pki.tsa_url, trust_roots=(pki.root_cert,)),
        )
    assert_pdfsig_valid(out)
    report = validate_pdf(out, trust_roots=[pki.root_cert])
    assert report.signatures[0].ltv is True


def test_wrong_pin_is_said_plainly_and_never_retried(tokens, tmp_path):
    first, _ = tokens
    pin = CountingPin("999999")
    source = Pkcs11KeySource(first.module, pin=pin, token_label=first.label)
    with pytest.raises(WrongPinError) as caught:
        source.open()
    assert pin.asked == 1, "asked once, tried once"
    assert caught.value.key in {
        "pkcs11.wrong_pin",
        "pkcs11.wrong_pin_few_left",
        "pkcs11.wrong_pin_last_try",
    }
    for language in ("vi", "en"):
        text = caught.value.render(language)
        assert "999999" not in text
    assert "PIN" in caught.value.render("vi")
    assert "999999" not in repr(source)
    # the right PIN still works afterwards (SoftHSM2 does not lock)
    with open_token(first, first.pin) as session:
        assert session.key_label == "signer"


def test_token_and_key_choice_by_label(tokens):
    first, second = tokens
    with pytest.raises(SigningError) as caught:
        Pkcs11KeySource(first.module, pin=first.pin).open()
    assert caught.value.key == "pkcs11.several_tokens"
    assert "Token Hai" in caught.value.render("en")
    with pytest.raises(SigningError) as caught:
        Pkcs11KeySource(first.module, pin=first.pin, token_label="Không có").open()
    assert caught.value.key == "pkcs11.token_not_found"
    with pytest.raises(SigningError) as caught:
        Pkcs11KeySource(second.module, pin=second.pin, token_label=second.label).open()
    assert caught.value.key == "pkcs11.several_keys"
    with Pkcs11KeySource(
        second.module, pin=second.pin, token_label=second.label, key_label="ecdsa_signer"
    ).open() as session:
        assert session.certificate.subject.rfc4514_string().startswith("CN=Trần Thị Bình")
    with pytest.raises(SigningError) as caught:
        Pkcs11KeySource(
            second.module, pin=second.pin, token_label=second.label, key_label="nobody"
        ).open()
    assert caught.value.key == "pkcs11.key_not_found"


def test_a_weak_key_on_a_token_is_refused_before_signing(pki, tokens, tmp_path):
    _, second = tokens
    with (
        Pkcs11KeySource(
            second.module, pin=second.pin, token_label=second.label, key_label="weak"
        ).open() as session,
        pytest.raises(SigningError) as caught,
    ):
        sign_pdf(make_pdf(tmp_path / "a.pdf"), tmp_path / "o.pdf", session)
    assert caught.value.key == "cert.weak_key"
    assert not (tmp_path / "o.pdf").exists()


def test_session_closed_means_logged_out(tokens, tmp_path):
    first, _ = tokens
    session = open_token(first, first.pin)
    session.close()
    with pytest.raises(SigningError) as caught:
        sign_pdf(make_pdf(tmp_path / "a.pdf"), tmp_path / "o.pdf", session)
    assert caught.value.key == "key.session_closed"


# ---------------------------------------------------------------------------- modules


def test_module_that_does_not_exist(tmp_path):
    with pytest.raises(SigningError) as caught:
        list_tokens(tmp_path / "vnptca_p11_v8.dll")
    assert caught.value.key == "pkcs11.module_missing"


def test_file_that_is_not_a_library(tmp_path):
    fake = tmp_path / "viettel-ca_v6.dll"
    fake.write_text("không phải thư viện")
    with pytest.raises(SigningError) as caught:
        list_tokens(fake)
    assert caught.value.key == "pkcs11.module_not_pkcs11"


def test_library_without_pkcs11_functions():
    with pytest.raises(SigningError) as caught:
        list_tokens(_ctypes.__file__)
    assert caught.value.key == "pkcs11.module_not_pkcs11"


def test_module_of_the_wrong_architecture(tmp_path):
    module = require_file(softhsm_module(), "the SoftHSM2 PKCS#11 module")
    data = bytearray(Path(module).read_bytes())
    data[4] = 1 if data[4] == 2 else 2  # ELF class 64 <-> 32: what a 32-bit driver looks like
    other = tmp_path / "libtoken32.so"
    other.write_bytes(bytes(data))
    with pytest.raises(SigningError) as caught:
        list_tokens(other)
    assert caught.value.key == "pkcs11.module_wrong_arch"
    assert "64" in caught.value.render("en") or "32" in caught.value.render("en")


@pytest.mark.parametrize(
    ("detail", "key"),
    [
        ("[WinError 193] %1 is not a valid Win32 application", "pkcs11.module_wrong_arch"),
        ("[WinError 126] The specified module could not be found", "pkcs11.module_dependency"),
        (
            "libpcsclite.so.1: cannot open shared object file: No such file or directory",
            "pkcs11.module_dependency",
        ),
        ("undefined symbol: C_GetFunctionList", "pkcs11.module_not_pkcs11"),
        ("something else entirely", "pkcs11.module_failed"),
    ],
)
def test_load_failures_in_plain_words(tmp_path, detail, key):
    module = tmp_path / "vnptca_p11_v8.dll"
    module.write_bytes(b"MZ")
    problem = explain_load_failure(module, detail)
    assert problem.key == key
    assert problem.render("vi") != problem.render("en")


class _FakeSlot:
    def __init__(self, flags: int) -> None:
        self.flags = flags

    def get_token(self):
        return self


class _FakeToken:
    def __init__(self, flags: int) -> None:
        self.slot = _FakeSlot(flags)


@pytest.mark.parametrize(
    ("flags", "key"),
    [
        (0, "pkcs11.wrong_pin"),
        (p11.TokenFlag.USER_PIN_COUNT_LOW, "pkcs11.wrong_pin_few_left"),
        (
            p11.TokenFlag.USER_PIN_COUNT_LOW | p11.TokenFlag.USER_PIN_FINAL_TRY,
            "pkcs11.wrong_pin_last_try",
        ),
        (p11.TokenFlag.USER_PIN_LOCKED, "pkcs11.pin_locked"),
    ],
)
def test_tries_left_as_the_token_reports_them(flags, key):
    assert token_api._pin_problem(_FakeToken(flags)).key == key


def test_token_pulled_out_mid_batch_says_so(pki, tokens, tmp_path):
    """Closing the token session under the signer is what a pulled-out token looks like
    to the module: each remaining file says the token is gone, none is half-written."""
    first, _ = tokens
    items = [(make_pdf(tmp_path / f"in{i}.pdf"), tmp_path / f"out{i}.pdf") for i in range(3)]
    with open_token(first, first.pin) as session:
        session.signer()  # built on the live session

        def pull_out(step):
            if step.done == 1:
                session._session.close()

        results = sign_batch(items, session, progress=pull_out)
    assert results[0].ok
    assert [r.problem.key for r in results[1:]] == ["pkcs11.token_removed"] * 2
    assert not (tmp_path / "out1.pdf").exists() and not (tmp_path / "out2.pdf").exists()
    assert sorted(p.name for p in tmp_path.glob("*.partial")) == []
