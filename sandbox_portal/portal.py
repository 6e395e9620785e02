"""The running portal's parts, built once per start and shared by every request."""

from __future__ import annotations

import secrets
import threading
from collections import defaultdict

from sandbox_portal.agency_pki import AgencySigner
from sandbox_portal.catalogue import Catalogue
from sandbox_portal.config import RateLimit, SandboxConfig
from sandbox_portal.idempotency import IdempotencyStore
from sandbox_portal.storage import Database, Folders


class Portal:
    """Storage, catalogue, secrets and locks of one sandbox portal."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.folders = Folders(config.data_dir)
        self.folders.create()
        self.db = Database(self.folders.database)
        self.catalogue = Catalogue(self.db, config.catalogue_path)
        self.idempotency = IdempotencyStore(self.db, config.idempotency_days)
        self.idempotency.start_up()
        main_agency = self.catalogue.agency("000.00.20.H34")
        self.agency_signer = AgencySigner(self.folders.agency, main_agency.name)
        self.agency_signer.ensure()
        self.cursor_key = self._secret("secret.cursor")
        self.gateway_secret = self._secret("secret.gateway")
        self.page_key = self._secret("secret.pay_page")
        self.gateway_terminal = "SBXKONTUM"
        self.rate_limit: RateLimit | None = config.rate_limit
        self.internal_origin: str | None = None
        """Where the portal reaches itself (the simulated gateway calls back here)."""
        self._upload_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._locks_guard = threading.Lock()
        self.dossier_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)

    def _secret(self, name: str) -> str:
        value = self.db.get_meta(name)
        if value is None:
            value = secrets.token_hex(32)
            self.db.set_meta(name, value)
        return value

    def upload_lock(self, file_id: str) -> threading.Lock:
        """The lock that makes PATCHes of one upload run one at a time."""
        with self._locks_guard:
            return self._upload_locks[file_id]

    def dossier_lock(self, dossier_id: str) -> threading.Lock:
        """The lock that makes slow checks of one dossier (submit) run one at a time."""
        with self._locks_guard:
            return self.dossier_locks[dossier_id]

    def close(self) -> None:
        self.db.close()
