"""``import``, ``export``, ``queue`` and ``list`` (shared/cli.md)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop_app.cli.context import CliContext
from desktop_app.cli.portal_access import say, warn
from desktop_app.core import messages
from desktop_app.core.dossier import State
from desktop_app.core.packages import (
    SUFFIX,
    export_dossier,
    import_csv_rows,
    import_package,
    plan_csv,
)
from desktop_app.core.queueing import queue_dossier
from desktop_app.core.signatures import make_probe
from desktop_app.core.store.dossiers import DossierRepository

messages.register(
    {
        "cli.queue_refused": (
            "Hồ sơ {id} chưa sẵn sàng:",
            "Dossier {id} is not ready:",
        ),
        "cli.exported": ("Đã xuất {path}", "Exported {path}"),
    }
)


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser("import", help="nhập gói hồ sơ hoặc CSV / import packages or CSV")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.set_defaults(handler=run_import)

    exp = subparsers.add_parser("export", help="xuất gói hồ sơ / export dossier packages")
    exp.add_argument("ids", nargs="+")
    exp.add_argument("-o", "--out", required=True, type=Path)
    exp.set_defaults(handler=run_export)

    queue = subparsers.add_parser("queue", help="đưa hồ sơ vào hàng đợi gửi / queue dossiers")
    queue.add_argument("ids", nargs="*")
    queue.add_argument("--all", action="store_true")
    queue.set_defaults(handler=run_queue)

    listing = subparsers.add_parser("list", help="danh sách hồ sơ / list dossiers")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def run_import(args: argparse.Namespace, context: CliContext) -> int:
    store = context.store
    probe = make_probe(context.settings.get("signing.trust_roots"))
    refused = False
    for path in args.paths:
        if path.suffix.lower() == ".csv":
            outcomes = import_csv_rows(store, plan_csv(store, path), probe)
        else:
            outcomes = [import_package(store, path, probe)]
        for outcome in outcomes:
            if outcome.problem is not None and not outcome.dossier_id:
                warn(f"{outcome.source}: {outcome.problem.render()}")
                refused = True
                continue
            say(f"{outcome.dossier_id} {outcome.state or '-'}")
            if outcome.problem is not None:
                warn(f"{outcome.source}: {outcome.problem.render()}")
                refused = refused or outcome.problem.message.key != "package.exists"
    return 1 if refused else 0


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    for dossier_id in args.ids:
        path = export_dossier(context.store, dossier_id, args.out)
        say(messages.text("cli.exported", path=path))
    return 0


def run_queue(args: argparse.Namespace, context: CliContext) -> int:
    store = context.store
    repo = DossierRepository(store)
    ids = repo.ids([State.DRAFT, State.READY]) if args.all else args.ids
    not_ready = False
    for dossier_id in ids:
        dossier, problems = queue_dossier(store, dossier_id)
        say(f"{dossier.id} {dossier.state.value}")
        if problems:
            not_ready = True
            warn(messages.text("cli.queue_refused", id=dossier.id))
            for problem in problems:
                warn(f"  - {problem.render()}")
    return 1 if not_ready else 0


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    db = context.store.db
    rows = db.execute(
        "SELECT d.id, d.procedure_code, d.state, d.portal_code, d.portal_status,"
        " d.portal_status_label, d.updated_at, json_extract(d.applicant, '$.full_name'),"
        " (SELECT p.status FROM payments p WHERE p.dossier_id = d.id"
        "  ORDER BY p.created_at DESC, p.reference DESC LIMIT 1)"
        " FROM dossiers d ORDER BY d.created_at, d.id"
    ).fetchall()
    items = [
        {
            "id": r[0],
            "client_id": r[0],
            "procedure_code": r[1],
            "state": r[2],
            "portal_code": r[3],
            "status": r[4],
            "status_label": r[5],
            "updated_at": r[6],
            "applicant": r[7],
            "payment_status": r[8],
        }
        for r in rows
    ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False))
        return 0
    for item in items:
        say(
            f"{item['id']}  {item['state']:<11} {item['portal_code'] or '-':<28} "
            f"{item['status'] if item['status'] is not None else '-':>2}  "
            f"{item['payment_status'] or '-':<9} {item['applicant'] or ''}"
        )
    return 0


__all__ = ["SUFFIX", "register"]
