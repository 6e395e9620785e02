"""Check a signer's certificate before signing (Circular 15/2025/TT-BKHCN).

Validity period, key usage (digitalSignature or nonRepudiation), key strength (RSA >=
2048, ECDSA >= 256) and, when trust roots are configured, a chain to one of them. Each
failure is a :class:`~signing.messages.Problem` in Vietnamese and English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from signing._aio import run_sync
from signing.keys import to_asn1
from signing.messages import Problem, SigningError, error, warning

__all__ = [
    "MIN_EC_BITS",
    "MIN_RSA_BITS",
    "async_check_certificate",
    "check_certificate",
    "load_trust_roots",
    "name_of",
    "organisation_of",
]

MIN_RSA_BITS = 2048
MIN_EC_BITS = 256
EXPIRY_WARNING = dt.timedelta(days=30)
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def name_of(cert: x509.Certificate) -> str:
    """The certificate's common name (or the whole subject when it has none)."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def organisation_of(cert: x509.Certificate) -> str | None:
    names = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(names[0].value) if names else None


def _date(moment: dt.datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


def check_certificate(
    cert: x509.Certificate,
    *,
    chain: Sequence[x509.Certificate] = (),
    trust_roots: Sequence[x509.Certificate] = (),
    at: dt.datetime | None = None,
) -> list[Problem]:
    """Every problem with signing with ``cert`` at ``at`` (default: now); see
    :func:`async_check_certificate`."""
    return run_sync(async_check_certificate(cert, chain=chain, trust_roots=trust_roots, at=at))


async def async_check_certificate(
    cert: x509.Certificate,
    *,
    chain: Sequence[x509.Certificate] = (),
    trust_roots: Sequence[x509.Certificate] = (),
    at: dt.datetime | None = None,
) -> list[Problem]:
    """Every problem with signing with ``cert`` at ``at`` (default: now).

    Errors refuse the signature; warnings (expires within 30 days, no trust roots
    configured) are for the person to see. Offline: no revocation data is fetched here.
    """
    at = at or dt.datetime.now(dt.UTC)
    name = name_of(cert)
    problems: list[Problem] = []
    if at < cert.not_valid_before_utc:
        problems.append(
            error("cert.not_yet_valid", name=name, date=_date(cert.not_valid_before_utc))
        )
    elif at > cert.not_valid_after_utc:
        problems.append(error("cert.expired", name=name, date=_date(cert.not_valid_after_utc)))
    elif cert.not_valid_after_utc - at < EXPIRY_WARNING:
        problems.append(
            warning("cert.expires_soon", name=name, date=_date(cert.not_valid_after_utc))
        )

    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None  # no restriction (RFC 5280 4.2.1.3)
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        problems.append(error("cert.no_signing_usage", name=name))

    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            problems.append(error("cert.weak_key", name=name, detail=f"RSA {key.key_size} bit"))
    elif isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.key_size < MIN_EC_BITS:
            problems.append(
                error("cert.weak_key", name=name, detail=f"ECDSA {key.curve.key_size} bit")
            )
    else:
        problems.append(error("cert.unsupported_key", name=name, detail=type(key).__name__))

    if not trust_roots:
        problems.append(warning("cert.no_trust_roots"))
    elif not any(p.key in ("cert.expired", "cert.not_yet_valid") for p in problems):
        chain_problem = await _check_chain(cert, chain, trust_roots, at)
        if chain_problem is not None:
            problems.append(chain_problem)
    return problems


async def _check_chain(
    cert: x509.Certificate,
    chain: Sequence[x509.Certificate],
    trust_roots: Sequence[x509.Certificate],
    at: dt.datetime,
) -> Problem | None:
    name = name_of(cert)
    context = ValidationContext(
        trust_roots=[to_asn1(c) for c in trust_roots],
        other_certs=[to_asn1(c) for c in chain],
        moment=at,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(to_asn1(cert), validation_context=context)
    try:
        await validator.async_validate_path()
    except RevokedError:
        return error("cert.revoked", name=name)
    except PathBuildingError:
        return error("cert.untrusted", name=name, detail="no path to a trusted root")
    except PathValidationError as exc:
        return error("cert.untrusted", name=name, detail=str(exc)[:200])
    return None


def raise_for_errors(problems: Sequence[Problem]) -> list[Problem]:
    """Raise the first error as a :class:`SigningError`; return the warnings."""
    for problem in problems:
        if problem.severity.value == "error":
            raise SigningError(problem)
    return list(problems)


def load_trust_roots(paths: Sequence[str | Path]) -> tuple[x509.Certificate, ...]:
    """Certificates from PEM or DER files (a PEM file may hold several)."""
    roots: list[x509.Certificate] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
            if b"-----BEGIN" in data:
                roots.extend(x509.load_pem_x509_certificates(data))
            else:
                roots.append(x509.load_der_x509_certificate(data))
        except (OSError, ValueError) as exc:
            raise SigningError(
                "trust.unreadable", path=str(path), detail=getattr(exc, "strerror", None) or exc
            ) from None
    return tuple(roots)
