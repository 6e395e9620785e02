"""Errors on the wire: ``{"error": {"code", "message", "details"}}`` with a Vietnamese message."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response

MESSAGES: dict[str, str] = {
    "not_found": "Không tìm thấy tài nguyên được yêu cầu.",
    "method_not_allowed": "Phương thức này không được hỗ trợ tại địa chỉ này.",
    "invalid_token": "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.",
    "invalid_field": "Dữ liệu gửi lên không hợp lệ.",
    "invalid_credentials": "Tên đăng nhập hoặc mật khẩu không đúng.",
    "account_not_confirmed": (
        "Tài khoản chưa được xác nhận. Vui lòng mở thư xác nhận đã gửi tới e-mail."
    ),
    "account_locked": (
        "Tài khoản tạm thời bị khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau."
    ),
    "username_taken": "Tên đăng nhập đã được sử dụng. Vui lòng chọn tên khác.",
    "idempotency_key_required": "Thiếu khóa chống gửi trùng (Idempotency-Key dạng UUID).",
    "idempotency_conflict": "Khóa chống gửi trùng đã được dùng cho một yêu cầu khác.",
    "idempotency_in_progress": (
        "Yêu cầu với khóa này đang được xử lý. Vui lòng thử lại sau ít giây."
    ),
    "invalid_dossier": "Hồ sơ chưa hợp lệ. Vui lòng xem danh sách vấn đề.",
    "procedure_outdated": "Thủ tục đã được cập nhật. Vui lòng cập nhật hồ sơ theo phiên bản mới.",
    "dossier_exists": "Hồ sơ này đã được nộp trước đó.",
    "incomplete_dossier": "Hồ sơ chưa đủ thành phần hoặc chữ ký số chưa hợp lệ.",
    "invalid_transition": "Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.",
    "invalid_cursor": "Con trỏ đồng bộ không hợp lệ.",
    "nothing_to_pay": "Hồ sơ không còn khoản phí, lệ phí nào phải nộp.",
    "checksum_required": "Thiếu hoặc sai tiêu đề Upload-Checksum (sha256 <base64>).",
    "unsupported_tus_version": "Cần tiêu đề Tus-Resumable: 1.0.0.",
    "unsupported_media_type": (
        "Nội dung tải lên phải có Content-Type: application/offset+octet-stream."
    ),
    "chunk_too_large": "Mỗi phần tải lên tối đa 16 MiB.",
    "offset_mismatch": "Vị trí tải lên không khớp với máy chủ. Vui lòng hỏi lại vị trí (HEAD).",
    "upload_exceeds_length": "Phần tải lên vượt quá kích thước tệp đã khai báo.",
    "checksum_mismatch": "Mã kiểm tra của phần tải lên không khớp; phần này đã bị bỏ qua.",
    "file_hash_mismatch": "Mã băm SHA-256 của tệp không khớp với khai báo; cần tải lại từ đầu.",
    "rate_limited": "Có quá nhiều yêu cầu. Vui lòng thử lại sau.",
    "internal_error": "Máy chủ gặp lỗi. Vui lòng thử lại sau.",
}


class ErrorBody(BaseModel):
    """The ``error`` member of every error response."""

    code: str = Field(description="snake_case error code")
    message: str = Field(description="Vietnamese text for a person")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer of the portal."""

    error: ErrorBody


class PortalError(Exception):
    """An error the portal answers with; raise it anywhere inside a request."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message or MESSAGES.get(code, MESSAGES["invalid_field"])
        self.details = details or {}
        self.headers = headers or {}

    def response(self) -> Response:
        """The error as a JSON response."""
        return error_response(self.status, self.code, self.message, self.details, self.headers)


def error_response(
    status: int,
    code: str,
    message: str | None = None,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Build an error response with the contract's envelope."""
    text = unicodedata.normalize("NFC", message or MESSAGES.get(code, code))
    body = {"error": {"code": code, "message": text, "details": details or {}}}
    return JSONResponse(body, status_code=status, headers=headers)


def problems_from_validation(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Turn pydantic's errors into the contract's ``problems`` list."""
    problems = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        field = ".".join(location) or None
        kind = error.get("type", "invalid")
        code = "required" if kind == "missing" else "invalid_field"
        problems.append(
            {
                "field": field,
                "code": code,
                "message": "Thiếu trường bắt buộc."
                if code == "required"
                else "Giá trị không hợp lệ.",
            }
        )
    return problems


def validation_response(exc: RequestValidationError, code: str = "invalid_field") -> Response:
    """422 for a request the models refuse, as ``invalid_field`` or ``invalid_dossier``."""
    problems = problems_from_validation(exc)
    details: dict[str, Any] = {"problems": problems}
    if code == "invalid_field":
        details["field"] = problems[0]["field"] if problems else None
    return error_response(422, code, details=details)


def install_handlers(app: Any) -> None:
    """Make every error of the app (even Starlette's own 404/405) use the envelope."""

    async def portal_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PortalError)
        return exc.response()

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "invalid_field")
        return error_response(exc.status_code, code, headers=getattr(exc, "headers", None))

    async def invalid_request(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return validation_response(exc)

    app.add_exception_handler(PortalError, portal_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for error statuses (all share :class:`ErrorResponse`)."""
    return {
        status: {"model": ErrorResponse, "description": _DESCRIPTIONS.get(status, "Lỗi")}
        for status in statuses
    }


_DESCRIPTIONS = {
    400: "Yêu cầu không hợp lệ",
    401: "invalid_token / invalid_credentials",
    403: "account_not_confirmed",
    404: "not_found",
    409: "Xung đột trạng thái",
    412: "Thiếu Tus-Resumable: 1.0.0",
    413: "Quá lớn",
    415: "Sai Content-Type",
    422: "Dữ liệu không hợp lệ",
    423: "account_locked",
    429: "rate_limited",
    460: "checksum_mismatch",
}


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON, as the portal writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
