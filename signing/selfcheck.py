"""Re-read a freshly signed file and verify its newest signature before keeping it."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.generic_cms import validate_sig_integrity
from pyhanko.sign.validation.status import SignatureCoverageLevel

from signing.messages import SigningError


def self_check(stream: BinaryIO, path: Path, certificate: x509.Certificate) -> None:
    """Raise ``sign.self_check_failed`` unless the last approval signature in ``stream``
    is ours, covers its revision, and its digest and signature value verify.

    Costs one more read of the file and one public-key operation: cheap insurance that
    what enters a dossier is intact, whatever happened on the way to the disk.
    """
    stream.seek(0)
    try:
        reader = PdfFileReader(stream, strict=False)
        ours = [s for s in reader.embedded_signatures if s.sig_object_type == "/Sig"][-1]
        if ours.signer_cert.dump() != certificate.public_bytes(serialization.Encoding.DER):
            raise ValueError("the newest signature is not ours")
        ours.compute_integrity_info(skip_diff=True)
        if ours.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
            raise ValueError(f"coverage {ours.coverage}")
        intact, valid = validate_sig_integrity(
            ours.signer_info, ours.signer_cert, "data", ours.compute_digest()
        )
        if not (intact and valid):
            raise ValueError("digest or signature value does not verify")
    except SigningError:
        raise
    except Exception:  # anything at all: the file is not kept
        raise SigningError("sign.self_check_failed", path=str(path)) from None
    finally:
        stream.seek(0, 2)
