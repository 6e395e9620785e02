"""A throw-away PKI for tests: CAs, signers good and bad, and a TSA, OCSP and CRL on loopback.

Usage::

    pki = build_test_pki(tmp_path)          # starts the loopback services too
    pki.signer.pkcs12_path, pki.signer.pkcs12_password
    pki.root_cert                           # trust this one (cryptography Certificate)
    pki.tsa_url, pki.services.hits["ocsp"]
    pki.close()                             # or use it as a context manager

Everything is generated with ``cryptography`` at test time. Private keys are cached per
process (RSA generation is the slow part), certificates are fresh for every call, so a
``build_test_pki`` takes a few milliseconds after the first one. The certificates carry
the loopback URLs of their own services (OCSP in the AIA extension, CRL distribution
points), so the services start before the certificates are made.

Identities (all issued by the intermediate, itself issued by the root):

===================  ===========================================================
``signer``           good: RSA-2048, digitalSignature + nonRepudiation, PKCS#12
``ecdsa_signer``     good: ECDSA P-256
``expired``          validity ended a year ago
``not_yet_valid``    validity starts in a year
``no_signing_usage`` keyUsage keyEncipherment + dataEncipherment only
``weak``             RSA-1024
``revoked``          good otherwise, revoked in the CRL and by OCSP
``outsider``         good, but issued by another root (``other_root_cert``)
``tsa``              the timestamp authority (extKeyUsage timeStamping)
===================  ===========================================================

Every identity has a PKCS#12 file (the key, its certificate and the chain) protected by
``password`` (``TEST_PKCS12_PASSWORD``), and a PEM of its certificate.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.support.pki_services import LoopbackServices

__all__ = [
    "TEST_PKCS12_PASSWORD",
    "Identity",
    "LoopbackServices",
    "TestPKI",
    "build_test_pki",
]

TEST_PKCS12_PASSWORD = "Mật-khẩu-thử-123"
"""Password of every PKCS#12 file (test material only; non-ASCII on purpose)."""

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

_KEYS: dict[str, PrivateKey] = {}
_KEYS_LOCK = threading.Lock()


def _key(name: str, kind: str = "rsa2048") -> PrivateKey:
    """A private key cached per process under ``name``."""
    with _KEYS_LOCK:
        if name not in _KEYS:
            if kind == "rsa2048":
                _KEYS[name] = rsa.generate_private_key(65537, 2048)
            elif kind == "rsa1024":
                _KEYS[name] = rsa.generate_private_key(65537, 1024)
            elif kind == "p256":
                _KEYS[name] = ec.generate_private_key(ec.SECP256R1())
            else:  # pragma: no cover
                raise ValueError(kind)
        return _KEYS[name]


@dataclass(frozen=True)
class Identity:
    """A certificate with its private key and the files a test hands to the app."""

    __test__ = False

    name: str
    cert: x509.Certificate
    key: PrivateKey
    chain: tuple[x509.Certificate, ...]
    """Issuers, nearest first (intermediate, root)."""
    pkcs12_path: Path
    cert_path: Path
    password: str = TEST_PKCS12_PASSWORD

    @property
    def pkcs12_password(self) -> str:
        return self.password

    @property
    def common_name(self) -> str:
        return self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value

    def key_pem(self) -> bytes:
        """The private key as unencrypted PKCS#8 PEM (for importing into a test token)."""
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)


@dataclass
class TestPKI:
    """Everything :func:`build_test_pki` made. Close it (or use ``with``) to stop services."""

    __test__ = False

    directory: Path
    root_cert: x509.Certificate
    root_key: PrivateKey
    intermediate_cert: x509.Certificate
    intermediate_key: PrivateKey
    other_root_cert: x509.Certificate
    root_path: Path
    """PEM file of the root (what ``--trust`` takes)."""
    intermediate_path: Path
    other_root_path: Path
    signer: Identity
    ecdsa_signer: Identity
    expired: Identity
    not_yet_valid: Identity
    no_signing_usage: Identity
    weak: Identity
    revoked: Identity
    outsider: Identity
    tsa: Identity
    services: LoopbackServices | None = None

    @property
    def tsa_url(self) -> str:
        assert self.services is not None, "built with services=False"
        return self.services.url("/tsa")

    @property
    def ocsp_url(self) -> str:
        assert self.services is not None, "built with services=False"
        return self.services.url("/ocsp")

    def identities(self) -> dict[str, Identity]:
        names = (
            "signer",
            "ecdsa_signer",
            "expired",
            "not_yet_valid",
            "no_signing_usage",
            "weak",
            "revoked",
            "outsider",
            "tsa",
        )
        return {name: getattr(self, name) for name in names}

    def close(self) -> None:
        if self.services is not None:
            self.services.close()

    def __enter__(self) -> TestPKI:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------- certificates


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _name(common_name: str, organisation: str = "DossierDesk Thử Nghiệm") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Hà Giang"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    *,
    subject: x509.Name,
    key: PrivateKey,
    issuer_cert: x509.Certificate | None,
    issuer_key: PrivateKey,
    ca: bool,
    not_before: dt.datetime,
    not_after: dt.datetime,
    key_usage: dict[str, bool],
    extended_usage: list[x509.ObjectIdentifier] | None = None,
    crl_url: str | None = None,
    ocsp_url: str | None = None,
) -> x509.Certificate:
    usage = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    usage.update(key_usage)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_cert.subject if issuer_cert else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(
            x509.BasicConstraints(
                ca=ca, path_length=(None if issuer_cert is None else 0) if ca else None
            ),
            critical=True,
        )
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                issuer_cert.public_key() if issuer_cert else key.public_key()
            ),
            critical=False,
        )
    )
    if extended_usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended_usage), critical=True)
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(crl_url)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
    if ocsp_url:
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        x509.oid.AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier(ocsp_url),
                    )
                ]
            ),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def build_test_pki(directory: Path, *, services: bool = True) -> TestPKI:
    """Make a fresh PKI under ``directory`` (created if needed) and start its services.

    With ``services=False`` no server starts and the certificates carry no OCSP or CRL
    address (fine for B-B signing and validation tests).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    now = _now()
    day = dt.timedelta(days=1)
    loop = LoopbackServices() if services else None
    ocsp_url = loop.url("/ocsp") if loop else None

    def crl(name: str) -> str | None:
        return loop.url(f"/crl/{name}.crl") if loop else None

    root_key = _key("root")
    root = _certificate(
        subject=_name("DossierDesk Test Root CA"),
        key=root_key,
        issuer_cert=None,
        issuer_key=root_key,
        ca=True,
        not_before=now - 3 * 365 * day,
        not_after=now + 10 * 365 * day,
        key_usage={"key_cert_sign": True, "crl_sign": True},
    )
    other_root_key = _key("other-root")
    other_root = _certificate(
        subject=_name("Unrelated Test Root CA", "Somewhere Else"),
        key=other_root_key,
        issuer_cert=None,
        issuer_key=other_root_key,
        ca=True,
        not_before=now - 3 * 365 * day,
        not_after=now + 10 * 365 * day,
        key_usage={"key_cert_sign": True, "crl_sign": True},
    )
    inter_key = _key("intermediate")
    inter = _certificate(
        subject=_name("DossierDesk Test Issuing CA"),
        key=inter_key,
        issuer_cert=root,
        issuer_key=root_key,
        ca=True,
        not_before=now - 3 * 365 * day,
        not_after=now + 5 * 365 * day,
        key_usage={"key_cert_sign": True, "crl_sign": True},
        crl_url=crl("root"),
        ocsp_url=ocsp_url,
    )
    if loop:
        loop._add_issuer("root", root, root_key)
        loop._add_issuer("intermediate", inter, inter_key)

    signing_usage = {"digital_signature": True, "content_commitment": True}

    def leaf(
        name: str,
        common_name: str,
        *,
        key_kind: str = "rsa2048",
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        key_usage: dict[str, bool] | None = None,
        extended_usage: list[x509.ObjectIdentifier] | None = None,
        issuer: tuple[x509.Certificate, PrivateKey, tuple[x509.Certificate, ...]] | None = None,
        organisation: str = "UBND Xã Thử Nghiệm",
    ) -> Identity:
        key = _key(name, key_kind)
        issuer_cert, issuer_key, chain = issuer or (inter, inter_key, (inter, root))
        cert = _certificate(
            subject=_name(common_name, organisation),
            key=key,
            issuer_cert=issuer_cert,
            issuer_key=issuer_key,
            ca=False,
            not_before=not_before or now - 30 * day,
            not_after=not_after or now + 2 * 365 * day,
            key_usage=signing_usage if key_usage is None else key_usage,
            extended_usage=extended_usage,
            crl_url=crl("intermediate") if issuer is None else None,
            ocsp_url=ocsp_url if issuer is None else None,
        )
        p12 = pkcs12.serialize_key_and_certificates(
            name=common_name.encode(),
            key=key,
            cert=cert,
            cas=list(chain),
            encryption_algorithm=serialization.BestAvailableEncryption(
                TEST_PKCS12_PASSWORD.encode()
            ),
        )
        p12_path = directory / f"{name}.p12"
        p12_path.write_bytes(p12)
        cert_path = directory / f"{name}.pem"
        cert_path.write_bytes(_pem(cert))
        return Identity(
            name=name,
            cert=cert,
            key=key,
            chain=chain,
            pkcs12_path=p12_path,
            cert_path=cert_path,
        )

    pki = TestPKI(
        directory=directory,
        root_cert=root,
        root_key=root_key,
        intermediate_cert=inter,
        intermediate_key=inter_key,
        other_root_cert=other_root,
        root_path=directory / "root.pem",
        intermediate_path=directory / "intermediate.pem",
        other_root_path=directory / "other-root.pem",
        signer=leaf("signer", "Nguyễn Văn An"),
        ecdsa_signer=leaf("ecdsa_signer", "Trần Thị Bình", key_kind="p256"),
        expired=leaf(
            "expired",
            "Lê Văn Hết Hạn",
            not_before=now - 2 * 365 * day,
            not_after=now - 365 * day,
        ),
        not_yet_valid=leaf("not_yet_valid", "Phạm Văn Chưa Tới", not_before=now + 365 * day),
        no_signing_usage=leaf(
            "no_signing_usage",
            "Hoàng Văn Mã Hoá",
            key_usage={"key_encipherment": True, "data_encipherment": True},
        ),
        weak=leaf("weak", "Đỗ Văn Yếu", key_kind="rsa1024"),
        revoked=leaf("revoked", "Vũ Văn Thu Hồi"),
        outsider=leaf(
            "outsider",
            "Người Ngoài",
            issuer=(other_root, other_root_key, (other_root,)),
            organisation="Somewhere Else",
        ),
        tsa=leaf(
            "tsa",
            "DossierDesk Test TSA",
            key_usage={"digital_signature": True},
            extended_usage=[ExtendedKeyUsageOID.TIME_STAMPING],
            organisation="DossierDesk Thử Nghiệm",
        ),
        services=loop,
    )
    pki.root_path.write_bytes(_pem(root))
    pki.intermediate_path.write_bytes(_pem(inter))
    pki.other_root_path.write_bytes(_pem(other_root))
    if loop:
        loop.revoke(pki.revoked.cert)
        loop._set_timestamper(pki.tsa)
    return pki


@contextmanager
def test_pki(directory: Path, *, services: bool = True) -> Iterator[TestPKI]:
    """:func:`build_test_pki` as a context manager that stops the services at the end."""
    pki = build_test_pki(directory, services=services)
    try:
        yield pki
    finally:
        pki.close()


test_pki.__test__ = False  # type: ignore[attr-defined]
