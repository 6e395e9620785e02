"""Is the portal reachable? Health polling with backoff while it is not."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.errors import PortalError

log = logging.getLogger(__name__)


class ConnectivityMonitor:
    """Polls ``GET /health``: every ``online_interval`` s while up; when down, again after
    ``min_interval`` doubling up to ``max_interval``. ``on_change(online)`` on each flip."""

    def __init__(
        self,
        client: PortalClient,
        on_change: Callable[[bool], None],
        *,
        online_interval: float = 60.0,
        min_interval: float = 2.0,
        max_interval: float = 120.0,
    ) -> None:
        self.client = client
        self.on_change = on_change
        self.online_interval = online_interval
        self.min_interval = min_interval
        self.max_interval = max_interval
        self.online: bool | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        try:
            self.client.health()
            online = True
        except PortalError:
            online = False
        if online != self.online:
            self.online = online
            log.info("portal is %s", "online" if online else "offline")
            self.on_change(online)
        return online

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="connectivity", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """Check again now (after a network error elsewhere, or a user's retry)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        delay = self.min_interval
        while not self._stop.is_set():
            if self.check():
                delay = self.min_interval
                wait = self.online_interval
            else:
                wait = delay
                delay = min(self.max_interval, delay * 2)
            self._wake.wait(wait)
            self._wake.clear()
