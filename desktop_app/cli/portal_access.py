"""A signed-in portal client for a command, from the profile's settings and the keyring."""

from __future__ import annotations

import getpass
import os
import sys

from desktop_app.cli.context import CliContext
from desktop_app.core import messages
from desktop_app.core.messages import UserError
from desktop_app.core.portal.auth import token_store_for
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.session import check_portal_url
from desktop_app.core.signatures import make_validator
from desktop_app.core.sync import SyncEngine

PASSWORD_ENV = "DOSSIER_DESK_PASSWORD"

messages.register(
    {
        "cli.no_portal": (
            "Chưa cấu hình cổng dịch vụ công cho hồ sơ cá nhân này. Hãy chạy: dossier-desk "
            "login --portal URL --username TÊN",
            "No portal is configured for this profile. Run: dossier-desk login --portal URL "
            "--username NAME",
        ),
        "cli.no_password": (
            "Cần mật khẩu: nhập khi được hỏi, hoặc đặt biến môi trường DOSSIER_DESK_PASSWORD.",
            "A password is needed: type it when asked, or set DOSSIER_DESK_PASSWORD.",
        ),
        "cli.password_prompt": ("Mật khẩu cho {username}: ", "Password for {username}: "),
    }
)


def read_password(context: CliContext, username: str) -> str:
    """From ``DOSSIER_DESK_PASSWORD`` or the prompt; never echoed, logged or stored."""
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if context.interactive:
        return getpass.getpass(messages.text("cli.password_prompt", username=username))
    raise UserError("cli.no_password")


def client_for(context: CliContext, portal_url: str, username: str) -> PortalClient:
    origin = check_portal_url(portal_url)
    return PortalClient(origin, tokens=token_store_for(origin, username))


def signed_in_client(context: CliContext) -> PortalClient:
    """The profile's portal client, signing in again when no session is kept."""
    url = context.settings.get("portal.url")
    username = context.settings.get("portal.username")
    if not url or not username:
        raise UserError("cli.no_portal")
    client = client_for(context, url, username)
    if client.tokens.load() is None:
        client.login(username, read_password(context, username))
    return client


def engine_for(
    context: CliContext, client: PortalClient, *, chunk_size: int | None = None
) -> SyncEngine:
    settings = context.settings
    return SyncEngine(
        context.store,
        client,
        parallel=settings.get("sync.parallel_uploads"),
        validate=make_validator(settings.get("signing.trust_roots")),
        chunk_size=chunk_size,
    )


def say(text: str) -> None:
    print(text, flush=True)


def warn(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
