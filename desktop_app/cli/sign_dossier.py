"""``dossier-desk sign --dossier ID|all``: sign every PDF that its component requires signed
and that is not signed yet, in editable dossiers, with one key session (one PIN)."""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.context import CliContext
from desktop_app.cli.sign_cmd import open_key, sign_options, trust_roots
from desktop_app.core import messages
from desktop_app.core.dossier import EDITABLE
from desktop_app.core.dossier_signing import files_to_sign, sign_files
from desktop_app.core.signatures import make_validator
from desktop_app.core.store.dossiers import DossierRepository
from signing import SigningError

messages.register(
    {
        "cli.sign_dossier.nothing": (
            "Không có tệp nào cần ký trong hồ sơ đã chọn.",
            "Nothing to sign in the chosen dossier(s).",
        ),
        "cli.sign_dossier.ok": (
            "ĐÃ KÝ   hồ sơ {dossier} – {component}: {name}",
            "SIGNED  dossier {dossier} – {component}: {name}",
        ),
        "cli.sign_dossier.failed": (
            "LỖI     hồ sơ {dossier} – {component}: {name}: {reason}",
            "FAILED  dossier {dossier} – {component}: {name}: {reason}",
        ),
        "cli.sign_dossier.summary": (
            "{ok}/{total} tệp đã ký.",
            "{ok}/{total} files signed.",
        ),
    }
)


def sign_dossiers(args: argparse.Namespace, context: CliContext) -> int:
    store = context.store
    repo = DossierRepository(store)
    ids = repo.ids(EDITABLE) if args.dossier == "all" else [args.dossier]
    if args.dossier != "all":
        repo.get(args.dossier)  # an unknown id says so
    items = files_to_sign(store, ids)
    if not items:
        print(messages.text("cli.sign_dossier.nothing"))
        return 0
    language = context.language
    try:
        roots = trust_roots(args, context)
        options = sign_options(args, context, roots)
        session = open_key(args, context)
    except SigningError as error:
        print(error.render(language), file=sys.stderr)
        return 1
    validate = make_validator(context.settings.get("signing.trust_roots"))
    with session:
        try:
            outcomes = sign_files(store, items, session, options, validate=validate)
        except SigningError as error:
            print(error.render(language), file=sys.stderr)
            return 1
    for outcome in outcomes:
        item = outcome.item
        params = {"dossier": item.dossier_id, "component": item.component_code}
        if outcome.ok:
            print(messages.text("cli.sign_dossier.ok", name=item.original_name, **params))
        else:
            reason = outcome.problem.render(language) if outcome.problem else "?"
            print(
                messages.text(
                    "cli.sign_dossier.failed", name=item.original_name, reason=reason, **params
                )
            )
    signed = sum(1 for o in outcomes if o.ok)
    print(messages.text("cli.sign_dossier.summary", ok=signed, total=len(outcomes)))
    return 0 if signed == len(outcomes) else 1
