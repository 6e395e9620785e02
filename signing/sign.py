"""Sign one PDF: check, sign with pyHanko into a temp file, self-check, rename.

The input is only read. The output appears complete or not at all. The certificate is
checked before anything is signed (:mod:`signing.certcheck`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes, serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields as pdf_fields
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, RevokedError
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from signing import stamp as stamps
from signing._aio import run_sync
from signing.certcheck import VIETNAM, async_check_certificate, name_of, raise_for_errors
from signing.inputs import check_pdf_file, open_reader
from signing.keys import KeySession, to_asn1
from signing.messages import Problem, SigningError
from signing.options import CertifyPermission, PadesLevel, SignOptions
from signing.output import atomic_output
from signing.selfcheck import self_check

__all__ = ["SignResult", "async_sign_pdf", "sign_pdf"]

log = logging.getLogger(__name__)

DEFAULT_OPTIONS = SignOptions()

RESERVE_BASE = 4096
"""Hex digits reserved beyond the certificates and the signature value (attributes)."""
RESERVE_TIMESTAMP = 16384
"""Hex digits for a timestamp token (with its TSA's certificates)."""


@dataclass(frozen=True)
class SignResult:
    """The outcome for one file. ``ok`` is False only in batch results (see
    :func:`signing.batch.sign_batch`); :func:`sign_pdf` raises instead."""

    source: Path
    output: Path | None
    ok: bool = True
    signer_name: str | None = None
    signing_time: dt.datetime | None = None
    level: PadesLevel | None = None
    field_name: str | None = None
    size: int | None = None
    warnings: tuple[Problem, ...] = ()
    problem: Problem | None = None
    """Why it failed, when ``ok`` is False."""

    def to_dict(self, language: str | None = None) -> dict:
        return {
            "source": str(self.source),
            "output": str(self.output) if self.output else None,
            "ok": self.ok,
            "signer_name": self.signer_name,
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "level": self.level.value if self.level else None,
            "field_name": self.field_name,
            "size": self.size,
            "warnings": [w.to_dict() for w in self.warnings],
            "problem": self.problem.to_dict() if self.problem else None,
        }


class _Signer(PdfSigner):
    """pyHanko's PdfSigner with the signing time chosen by us (in Vietnam time), so the
    stamp shows exactly the time written in the signature dictionary."""

    def __init__(self, *args, system_time: dt.datetime, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._system_time = system_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):  # type: ignore[no-untyped-def]
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._system_time
        return session


async def prepare_session(session: KeySession, options: SignOptions) -> tuple[Problem, ...]:
    """Check ``options`` and the session's certificate once; raise on an error, return
    the warnings. The certificate check is cached on the session per set of trust roots
    and day."""
    if options.level.needs_timestamp and not options.tsa_url:
        raise SigningError("sign.tsa_needed", level=options.level.value)
    session.add_certificates(options.extra_certs)
    roots = tuple(sorted(c.fingerprint(hashes.SHA256()) for c in options.trust_roots))
    today = dt.datetime.now(dt.UTC).date()
    cache = session.__dict__.setdefault("_checked", {})
    key = (roots, today)
    if key not in cache:
        problems = await async_check_certificate(
            session.certificate, chain=session.chain, trust_roots=options.trust_roots
        )
        cache[key] = tuple(raise_for_errors(problems))
    return cache[key]


def sign_pdf(
    src: Path, dst: Path, session: KeySession, options: SignOptions = DEFAULT_OPTIONS
) -> SignResult:
    """Sign ``src`` into ``dst`` with ``session``; see :func:`async_sign_pdf`.

    Safe to call from a thread whose event loop is running (it then uses a helper
    thread), unlike pyHanko's own ``sign_pdf``.
    """
    return run_sync(async_sign_pdf(src, dst, session, options))


async def async_sign_pdf(
    src: Path, dst: Path, session: KeySession, options: SignOptions = DEFAULT_OPTIONS
) -> SignResult:
    """Sign ``src`` into ``dst``. Raises :class:`~signing.messages.SigningError` with a
    Vietnamese/English message when the certificate, the input or the signing fails;
    then ``src`` is untouched and ``dst`` not created (nor changed, if it existed)."""
    src, dst = Path(src), Path(dst)
    warnings = await prepare_session(session, options)
    source_size = check_pdf_file(src)
    if dst.exists() and os.path.samefile(src, dst):
        raise SigningError("output.same_as_input", path=str(dst))
    if dst.exists() and not options.overwrite:
        raise SigningError("output.exists", path=str(dst))
    signing_time = dt.datetime.now(VIETNAM).replace(microsecond=0)
    try:
        source = open(src, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise SigningError("input.unreadable", path=str(src), detail=exc.strerror or exc) from None
    with source:
        writer = _incremental_writer(source, src)
        try:
            field_name = options.field_name or _free_field_name(writer)
            pdf_signer = _build_signer(session, options, writer, field_name, signing_time)
            size = await _write(pdf_signer, writer, dst, session, options, source_size)
        except SigningError:
            raise
        except FileExistsError:
            raise SigningError("output.exists", path=str(dst)) from None
        except TimestampRequestError as exc:
            raise SigningError("sign.tsa_failed", url=options.tsa_url, detail=_short(exc)) from None
        except (PathBuildingError, PathValidationError, SignatureValidationError) as exc:
            raise SigningError("sign.revocation_failed", detail=_short(exc)) from None
        except PyHankoSigningError as exc:
            raise _signing_error(src, exc, session) from None
        except PdfError as exc:  # an object of the input that pyHanko could not read
            raise SigningError("input.malformed", path=str(src), detail=_short(exc)) from None
        except OSError as exc:
            raise SigningError(
                "output.write_failed", path=str(dst), detail=exc.strerror or exc
            ) from None
        except Exception as exc:
            token_problem = _token_error(exc)
            if token_problem is not None:
                raise token_problem from None
            log.warning("signing %s failed", src, exc_info=True)
            raise SigningError("sign.failed", path=str(src), detail=_short(exc)) from None
    return SignResult(
        source=src,
        output=dst,
        signer_name=name_of(session.certificate),
        signing_time=signing_time,
        level=options.level,
        field_name=field_name,
        size=size,
        warnings=warnings,
    )


def _incremental_writer(source: BinaryIO, src: Path) -> IncrementalPdfFileWriter:
    """A writer over ``source`` that appends a revision; refuses encrypted or unparsable
    input with a message about the input."""
    reader = open_reader(source, str(src), strict=False)  # one parse, refuses encryption
    try:
        return IncrementalPdfFileWriter.from_reader(reader)
    except Exception as exc:
        raise SigningError("input.malformed", path=str(src), detail=_short(exc)) from None


_TOKEN_GONE = {"DeviceRemoved", "TokenNotPresent", "SessionHandleInvalid", "SessionClosed"}


def _token_error(exc: BaseException) -> SigningError | None:
    """A PKCS#11 failure while signing (the token pulled out mid-batch...), in words."""
    if not type(exc).__module__.startswith("pkcs11"):
        return None
    if type(exc).__name__ in _TOKEN_GONE:
        return SigningError("pkcs11.token_removed")
    return SigningError("pkcs11.error", detail=type(exc).__name__)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _signing_error(src: Path, exc: PyHankoSigningError, session: KeySession) -> SigningError:
    cause = exc.__cause__
    if isinstance(cause, RevokedError):
        return SigningError("cert.revoked", name=name_of(session.certificate))
    if isinstance(cause, PathBuildingError | PathValidationError):
        return SigningError("sign.revocation_failed", detail=_short(cause))
    text = str(exc)
    if "forbids all changes" in text.lower() or "locked" in text.lower():
        return SigningError("input.certified_no_changes", path=str(src))
    return SigningError("sign.failed", path=str(src), detail=_short(exc))


def _free_field_name(writer: IncrementalPdfFileWriter) -> str:
    taken = {name for name, _, _ in pdf_fields.enumerate_sig_fields(writer.prev)}
    number = len(taken) + 1
    while f"Signature{number}" in taken:
        number += 1
    return f"Signature{number}"


def _reserve(session: KeySession, options: SignOptions) -> int:
    certs = (session.certificate, *session.chain)
    der = sum(len(c.public_bytes(serialization.Encoding.DER)) for c in certs)
    key_size = getattr(session.certificate.public_key(), "key_size", 4096)
    hex_digits = 2 * (der + key_size // 8) + RESERVE_BASE
    if options.level.needs_timestamp:
        hex_digits += RESERVE_TIMESTAMP
    return hex_digits + hex_digits % 2


def _build_signer(
    session: KeySession,
    options: SignOptions,
    writer: IncrementalPdfFileWriter,
    field_name: str,
    signing_time: dt.datetime,
) -> _Signer:
    level = options.level
    timestamper = (
        HTTPTimeStamper(options.tsa_url, timeout=int(options.network_timeout))
        if level.needs_timestamp and options.tsa_url
        else None
    )
    validation_context = None
    if level.embeds_revocation:
        roots = options.trust_roots or tuple(c for c in session.chain if c.issuer == c.subject)
        validation_context = ValidationContext(
            trust_roots=[to_asn1(c) for c in roots],
            other_certs=[to_asn1(c) for c in session.chain],
            allow_fetching=True,
            revocation_mode="require",
            fetcher_backend=RequestsFetcherBackend(per_request_timeout=options.network_timeout),
        )
    meta = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=pdf_fields.SigSeedSubFilter.PADES,
        reason=options.reason,
        location=options.location,
        contact_info=options.contact,
        certify=options.certify,
        docmdp_permissions=_MDP[options.certify_permission],
        embed_validation_info=level.embeds_revocation,
        use_pades_lta=level is PadesLevel.B_LTA,
        validation_context=validation_context,
        signer_key_usage=set(),  # checked by certcheck: digitalSignature OR nonRepudiation
    )
    style = None
    field_spec = None
    if options.stamp is not None:
        style, field_spec = _visible(session, options, writer, field_name, signing_time)
    return _Signer(
        meta,
        session.signer(),
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=field_spec,
        system_time=signing_time,
    )


_MDP = {
    CertifyPermission.NO_CHANGES: pdf_fields.MDPPerm.NO_CHANGES,
    CertifyPermission.FORM_FILLING: pdf_fields.MDPPerm.FILL_FORMS,
    CertifyPermission.ANNOTATIONS: pdf_fields.MDPPerm.ANNOTATE,
}


def _visible(session, options, writer, field_name, signing_time):  # type: ignore[no-untyped-def]
    stamp_options = options.stamp
    pages = int(writer.root["/Pages"]["/Count"])
    page = stamp_options.page
    index = page - 1 if page > 0 else pages + page
    if not 0 <= index < pages:
        raise SigningError(
            "stamp.bad_page", path=getattr(writer.prev.stream, "name", "?"), page=page, pages=pages
        )
    if stamp_options.box is None:
        left, bottom, right, top = _media_box(writer, index)
        x1, y1, x2, y2 = stamps.default_box(right - left, top - bottom)
        box = (x1 + left, y1 + bottom, x2 + left, y2 + bottom)
    else:
        box = stamp_options.box
    box = tuple(round(v) for v in box)
    font_path = stamps.resolve_font(stamp_options)
    lines = stamps.stamp_lines(
        stamp_options, session.certificate, signing_time, options.reason, stamp_options.language
    )
    fitted = stamps.layout_stamp(lines, box, font_path, seal=stamp_options.seal_image is not None)
    style = stamps.stamp_style(fitted, font_path, stamp_options.seal_image)
    spec = pdf_fields.SigFieldSpec(sig_field_name=field_name, on_page=index, box=box)
    return replace(style, stamp_text=fitted.text.replace("%", "%%")), spec


def _media_box(writer: IncrementalPdfFileWriter, index: int) -> list[float]:
    page = writer.root["/Pages"]
    # walk the page tree to the index-th leaf, inheriting /MediaBox
    inherited = page.get("/MediaBox")
    while True:
        if page.get("/Type") == "/Page" or "/Kids" not in page:
            return [float(v) for v in page.get("/MediaBox", inherited)]
        for kid in page["/Kids"]:
            kid = kid.get_object()
            count = int(kid.get("/Count", 1)) if "/Kids" in kid else 1
            if index < count:
                inherited = kid.get("/MediaBox", inherited)
                page = kid
                break
            index -= count


async def _write(
    pdf_signer: _Signer,
    writer: IncrementalPdfFileWriter,
    dst: Path,
    session: KeySession,
    options: SignOptions,
    source_size: int,
) -> int:
    reserve = _reserve(session, options)
    with atomic_output(dst, overwrite=options.overwrite) as out:
        try:
            await pdf_signer.async_sign_pdf(writer, bytes_reserved=reserve, output=out)
        except PyHankoSigningError as exc:
            if "allocated" not in str(exc):
                raise
            # Our estimate was short (an unusual chain or TSA): let pyHanko size it.
            out.seek(0)
            out.truncate()
            writer = IncrementalPdfFileWriter(writer.prev.stream, strict=False)
            await pdf_signer.async_sign_pdf(writer, output=out)
        out.flush()
        size = out.seek(0, os.SEEK_END)
        if options.self_check:
            self_check(out, dst, session.certificate, appended_from=source_size)
    return size
