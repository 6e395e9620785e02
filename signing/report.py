"""Validation reports: plain data for the UI, JSON for the CLI and the portal."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from signing.messages import Problem, Severity

__all__ = ["SignatureReport", "TimestampReport", "ValidationReport"]


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@dataclass(frozen=True)
class TimestampReport:
    """A timestamp token: on a signature (PAdES B-T) or a document timestamp's own."""

    time: dt.datetime
    intact: bool
    trusted: bool
    authority: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": _iso(self.time),
            "intact": self.intact,
            "trusted": self.trusted,
            "authority": self.authority,
        }


@dataclass(frozen=True)
class SignatureReport:
    """One signature (``kind == "signature"``) or document timestamp (``"timestamp"``).

    ``intact`` is the portal's word (shared/portal-api.md, Submit): digest and signature
    value verify, and the signature covers the whole file or is followed only by
    revisions that add signatures, timestamps or validation data.
    """

    field_name: str
    kind: str
    """``"signature"`` or ``"timestamp"`` (a document timestamp)."""
    intact: bool
    cryptographically_valid: bool
    """Digest and signature value verify (whatever came after)."""
    trusted: bool
    """The certificate chains to a given trust root and was valid (not revoked, not
    expired) at the validation time. Always False without trust roots."""
    signer_name: str | None
    organisation: str | None
    signing_time: dt.datetime | None
    """The time the signer's computer claimed (not proof; see ``timestamp``)."""
    coverage: str
    """``entire_file``, ``entire_revision``, ``contiguous_block_from_start`` or
    ``unclear``."""
    changes_after_signing: str | None
    """pyHanko's modification level of what came after: ``none``, ``lta_updates``
    (validation data, timestamps), ``form_filling`` (includes added signatures),
    ``annotations``, ``other``; None when unknown."""
    timestamp: TimestampReport | None
    level: str
    """PAdES level seen: ``B-B``, ``B-T``, ``B-LT``, ``B-LTA`` (or ``timestamp``)."""
    ltv: bool | None
    """The embedded revocation data alone proves the chain valid at the timestamp's time
    (None: not checked, e.g. no trust roots or no timestamp)."""
    validation_time: dt.datetime | None
    revoked: bool = False
    certified: str | None = None
    """For a certification signature: what it still allows (``no_changes``,
    ``form_filling``, ``annotations``)."""
    key: str | None = None
    """``RSA 2048``, ``ECDSA 256``..."""
    digest_algorithm: str | None = None
    certificate_serial: str | None = None
    issuer: str | None = None
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "field_name": self.field_name,
            "kind": self.kind,
            "intact": self.intact,
            "cryptographically_valid": self.cryptographically_valid,
            "trusted": self.trusted,
            "revoked": self.revoked,
            "signer_name": self.signer_name,
            "organisation": self.organisation,
            "issuer": self.issuer,
            "certificate_serial": self.certificate_serial,
            "key": self.key,
            "digest_algorithm": self.digest_algorithm,
            "signing_time": _iso(self.signing_time),
            "timestamp": self.timestamp.to_dict() if self.timestamp else None,
            "coverage": self.coverage,
            "changes_after_signing": self.changes_after_signing,
            "certified": self.certified,
            "level": self.level,
            "ltv": self.ltv,
            "validation_time": _iso(self.validation_time),
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(frozen=True)
class ValidationReport:
    """Everything :func:`signing.validate_pdf` found in one file."""

    source: str
    """The file name, or ``"<bytes>"``."""
    signatures: list[SignatureReport] = field(default_factory=list)
    file_problems: tuple[Problem, ...] = ()
    """Problems with the file itself (not a PDF, truncated, encrypted, no signature)."""
    trust_roots_given: bool = False

    @property
    def all_intact(self) -> bool:
        """At least one signature, and every signature and timestamp intact."""
        return bool(self.signatures) and all(s.intact for s in self.signatures)

    @property
    def all_trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    @property
    def problems(self) -> list[Problem]:
        """File problems, then every signature's, errors before warnings."""
        every = [*self.file_problems, *(p for s in self.signatures for p in s.problems)]
        return sorted(every, key=lambda p: p.severity is not Severity.ERROR)

    def messages(self, language: str = "vi") -> list[str]:
        return [p.render(language) for p in self.problems]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "all_intact": self.all_intact,
            "all_trusted": self.all_trusted,
            "trust_roots_given": self.trust_roots_given,
            "signatures": [s.to_dict() for s in self.signatures],
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
