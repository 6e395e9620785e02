"""Validate every signature of a PDF, ours or anyone's, into a :class:`ValidationReport`.

Never raises for bad input: a file that is not a PDF, truncated, encrypted or unsigned
gives a report with problems. Signatures with a timestamp are validated at the
timestamp's time with the revocation data the document carries (AdES "best signature
time"), so a PAdES B-LT file stays valid after its embedded OCSP responses go stale.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from asn1crypto import cms
from cryptography import x509
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
from pyhanko.sign.validation import dss as pdf_dss
from pyhanko.sign.validation.pdf_embedded import (
    EmbeddedPdfSignature,
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from signing._aio import run_sync
from signing.inputs import (
    HEADER_WINDOW,
    TAIL_WINDOW,
    check_pdf_bytes,
    check_pdf_file,
    open_reader,
)
from signing.keys import to_asn1
from signing.messages import Problem, SigningError, error, warning
from signing.report import SignatureReport, TimestampReport, ValidationReport

__all__ = ["async_validate_pdf", "validate_pdf"]

SIGNING_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)
_MDP_NAMES = {1: "no_changes", 2: "form_filling", 3: "annotations"}


def validate_pdf(
    source: Path | bytes,
    *,
    trust_roots: Sequence[x509.Certificate] = (),
    validation_time: dt.datetime | None = None,
    fetch_revocation: bool = False,
) -> ValidationReport:
    """Validate every signature in ``source`` (a path or the file's bytes).

    ``trust_roots``: certificates to trust; without any, no signature is ``trusted``
    (``intact`` does not need them). ``validation_time``: validate as of this moment
    instead of each signature's best time (its timestamp, else now).
    ``fetch_revocation``: also ask OCSP/CRL servers (off by default: offline first).
    """
    return run_sync(
        async_validate_pdf(
            source,
            trust_roots=trust_roots,
            validation_time=validation_time,
            fetch_revocation=fetch_revocation,
        )
    )


async def async_validate_pdf(
    source: Path | bytes,
    *,
    trust_roots: Sequence[x509.Certificate] = (),
    validation_time: dt.datetime | None = None,
    fetch_revocation: bool = False,
) -> ValidationReport:
    """The coroutine behind :func:`validate_pdf`."""
    name = "<bytes>" if isinstance(source, bytes | bytearray) else str(source)
    roots = tuple(trust_roots)
    try:
        stream = _open(source, name)
    except SigningError as exc:
        return ValidationReport(name, [], (exc.problem,), bool(roots))
    try:
        return await _validate_stream(stream, name, roots, validation_time, fetch_revocation)
    finally:
        stream.close()


def _open(source: Path | bytes, name: str) -> io.BufferedIOBase:
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        check_pdf_bytes(data[:HEADER_WINDOW], data[-TAIL_WINDOW:], len(data), name)
        return io.BytesIO(data)
    path = Path(source)
    check_pdf_file(path)
    return open(path, "rb")


async def _validate_stream(
    stream: io.BufferedIOBase,
    name: str,
    roots: tuple[x509.Certificate, ...],
    validation_time: dt.datetime | None,
    fetch: bool,
) -> ValidationReport:
    try:
        reader = open_reader(stream, name, strict=False)
        embedded = list(reader.embedded_signatures)
    except SigningError as exc:
        return ValidationReport(name, [], (exc.problem,), bool(roots))
    except Exception as exc:  # a damaged signature dictionary, a broken xref...
        problem = error("input.malformed", path=name, detail=str(exc)[:200] or type(exc).__name__)
        return ValidationReport(name, [], (problem,), bool(roots))
    file_problems: list[Problem] = []
    if not embedded:
        file_problems.append(error("verify.no_signature"))
    elif not roots:
        file_problems.append(warning("verify.no_trust_roots"))
    revinfo = _document_revinfo(reader)
    signed_revisions = {s.signed_revision: s for s in embedded}
    reports = []
    for index, signature in enumerate(embedded):
        later_doc_ts = any(s.sig_object_type == "/DocTimeStamp" for s in embedded[index + 1 :])
        reports.append(
            await _validate_one(
                reader,
                signature,
                signed_revisions,
                roots,
                revinfo,
                validation_time,
                fetch,
                later_doc_ts,
            )
        )
    return ValidationReport(name, reports, tuple(file_problems), bool(roots))


def _document_revinfo(reader: Any) -> dict[str, list]:
    """Certificates, OCSP responses and CRLs from the document security store (DSS)."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.pdf_utils.decode_limits import DecodePurpose

    empty: dict[str, list] = {"certs": [], "ocsps": [], "crls": []}
    try:
        store = pdf_dss.DocumentSecurityStore.read_dss(reader)
        return {
            "certs": list(store.load_certs()),
            "ocsps": [
                asn1_ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
                for ref in store.ocsps
            ],
            "crls": [
                asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL))
                for ref in store.crls
            ],
        }
    except Exception:  # no DSS, or a damaged one: validate without it
        return empty


def _context(
    roots: tuple[x509.Certificate, ...],
    revinfo: dict[str, list],
    moment: dt.datetime | None,
    *,
    fetch: bool,
    mode: str = "soft-fail",
) -> ValidationContext:
    return ValidationContext(
        trust_roots=[to_asn1(c) for c in roots],
        other_certs=revinfo["certs"],
        ocsps=revinfo["ocsps"],
        crls=revinfo["crls"],
        moment=moment,
        allow_fetching=fetch,
        revocation_mode=mode,
        retroactive_revinfo=True,
        fetcher_backend=RequestsFetcherBackend(per_request_timeout=10) if fetch else None,
    )


def _timestamp_time(signature: EmbeddedPdfSignature) -> dt.datetime | None:
    """The time in the signature's own timestamp token (unverified; to pick the
    validation time), if it has one."""
    try:
        if signature.sig_object_type == "/DocTimeStamp":
            return signature.signed_data["encap_content_info"]["content"].parsed["gen_time"].native
        attrs = signature.signer_info["unsigned_attrs"]
        if attrs.native is None:
            return None
        for attr in attrs:
            if attr["type"].native == "signature_time_stamp_token":
                token: cms.ContentInfo = attr["values"][0]
                tst = token["content"]["encap_content_info"]["content"].parsed
                return tst["gen_time"].native
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return None


def _subject_part(cert: Any, key: str) -> str | None:
    try:
        value = cert.subject.native.get(key)
    except (AttributeError, ValueError):
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value) if value else None


def _key_description(cert: Any) -> str | None:
    try:
        algorithm = cert.public_key.algorithm
        bits = cert.public_key.bit_size
    except (AttributeError, ValueError, KeyError):
        return None
    return f"{'ECDSA' if algorithm == 'ec' else algorithm.upper()} {bits}"


def _weakness(digest_algorithm: str | None, cert: Any) -> str | None:
    """Below Circular 15/2025/TT-BKHCN: a digest weaker than SHA-256, RSA < 2048 bits,
    ECDSA < 256 bits."""
    if digest_algorithm and digest_algorithm.lower() in {"md5", "sha1", "sha224"}:
        return digest_algorithm.upper()
    key = _key_description(cert)
    if key:
        kind, _, bits = key.partition(" ")
        minimum = 2048 if kind == "RSA" else 256
        if bits.isdigit() and int(bits) < minimum:
            return key
    return None


def _level_name(level: ModificationLevel | None) -> str | None:
    return level.name.lower() if level is not None else None


async def _validate_one(
    reader: Any,
    signature: EmbeddedPdfSignature,
    signed_revisions: dict[int, EmbeddedPdfSignature],
    roots: tuple[x509.Certificate, ...],
    revinfo: dict[str, list],
    validation_time: dt.datetime | None,
    fetch: bool,
    later_doc_timestamp: bool,
) -> SignatureReport:
    field_name = str(signature.field_name)
    is_timestamp = signature.sig_object_type == "/DocTimeStamp"
    try:
        cert = signature.signer_cert
        signer = _subject_part(cert, "common_name")
    except Exception:
        cert, signer = None, None
    who = signer or "?"
    ts_time = _timestamp_time(signature)
    moment = validation_time or ts_time
    context = _context(roots, revinfo, moment, fetch=fetch)
    try:
        if is_timestamp:
            status = await async_validate_pdf_timestamp(signature, context)
        else:
            status = await async_validate_pdf_signature(
                signature,
                context,
                ts_validation_context=context,
                key_usage_settings=SIGNING_USAGE,
            )
    except Exception as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return SignatureReport(
            field_name=field_name,
            kind="timestamp" if is_timestamp else "signature",
            intact=False,
            cryptographically_valid=False,
            trusted=False,
            signer_name=signer,
            organisation=_subject_part(cert, "organization_name") if cert else None,
            signing_time=None,
            coverage="unclear",
            changes_after_signing=None,
            timestamp=None,
            level="unknown",
            ltv=None,
            validation_time=moment,
            problems=(error("verify.failed", field=field_name, detail=detail),),
        )

    crypto_ok = bool(status.intact and status.valid)
    coverage = status.coverage or SignatureCoverageLevel.UNCLEAR
    level_after = status.modification_level
    later_ok = _later_changes_allowed(reader, signature, coverage, level_after, signed_revisions)
    intact = crypto_ok and later_ok
    trusted = bool(roots) and crypto_ok and status.trusted
    problems: list[Problem] = []
    if not crypto_ok:
        problems.append(error("verify.not_intact", field=field_name, signer=who))
    elif coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problems.append(error("verify.partial_coverage", field=field_name, signer=who))
    elif not later_ok:
        problems.append(
            error(
                "verify.changed_after",
                field=field_name,
                signer=who,
                detail=_level_name(level_after) or "suspicious",
            )
        )
    if roots and crypto_ok and not status.trusted:
        indication = str(getattr(status.trust_problem_indic, "name", ""))
        if status.revoked or "REVOKED" in indication:
            problems.append(error("verify.revoked", field=field_name, signer=who))
        elif indication in ("EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NO_POE"):
            problems.append(error("verify.cert_expired", field=field_name, signer=who))
        else:
            problems.append(error("verify.untrusted", field=field_name, signer=who))

    weakness = _weakness(status.md_algorithm, cert)
    if weakness:
        problems.append(warning("verify.weak_algorithm", field=field_name, detail=weakness))

    timestamp = None
    if is_timestamp:
        timestamp = TimestampReport(status.timestamp, crypto_ok, trusted, signer)
        pades_level, ltv = "timestamp", None
    else:
        token = status.timestamp_validity
        if token is not None:
            timestamp = TimestampReport(
                time=token.timestamp,
                intact=bool(token.intact and token.valid),
                trusted=bool(roots) and token.trusted,
                authority=_subject_part(token.signing_cert, "common_name"),
            )
            if not timestamp.intact:
                problems.append(error("verify.timestamp_invalid", field=field_name))
        pades_level, ltv = await _ltv(signature, timestamp, roots, revinfo, later_doc_timestamp)

    mdp = signature.docmdp_level
    return SignatureReport(
        field_name=field_name,
        kind="timestamp" if is_timestamp else "signature",
        intact=intact,
        cryptographically_valid=crypto_ok,
        trusted=trusted,
        signer_name=signer,
        organisation=_subject_part(cert, "organization_name"),
        signing_time=None if is_timestamp else status.signer_reported_dt,
        coverage=coverage.name.lower(),
        changes_after_signing=_level_name(level_after),
        timestamp=timestamp,
        level=pades_level,
        ltv=ltv,
        validation_time=status.validation_time,
        revoked=bool(status.revoked),
        certified=_MDP_NAMES.get(int(mdp.value)) if mdp is not None else None,
        key=_key_description(cert),
        digest_algorithm=status.md_algorithm,
        certificate_serial=format(cert.serial_number, "x") if cert else None,
        issuer=cert.issuer.human_friendly if cert else None,
        problems=tuple(problems),
    )


async def _ltv(
    signature: EmbeddedPdfSignature,
    timestamp: TimestampReport | None,
    roots: tuple[x509.Certificate, ...],
    revinfo: dict[str, list],
    later_doc_timestamp: bool,
) -> tuple[str, bool | None]:
    """The PAdES level seen, and whether the embedded revocation data alone proves the
    chain valid at the timestamp's time (None when that cannot be said)."""
    if timestamp is None:
        return "B-B", None
    if not (revinfo["ocsps"] or revinfo["crls"]):
        return "B-T", False if roots else None
    level = "B-LTA" if later_doc_timestamp else "B-LT"
    if not roots:
        return level, None
    context = _context(roots, revinfo, timestamp.time, fetch=False, mode="hard-fail")
    try:
        status = await async_validate_pdf_signature(
            signature,
            context,
            ts_validation_context=context,
            key_usage_settings=SIGNING_USAGE,
            skip_diff=True,
        )
    except Exception:
        return level, False
    return level, bool(status.trusted)


def _later_changes_allowed(
    reader: Any,
    signature: EmbeddedPdfSignature,
    coverage: SignatureCoverageLevel,
    level: ModificationLevel | None,
    signed_revisions: dict[int, EmbeddedPdfSignature],
) -> bool:
    """The portal's rule: the whole file, or later revisions that only add signatures,
    timestamps or validation data."""
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION or level is None:
        return False
    if level <= ModificationLevel.LTA_UPDATES:
        return True
    if level > ModificationLevel.FORM_FILLING:
        return False
    # Form filling overall: each later revision must be a signature's own revision that
    # changes only signature fields, or validation data only.
    from pyhanko.sign.diff_analysis import SuspiciousModification
    from pyhanko.sign.fields import enumerate_sig_fields

    for revision in range(signature.signed_revision + 1, reader.xrefs.total_revisions):
        old = reader.get_historical_resolver(revision - 1)
        new = reader.get_historical_resolver(revision)
        try:
            result = DEFAULT_DIFF_POLICY.apply(old, new)
        except SuspiciousModification:
            return False
        if result.modification_level <= ModificationLevel.LTA_UPDATES:
            continue
        if revision not in signed_revisions:
            return False
        if result.modification_level > ModificationLevel.FORM_FILLING:
            return False
        signature_fields = {name for name, _, _ in enumerate_sig_fields(new)}
        if not set(result.changed_form_fields) <= signature_fields:
            return False
    return True
