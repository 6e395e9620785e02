"""Key sources and key sessions: where a signature's private key lives.

A *key source* knows how to reach a key (a PKCS#12 file and its password, a PKCS#11
module, token and PIN). ``source.open()`` unlocks it once and returns a *key session*,
which signs any number of PDFs until it is closed; use it as a context manager. The
session builds its pyHanko signer once, so nothing is parsed or logged in again per file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing.messages import SigningError, WrongPinError

__all__ = ["KeySession", "KeySource", "Pkcs12KeySource", "Secret"]

Secret = str | bytes | Callable[[], str | bytes]
"""A password or PIN, or a function that asks for it when it is needed (a prompt)."""


def reveal(secret: Secret) -> bytes:
    """The secret's bytes (UTF-8), asking for it if it is a callable."""
    value = secret() if callable(secret) else secret
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class KeySession:
    """An unlocked key: its certificate, its chain and a pyHanko signer built once.

    Subclasses set :attr:`certificate`, :attr:`chain` and implement :meth:`_make_signer`.
    """

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    """Other certificates that came with the key (intermediates, maybe the root)."""
    description: str = ""
    """Where the key lives, for messages (a file name or a token label). Never a secret."""

    _signer: Signer | None = None
    _closed: bool = False

    def signer(self) -> Signer:
        """The pyHanko signer of this session (the same object on every call)."""
        if self._closed:
            raise SigningError("key.session_closed")
        if self._signer is None:
            self._signer = self._make_signer()
        return self._signer

    def add_certificates(self, certs: tuple[x509.Certificate, ...]) -> None:
        """Make extra intermediates available to the signer (embedded in signatures)."""
        known = {c.fingerprint(hashes.SHA256()) for c in (self.certificate, *self.chain)}
        fresh = tuple(c for c in certs if c.fingerprint(hashes.SHA256()) not in known)
        if not fresh:
            return
        self.chain = (*self.chain, *fresh)
        if self._signer is not None:
            self._signer.cert_registry.register_multiple(to_asn1(c) for c in fresh)

    def _make_signer(self) -> Signer:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        self._closed = True
        self._signer = None

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> KeySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class KeySource(Protocol):
    """Anything with ``open() -> KeySession``."""

    def open(self) -> KeySession: ...


# ---------------------------------------------------------------------------- PKCS#12


class _InMemorySigner(Signer):
    """A signer over a key object parsed once (pyHanko's SimpleSigner re-parses per call)."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        cert: x509.Certificate,
        others: tuple[x509.Certificate, ...],
    ) -> None:
        self._key = key
        registry = SimpleCertificateStore()
        registry.register_multiple(to_asn1(c) for c in others)
        super().__init__(signing_cert=to_asn1(cert), cert_registry=registry, embed_roots=True)

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False):
        algorithm = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384()}.get(
            digest_algorithm.lower(), hashes.SHA512()
        )
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if isinstance(self._key, rsa.RSAPrivateKey):
            if mechanism.signature_algo != "rsassa_pkcs1v15":
                raise PyHankoSigningError(f"unsupported mechanism {mechanism.signature_algo}")
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return self._key.sign(data, ec.ECDSA(algorithm))


class Pkcs12Session(KeySession):
    """A key session over a PKCS#12 (.p12/.pfx) file, loaded once into memory."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...],
        description: str,
    ) -> None:
        self._key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = key
        self.certificate = certificate
        self.chain = chain
        self.description = description

    def _make_signer(self) -> Signer:
        assert self._key is not None
        return _InMemorySigner(self._key, self.certificate, self.chain)

    def close(self) -> None:
        super().close()
        self._key = None


class Pkcs12KeySource:
    """A PKCS#12 (.p12/.pfx) file and its password.

    The password (or the function that asks for it) is kept only in memory, and never
    appears in ``repr``, messages or logs. Each :meth:`open` unlocks the file again.
    """

    def __init__(self, path: str | Path, password: Secret | None) -> None:
        self.path = Path(path)
        self._password = password

    def __repr__(self) -> str:
        return f"Pkcs12KeySource({str(self.path)!r}, password=***)"

    def open(self) -> Pkcs12Session:
        """Unlock the file. Raises :class:`WrongPinError` for a wrong password and
        :class:`SigningError` for a file that is not a usable PKCS#12."""
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise SigningError(
                "key.pkcs12_unreadable", path=str(self.path), detail=exc.strerror or exc
            ) from None
        password = reveal(self._password) if self._password is not None else None
        try:
            key, cert, others = _load_pkcs12(data, password)
        except ValueError:
            if _looks_like_pkcs12(data):
                raise WrongPinError("key.pkcs12_wrong_password", path=self.path.name) from None
            raise SigningError(
                "key.pkcs12_unreadable", path=str(self.path), detail="not PKCS#12"
            ) from None
        finally:
            password = None
        if key is None or cert is None:
            raise SigningError("key.pkcs12_no_key", path=str(self.path))
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise SigningError(
                "cert.unsupported_key", name=self.path.name, detail=type(key).__name__
            )
        return Pkcs12Session(key, cert, tuple(others), self.path.name)


def _load_pkcs12(data: bytes, password: bytes | None):  # type: ignore[no-untyped-def]
    """Load with the password; an empty one is tried both as "" and as no password
    (tools disagree on which one a password-less .p12 uses)."""
    if password:
        return pkcs12.load_key_and_certificates(data, password)
    try:
        return pkcs12.load_key_and_certificates(data, None)
    except ValueError:
        return pkcs12.load_key_and_certificates(data, b"")


def _looks_like_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in (
            "data",
            "signed_data",
        )
    except (ValueError, TypeError, KeyError):
        return False
