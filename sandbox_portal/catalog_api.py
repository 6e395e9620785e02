"""``/catalog/``: agencies, fields, procedures (with ETag and ``updated_since``), blank forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from starlette.responses import Response

from sandbox_portal import clock
from sandbox_portal.errors import PortalError, documented
from sandbox_portal.pdfgen import Document
from sandbox_portal.routing import PortalRoute
from sandbox_portal.schemas import AgencyList, FieldList, Procedure, ProcedureList

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

router = APIRouter(route_class=PortalRoute, tags=["catalog"], prefix="/catalog")


def _portal(request: Request) -> Portal:
    return request.app.state.portal


@router.get("/agencies", response_model=AgencyList, responses=documented(429))
def agencies(request: Request) -> dict[str, Any]:
    """Đơn vị (agencies) of the catalogue."""
    return {"items": _portal(request).catalogue.agencies}


@router.get("/fields", response_model=FieldList, responses=documented(429))
def fields(request: Request) -> dict[str, Any]:
    """Lĩnh vực (fields) and the agency of each."""
    return {"items": _portal(request).catalogue.fields}


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = [part.strip() for part in header.split(",")]
    return "*" in candidates or any(c.removeprefix("W/") == etag for c in candidates)


@router.get(
    "/procedures",
    response_model=ProcedureList,
    responses={
        304: {"description": "Không thay đổi (If-None-Match khớp ETag)"},
        **documented(422, 429),
    },
)
def procedures(
    request: Request,
    response: Response,
    updated_since: Annotated[
        str | None, Query(description="RFC 3339; only procedures changed after it")
    ] = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Any:
    """The procedures changed after ``updated_since`` (retired included); all without it."""
    since = None
    if updated_since is not None:
        try:
            since = clock.parse_rfc3339(updated_since)
        except ValueError:
            raise PortalError(
                422,
                "invalid_field",
                "Thời điểm updated_since phải theo RFC 3339 và có múi giờ.",
                {"field": "updated_since"},
            ) from None
    server_time = clock.rfc3339(clock.now())
    items = _portal(request).catalogue.procedures(since)
    etag = _portal(request).catalogue.etag(items)
    if _etag_matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "no-cache"
    return {"items": items, "server_time": server_time}


@router.get("/procedures/{code}", response_model=Procedure, responses=documented(404, 429))
def procedure(code: str, request: Request) -> dict[str, Any]:
    """One procedure; ``404 not_found`` for an unknown code."""
    item = _portal(request).catalogue.get(code)
    if item is None:
        raise PortalError(404, "not_found", "Không tìm thấy thủ tục này.")
    return item


@router.get(
    "/procedures/{code}/templates/{component_code}",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "Mẫu trống (PDF)",
        },
        **documented(404, 429),
    },
)
def template(code: str, component_code: str, request: Request) -> Response:
    """The blank form of a component that has one (a PDF the sandbox draws)."""
    portal = _portal(request)
    proc = portal.catalogue.get(code)
    component = portal.catalogue.component(code, component_code)
    if proc is None or component is None or not component["template_url"]:
        raise PortalError(404, "not_found", "Thành phần này không có mẫu đơn.")
    safe = "".join(ch if ch.isalnum() else "_" for ch in f"{code}-{component_code}")
    path = portal.folders.templates / f"{safe}-v{proc['version']}.pdf"
    if not path.exists():
        path.write_bytes(_blank_form(proc, component))
    return Response(
        path.read_bytes(),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{safe}.pdf"'},
    )


def _blank_form(proc: dict[str, Any], component: dict[str, Any]) -> bytes:
    doc = Document(component["name"])
    doc.centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12)
    doc.centered("Độc lập - Tự do - Hạnh phúc", 11)
    doc.space(16)
    doc.centered(component["name"].upper(), 13)
    doc.text(f"(Thủ tục: {proc['name']}; mã {proc['code']})", 9)
    doc.space(12)
    for label in (
        "Họ và tên:",
        "Số định danh cá nhân / CCCD:",
        "Ngày sinh:",
        "Địa chỉ:",
        "Số điện thoại:",
        "Thư điện tử:",
        "Nội dung đề nghị:",
        "",
        "",
    ):
        doc.text(f"{label} " + "." * 90, 11, gap=10)
    doc.space(24)
    doc.text("Người đề nghị (ký, ghi rõ họ tên)", 11, x=330)
    doc.space(40)
    doc.text(
        "Mẫu trống do cổng dịch vụ công sandbox tạo để tập huấn, không phải biểu mẫu chính thức.", 8
    )
    return doc.to_bytes()
