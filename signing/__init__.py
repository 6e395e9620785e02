"""Sign PDFs (PAdES) and validate their signatures: a pure library over pyHanko.

No Qt and no ``desktop_app`` here (import-linter checks it), so the app, the command
line and the sandbox portal all use the same code. Every sentence for a person comes
as a :class:`Problem` (Vietnamese and English; the caller picks).

Signing::

    with Pkcs12KeySource("me.p12", password).open() as session:
        result = sign_pdf(Path("in.pdf"), Path("out.pdf"), session, SignOptions())

Validating (never raises for bad input)::

    report = validate_pdf(Path("out.pdf"), trust_roots=[root_cert])
    report.all_intact, report.signatures[0].trusted, report.to_json()
"""

from __future__ import annotations

from signing.batch import BatchProgress, async_sign_batch, sign_batch
from signing.certcheck import check_certificate, load_trust_roots, name_of, organisation_of
from signing.keys import KeySession, KeySource, Pkcs12KeySource
from signing.messages import (
    Problem,
    Severity,
    SigningError,
    WrongPinError,
)
from signing.options import CertifyPermission, PadesLevel, SignOptions, StampOptions
from signing.pkcs11 import (
    CertificateInfo,
    Pkcs11KeySource,
    TokenInfo,
    explain_load_failure,
    list_tokens,
)
from signing.pkcs11_modules import ModuleCandidate, candidate_modules
from signing.report import SignatureReport, TimestampReport, ValidationReport
from signing.scans import images_to_pdf
from signing.sign import SignResult, async_sign_pdf, sign_pdf
from signing.validate import async_validate_pdf, validate_pdf

__all__ = [
    "BatchProgress",
    "CertificateInfo",
    "CertifyPermission",
    "KeySession",
    "KeySource",
    "ModuleCandidate",
    "PadesLevel",
    "Pkcs11KeySource",
    "Pkcs12KeySource",
    "Problem",
    "Severity",
    "SignOptions",
    "SignResult",
    "SignatureReport",
    "SigningError",
    "StampOptions",
    "TimestampReport",
    "TokenInfo",
    "ValidationReport",
    "WrongPinError",
    "async_sign_batch",
    "async_sign_pdf",
    "async_validate_pdf",
    "candidate_modules",
    "check_certificate",
    "explain_load_failure",
    "images_to_pdf",
    "list_tokens",
    "load_trust_roots",
    "name_of",
    "organisation_of",
    "sign_batch",
    "sign_pdf",
    "validate_pdf",
]
