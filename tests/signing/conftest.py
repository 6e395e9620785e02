"""Fixtures of the signing tests: one test PKI per session, documents per test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from signing import Pkcs12KeySource
from tests.signing.pdfs import make_pdf
from tests.support.pki import TestPKI, build_test_pki
from tests.support.pki_softhsm import build_softhsm_token, softhsm_module
from tests.support.tools import require_file, require_tool


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPKI]:
    with build_test_pki(tmp_path_factory.mktemp("pki")) as built:
        yield built


@pytest.fixture(scope="session")
def p12_session(pki: TestPKI):
    """One unlocked PKCS#12 key session for the whole test session (as a clerk's batch)."""
    with Pkcs12KeySource(pki.signer.pkcs12_path, pki.signer.password).open() as session:
        yield session


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "don-de-nghi.pdf", pages=2)


def pdfsig(path: Path) -> str:
    """poppler's verdict. Its certificate verdict is unreliable in poppler 22; only the
    signature (integrity) lines are asserted."""
    require_tool("pdfsig")
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def assert_pdfsig_valid(path: Path, signatures: int = 1) -> None:
    out = pdfsig(path)
    assert out.count("Signature is Valid.") >= signatures, out
    assert "Signature is Invalid" not in out, out
    assert "Digest Mismatch" not in out, out


def assert_qpdf_ok(path: Path) -> None:
    require_tool("qpdf")
    done = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout, done.stdout


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


@pytest.fixture(scope="session")
def tokens(pki, tmp_path_factory):
    """Two initialised tokens: one with the good signer and its chain, one with two keys."""
    require_tool("softhsm2-util", "pkcs11-tool")
    require_file(softhsm_module(), "the SoftHSM2 PKCS#11 module")
    folder = tmp_path_factory.mktemp("softhsm")
    first = build_softhsm_token(
        folder, [pki.signer], label="DossierDesk Test", chain=[pki.intermediate_cert, pki.root_cert]
    )
    second = build_softhsm_token(
        folder, [pki.ecdsa_signer, pki.weak], label="Token Hai", chain=[pki.intermediate_cert]
    )
    return first, second
