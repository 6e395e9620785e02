"""The one HTTP session factory and the one retry policy of the portal client."""

from __future__ import annotations

import ipaddress
import random
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from desktop_app import __version__
from desktop_app.core.portal.errors import ConfigurationError

API_PREFIX = "/api/v1"


def is_loopback(host: str) -> bool:
    if host in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_portal_url(url: str) -> str:
    """The portal's origin (``scheme://host[:port]``). HTTPS, except for a loopback sandbox."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError("portal.insecure_url", url=url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigurationError("portal.insecure_url", url=url)
    return f"{parts.scheme}://{parts.netloc}"


def make_session(pool_size: int = 8) -> requests.Session:
    """A session for one portal. TLS verification stays on (requests' default, never
    turned off); retries are ours (:class:`RetryPolicy`), not urllib3's."""
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = f"DossierDesk/{__version__}"
    session.headers["Accept"] = "application/json"
    session.trust_env = True  # office proxies configured in the environment still work
    return session


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 30.0
    submit: float = 90.0  # the contract: at least 60 s for signature checks
    upload_chunk: float = 120.0


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter; ``Retry-After`` wins when the portal sends it."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0
    retry_after_cap: float = 300.0

    def delay(
        self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        """Seconds to wait before attempt number ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_cap)
        ceiling = min(self.cap, self.base * (2 ** (attempt - 1)))
        return (rng or random).uniform(0, ceiling)


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from this portal; fall back to our backoff
