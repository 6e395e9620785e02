"""The route class every endpoint uses: one place that turns errors into the envelope,
picks the 422 code of an endpoint, and runs idempotent calls through their key."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from sandbox_portal.errors import PortalError, error_response, validation_response
from sandbox_portal.idempotency import StoredResponse, body_fingerprint, parse_key

log = logging.getLogger(__name__)

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def idempotent(func: Callable[..., Any]) -> Callable[..., Any]:
    """Mark an endpoint as needing ``Idempotency-Key`` (portal-api.md lists which)."""
    func.__idempotent__ = True  # type: ignore[attr-defined]
    return func


def invalid_as(code: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Answer a body the models refuse with ``422 <code>`` (default ``invalid_field``)."""

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.__invalid_code__ = code  # type: ignore[attr-defined]
        return func

    return mark


class PortalRoute(APIRoute):
    """APIRoute with the portal's error handling and idempotency."""

    def get_route_handler(self) -> Handler:
        original = super().get_route_handler()
        is_idempotent = getattr(self.endpoint, "__idempotent__", False)
        invalid_code = getattr(self.endpoint, "__invalid_code__", "invalid_field")

        async def guarded(request: Request) -> Response:
            try:
                return await original(request)
            except PortalError as exc:
                return exc.response()
            except RequestValidationError as exc:
                return validation_response(exc, invalid_code)

        async def handler(request: Request) -> Response:
            try:
                if is_idempotent:
                    return await _run_idempotent(request, guarded)
                return await guarded(request)
            except PortalError as exc:
                return exc.response()
            except Exception:
                log.exception("unexpected error on %s %s", request.method, request.url.path)
                return error_response(500, "internal_error")

        return handler


async def _run_idempotent(request: Request, call: Handler) -> Response:
    from sandbox_portal.auth import authenticate

    portal = request.app.state.portal
    account = await run_in_threadpool(authenticate, portal, request)
    key = parse_key(request.headers.get("Idempotency-Key"))
    fingerprint = body_fingerprint(await request.body())
    store = portal.idempotency
    stored = await run_in_threadpool(
        store.claim, account["id"], key, request.method, request.url.path, fingerprint
    )
    if stored is not None:
        return Response(
            stored.body,
            status_code=stored.status,
            media_type=stored.content_type,
            headers={"Idempotent-Replayed": "true"},
        )
    try:
        response = await call(request)
    except BaseException:
        await run_in_threadpool(store.release, account["id"], key)
        raise
    if response.status_code >= 500:
        await run_in_threadpool(store.release, account["id"], key)
        return response
    content_type = response.headers.get("content-type", "application/json")
    await run_in_threadpool(
        store.finish,
        account["id"],
        key,
        StoredResponse(response.status_code, bytes(response.body), content_type),
    )
    return response
