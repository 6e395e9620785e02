"""``dossier-desk sign`` and ``dossier-desk verify`` (shared/cli.md).

``sign FILE.pdf... (-o OUT.pdf | --out-dir DIR)`` signs standalone PDFs with one key
session for the whole batch. ``verify FILE.pdf... [--trust CERT.pem]... [--json]``
validates signatures: exit 0 when every file's signatures are all intact, 1 otherwise.
``sign --dossier ID|all`` signs the files of stored dossiers instead
(:mod:`desktop_app.cli.sign_dossier`), sharing :func:`add_signing_options` and
:func:`open_key`.

Passwords and PINs come from ``DOSSIER_DESK_PKCS12_PASSWORD`` / ``DOSSIER_DESK_PIN`` or
a prompt; with neither, the command stops and says so. They are never printed or logged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import signing
from desktop_app.cli.context import CliContext
from desktop_app.core import messages
from signing import PadesLevel, SigningError, SignOptions, StampOptions

VIETNAM = dt.timezone(dt.timedelta(hours=7))
PKCS12_PASSWORD_ENV = "DOSSIER_DESK_PKCS12_PASSWORD"
PIN_ENV = "DOSSIER_DESK_PIN"

messages.register(
    {
        "cli.sign.prompt_pkcs12": (
            "Mật khẩu tệp chứng thư số {name}: ",
            "Password of the certificate file {name}: ",
        ),
        "cli.sign.prompt_pin": (
            "Mã PIN của token {name}: ",
            "PIN of the token {name}: ",
        ),
        "cli.sign.what_password": ("mật khẩu tệp PKCS#12", "the PKCS#12 password"),
        "cli.sign.what_pin": ("mã PIN của token", "the token PIN"),
        "cli.sign.no_key": (
            "Hãy chọn khoá ký: --pkcs12 TỆP hoặc --pkcs11-lib THƯ_VIỆN.",
            "Choose a signing key: --pkcs12 FILE or --pkcs11-lib LIBRARY.",
        ),
        "cli.sign.dossier_or_files": (
            "Dùng một trong hai: sign TỆP.pdf... (-o RA.pdf | --out-dir THƯ_MỤC), hoặc "
            "sign --dossier MÃ|all.",
            "Use one of: sign FILE.pdf... (-o OUT.pdf | --out-dir DIR), or sign --dossier ID|all.",
        ),
        "cli.sign.one_output": (
            "-o chỉ dùng khi ký một tệp; với nhiều tệp hãy dùng --out-dir THƯ_MỤC.",
            "-o is for one file; for several files use --out-dir DIR.",
        ),
        "cli.sign.ok": (
            "ĐÃ KÝ   {source} -> {output} ({signer}, {level})",
            "SIGNED  {source} -> {output} ({signer}, {level})",
        ),
        "cli.sign.failed": ("LỖI     {source}: {reason}", "FAILED  {source}: {reason}"),
        "cli.sign.warning": ("Lưu ý: {text}", "Note: {text}"),
        "cli.sign.summary": (
            "{ok}/{total} tệp đã ký.",
            "{ok}/{total} files signed.",
        ),
        "cli.verify.intact": ("NGUYÊN VẸN", "INTACT"),
        "cli.verify.not_intact": ("KHÔNG NGUYÊN VẸN", "NOT INTACT"),
        "cli.verify.file": ("{file}: {verdict}", "{file}: {verdict}"),
        "cli.verify.signature": (
            "  - {field}: {signer}; ký lúc {time}; {level}; {trust}; phạm vi: {coverage}",
            "  - {field}: {signer}; signed {time}; {level}; {trust}; coverage: {coverage}",
        ),
        "cli.verify.trusted": ("tin cậy", "trusted"),
        "cli.verify.untrusted": ("chưa xác định được tin cậy", "not trusted"),
        "cli.verify.problem": ("    ! {text}", "    ! {text}"),
    }
)


# ---------------------------------------------------------------------------- parsers


def add_signing_options(parser: argparse.ArgumentParser) -> None:
    """The signing options shared by every ``sign`` form (shared/cli.md)."""
    key = parser.add_argument_group("khoá ký / signing key")
    key.add_argument("--pkcs12", metavar="FILE", type=Path, help="tệp .p12/.pfx")
    key.add_argument("--pkcs11-lib", metavar="LIB", type=Path, help="thư viện PKCS#11")
    key.add_argument("--token", metavar="LABEL", help="nhãn token / token label")
    key.add_argument("--key", metavar="LABEL", help="nhãn khoá / key label")
    how = parser.add_argument_group("chữ ký / signature")
    how.add_argument("--tsa", metavar="URL", help="máy chủ dấu thời gian (PAdES B-T)")
    how.add_argument(
        "--ltv", action=argparse.BooleanOptionalAction, default=None, help="PAdES B-LT"
    )
    how.add_argument("--lta", action="store_true", help="PAdES B-LTA (dấu thời gian tài liệu)")
    how.add_argument("--certify", action="store_true", help="chữ ký chứng thực (DocMDP)")
    how.add_argument(
        "--trust",
        metavar="CERT.pem",
        type=Path,
        action="append",
        default=[],
        help="thêm chứng thư gốc tin cậy / add a trusted root",
    )
    how.add_argument("--stamp", action=argparse.BooleanOptionalAction, default=None)
    how.add_argument("--page", type=int, help="trang đặt hình chữ ký (1 = đầu, -1 = cuối)")
    how.add_argument("--reason", help="lý do ký")
    how.add_argument("--location", help="nơi ký")


def register(subparsers: argparse._SubParsersAction) -> None:
    sign = subparsers.add_parser(
        "sign",
        help="ký số tệp PDF / sign PDF files",
        description="Ký số (PAdES) các tệp PDF. / Sign PDF files (PAdES).",
    )
    sign.add_argument("files", nargs="*", type=Path, metavar="FILE.pdf")
    out = sign.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", type=Path, metavar="OUT.pdf")
    out.add_argument("--out-dir", type=Path, metavar="DIR")
    sign.add_argument(
        "--dossier",
        metavar="ID|all",
        help="ký các tệp hồ sơ cần ký / sign the files a dossier must have signed",
    )
    add_signing_options(sign)
    sign.set_defaults(handler=sign_handler)

    verify = subparsers.add_parser(
        "verify",
        help="kiểm tra chữ ký số / validate signatures",
        description="Kiểm tra chữ ký số trong tệp PDF. / Validate the signatures of PDFs.",
    )
    verify.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf")
    verify.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT.pem")
    verify.add_argument("--json", action="store_true", help="một đối tượng JSON mỗi tệp")
    verify.set_defaults(handler=verify_handler)


# ---------------------------------------------------------------------------- shared


def _quiet_pyhanko() -> None:
    """pyHanko logs expected validation failures (an untrusted chain...) with tracebacks;
    the report already says it in words. Keep them out of the terminal unless the
    application configured logging."""
    logger = logging.getLogger("pyhanko")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def _say(key: str, **params: Any) -> str:
    return messages.text(key, **params)


def _fail(error: SigningError, language: str) -> int:
    print(error.render(language), file=sys.stderr)
    return 1


def trust_roots(args: argparse.Namespace, context: CliContext) -> tuple:
    """Roots from the settings plus ``--trust`` (raises SigningError if unreadable)."""
    paths = [Path(p) for p in context.settings.get("signing.trust_roots")]
    return signing.load_trust_roots([*paths, *args.trust])


def _secret(env: str, prompt_key: str, what_key: str, name: str, context: CliContext):
    """A function that returns the secret when the key source needs it."""

    def ask() -> str:
        value = os.environ.get(env)
        if value:
            return value
        if context.interactive:
            return getpass.getpass(_say(prompt_key, name=name))
        raise SigningError("key.secret_missing", what=_say(what_key), env=env)

    return ask


def open_key(args: argparse.Namespace, context: CliContext) -> signing.KeySession:
    """Open the key named by the options: one password prompt or token login."""
    if args.pkcs12 is not None:
        password = _secret(
            PKCS12_PASSWORD_ENV,
            "cli.sign.prompt_pkcs12",
            "cli.sign.what_password",
            args.pkcs12.name,
            context,
        )
        return signing.Pkcs12KeySource(args.pkcs12, password).open()
    module = args.pkcs11_lib
    if module is None:
        configured = context.settings.get("signing.pkcs11_modules")
        if len(configured) != 1:
            raise messages.UserError("cli.sign.no_key")
        module = Path(configured[0])
    from signing.pkcs11 import Pkcs11KeySource

    pin = _secret(
        PIN_ENV, "cli.sign.prompt_pin", "cli.sign.what_pin", args.token or module.name, context
    )
    return Pkcs11KeySource(module, pin=pin, token_label=args.token, key_label=args.key).open()


def sign_options(args: argparse.Namespace, context: CliContext, roots: tuple) -> SignOptions:
    tsa = args.tsa or context.settings.get("signing.tsa_url")
    ltv = args.ltv if args.ltv is not None else bool(context.settings.get("signing.ltv"))
    if args.lta:
        level = PadesLevel.B_LTA
    elif ltv:
        level = PadesLevel.B_LT
    elif tsa:
        level = PadesLevel.B_T
    else:
        level = PadesLevel.B_B
    stamp_wanted = args.stamp if args.stamp is not None else args.page is not None
    stamp = StampOptions(page=args.page or 1) if stamp_wanted else None
    return SignOptions(
        level=level,
        tsa_url=tsa,
        reason=args.reason,
        location=args.location,
        stamp=stamp,
        certify=args.certify,
        trust_roots=roots,
    )


# ---------------------------------------------------------------------------- sign


def sign_handler(args: argparse.Namespace, context: CliContext) -> int:
    _quiet_pyhanko()
    language = context.language
    if args.dossier is not None:
        if args.files or args.output or args.out_dir:
            raise messages.UserError("cli.sign.dossier_or_files")
        from desktop_app.cli.sign_dossier import sign_dossiers

        return sign_dossiers(args, context)
    if not args.files or (args.output is None and args.out_dir is None):
        raise messages.UserError("cli.sign.dossier_or_files")
    if args.output is not None and len(args.files) != 1:
        raise messages.UserError("cli.sign.one_output")
    if args.out_dir is not None:
        args.out_dir.mkdir(parents=True, exist_ok=True)
        items = [(src, args.out_dir / src.name) for src in args.files]
    else:
        items = [(args.files[0], args.output)]
    try:
        roots = trust_roots(args, context)
        options = sign_options(args, context, roots)
        session = open_key(args, context)
    except SigningError as error:
        return _fail(error, language)
    with session:

        def report(step: signing.BatchProgress) -> None:
            result = step.result
            if result.ok:
                print(
                    _say(
                        "cli.sign.ok",
                        source=result.source,
                        output=result.output,
                        signer=result.signer_name,
                        level=result.level.value if result.level else "?",
                    ),
                    flush=True,
                )
            else:
                reason = result.problem.render(language) if result.problem else "?"
                print(_say("cli.sign.failed", source=result.source, reason=reason), flush=True)

        try:
            results = signing.sign_batch(items, session, options, progress=report)
        except SigningError as error:
            return _fail(error, language)
    warnings = {w.key: w for r in results for w in r.warnings}
    for warning in warnings.values():
        print(_say("cli.sign.warning", text=warning.render(language)), file=sys.stderr)
    signed = sum(1 for r in results if r.ok)
    print(_say("cli.sign.summary", ok=signed, total=len(results)))
    return 0 if signed == len(results) else 1


# ---------------------------------------------------------------------------- verify


def verify_handler(args: argparse.Namespace, context: CliContext) -> int:
    _quiet_pyhanko()
    language = context.language
    try:
        roots = trust_roots(args, context)
    except SigningError as error:
        return _fail(error, language)
    all_intact = True
    for path in args.files:
        report = signing.validate_pdf(path, trust_roots=roots)
        all_intact = all_intact and report.all_intact
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False), flush=True)
        else:
            _print_report(report, language)
    return 0 if all_intact else 1


def _print_report(report: signing.ValidationReport, language: str) -> None:
    verdict = _say("cli.verify.intact" if report.all_intact else "cli.verify.not_intact")
    print(_say("cli.verify.file", file=report.source, verdict=verdict))
    for sig in report.signatures:
        moment = sig.timestamp.time if sig.timestamp else sig.signing_time
        print(
            _say(
                "cli.verify.signature",
                field=sig.field_name,
                signer=sig.signer_name or "?",
                time=moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S (GMT+7)")
                if moment
                else "?",
                level=sig.level,
                trust=_say("cli.verify.trusted" if sig.trusted else "cli.verify.untrusted"),
                coverage=sig.coverage,
            )
        )
    for problem in report.problems:
        print(_say("cli.verify.problem", text=problem.render(language)))
