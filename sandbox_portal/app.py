"""The ASGI app: every router of portal-api.md under ``/api/v1``, the payment pages under
``/pay/``, the sandbox extras, error envelopes, optional rate limiting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from starlette.responses import HTMLResponse

from sandbox_portal import (
    __version__,
    accounts,
    catalog_api,
    clock,
    dossiers,
    pay_pages,
    payments_api,
    sandbox_api,
    supplements,
    uploads,
)
from sandbox_portal.config import API_PREFIX
from sandbox_portal.errors import documented, install_handlers
from sandbox_portal.portal import Portal
from sandbox_portal.ratelimit import RateLimitMiddleware
from sandbox_portal.routing import PortalRoute
from sandbox_portal.schemas import Health

health_router = APIRouter(route_class=PortalRoute, tags=["health"])


@health_router.get("/health", response_model=Health, responses=documented(429))
def health() -> dict[str, Any]:
    """Liveness: the client uses it to notice it is online again."""
    return {"status": "ok", "version": __version__, "server_time": clock.rfc3339(clock.now())}


def create_app(portal: Portal) -> FastAPI:
    """The sandbox portal's ASGI app over a ready :class:`~sandbox_portal.portal.Portal`."""
    app = FastAPI(
        title="Portal sync API (DossierDesk sandbox portal)",
        version=f"1 (sandbox {__version__})",
        description=(
            "shared/portal-api.md, version 1, as the bundled sandbox portal serves it. "
            "Cổng dịch vụ công tập huấn: dữ liệu mô phỏng, không nộp hồ sơ thật."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.portal = portal
    install_handlers(app)
    for router in (
        health_router,
        accounts.router,
        catalog_api.router,
        dossiers.router,
        uploads.router,
        supplements.router,
        payments_api.router,
        sandbox_api.router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    # The sandbox extras are also reachable at the origin's /sandbox/ (portal-api.md writes
    # them without the base path); the documented place is /api/v1/sandbox/.
    app.include_router(sandbox_api.router, include_in_schema=False)
    app.include_router(pay_pages.router)

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        origin = f"{request.url.scheme}://{request.url.netloc}"
        return HTMLResponse(
            "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
            "<title>Cổng dịch vụ công sandbox</title></head><body>"
            "<h1>Cổng Dịch vụ công tỉnh (sandbox tập huấn)</h1>"
            f"<p>Cổng đang chạy tại {origin}. API: {origin}{API_PREFIX}/ "
            f"(<a href='{API_PREFIX}/docs'>tài liệu</a>).</p>"
            "<p>Tài khoản tập huấn: demo / demo. Dữ liệu là mô phỏng, không nộp hồ sơ thật.</p>"
            "</body></html>"
        )

    app.add_middleware(RateLimitMiddleware, portal=portal)
    return app
