"""The submit check on signatures, done by the ``signing`` package (never here)."""

from __future__ import annotations

from pathlib import Path


def signature_problem(path: Path) -> str | None:
    """``None`` when the PDF holds at least one signature and all are intact;
    ``"signature_missing"`` without any; ``"signature_invalid"`` otherwise.

    "Intact" is portal-api.md's definition, as ``signing.validate_pdf`` reports it:
    digest and signature value verify, and the signature covers the whole file or is
    followed only by revisions that add signatures, timestamps or validation data.
    Trust in the signer is not checked.
    """
    import signing

    report = signing.validate_pdf(path)
    if not report.signatures:
        return "signature_missing"
    if not report.all_intact:
        return "signature_invalid"
    return None
