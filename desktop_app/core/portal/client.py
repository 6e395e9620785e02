"""The client of shared/portal-api.md: every call, one retry policy, one error mapping.

A call either returns the parsed answer or raises a :class:`PortalError` subclass that
says what to do (retry later, sign in, fix the dossier). Retries happen here and only
here: connection failures, timeouts, 5xx, 429 and 503 are retried with backoff (honouring
``Retry-After``); a ``401 invalid_token`` refreshes the session once and retries once.
Calls that change something carry an ``Idempotency-Key`` that the caller committed first,
so a retry can never create a second dossier or payment.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

import requests

from desktop_app.core.portal.auth import MemoryTokenStore, Tokens, TokenStore
from desktop_app.core.portal.errors import (
    AuthenticationError,
    Cancelled,
    ConfigurationError,
    NetworkError,
    PortalError,
    ServerError,
    from_response,
)
from desktop_app.core.portal.session import (
    API_PREFIX,
    RetryPolicy,
    Timeouts,
    check_portal_url,
    make_session,
    parse_retry_after,
)

log = logging.getLogger(__name__)

_TRANSPORT_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    # A connection cut while the answer's body arrives: requests does not call it a
    # ConnectionError, but it is one (the server may well have done the work).
    requests.exceptions.ChunkedEncodingError,
)


class PortalClient:
    """One portal, one account."""

    def __init__(
        self,
        portal_url: str,
        *,
        tokens: TokenStore | None = None,
        session: requests.Session | None = None,
        timeouts: Timeouts = Timeouts(),
        policy: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.origin = check_portal_url(portal_url)
        self.api = self.origin + API_PREFIX
        self.tokens = tokens or MemoryTokenStore()
        self.session = session or make_session()
        self.timeouts = timeouts
        self.policy = policy
        self._sleep = sleep
        self._cancelled = cancelled or (lambda: False)
        self._local = threading.local()
        self._refresh_lock = threading.Lock()
        self._rng = random.Random()

    @contextlib.contextmanager
    def cancellable(self, check: Callable[[], bool]) -> Iterator[None]:
        """Calls made by this thread inside the block raise :class:`Cancelled` once
        ``check()`` is true, also while waiting to retry. Other threads' calls (a
        catalogue refresh beside a batch) are not affected."""
        previous = getattr(self._local, "check", None)
        self._local.check = check
        try:
            yield
        finally:
            self._local.check = previous

    def _is_cancelled(self) -> bool:
        check = getattr(self._local, "check", None)
        return self._cancelled() or bool(check is not None and check())

    # -- the one request path -------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        idempotency_key: str | None = None,
        params: dict[str, Any] | None = None,
        timeout: float | None = None,
        retry: bool = True,
        stream: bool = False,
        ok: tuple[int, ...] = (200, 201, 204),
    ) -> requests.Response:
        """Send one API call with the retry policy; returns a response whose status is in
        ``ok`` (or 304 when asked with If-None-Match), else raises :class:`PortalError`."""
        url = self._url(path)
        attempt = 0
        refreshed = False
        while True:
            attempt += 1
            if self._is_cancelled():
                raise Cancelled()
            call_headers = dict(headers or {})
            if idempotency_key is not None:
                call_headers["Idempotency-Key"] = idempotency_key
            if auth:
                used = self._tokens_for_call()
                call_headers["Authorization"] = f"Bearer {used.access_token}"
            try:
                response = self.session.request(
                    method,
                    url,
                    json=json,
                    data=data,
                    headers=call_headers,
                    params=params,
                    timeout=(self.timeouts.connect, timeout or self.timeouts.read),
                    stream=stream,
                    allow_redirects=False,
                )
            except requests.exceptions.SSLError as exc:
                raise ConfigurationError("portal.tls", url=self.origin) from exc
            except _TRANSPORT_ERRORS as exc:
                error = NetworkError("portal.network", detail=_short(exc))
                if retry and attempt < self.policy.attempts:
                    self._wait(attempt, None)
                    continue
                raise error from exc
            if response.status_code in ok or response.status_code == 304:
                return response
            body = _json_or_none(response)
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            error = from_response(response.status_code, body, retry_after)
            response.close()
            if auth and error.code == "invalid_token" and not refreshed:
                refreshed = True
                # Only if no other thread refreshed since this call took its token.
                self.refresh(expected=used)
                continue
            if retry and error.retryable and attempt < self.policy.attempts:
                self._wait(attempt, retry_after)
                continue
            raise error

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            # Upload, result and receipt URLs must stay on the portal's origin, so the
            # token never leaves it.
            parts = urlsplit(path)
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                raise ConfigurationError("portal.insecure_url", url=path)
            return path
        if path.startswith(API_PREFIX):
            return urljoin(self.origin, path)
        if path.startswith("/"):
            return self.api + path
        return self.api + "/" + path

    def _wait(self, attempt: int, retry_after: float | None) -> None:
        delay = self.policy.delay(attempt, retry_after, self._rng)
        log.info("portal: retry %d in %.1fs", attempt, delay)
        end = time.monotonic() + delay
        while (left := end - time.monotonic()) > 0:
            if self._is_cancelled():
                raise Cancelled()
            self._sleep(min(left, 0.25))

    def _tokens_for_call(self) -> Tokens:
        tokens = self.tokens.load()
        if tokens is None:
            raise AuthenticationError("portal.not_signed_in")
        if tokens.refresh_due(time.time()):
            tokens = self.refresh(expected=tokens)
        return tokens

    # -- accounts and session -------------------------------------------------------
    def health(self, timeout: float = 5.0) -> dict[str, Any]:
        return self.request("GET", "/health", auth=False, timeout=timeout, retry=False).json()

    def register(self, **account: Any) -> dict[str, Any]:
        return self.request("POST", "/accounts", json=account, auth=False, retry=False).json()

    def confirm(self, token: str) -> dict[str, Any]:
        return self.request("POST", "/accounts/confirm", json={"token": token}, auth=False).json()

    def login(self, username: str, password: str) -> Tokens:
        """Sign in; the tokens go to the token store, the password nowhere."""
        response = self.request(
            "POST",
            "/auth/token",
            json={"username": username, "password": password},
            auth=False,
        )
        tokens = Tokens.from_response(_json_object(response))
        self.tokens.save(tokens)
        return tokens

    def refresh(self, expected: Tokens | None = None) -> Tokens:
        """Trade the refresh token for new tokens; one thread at a time (the old refresh
        token stops working once used)."""
        with self._refresh_lock:
            current = self.tokens.load()
            if current is None:
                raise AuthenticationError("portal.not_signed_in")
            if expected is not None and current.access_token != expected.access_token:
                return current  # another thread refreshed meanwhile
            try:
                response = self.request(
                    "POST",
                    "/auth/refresh",
                    json={"refresh_token": current.refresh_token},
                    auth=False,
                )
            except AuthenticationError:
                self.tokens.clear()
                raise
            tokens = Tokens.from_response(_json_object(response))
            self.tokens.save(tokens)
            return tokens

    def logout(self) -> None:
        self.tokens.clear()

    def me(self) -> dict[str, Any]:
        return _json_object(self.request("GET", "/me"))

    # -- catalogue ------------------------------------------------------------------
    def agencies(self) -> list[dict[str, Any]]:
        return _json_object(self.request("GET", "/catalog/agencies", auth=False))["items"]

    def fields(self) -> list[dict[str, Any]]:
        return _json_object(self.request("GET", "/catalog/fields", auth=False))["items"]

    def procedures(
        self, updated_since: str | None = None, etag: str | None = None
    ) -> tuple[list[dict[str, Any]] | None, str | None, str | None]:
        """``(items, etag, server_time)``; ``items`` is None when nothing changed (304)."""
        headers = {"If-None-Match": etag} if etag else {}
        params = {"updated_since": updated_since} if updated_since else None
        response = self.request(
            "GET", "/catalog/procedures", auth=False, headers=headers, params=params
        )
        if response.status_code == 304:
            return None, etag, None
        body = _json_object(response)
        return body["items"], response.headers.get("ETag"), body.get("server_time")

    def procedure(self, code: str) -> dict[str, Any]:
        return _json_object(self.request("GET", f"/catalog/procedures/{code}", auth=False))

    def template(self, url: str) -> tuple[bytes, str]:
        response = self.request("GET", url, auth=False)
        return response.content, response.headers.get("Content-Type", "")

    # -- dossiers -------------------------------------------------------------------
    def create_dossier(self, body: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
        """``(status, Dossier)``: 201 created, 200 an existing draft replaced."""
        response = self.request("POST", "/dossiers", json=body, idempotency_key=key)
        return response.status_code, _json_object(response)

    def submit(self, dossier_id: str, key: str) -> dict[str, Any]:
        response = self.request(
            "POST",
            f"/dossiers/{dossier_id}/submit",
            json={},
            idempotency_key=key,
            timeout=self.timeouts.submit,
        )
        return _json_object(response)

    def withdraw(self, dossier_id: str, reason: str, key: str) -> dict[str, Any]:
        response = self.request(
            "POST", f"/dossiers/{dossier_id}/withdraw", json={"reason": reason}, idempotency_key=key
        )
        return _json_object(response)

    def dossier(self, dossier_id: str) -> dict[str, Any]:
        return _json_object(self.request("GET", f"/dossiers/{dossier_id}"))

    def changed(self, cursor: str | None, limit: int = 100) -> tuple[list[dict], str]:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["changed_since"] = cursor
        body = _json_object(self.request("GET", "/dossiers", params=params))
        return body["items"], body["next_cursor"]

    def create_supplement(self, dossier_id: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        response = self.request(
            "POST", f"/dossiers/{dossier_id}/supplements", json=body, idempotency_key=key
        )
        return _json_object(response)

    def submit_supplement(self, dossier_id: str, supplement_id: str, key: str) -> dict[str, Any]:
        response = self.request(
            "POST",
            f"/dossiers/{dossier_id}/supplements/{supplement_id}/submit",
            json={},
            idempotency_key=key,
            timeout=self.timeouts.submit,
        )
        return _json_object(response)

    # -- payments -------------------------------------------------------------------
    def create_payment(self, dossier_id: str, key: str) -> tuple[int, dict[str, Any]]:
        """``(status, Payment)``: 201 new, 200 the pending one reused."""
        response = self.request(
            "POST", f"/dossiers/{dossier_id}/payments", json={}, idempotency_key=key
        )
        return response.status_code, _json_object(response)

    def payment(self, reference: str) -> dict[str, Any]:
        return _json_object(self.request("GET", f"/payments/{reference}"))

    # -- files ----------------------------------------------------------------------
    def download(self, url: str, sink: BinaryIO, chunk: int = 1024 * 1024) -> tuple[str, int, str]:
        """Stream ``url`` (result or receipt) into ``sink``.

        Returns ``(sha256 hex, size, content type)``. A ``Digest: sha-256=`` header, when
        sent, must match the bytes received, else :class:`ServerError` (retry later).
        """
        response = self.request("GET", url, stream=True)
        digest = hashlib.sha256()
        size = 0
        try:
            for part in _iter_body(response, chunk):
                digest.update(part)
                sink.write(part)
                size += len(part)
        except _TRANSPORT_ERRORS as exc:
            raise NetworkError("portal.network", detail=_short(exc)) from exc
        finally:
            response.close()
        declared = response.headers.get("Digest", "")
        if declared.lower().startswith("sha-256="):
            expected = base64.b64decode(declared.split("=", 1)[1].strip())
            if expected != digest.digest():
                raise ServerError("portal.nonsense", detail="Digest mismatch")
        length = response.headers.get("Content-Length")
        if length is not None and length.isdigit() and int(length) != size:
            raise NetworkError("portal.network", detail="truncated download")
        return digest.hexdigest(), size, response.headers.get("Content-Type", "")


def _iter_body(response: requests.Response, chunk: int) -> Iterator[bytes]:
    yield from response.iter_content(chunk)


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _json_object(response: requests.Response) -> dict[str, Any]:
    """The JSON object of a 2xx answer; anything else is a portal answering nonsense."""
    try:
        body = response.json()
    except ValueError:
        raise ServerError(
            "portal.nonsense", status=response.status_code, detail="not JSON"
        ) from None
    if not isinstance(body, dict):
        raise ServerError("portal.nonsense", status=response.status_code, detail="not an object")
    return body


def _short(exc: BaseException) -> str:
    text = type(exc).__name__
    if isinstance(exc, requests.Timeout):
        return "hết thời gian chờ / timed out"
    if isinstance(exc, (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return "mất kết nối / connection failed"
    return text


__all__ = ["PortalClient", "PortalError"]
