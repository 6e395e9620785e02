"""Result documents: a PDF the agency issues at ``finish``, signed with its certificate."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox_portal import clock
from sandbox_portal.pdfgen import Document

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal


@dataclass(frozen=True)
class IssuedFile:
    """A signed document on disk, not yet recorded in the database."""

    id: str
    name: str
    file_name: str
    size: int
    sha256: str


def issue_result(portal: Portal, dossier: sqlite3.Row) -> IssuedFile:
    """Draw and sign the result of a dossier; the caller records it."""
    proc = portal.catalogue.get(dossier["procedure_code"]) or {}
    agency = portal.catalogue.agency(proc.get("agency_code", ""))
    request = json.loads(dossier["request"])
    now = clock.now()
    doc = Document("Kết quả giải quyết thủ tục hành chính")
    doc.text(agency.name.upper(), 11)
    doc.text(f"Số: {dossier['code']}/KQ-SBX", 10)
    doc.centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12)
    doc.centered("Độc lập - Tự do - Hạnh phúc", 11)
    doc.space(12)
    doc.centered("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", 14)
    doc.space(8)
    lines = [
        f"Thủ tục: {proc.get('name', dossier['procedure_code'])} (mã {dossier['procedure_code']})",
        f"Mã hồ sơ: {dossier['code']}",
        f"Người nộp: {request['applicant']['full_name']}",
        f"Trích yếu: {request['summary']}",
        "Kết quả: hồ sơ đã được giải quyết xong (kết quả mô phỏng).",
        f"Ngày ký: {clock.to_datetime(now).strftime('%d/%m/%Y %H:%M')} (giờ Việt Nam)",
    ]
    for line in lines:
        doc.text(line, 11, gap=6)
    doc.space(20)
    doc.text(
        "Văn bản do cổng dịch vụ công sandbox phát hành để tập huấn; không có giá trị pháp lý.", 8
    )
    result_id = str(uuid.uuid4())
    return _sign_and_keep(
        portal,
        doc.to_bytes(),
        portal.folders.results,
        result_id,
        f"ket-qua-{dossier['code']}.pdf",
        "Ký kết quả giải quyết hồ sơ",
    )


def issue_receipt(portal: Portal, payment: sqlite3.Row, dossier: sqlite3.Row) -> IssuedFile:
    """Draw and sign the e-receipt (biên lai điện tử) of a paid payment."""
    proc = portal.catalogue.get(dossier["procedure_code"]) or {}
    agency = portal.catalogue.agency(proc.get("agency_code", ""))
    request = json.loads(dossier["request"])
    items: list[dict[str, Any]] = json.loads(payment["items"])
    doc = Document("Biên lai thu phí, lệ phí điện tử")
    doc.text(agency.name.upper(), 11)
    doc.centered("BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ", 14)
    doc.text("(Biên lai mô phỏng của cổng sandbox, không có giá trị thanh toán thật)", 8)
    doc.space(6)
    for line in (
        f"Mã tham chiếu: {payment['reference']}",
        f"Mã giao dịch: {payment['transaction_no']}",
        f"Hồ sơ: {dossier['code']}",
        f"Người nộp: {request['applicant']['full_name']}",
        f"Thời điểm thanh toán: {clock.rfc3339(payment['paid_at'])}",
        f"Kênh thanh toán: {payment['channel']}",
    ):
        doc.text(line, 11, gap=6)
    doc.rule()
    doc.row([(56, "Mã"), (110, "Khoản thu"), (470, "Số tiền (đồng)")], 10)
    for item in items:
        doc.row(
            [
                (56, item["code"]),
                (110, item["name"][:70]),
                (470, f"{item['amount_vnd']:,}".replace(",", ".")),
            ],
            10,
        )
    doc.rule()
    doc.row([(110, "Tổng cộng"), (470, f"{payment['amount']:,}".replace(",", "."))], 11)
    return _sign_and_keep(
        portal,
        doc.to_bytes(),
        portal.folders.receipts,
        payment["reference"],
        f"bien-lai-{payment['reference']}.pdf",
        "Ký biên lai điện tử",
    )


def _sign_and_keep(
    portal: Portal, pdf: bytes, folder: Any, file_id: str, name: str, reason: str
) -> IssuedFile:
    unsigned = folder / f"{file_id}.unsigned.pdf"
    signed = folder / f"{file_id}.pdf"
    unsigned.write_bytes(pdf)
    try:
        portal.agency_signer.sign(unsigned, signed, reason)
    finally:
        unsigned.unlink(missing_ok=True)
    data = signed.read_bytes()
    return IssuedFile(file_id, name, signed.name, len(data), hashlib.sha256(data).hexdigest())
