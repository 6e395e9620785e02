"""The window's link to the portal: the bundled sandbox or a real portal, the signed-in
account, the connection state. Network calls run on workers (``run_task``); the
connectivity monitor runs on its own thread and reports through a queued signal."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core.portal.auth import token_store_for
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import AuthenticationError, NetworkError, PortalError
from desktop_app.core.portal.session import RetryPolicy, check_portal_url
from desktop_app.core.sync.connectivity import ConnectivityMonitor
from desktop_app.settings import Settings
from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import run_task

log = logging.getLogger(__name__)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"  # the sandbox's public training account, not a secret
SANDBOX_DIR = "sandbox"


class PortalConnection(QObject):
    """Where the portal is, who is signed in, and whether it answers.

    ``state`` is ``starting``, ``online``, ``offline`` or ``failed``; ``sandbox`` says the
    portal is the bundled training sandbox.
    """

    monitor_intervals: tuple[float, float, float] = (60.0, 2.0, 120.0)
    """Health polling of the connectivity monitor: (while online, first retry while
    offline, longest retry while offline), in seconds. Tests shorten them."""

    retry_policy = RetryPolicy()
    """How the portal client retries a failed call (tests make it quick)."""

    state_changed = Signal(str)
    account_changed = Signal(object)  # the /me dict, or None when signed out
    sign_in_needed = Signal()
    problem = Signal(str)  # a sentence for the clerk
    _online_flip = Signal(bool)  # from the monitor's thread

    def __init__(self, settings: Settings, profile: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.profile = Path(profile)
        self.client: PortalClient | None = None
        self.server: Any = None  # sandbox_portal.server.SandboxServer when bundled
        self.me: dict[str, Any] | None = None
        self.username: str | None = None
        self.state = "starting"
        self._monitor: ConnectivityMonitor | None = None
        self._closing = False
        self._online_flip.connect(self._on_online)

    # -- facts ---------------------------------------------------------------------
    @property
    def sandbox(self) -> bool:
        return self.server is not None or self.settings.get("portal.url") is None

    @property
    def origin(self) -> str | None:
        return self.client.origin if self.client else None

    @property
    def signed_in(self) -> bool:
        return self.client is not None and self.client.tokens.load() is not None

    def result_trust_roots(self) -> list[str]:
        """Trust roots for validating results: the settings' plus, on the bundled
        sandbox, its agency root (so training results show as trusted)."""
        roots = list(self.settings.get("signing.trust_roots"))
        if self.server is not None and Path(self.server.agency_root_path).exists():
            roots.append(str(self.server.agency_root_path))
        return roots

    # -- starting ----------------------------------------------------------------------
    def start(self) -> None:
        """Start the bundled sandbox (no portal configured) or use the configured portal."""
        self._set_state("starting")
        url = self.settings.get("portal.url")
        if url is None:
            self._start_sandbox()
            return
        username = self.settings.get("portal.username")
        try:
            origin = check_portal_url(url)
        except PortalError as error:
            self._set_state("failed")
            self.problem.emit(describe(error))
            return
        if not username:
            self.client = PortalClient(origin, policy=self.retry_policy)
            self._start_monitor()
            self.sign_in_needed.emit()
            return
        self.username = username
        self.client = PortalClient(
            origin, tokens=token_store_for(origin, username), policy=self.retry_policy
        )
        self._start_monitor()
        if self.client.tokens.load() is None:
            self.sign_in_needed.emit()
            return
        client = self.client
        run_task(client.me, on_done=self._got_me, on_error=self._me_failed)

    def _start_sandbox(self) -> None:
        data_dir = self.profile / SANDBOX_DIR
        policy = self.retry_policy

        def start() -> tuple[Any, dict[str, Any], PortalClient]:
            from sandbox_portal.server import SandboxServer  # heavy: only on this worker

            server = SandboxServer(data_dir).start()
            try:
                tokens = token_store_for(server.url, DEMO_USERNAME)
                client = PortalClient(server.url, tokens=tokens, policy=policy)
                client.login(DEMO_USERNAME, DEMO_PASSWORD)
                return server, client.me(), client
            except BaseException:
                server.stop()
                raise

        run_task(start, on_done=self._sandbox_started, on_error=self._sandbox_failed)

    def _sandbox_started(self, result: tuple[Any, dict[str, Any], PortalClient]) -> None:
        if self._closing:  # the window closed while the sandbox was starting
            result[0].stop()
            return
        self.server, me, self.client = result
        self.username = DEMO_USERNAME
        self._start_monitor()
        self._got_me(me)

    def _sandbox_failed(self, error: BaseException) -> None:
        self._set_state("failed")
        self.problem.emit(describe(error))

    def _start_monitor(self) -> None:
        if self.client is None or self._monitor is not None:
            return
        online, shortest, longest = self.monitor_intervals
        self._monitor = ConnectivityMonitor(
            self.client,
            self._online_flip.emit,
            online_interval=online,
            min_interval=shortest,
            max_interval=longest,
        )
        self._monitor.start()

    def check_now(self) -> None:
        """Ask the monitor to check the portal now (after a network error elsewhere)."""
        if self._monitor is not None:
            self._monitor.poke()

    def _on_online(self, online: bool) -> None:
        self._set_state("online" if online else "offline")

    def _got_me(self, me: dict[str, Any]) -> None:
        self.me = me
        self.username = me.get("username", self.username)
        self._set_state("online")
        self.account_changed.emit(me)

    def _me_failed(self, error: BaseException) -> None:
        if isinstance(error, AuthenticationError):
            self.sign_in_needed.emit()
            return
        if isinstance(error, NetworkError):
            self._set_state("offline")
            # Still the same account: its session is kept, work goes on offline.
            self.account_changed.emit({"username": self.username})
            return
        self.problem.emit(describe(error))

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- signing in and out --------------------------------------------------------
    def sign_in(self, username: str, password: str, on_done: Any, on_error: Any) -> None:
        """Sign in on a worker; the session goes to the keyring, the password nowhere."""
        if self.client is None:
            on_error(AuthenticationError("portal.not_signed_in"))
            return
        origin, policy = self.client.origin, self.retry_policy

        def login() -> tuple[dict[str, Any], PortalClient]:
            client = PortalClient(origin, tokens=token_store_for(origin, username), policy=policy)
            client.login(username, password)
            return client.me(), client

        def done(result: tuple[dict[str, Any], PortalClient]) -> None:
            me, client = result
            self._replace_client(client)
            if not self.sandbox:
                self.settings.set("portal.username", username)
                settings = self.settings
                run_task(settings.save, on_error=lambda e: self.problem.emit(describe(e)))
            self._got_me(me)
            on_done(me)

        run_task(login, on_done=done, on_error=on_error)

    def _replace_client(self, client: PortalClient) -> None:
        self.client = client
        if self._monitor is not None:
            self._monitor.client = client

    def sign_out(self) -> None:
        if self.client is not None:
            self.client.logout()
        self.me = None
        self.account_changed.emit(None)
        self.sign_in_needed.emit()

    def registration_url(self) -> str | None:
        """A real portal's own registration page (from the province profile, else its
        home page); None on the sandbox, where the app registers by itself."""
        if self.sandbox:
            return None
        profile = self.settings.get("province.profile") or {}
        url = self.settings.get("portal.url")
        return profile.get("registration_url") or self.origin or check_portal_url(url)

    # -- stopping ------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the monitor and the bundled sandbox (at exit)."""
        self._closing = True
        if self._monitor is not None:
            self._monitor.stop()
            self._monitor = None
        if self.server is not None:
            self.server.stop()
            self.server = None
