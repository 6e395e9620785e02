"""``login``, ``catalog refresh``, ``sync`` and ``pay`` (shared/cli.md)."""

from __future__ import annotations

import argparse
import time
import webbrowser

from desktop_app.cli.context import CliContext
from desktop_app.cli.portal_access import (
    client_for,
    engine_for,
    read_password,
    say,
    signed_in_client,
    warn,
)
from desktop_app.core import messages
from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.messages import UserError
from desktop_app.core.portal.errors import (
    AuthenticationError,
    NetworkError,
    PortalError,
    ServerError,
)
from desktop_app.core.sync.payments import payment_link_allowed

messages.register(
    {
        "cli.login_ok": (
            "Đã đăng nhập {username} tại {portal}.",
            "Signed in as {username} at {portal}.",
        ),
        "cli.catalog_ok": (
            "Danh mục thủ tục: {count} thủ tục trên máy ({changed} vừa cập nhật).",
            "Procedure catalogue: {count} procedures here ({changed} just updated).",
        ),
        "cli.catalog_flagged": (
            "{count} hồ sơ nháp có thủ tục đã bị bãi bỏ hoặc thay đổi; hãy xem lại.",
            "{count} draft(s) use a procedure that was retired or changed; review them.",
        ),
        "cli.sync_summary": (
            "Đã gửi {sent}, chờ mạng {waiting}, bị từ chối {refused}; cập nhật {followed} hồ sơ, "
            "nhận {results} kết quả.",
            "Sent {sent}, waiting for the network {waiting}, refused {refused}; {followed} "
            "updated, {results} result(s) received.",
        ),
        "cli.sync_refused": ("Hồ sơ {id} bị từ chối: {reason}", "Dossier {id} refused: {reason}"),
        "cli.sync_waiting": ("Hồ sơ {id} chờ gửi lại: {reason}", "Dossier {id} waits: {reason}"),
        "cli.pay_link": (
            "Thanh toán {amount} đồng cho hồ sơ {id} (mã tham chiếu {reference}, trạng thái "
            "{status}):",
            "Pay {amount} VND for dossier {id} (reference {reference}, status {status}):",
        ),
    }
)


def register(subparsers: argparse._SubParsersAction) -> None:
    login = subparsers.add_parser("login", help="đăng nhập cổng / sign in to the portal")
    login.add_argument("--portal", required=True, help="địa chỉ cổng / portal URL")
    login.add_argument("--username", required=True)
    login.set_defaults(handler=run_login)

    catalog = subparsers.add_parser("catalog", help="danh mục thủ tục / procedure catalogue")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", required=True)
    refresh = catalog_sub.add_parser("refresh", help="tải danh mục / fetch the catalogue")
    refresh.set_defaults(handler=run_catalog_refresh)

    sync = subparsers.add_parser("sync", help="gửi và đồng bộ hồ sơ / send and sync")
    sync.add_argument("--once", action="store_true", help="một lượt rồi dừng / one pass")
    sync.add_argument("--interval", type=float, default=30.0, help=argparse.SUPPRESS)
    # Upload chunk size in bytes (tests and benchmarks: small chunks so that a kill lands
    # in the middle of an upload); hidden, the default is the uploader's.
    sync.add_argument("--chunk-size", type=int, default=None, help=argparse.SUPPRESS)
    sync.set_defaults(handler=run_sync)

    pay = subparsers.add_parser("pay", help="nộp phí, lệ phí / pay the fees")
    pay.add_argument("id")
    pay.add_argument("--open", action="store_true", help="mở trình duyệt / open the browser")
    pay.set_defaults(handler=run_pay)


def run_login(args: argparse.Namespace, context: CliContext) -> int:
    client = client_for(context, args.portal, args.username)
    try:
        client.login(args.username, read_password(context, args.username))
    except PortalError as error:
        warn(error.render())
        return 1
    settings = context.settings
    settings.set("portal.url", client.origin)
    settings.set("portal.username", args.username)
    settings.save()
    say(messages.text("cli.login_ok", username=args.username, portal=client.origin))
    return 0


def run_catalog_refresh(args: argparse.Namespace, context: CliContext) -> int:
    try:
        client = signed_in_client(context)
        cache = CatalogCache(context.store)
        update = refresh_catalog(client, cache)
    except (NetworkError, ServerError) as error:
        warn(error.render())
        return 3
    say(messages.text("cli.catalog_ok", count=cache.count(), changed=len(update.changed)))
    if update.flagged_drafts:
        say(messages.text("cli.catalog_flagged", count=len(update.flagged_drafts)))
    return 0


def run_sync(args: argparse.Namespace, context: CliContext) -> int:
    try:
        client = signed_in_client(context)
    except (NetworkError, ServerError) as error:
        # Without a kept session, signing in is the first call: the portal being out of
        # reach then is "waits for the network" (3), as it is for a send.
        warn(error.render())
        return 3
    engine = engine_for(context, client, chunk_size=args.chunk_size)
    while True:
        try:
            summary = engine.run_once(only_due=not args.once)
        except AuthenticationError as error:
            warn(error.render())
            return 1
        for result in summary.batch.results:
            if result.error is None:
                continue
            key = "cli.sync_refused" if result.outcome == "refused" else "cli.sync_waiting"
            warn(messages.text(key, id=result.dossier_id, reason=result.error.render()))
        if summary.batch.stopped_by is not None:
            warn(summary.batch.stopped_by.render())
        if summary.follow_error is not None:
            warn(summary.follow_error.render())
        say(
            messages.text(
                "cli.sync_summary",
                sent=summary.batch.sent,
                waiting=summary.batch.waiting,
                refused=summary.batch.refused,
                followed=summary.followed,
                results=summary.results,
            )
        )
        if args.once:
            return summary.exit_status
        time.sleep(args.interval)


def run_pay(args: argparse.Namespace, context: CliContext) -> int:
    client = signed_in_client(context)
    engine = engine_for(context, client)
    payment = engine.payments.pay(args.id)
    say(
        messages.text(
            "cli.pay_link",
            amount=f"{payment.amount_vnd:,}".replace(",", "."),
            id=args.id,
            reference=payment.reference,
            status=payment.status,
        )
    )
    allowed = context.settings.get("portal.allowed_payment_origins")
    if not payment.pay_url or not payment_link_allowed(payment.pay_url, client.origin, allowed):
        raise UserError("payment.link_refused", url=payment.pay_url or "—")
    say(payment.pay_url)
    if args.open:
        webbrowser.open(payment.pay_url)
    return 0
