"""USB tokens through their PKCS#11 module: list tokens and certificates, log in once, sign.

A PIN is asked for once per key session (one batch), never stored and never retried:
three wrong PINs lock most tokens, so a wrong PIN ends the session with a message that
says how many tries the token reports left, when it reports it.
"""

from __future__ import annotations

import contextlib
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pkcs11
from cryptography import x509
from pkcs11 import Attribute, ObjectClass, TokenFlag
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.sign.signers.pdf_cms import Signer

from signing.certcheck import name_of
from signing.keys import KeySession, Secret, reveal, to_asn1
from signing.messages import Problem, SigningError, WrongPinError, error

__all__ = [
    "CertificateInfo",
    "Pkcs11KeySource",
    "Pkcs11Session",
    "TokenInfo",
    "explain_load_failure",
    "list_tokens",
    "load_module",
]


@dataclass(frozen=True)
class CertificateInfo:
    """A certificate on a token (public object: listed without the PIN)."""

    label: str
    id: bytes
    certificate: x509.Certificate

    @property
    def subject_name(self) -> str:
        return name_of(self.certificate)

    @property
    def is_ca(self) -> bool:
        try:
            return self.certificate.extensions.get_extension_for_class(
                x509.BasicConstraints
            ).value.ca
        except x509.ExtensionNotFound:
            return False


@dataclass(frozen=True)
class TokenInfo:
    """A token present in a slot of a module."""

    module: Path
    slot_id: int
    label: str
    manufacturer: str
    model: str
    serial: str
    pin_count_low: bool
    pin_final_try: bool
    pin_locked: bool
    certificates: tuple[CertificateInfo, ...]

    @property
    def signing_certificates(self) -> tuple[CertificateInfo, ...]:
        return tuple(c for c in self.certificates if not c.is_ca)


# ---------------------------------------------------------------------------- loading


def explain_load_failure(path: Path, detail: str) -> Problem:
    """Plain words for why a module did not load (wrong architecture, missing driver)."""
    text = detail.lower()
    bits = machine_bits()
    if not path.exists():
        return error("pkcs11.module_missing", path=str(path))
    if (
        "wrong elf class" in text
        or "winerror 193" in text
        or "not a valid win32 application" in text
        or "mach-o, but wrong architecture" in text
        or "incompatible architecture" in text
    ):
        return error("pkcs11.module_wrong_arch", path=str(path), bits=bits)
    if "c_getfunctionlist" in text:
        return error("pkcs11.module_not_pkcs11", path=str(path))
    if "winerror 126" in text or "specified module could not be found" in text:
        return error("pkcs11.module_dependency", path=str(path), detail=detail[:200])
    dependency = re.search(r"([\w.+-]+\.so[\w.]*): cannot open shared object file", detail)
    if dependency and dependency.group(1) != path.name:
        return error("pkcs11.module_dependency", path=str(path), detail=dependency.group(1))
    if "file too short" in text or "invalid elf header" in text or "not a dynamic" in text:
        return error("pkcs11.module_not_pkcs11", path=str(path))
    return error("pkcs11.module_failed", path=str(path), detail=detail[:200])


def load_module(path: str | Path) -> Any:
    """The loaded module (python-pkcs11 ``lib``), or a :class:`SigningError` in plain
    words. A module is loaded once per process and shared."""
    path = Path(path)
    if not path.is_file():
        raise SigningError("pkcs11.module_missing", path=str(path))
    try:
        return pkcs11.lib(str(path))
    except (pkcs11.PKCS11Error, OSError) as exc:
        raise SigningError(explain_load_failure(path, str(exc))) from None


def reload_module(path: str | Path) -> None:
    """Finalize and initialize ``path`` again (sees tokens created since it loaded)."""
    module = load_module(path)
    module.reinitialize()


# ---------------------------------------------------------------------------- listing


def _label(obj: Any) -> str:
    try:
        return str(obj[Attribute.LABEL])
    except (pkcs11.PKCS11Error, KeyError):
        return ""


def _id(obj: Any) -> bytes:
    try:
        return bytes(obj[Attribute.ID])
    except (pkcs11.PKCS11Error, KeyError):
        return b""


def _certificates(session: Any) -> tuple[CertificateInfo, ...]:
    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
        except (ValueError, pkcs11.PKCS11Error):
            continue
        found.append(CertificateInfo(_label(obj), _id(obj), cert))
    return tuple(found)


def _token_info(module: Path, slot: Any, token: Any, certs: tuple[CertificateInfo, ...]):
    flags = token.flags
    return TokenInfo(
        module=module,
        slot_id=int(slot.slot_id),
        label=str(token.label).strip(),
        manufacturer=str(token.manufacturer_id).strip(),
        model=str(token.model).strip(),
        serial=bytes(token.serial).decode("ascii", "replace").strip()
        if isinstance(token.serial, bytes | bytearray)
        else str(token.serial).strip(),
        pin_count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
        pin_final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
        pin_locked=bool(flags & TokenFlag.USER_PIN_LOCKED),
        certificates=certs,
    )


def _present_tokens(module: Any) -> list[tuple[Any, Any]]:
    """(slot, token) for every initialised token (SoftHSM2 and some readers also show an
    empty, uninitialised slot)."""
    found = []
    for slot in module.get_slots(token_present=True):
        token = slot.get_token()
        if token.flags & TokenFlag.TOKEN_INITIALIZED:
            found.append((slot, token))
    return found


def list_tokens(module_path: str | Path) -> list[TokenInfo]:
    """Every token present through ``module_path``, with its certificates (no PIN)."""
    path = Path(module_path)
    module = load_module(path)
    tokens = []
    try:
        for slot, token in _present_tokens(module):
            try:
                with token.open() as session:
                    certs = _certificates(session)
            except pkcs11.PKCS11Error:
                certs = ()
            tokens.append(_token_info(path, slot, token, certs))
    except pkcs11.PKCS11Error as exc:
        raise SigningError("pkcs11.error", detail=type(exc).__name__) from None
    return tokens


# ---------------------------------------------------------------------------- signing


def _pin_problem(token: Any) -> Problem:
    """What to say after a wrong PIN, from the flags the token reports now."""
    try:
        flags = token.slot.get_token().flags
    except (pkcs11.PKCS11Error, AttributeError):
        flags = 0
    if flags & TokenFlag.USER_PIN_LOCKED:
        return error("pkcs11.pin_locked")
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return error("pkcs11.wrong_pin_last_try")
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return error("pkcs11.wrong_pin_few_left")
    return error("pkcs11.wrong_pin")


class Pkcs11Session(KeySession):
    """A logged-in token session with one signing key. Close it to log out."""

    def __init__(
        self,
        session: Any,
        token: TokenInfo,
        key_label: str,
        key_id: bytes,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...],
    ) -> None:
        self._session = session
        self.token = token
        self.key_label = key_label
        self.key_id = key_id
        self.certificate = certificate
        self.chain = chain
        self.description = f"{token.label} / {key_label}"

    def _make_signer(self) -> Signer:
        return PKCS11Signer(
            self._session,
            key_id=self.key_id or None,
            key_label=None if self.key_id else self.key_label,
            signing_cert=to_asn1(self.certificate),
            ca_chain=[to_asn1(c) for c in self.chain],
            other_certs_to_pull=None,
            embed_roots=True,
        )

    def close(self) -> None:
        super().close()
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(pkcs11.PKCS11Error):
                session.close()


class Pkcs11KeySource:
    """A key on a token: the module file, optionally the token and key labels, the PIN.

    ``open()`` logs in exactly once. A wrong PIN raises :class:`WrongPinError` and is
    never tried again by this code.
    """

    def __init__(
        self,
        module: str | Path,
        *,
        pin: Secret | None,
        token_label: str | None = None,
        key_label: str | None = None,
    ) -> None:
        self.module = Path(module)
        self.token_label = token_label
        self.key_label = key_label
        self._pin = pin

    def __repr__(self) -> str:
        return (
            f"Pkcs11KeySource({str(self.module)!r}, token_label={self.token_label!r}, "
            f"key_label={self.key_label!r}, pin=***)"
        )

    def _find_token(self, module: Any) -> tuple[Any, Any]:
        try:
            present = _present_tokens(module)
        except pkcs11.PKCS11Error as exc:
            raise SigningError("pkcs11.error", detail=type(exc).__name__) from None
        if not present:
            raise SigningError("pkcs11.no_token", path=str(self.module))
        labels = [str(token.label).strip() for _, token in present]
        if self.token_label is None:
            if len(present) > 1:
                raise SigningError("pkcs11.several_tokens", available=", ".join(labels))
            return present[0]
        for (slot, token), label in zip(present, labels, strict=True):
            if label == self.token_label:
                return slot, token
        raise SigningError(
            "pkcs11.token_not_found", label=self.token_label, available=", ".join(labels)
        )

    def open(self) -> Pkcs11Session:
        module = load_module(self.module)
        slot, token = self._find_token(module)
        if token.flags & TokenFlag.USER_PIN_LOCKED:
            raise SigningError("pkcs11.pin_locked")
        pin = reveal(self._pin).decode("utf-8") if self._pin is not None else None
        try:
            session = token.open(user_pin=pin)
        except pkcs11.PinIncorrect:
            raise WrongPinError(_pin_problem(token)) from None
        except pkcs11.PinLocked:
            raise WrongPinError("pkcs11.pin_locked") from None
        except (pkcs11.PinInvalid, pkcs11.PinLenRange):
            raise WrongPinError("pkcs11.pin_invalid") from None
        except (pkcs11.DeviceRemoved, pkcs11.TokenNotPresent):
            raise SigningError("pkcs11.token_removed") from None
        except pkcs11.PKCS11Error as exc:
            raise SigningError("pkcs11.error", detail=type(exc).__name__) from None
        finally:
            pin = None
        try:
            return self._session_for_key(session, slot, token)
        except BaseException:
            session.close()
            raise

    def _session_for_key(self, session: Any, slot: Any, token: Any) -> Pkcs11Session:
        keys = list(
            session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True})
        )
        token_label = str(token.label).strip()
        described = [_label(k) or _id(k).hex() for k in keys]
        if self.key_label is not None:
            keys = [k for k in keys if self.key_label in (_label(k), _id(k).hex())]
            if not keys:
                raise SigningError(
                    "pkcs11.key_not_found",
                    label=self.key_label,
                    token=token_label,
                    available=", ".join(described) or "-",
                )
        if not keys:
            raise SigningError("pkcs11.key_not_found", label="*", token=token_label, available="-")
        if len(keys) > 1:
            raise SigningError(
                "pkcs11.several_keys", token=token_label, available=", ".join(described)
            )
        key = keys[0]
        key_label, key_id = _label(key), _id(key)
        certs = _certificates(session)
        mine = [c for c in certs if key_id and c.id == key_id] or [
            c for c in certs if key_label and c.label == key_label
        ]
        if not mine:
            raise SigningError("pkcs11.no_certificate", label=key_label, token=token_label)
        own = mine[0].certificate
        chain = tuple(c.certificate for c in certs if c.certificate != own)
        info = _token_info(self.module, slot, token, certs)
        return Pkcs11Session(session, info, key_label, key_id, own, chain)


def machine_bits() -> str:
    """``64`` or ``32``: the modules this process can load."""
    return "64" if struct.calcsize("P") == 8 else "32"
