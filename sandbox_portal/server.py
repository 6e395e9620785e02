"""``SandboxServer``: the sandbox portal on a loopback port, in a background thread.

The embedding API the app's default mode and every client test use; keep it stable::

    server = SandboxServer(tmp_path / "portal", pace=0, seed=1, access_token_ttl=5)
    server.start()            # returns once it listens; server.url == "http://127.0.0.1:PORT"
    ...
    server.stop()             # closes the port; start() again reuses the same data and port

Also a context manager. ``pace=0`` leaves the officer to the hand (``/sandbox/officer``,
or :meth:`SandboxServer.officer_tick` for one deterministic round).
"""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from sandbox_portal.config import API_PREFIX, DEFAULT_CATALOGUE, RateLimit, SandboxConfig

log = logging.getLogger(__name__)


class SandboxServer:
    """A sandbox portal serving ``data_dir`` on ``host:port`` (port 0: a free one)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        pace: float = 20.0,
        demo: bool = True,
        seed: int | None = None,
        access_token_ttl: int = 900,
        rate_limit: RateLimit | None = None,
        catalogue_path: Path | None = None,
        payment_ttl: int = 30 * 60,
        lockout_threshold: int = 5,
        lockout_seconds: int = 300,
    ) -> None:
        self.host = host
        self.port = port
        self.config = SandboxConfig(
            data_dir=Path(data_dir),
            pace=pace,
            demo=demo,
            seed=seed,
            access_token_ttl=access_token_ttl,
            rate_limit=rate_limit,
            catalogue_path=Path(catalogue_path) if catalogue_path else DEFAULT_CATALOGUE,
            payment_ttl=payment_ttl,
            lockout_threshold=lockout_threshold,
            lockout_seconds=lockout_seconds,
        )
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        self.portal: Any = None
        self.officer: Any = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._rate_limit = rate_limit

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> SandboxServer:
        """Open the data folder, start listening and the officer; returns once listening."""
        if self._thread is not None:
            return self
        from sandbox_portal.accounts import ensure_demo_account
        from sandbox_portal.app import create_app
        from sandbox_portal.officer import Officer
        from sandbox_portal.portal import Portal

        sock = self._bind()
        try:
            portal = Portal(self.config)
            portal.rate_limit = self._rate_limit
            if self.config.demo:
                ensure_demo_account(portal)
            app = create_app(portal)
        except BaseException:
            sock.close()
            raise
        portal.internal_origin = self._origin(internal=True)
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=1,
            timeout_keep_alive=5,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="sandbox-portal", daemon=True
        )
        self.portal, self._server, self._thread, self._socket = portal, server, thread, sock
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox portal did not start")
            time.sleep(0.01)
        self.officer = Officer(portal, self.config.pace, self.seed)
        self.officer.start()
        return self

    def stop(self) -> None:
        """Stop the officer and the server, close the port and the database."""
        if self.officer is not None:
            self.officer.stop()
            self.officer = None
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
        if self.portal is not None:
            self.portal.close()
        self.portal = self._server = self._thread = self._socket = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ------------------------------------------------------------------ addresses

    @property
    def url(self) -> str:
        """The portal's origin, e.g. ``http://127.0.0.1:8765`` (the API is under /api/v1)."""
        return self._origin(internal=False)

    @property
    def api_url(self) -> str:
        """``url`` + ``/api/v1``."""
        return self.url + API_PREFIX

    @property
    def agency_root_path(self) -> Path:
        """PEM of the sandbox agency's root: trust it to see results as trusted."""
        return self.config.data_dir / "agency" / "agency-root.pem"

    def _origin(self, *, internal: bool) -> str:
        host = self.host
        if internal and host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif internal and host == "::":
            host = "::1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        sock.listen(128)
        sock.set_inheritable(True)
        self.port = sock.getsockname()[1]
        return sock

    # ------------------------------------------------------------------ test hooks

    def set_rate_limit(self, limit: RateLimit | None) -> None:
        """Switch rate limiting on (a :class:`RateLimit`) or off (None), even while running."""
        self._rate_limit = limit
        if self.portal is not None:
            self.portal.rate_limit = limit

    def officer_tick(self) -> int:
        """One deterministic round of the simulated officer, by hand; dossiers moved."""
        from sandbox_portal.officer import Officer

        assert self.portal is not None, "start the server first"
        return Officer(self.portal, 0, self.seed).tick()
