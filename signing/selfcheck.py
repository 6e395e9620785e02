"""Re-read a freshly signed file and verify its newest signature before keeping it.

This reads the signature dictionary that was just appended directly (``/ByteRange`` and
``/Contents``) instead of parsing the whole document again: one hashing pass over the
file in fixed-size chunks (memory stays flat even for a 250 MB file) and one public-key
operation, whatever the document's size or structure.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from pathlib import Path
from typing import BinaryIO

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from signing.messages import SigningError

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
CHUNK = 1 << 20
_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def self_check(
    stream: BinaryIO, path: Path, certificate: x509.Certificate, appended_from: int = 0
) -> None:
    """Raise ``sign.self_check_failed`` unless ``stream`` holds, after byte
    ``appended_from``, an approval signature by ``certificate`` that covers its whole
    revision and whose digest and signature value verify."""
    stream.flush()
    try:
        if not _verify_newest(stream, certificate, max(0, appended_from - 1024)):
            raise ValueError("no signature of ours verifies")
    except SigningError:
        raise
    except Exception:  # anything at all: the file is not kept
        raise SigningError("sign.self_check_failed", path=str(path)) from None


def _read(stream: BinaryIO, start: int, end: int) -> bytes:
    stream.seek(start)
    return stream.read(end - start)


def _hash_range(stream: BinaryIO, digest, start: int, length: int) -> None:  # type: ignore[no-untyped-def]
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    stream.seek(start)
    while length > 0:
        got = stream.readinto(view[: min(CHUNK, length)])
        if not got:
            raise ValueError("file shorter than its byte range")
        digest.update(view[:got])
        length -= got


def _verify_newest(stream: BinaryIO, certificate: x509.Certificate, start: int) -> bool:
    size = stream.seek(0, 2)
    appended = _read(stream, start, size)
    for match in reversed(list(_BYTE_RANGE.finditer(appended))):
        a, b, c, d = (int(v) for v in match.groups())
        if a != 0 or not (0 < b < c <= c + d <= size):
            continue
        signed_data = _signed_data(_read(stream, b, c))
        if signed_data is None:
            continue  # a document timestamp, or not ours
        signer_info = signed_data["signer_infos"][0]
        sid = signer_info["sid"]
        if sid.name != "issuer_and_serial_number":
            continue
        if sid.chosen["serial_number"].native != certificate.serial_number:
            continue
        if b"%%EOF" not in _read(stream, max(0, c + d - 8), c + d):
            return False  # does not end its revision: not covering it
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        digest = hashlib.new(algorithm)
        _hash_range(stream, digest, a, b)
        _hash_range(stream, digest, c, d)
        return _verify_signer_info(signer_info, digest.digest(), certificate, algorithm)
    return False


def _signed_data(contents: bytes) -> cms.SignedData | None:
    hexdigits = contents.strip().lstrip(b"<").rstrip(b">")
    raw = binascii.unhexlify(hexdigits)
    info = cms.ContentInfo.load(raw, strict=False)
    if info["content_type"].native != "signed_data":
        return None
    signed_data = info["content"]
    if signed_data["encap_content_info"]["content_type"].native != "data":
        return None
    return signed_data


def _verify_signer_info(
    signer_info: cms.SignerInfo,
    actual_digest: bytes,
    certificate: x509.Certificate,
    algorithm: str,
) -> bool:
    attrs = signer_info["signed_attrs"]
    claimed = next(
        (a["values"][0].native for a in attrs if a["type"].native == "message_digest"), None
    )
    if claimed != actual_digest:
        return False
    signed = attrs.untag().dump()
    signature = signer_info["signature"].native
    key = certificate.public_key()
    hash_algorithm = _HASHES[algorithm]()
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, signed, padding.PKCS1v15(), hash_algorithm)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, signed, ec.ECDSA(hash_algorithm))
    else:
        return False
    return True
