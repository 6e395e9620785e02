"""Optional rate limiting (off unless switched on): 429 ``rate_limited`` with Retry-After."""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from sandbox_portal.config import API_PREFIX
from sandbox_portal.errors import error_response


class RateLimitMiddleware:
    """A token bucket per client over ``/api/v1`` (the sandbox extras are not limited)."""

    def __init__(self, app: Any, portal: Any) -> None:
        self.app = app
        self.portal = portal
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        limit = self.portal.rate_limit
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if (
            limit is None
            or not path.startswith(API_PREFIX)
            or path.startswith(f"{API_PREFIX}/sandbox")
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        client = headers.get(b"authorization", b"").decode("latin-1") or str(
            (scope.get("client") or ("?",))[0]
        )
        wait = self._take(client, limit.requests, limit.per_seconds)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            response = error_response(
                429,
                "rate_limited",
                details={"retry_after": seconds},
                headers={"Retry-After": str(seconds)},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _take(self, client: str, capacity: int, per_seconds: float) -> float:
        """Take one token; 0 when allowed, else the seconds until a token is back."""
        rate = capacity / per_seconds
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(client, (float(capacity), now))
            tokens = min(float(capacity), tokens + (now - stamp) * rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / rate
