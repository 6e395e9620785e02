"""What makes a dossier acceptable: the files declared at creation (or in a supplement)
against the procedure's components, and the completeness checks of submit."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from sandbox_portal.schemas import DossierIn, FileIn
from sandbox_portal.signatures import signature_problem


def problem(
    code: str, message: str, *, field: str | None = None, component_code: str | None = None
) -> dict[str, Any]:
    """One entry of ``details.problems``."""
    entry: dict[str, Any] = {"code": code, "message": message}
    if field is not None:
        entry["field"] = field
    if component_code is not None:
        entry["component_code"] = component_code
    return entry


def file_problems(
    procedure: dict[str, Any], files: list[FileIn], allowed: set[str] | None = None
) -> list[dict[str, Any]]:
    """Unknown components, wrong types, files too large, too many files."""
    components = {c["code"]: c for c in procedure["components"]}
    problems = []
    counts: Counter[str] = Counter()
    for index, item in enumerate(files):
        field = f"files.{index}"
        component = components.get(item.component_code)
        if component is None:
            problems.append(
                problem(
                    "unknown_component",
                    f"Thủ tục không có thành phần {item.component_code}.",
                    field=f"{field}.component_code",
                    component_code=item.component_code,
                )
            )
            continue
        if allowed is not None and item.component_code not in allowed:
            problems.append(
                problem(
                    "component_not_requested",
                    "Thành phần này không nằm trong yêu cầu bổ sung.",
                    field=f"{field}.component_code",
                    component_code=item.component_code,
                )
            )
        counts[item.component_code] += 1
        content_type = item.content_type.split(";")[0].strip().lower()
        if content_type not in component["accepts"]:
            problems.append(
                problem(
                    "wrong_content_type",
                    f"Thành phần chỉ nhận: {', '.join(component['accepts'])}.",
                    field=f"{field}.content_type",
                    component_code=item.component_code,
                )
            )
        if item.size > component["max_bytes"]:
            problems.append(
                problem(
                    "file_too_large",
                    f"Tệp vượt quá {component['max_bytes'] // (1024 * 1024)} MiB cho phép.",
                    field=f"{field}.size",
                    component_code=item.component_code,
                )
            )
    for code, count in counts.items():
        if count > components[code]["max_files"]:
            problems.append(
                problem(
                    "too_many_files",
                    f"Thành phần nhận tối đa {components[code]['max_files']} tệp.",
                    component_code=code,
                )
            )
    return problems


def creation_problems(procedure: dict[str, Any] | None, body: DossierIn) -> list[dict[str, Any]]:
    """Everything wrong with a ``POST /dossiers`` body besides the procedure version."""
    if procedure is None:
        return [problem("unknown_procedure", "Không tìm thấy thủ tục.", field="procedure_code")]
    problems = []
    if procedure["retired"]:
        problems.append(
            problem(
                "procedure_retired",
                "Thủ tục đã ngừng áp dụng, không nhận hồ sơ mới.",
                field="procedure_code",
            )
        )
    delivery = body.delivery
    if delivery.home_pickup and not procedure["delivery"]["home_pickup"]:
        problems.append(
            problem(
                "delivery_not_offered",
                "Thủ tục không có dịch vụ thu gom hồ sơ tại nhà.",
                field="delivery.home_pickup",
            )
        )
    if delivery.home_pickup and not (delivery.pickup_address or "").strip():
        problems.append(
            problem("required", "Cần địa chỉ thu gom hồ sơ.", field="delivery.pickup_address")
        )
    if delivery.home_return and not procedure["delivery"]["home_return"]:
        problems.append(
            problem(
                "delivery_not_offered",
                "Thủ tục không có dịch vụ trả kết quả tại nhà.",
                field="delivery.home_return",
            )
        )
    if delivery.home_return and not (delivery.return_address or "").strip():
        problems.append(
            problem("required", "Cần địa chỉ nhận kết quả.", field="delivery.return_address")
        )
    for name in ("full_name", "id_number", "phone", "email", "address"):
        if not getattr(body.applicant, name).strip():
            problems.append(
                problem("required", "Thiếu thông tin người nộp.", field=f"applicant.{name}")
            )
    if not body.summary.strip():
        problems.append(problem("required", "Thiếu trích yếu.", field="summary"))
    problems.extend(file_problems(procedure, body.files))
    return problems


def completeness_problems(
    procedure: dict[str, Any],
    uploads: list[sqlite3.Row],
    upload_dir: Path,
    required_codes: set[str],
) -> list[dict[str, Any]]:
    """Why a dossier (or a supplement) cannot be submitted yet; empty when it can.

    ``required_codes``: components that must hold at least one complete file.
    """
    components = {c["code"]: c for c in procedure["components"]}
    problems = []
    complete: set[str] = set()
    for upload in uploads:
        code = upload["component_code"]
        if upload["offset"] < upload["size"]:
            problems.append(
                problem(
                    "upload_incomplete",
                    f"Tệp {upload['file_name']} chưa tải lên xong.",
                    component_code=code,
                )
            )
            continue
        complete.add(code)
        component = components.get(code)
        if component is not None and component["signature_required"]:
            found = signature_problem(upload_dir / upload["file_id"])
            if found == "signature_missing":
                problems.append(
                    problem(
                        "signature_missing",
                        f"Tệp {upload['file_name']} chưa được ký số.",
                        component_code=code,
                    )
                )
            elif found == "signature_invalid":
                problems.append(
                    problem(
                        "signature_invalid",
                        f"Chữ ký số trong tệp {upload['file_name']} không còn nguyên vẹn.",
                        component_code=code,
                    )
                )
    for code in sorted(required_codes - complete):
        if not any(p.get("component_code") == code for p in problems):
            name = components[code]["name"] if code in components else code
            problems.append(
                problem("component_missing", f"Thiếu thành phần: {name}.", component_code=code)
            )
    return problems
