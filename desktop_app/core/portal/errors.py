"""Portal failures, sorted by what the caller should do, and their words for people.

This is the one place that turns the portal's error codes into sentences: Vietnamese
first, English second. The classes say what to do:

- :class:`NetworkError`, :class:`ServerError` (5xx, 429, 503, nonsense answers): try again
  later; nothing is wrong with the dossier;
- :class:`AuthenticationError`: sign in again; a batch stops;
- :class:`ConfigurationError`: the portal address or the contract is wrong; a batch stops;
- :class:`Refused`: the portal said no to this request for a reason of its own (4xx with a
  code); the dossier needs a person, the batch carries on.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.messages import UserError, keys, register

register(
    {
        "portal.network": (
            "Không kết nối được tới cổng dịch vụ công ({detail}). Hồ sơ vẫn nằm trong hàng "
            "đợi và sẽ được gửi khi có mạng.",
            "Could not reach the portal ({detail}). The dossier stays in the outbox and will "
            "be sent when the connection is back.",
        ),
        "portal.server": (
            "Cổng dịch vụ công đang gặp sự cố (mã {http_status}). Hồ sơ sẽ được gửi lại sau.",
            "The portal has a problem (status {http_status}). The dossier will be sent again "
            "later.",
        ),
        "portal.busy": (
            "Cổng dịch vụ công đang quá tải; sẽ thử lại sau {seconds} giây.",
            "The portal is busy; trying again in {seconds} seconds.",
        ),
        "portal.nonsense": (
            "Cổng dịch vụ công trả lời không đúng định dạng ({detail}). Sẽ thử lại sau; nếu "
            "lỗi lặp lại, hãy báo bộ phận hỗ trợ kỹ thuật.",
            "The portal answered something unexpected ({detail}). Trying again later; if it "
            "keeps happening, call technical support.",
        ),
        "portal.insecure_url": (
            "Địa chỉ cổng {url} không dùng HTTPS. Chỉ cổng thử nghiệm trên chính máy này mới "
            "được dùng HTTP.",
            "The portal address {url} does not use HTTPS. Only a sandbox on this computer may "
            "use plain HTTP.",
        ),
        "portal.tls": (
            "Không xác minh được chứng thư bảo mật (TLS) của cổng {url}. Không gửi dữ liệu tới "
            "một cổng không xác minh được.",
            "The portal's TLS certificate at {url} could not be verified. Nothing is sent to a "
            "portal that cannot be verified.",
        ),
        "portal.not_signed_in": (
            "Chưa đăng nhập cổng dịch vụ công. Hãy đăng nhập rồi thử lại.",
            "Not signed in to the portal. Sign in and try again.",
        ),
        "portal.cancelled": ("Đã dừng theo yêu cầu.", "Stopped on request."),
        "portal.unknown_code": (
            "Cổng dịch vụ công từ chối ({error_code}): {message}",
            "The portal refused ({error_code}): {message}",
        ),
        # The portal's own codes (portal-api.md).
        "portal.invalid_token": (
            "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.",
            "The session has expired. Sign in again.",
        ),
        "portal.invalid_credentials": (
            "Sai tên đăng nhập hoặc mật khẩu.",
            "Wrong username or password.",
        ),
        "portal.account_not_confirmed": (
            "Tài khoản chưa được xác nhận. Hãy mở thư xác nhận đã gửi tới hộp thư của bạn.",
            "The account is not confirmed yet. Open the confirmation mail sent to you.",
        ),
        "portal.account_locked": (
            "Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Hãy thử lại sau {seconds} giây.",
            "The account is locked after repeated failed sign-ins. Try again in {seconds} s.",
        ),
        "portal.username_taken": (
            "Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.",
            "This username is taken. Choose another one.",
        ),
        "portal.invalid_field": (
            "Thông tin “{field}” không hợp lệ: {message}",
            "The field “{field}” is not valid: {message}",
        ),
        "portal.not_found": (
            "Không tìm thấy trên cổng (có thể đã bị xóa hoặc thuộc tài khoản khác).",
            "Not found on the portal (deleted, or it belongs to another account).",
        ),
        "portal.idempotency_key_required": (
            "Lỗi phần mềm: yêu cầu thiếu khóa chống gửi trùng. Hãy báo bộ phận hỗ trợ.",
            "Software error: a request had no idempotency key. Please report it.",
        ),
        "portal.idempotency_conflict": (
            "Lỗi phần mềm: khóa chống gửi trùng bị dùng cho hai yêu cầu khác nhau. Hãy báo bộ "
            "phận hỗ trợ.",
            "Software error: an idempotency key was reused for a different request.",
        ),
        "portal.idempotency_in_progress": (
            "Yêu cầu trước vẫn đang được cổng xử lý; sẽ thử lại sau ít giây.",
            "The previous request is still being processed; trying again shortly.",
        ),
        "portal.invalid_dossier": (
            "Cổng không nhận hồ sơ: {problems}",
            "The portal did not accept the dossier: {problems}",
        ),
        "portal.procedure_outdated": (
            "Thủ tục đã thay đổi trên cổng (phiên bản mới {version}). Hãy cập nhật danh mục, "
            "xem lại thành phần hồ sơ rồi gửi lại.",
            "The procedure changed on the portal (new version {version}). Refresh the "
            "catalogue, review the components and send again.",
        ),
        "portal.incomplete_dossier": (
            "Hồ sơ chưa đủ: {problems}",
            "The dossier is incomplete: {problems}",
        ),
        "portal.dossier_exists": (
            "Hồ sơ này đã được nộp trước đó (mã {portal_code}); không nộp lần hai.",
            "This dossier was already submitted (code {portal_code}); it is not sent twice.",
        ),
        "portal.invalid_transition": (
            "Hồ sơ đang ở trạng thái không cho phép thao tác này.",
            "The dossier's status does not allow this.",
        ),
        "portal.invalid_cursor": (
            "Cổng không nhận mốc đồng bộ cũ; sẽ đồng bộ lại từ đầu.",
            "The portal did not accept the old sync cursor; syncing again from the start.",
        ),
        "portal.nothing_to_pay": (
            "Hồ sơ không còn khoản phí, lệ phí nào phải nộp.",
            "Nothing is left to pay for this dossier.",
        ),
        "portal.file_hash_mismatch": (
            "Tệp nhận được trên cổng không khớp mã băm; tệp sẽ được gửi lại.",
            "A file arrived damaged on the portal; it will be sent again.",
        ),
        "portal.rate_limited": (
            "Cổng đang giới hạn số yêu cầu; sẽ thử lại sau {seconds} giây.",
            "The portal is limiting requests; trying again in {seconds} seconds.",
        ),
    }
)


class PortalError(UserError):
    """Anything that went wrong talking to the portal."""

    retryable = False
    stops_batch = False

    def __init__(
        self,
        key: str,
        /,
        *,
        status: int | None = None,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        portal_message: str | None = None,
        retry_after: float | None = None,
        **params: Any,
    ) -> None:
        super().__init__(key, **params)
        self.status = status
        self.code = code
        self.details = details or {}
        self.portal_message = portal_message
        self.retry_after = retry_after

    def as_record(self) -> dict[str, Any]:
        """What is kept in the database to show later (``last_error``)."""
        return {
            "key": self.message.key,
            "params": {k: str(v) for k, v in self.message.params.items()},
            "status": self.status,
            "code": self.code,
            "portal_message": self.portal_message,
            "details": self.details,
            "vi": self.render("vi"),
            "en": self.render("en"),
        }


class NetworkError(PortalError):
    retryable = True


class ServerError(PortalError):
    retryable = True


class AuthenticationError(PortalError):
    stops_batch = True


class ConfigurationError(PortalError):
    stops_batch = True


class Refused(PortalError):
    """A 4xx with a reason: this request will not succeed as it is."""


class Cancelled(PortalError):
    def __init__(self) -> None:
        super().__init__("portal.cancelled")


def _problems_text(details: dict[str, Any]) -> str:
    items = details.get("problems") or []
    texts = [str(p.get("message") or p.get("code")) for p in items if isinstance(p, dict)]
    return "; ".join(texts) or "—"


def from_response(status: int, body: Any, retry_after: float | None = None) -> PortalError:
    """The error for a non-2xx answer (``body`` is the parsed JSON, or None)."""
    error = body.get("error") if isinstance(body, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    details = error.get("details") if isinstance(error, dict) else None
    details = details if isinstance(details, dict) else {}
    common = {
        "status": status,
        "code": code,
        "details": details,
        "portal_message": message,
        "retry_after": retry_after,
    }
    if status == 429:
        return ServerError("portal.rate_limited", seconds=int(retry_after or 1), **common)
    if status >= 500:
        if status == 503 and retry_after:
            return ServerError("portal.busy", seconds=int(retry_after), **common)
        return ServerError("portal.server", http_status=status, **common)
    if code == "idempotency_in_progress":
        return ServerError("portal.idempotency_in_progress", **common)
    if code in {"invalid_token", "invalid_credentials", "account_not_confirmed"}:
        return AuthenticationError(f"portal.{code}", **common)
    if code == "account_locked":
        return AuthenticationError("portal.account_locked", seconds=int(retry_after or 0), **common)
    if code in {"idempotency_key_required", "idempotency_conflict"}:
        return ConfigurationError(f"portal.{code}", **common)
    if code in {"invalid_dossier", "incomplete_dossier"}:
        return Refused(f"portal.{code}", problems=_problems_text(details), **common)
    if code == "procedure_outdated":
        version = (details.get("procedure") or {}).get("version", "?")
        return Refused("portal.procedure_outdated", version=version, **common)
    if code == "dossier_exists":
        existing = details.get("dossier") or {}
        return Refused("portal.dossier_exists", portal_code=existing.get("code") or "?", **common)
    if code == "invalid_field":
        return Refused(
            "portal.invalid_field", field=details.get("field", "?"), message=message or "", **common
        )
    if code and f"portal.{code}" in keys():
        return Refused(f"portal.{code}", **common)
    if code is None:
        return ServerError("portal.nonsense", detail=f"HTTP {status}", **common)
    return Refused("portal.unknown_code", error_code=code, message=message or "", **common)
