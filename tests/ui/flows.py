"""Set-ups the outbox, tracking and payment journeys share: signed dossiers in the profile,
and the application started on a configured sandbox portal with a signed-in clerk."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.catalog_sync import refresh_catalog
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.store import Store
from desktop_app.ui.app import Application
from tests.support.dossiers import ready_dossier
from tests.support.sandbox import register_account
from tests.ui.conftest import write_settings
from tests.ui.journey import WAIT, sign_in


def signed_dossiers(
    profile: Path, portal, pki, tmp_path: Path, *, count: int = 1, size: int = 0
) -> list[str]:
    """``count`` complete dossiers of "Thi tuyển công chức", signed, ready (not queued)."""
    store = Store.open(profile)
    try:
        refresh_catalog(PortalClient(portal.url), CatalogCache(store))
        folder = tmp_path / "signed"
        folder.mkdir(exist_ok=True)
        return [
            ready_dossier(
                store, pki.signer.pkcs12_path, pki.signer.password, folder, size=size,
                queue=False,
            ).id
            for _ in range(count)
        ]  # fmt: skip
    finally:
        store.close()


def started_and_signed_in(
    qtbot, make_app, portal, profile: Path, pki, *, auto_send: bool, **settings
) -> Application:
    """The app on ``portal``, trusting the test PKI's root (the clerk's certificate) and the
    sandbox agency's (its results), a fresh account signed in through the dialog, the local
    data open and the portal online."""
    account = register_account(portal, full_name="Trần Văn Cán Bộ")
    write_settings(
        profile,
        portal__url=portal.url,
        portal__username=account.username,
        sync__auto_send=auto_send,
        signing__trust_roots=[str(pki.root_path), str(portal.agency_root_path)],
        **settings,
    )
    application = make_app()
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    sign_in(qtbot, application, account.username, account.password)
    connection = application.workspace.connection
    qtbot.waitUntil(lambda: connection.state == "online", timeout=WAIT)
    return application
