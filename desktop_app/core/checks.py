"""Is a dossier complete for its procedure? The list of what is missing, in words.

The same checks run in the editor (inline, as the clerk types), before a dossier enters
the outbox, and mirror what the portal refuses (``invalid_dossier``,
``incomplete_dossier``), so that a refusal is found on this PC, not after sending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.catalog import Component, Procedure
from desktop_app.core.dossier import Dossier, DossierFile
from desktop_app.core.messages import Localized, Message, register

register(
    {
        "check.procedure_unknown": (
            "Thủ tục {code} không có trong danh mục trên máy. Hãy cập nhật danh mục thủ tục.",
            "The procedure {code} is not in the local catalogue. Refresh the catalogue.",
        ),
        "check.procedure_retired": (
            "Thủ tục “{name}” đã bị bãi bỏ; cổng không nhận hồ sơ mới cho thủ tục này.",
            "The procedure “{name}” was retired; the portal accepts no new dossier for it.",
        ),
        "check.procedure_changed": (
            "Thủ tục “{name}” đã thay đổi (phiên bản {old} → {new}). Hãy xem lại thành phần "
            "hồ sơ rồi cập nhật hồ sơ theo phiên bản mới.",
            "The procedure “{name}” changed (version {old} → {new}). Review the components "
            "and update the dossier to the new version.",
        ),
        "check.field_missing": (
            "Chưa nhập {label}.",
            "{label} is missing.",
        ),
        "check.field_invalid": (
            "{label} không hợp lệ: {hint}",
            "{label} is not valid: {hint}",
        ),
        "check.component_missing": (
            "Thiếu thành phần bắt buộc “{name}”.",
            "The required component “{name}” is missing.",
        ),
        "check.too_many_files": (
            "Thành phần “{name}” chỉ nhận tối đa {max} tệp (đang có {count}).",
            "“{name}” takes at most {max} file(s) ({count} attached).",
        ),
        "check.file_too_large": (
            "Tệp “{file}” ({size}) vượt giới hạn {max} của thành phần “{name}”.",
            "The file “{file}” ({size}) is over the {max} limit of “{name}”.",
        ),
        "check.wrong_type": (
            "Tệp “{file}” không đúng định dạng cho “{name}” (chấp nhận: {accepts}).",
            "The file “{file}” is not an accepted type for “{name}” (accepted: {accepts}).",
        ),
        "check.signature_missing": (
            "Tệp “{file}” của thành phần “{name}” phải được ký số trước khi gửi.",
            "The file “{file}” of “{name}” must be digitally signed before sending.",
        ),
        "check.signature_invalid": (
            "Chữ ký số trên tệp “{file}” không còn nguyên vẹn; hãy ký lại.",
            "The signature on “{file}” is no longer intact; sign it again.",
        ),
        "check.unknown_component": (
            "Tệp “{file}” thuộc thành phần {code} không có trong thủ tục.",
            "The file “{file}” belongs to {code}, which the procedure does not have.",
        ),
        "check.delivery_not_offered": (
            "Thủ tục này không có dịch vụ “{what}”; hãy bỏ chọn.",
            "This procedure does not offer “{what}”; untick it.",
        ),
        "check.address_missing": (
            "Đã chọn {what} nhưng chưa nhập địa chỉ.",
            "{what} is chosen but the address is missing.",
        ),
    }
)

_LABELS = {
    "full_name": ("Họ và tên người nộp", "The submitter's full name"),
    "id_number": ("Số CCCD/định danh cá nhân", "The ID number"),
    "phone": ("Số điện thoại", "The phone number"),
    "email": ("Thư điện tử", "The e-mail address"),
    "address": ("Địa chỉ", "The address"),
    "summary": ("Trích yếu hồ sơ", "The dossier summary"),
}
_WHAT = {
    "home_pickup": ("Nhận hồ sơ tại nhà", "Home pickup"),
    "home_return": ("Trả kết quả tại nhà", "Home return"),
}
_ID_NUMBER = re.compile(r"^\d{9}$|^\d{12}$")
_PHONE = re.compile(r"^\+?[\d .-]{9,15}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Problem:
    """One thing that stops the dossier from being sent."""

    code: str
    message: Message
    component_code: str | None = None
    field: str | None = None

    def render(self, language: str | None = None) -> str:
        return self.message.render(language)


def _label(name: str) -> Localized:
    return Localized(*_LABELS[name])


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def check_dossier(dossier: Dossier, procedure: Procedure | None) -> list[Problem]:
    """Everything that keeps ``dossier`` from being sent; empty when it is complete."""
    if procedure is None:
        return [
            Problem(
                "procedure_unknown",
                Message("check.procedure_unknown", {"code": dossier.procedure_code}),
            )
        ]
    problems: list[Problem] = []
    if procedure.retired:
        problems.append(
            Problem(
                "procedure_retired", Message("check.procedure_retired", {"name": procedure.name})
            )
        )
    elif procedure.version != dossier.procedure_version:
        params = {
            "name": procedure.name,
            "old": dossier.procedure_version,
            "new": procedure.version,
        }
        problems.append(Problem("procedure_changed", Message("check.procedure_changed", params)))
    problems += _check_applicant(dossier)
    problems += _check_delivery(dossier, procedure)
    files = dossier.active_files()
    for component in procedure.components:
        attached = [f for f in files if f.component_code == component.code]
        problems += check_component(component, attached)
    known = {c.code for c in procedure.components}
    for f in files:
        if f.component_code not in known:
            params = {"file": f.original_name, "code": f.component_code}
            problems.append(
                Problem(
                    "unknown_component",
                    Message("check.unknown_component", params),
                    component_code=f.component_code,
                )
            )
    return problems


def _check_applicant(dossier: Dossier) -> list[Problem]:
    problems = []
    applicant = dossier.applicant
    values = {
        "full_name": applicant.full_name,
        "id_number": applicant.id_number,
        "phone": applicant.phone,
        "address": applicant.address,
        "summary": dossier.summary,
    }
    for name, value in values.items():
        if not (value or "").strip():
            problems.append(
                Problem(
                    "missing_field",
                    Message("check.field_missing", {"label": _label(name)}),
                    field=name,
                )
            )
    checks = (
        ("id_number", applicant.id_number, _ID_NUMBER, ("9 hoặc 12 chữ số", "9 or 12 digits")),
        ("phone", applicant.phone, _PHONE, ("từ 9 đến 15 chữ số", "9 to 15 digits")),
        ("email", applicant.email, _EMAIL, ("dạng ten@mien.vn", "like name@domain.vn")),
    )
    for name, value, pattern, hint in checks:
        if value and value.strip() and not pattern.match(value.strip()):
            params = {"label": _label(name), "hint": Localized(*hint)}
            problems.append(
                Problem("invalid_field", Message("check.field_invalid", params), field=name)
            )
    return problems


def _check_delivery(dossier: Dossier, procedure: Procedure) -> list[Problem]:
    problems = []
    delivery = dossier.delivery
    for flag, address in (
        ("home_pickup", delivery.pickup_address),
        ("home_return", delivery.return_address),
    ):
        if getattr(delivery, flag) and not procedure.delivery.get(flag, False):
            params = {"what": Localized(*_WHAT[flag])}
            problems.append(
                Problem(
                    "delivery_not_offered",
                    Message("check.delivery_not_offered", params),
                    field=flag,
                )
            )
        elif getattr(delivery, flag) and not (address or "").strip():
            params = {"what": Localized(*_WHAT[flag])}
            problems.append(
                Problem("missing_field", Message("check.address_missing", params), field=flag)
            )
    return problems


def check_component(component: Component, attached: list[DossierFile]) -> list[Problem]:
    """What is wrong with the files attached to one component."""
    problems = []
    name = component.name
    code = component.code
    if component.required and not attached:
        problems.append(
            Problem("component_missing", Message("check.component_missing", {"name": name}), code)
        )
    if len(attached) > component.max_files:
        params = {"name": name, "max": component.max_files, "count": len(attached)}
        problems.append(Problem("too_many_files", Message("check.too_many_files", params), code))
    for f in attached:
        if component.max_bytes and f.size > component.max_bytes:
            params = {
                "file": f.original_name,
                "size": _size(f.size),
                "max": _size(component.max_bytes),
                "name": name,
            }
            problems.append(
                Problem("file_too_large", Message("check.file_too_large", params), code)
            )
        if not component.accepts_type(f.content_type):
            params = {
                "file": f.original_name,
                "name": name,
                "accepts": ", ".join(component.accepts),
            }
            problems.append(Problem("wrong_type", Message("check.wrong_type", params), code))
        if component.signature_required:
            if not f.signed:
                params = {"file": f.original_name, "name": name}
                problems.append(
                    Problem("signature_missing", Message("check.signature_missing", params), code)
                )
            elif not (f.signature_report or {}).get("all_intact", False):
                params = {"file": f.original_name}
                problems.append(
                    Problem("signature_invalid", Message("check.signature_invalid", params), code)
                )
    return problems
