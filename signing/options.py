"""What a signature should look like: frozen configuration, as pyHanko does it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography import x509

__all__ = [
    "CertifyPermission",
    "PadesLevel",
    "SignOptions",
    "StampOptions",
]


class PadesLevel(StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"
    """Basic signature: no timestamp, no revocation data."""
    B_T = "B-T"
    """With a signature timestamp from a timestamp authority."""
    B_LT = "B-LT"
    """B-T plus the chain's revocation data (OCSP/CRL) in the document security store."""
    B_LTA = "B-LTA"
    """B-LT plus a document timestamp over everything."""

    @property
    def needs_timestamp(self) -> bool:
        return self is not PadesLevel.B_B

    @property
    def embeds_revocation(self) -> bool:
        return self in (PadesLevel.B_LT, PadesLevel.B_LTA)


class CertifyPermission(StrEnum):
    """What a certification signature (DocMDP) still allows after it."""

    NO_CHANGES = "no_changes"
    FORM_FILLING = "form_filling"
    """Filling forms and adding signatures (the usual choice)."""
    ANNOTATIONS = "annotations"


@dataclass(frozen=True)
class StampOptions:
    """A visible signature stamp.

    The text is the signer's name, organisation, signing time (Vietnam time, UTC+7) and
    the reason, in an embedded TrueType font with Vietnamese glyphs. The font shrinks
    until the text fits ``box``.
    """

    page: int = 1
    """1 is the first page; -1 the last."""
    box: tuple[float, float, float, float] | None = None
    """``(x1, y1, x2, y2)`` in PDF points from the page's lower left corner. ``None``: a
    240×80 pt box in the lower right corner, 36 pt from the edges."""
    signer_name: str | None = None
    """Defaults to the certificate's common name."""
    organisation: str | None = None
    """Defaults to the certificate's organisation."""
    seal_image: Path | None = None
    """A PNG or JPEG drawn on the left of the box (the agency's red seal)."""
    font_path: Path | None = None
    """Defaults to the bundled DejaVu Sans."""
    show_reason: bool = True
    language: str = "vi"
    """Labels of the stamp: ``vi`` (Ký bởi, Cơ quan...) or ``en``."""


@dataclass(frozen=True)
class SignOptions:
    """How to sign. The defaults give an invisible PAdES B-B approval signature."""

    level: PadesLevel = PadesLevel.B_B
    tsa_url: str | None = None
    """Timestamp authority for B-T and above."""
    reason: str | None = None
    location: str | None = None
    contact: str | None = None
    stamp: StampOptions | None = None
    """``None``: an invisible signature."""
    certify: bool = False
    """A certification (DocMDP) signature instead of an approval signature."""
    certify_permission: CertifyPermission = CertifyPermission.FORM_FILLING
    trust_roots: tuple[x509.Certificate, ...] = ()
    """With roots, a certificate that does not chain to one is refused before signing.
    Without any, the chain check is skipped with a warning."""
    field_name: str | None = None
    """Signature field; ``None`` picks ``Signature1``, ``Signature2``... """
    network_timeout: float = 20.0
    """Seconds for each timestamp or revocation request."""
    self_check: bool = True
    """Re-read the output and verify its digest and signature before keeping it."""
    overwrite: bool = True
    """Replace an existing output file (atomically). ``False`` refuses instead."""
    extra_certs: tuple[x509.Certificate, ...] = field(default=())
    """Intermediates to embed when the key source does not provide them."""
