"""The simulated one-stop office: the officer's moves (by hand through /sandbox/officer,
or by itself every ``pace`` seconds, deterministic under a seed)."""

from __future__ import annotations

import json
import logging
import random
import threading
import uuid
from typing import TYPE_CHECKING, Any

from sandbox_portal import clock
from sandbox_portal import dossier_store as store
from sandbox_portal.errors import PortalError
from sandbox_portal.results import issue_result

if TYPE_CHECKING:
    from sandbox_portal.portal import Portal

log = logging.getLogger(__name__)

MOVES: dict[str, tuple[frozenset[int], int]] = {
    "receive": (frozenset({1}), 2),
    "process": (frozenset({2}), 4),
    "request_supplement": (frozenset({2, 4}), 5),
    "request_payment": (frozenset({2, 4}), 6),
    "finish": (frozenset({4}), 9),
    "return_result": (frozenset({9}), 10),
    "reject": (frozenset({1, 2, 4, 5}), 3),
    "stop": (frozenset({2, 4, 5, 6}), 8),
}
"""Each action: the statuses it is allowed from, and the status it leads to."""

CLERK = "Nguyễn Thị Hoa (cán bộ một cửa, mô phỏng)"
SPECIALIST = "Trần Văn Minh (chuyên viên, mô phỏng)"
DIRECTOR = "Lê Quang Dũng (lãnh đạo Sở, mô phỏng)"

_STEPS = {
    "receive": ("Tiếp nhận hồ sơ", CLERK, "one_stop"),
    "process": ("Chuyển xử lý", SPECIALIST, "processing"),
    "request_supplement": ("Yêu cầu bổ sung hồ sơ", SPECIALIST, "processing"),
    "request_payment": ("Yêu cầu nộp phí, lệ phí", CLERK, "one_stop"),
    "finish": ("Hoàn thành xử lý, ký số kết quả", DIRECTOR, "processing"),
    "return_result": ("Trả kết quả", CLERK, "one_stop"),
    "reject": ("Không tiếp nhận hồ sơ", CLERK, "one_stop"),
    "stop": ("Dừng xử lý hồ sơ", SPECIALIST, "processing"),
}


def act(
    portal: Portal,
    dossier_id: str,
    action: str,
    note: str | None = None,
    component_codes: list[str] | None = None,
    origin: str = "",
) -> dict[str, Any]:
    """Do one officer move on a dossier and return it; ``409 invalid_transition`` when the
    move is not allowed from its status."""
    allowed, target = MOVES[action]
    with portal.db.tx() as conn:
        row = conn.execute("SELECT * FROM dossiers WHERE id=?", (dossier_id,)).fetchone()
    if row is None:
        raise PortalError(404, "not_found", "Không tìm thấy hồ sơ.")
    if row["status"] not in allowed:
        raise PortalError(409, "invalid_transition", details={"status": row["status"]})
    proc = portal.catalogue.get(row["procedure_code"]) or {"components": [], "processing_days": 10}
    issued = issue_result(portal, row) if action == "finish" else None
    try:
        with portal.db.tx() as conn:
            row = conn.execute("SELECT * FROM dossiers WHERE id=?", (dossier_id,)).fetchone()
            if row["status"] not in allowed:
                raise PortalError(409, "invalid_transition", details={"status": row["status"]})
            note = _apply(portal, conn, row, proc, action, target, note, component_codes, issued)
            step, handler, unit_kind = _STEPS[action]
            agency = portal.catalogue.agency(proc.get("agency_code", ""))
            unit = agency.one_stop_unit if unit_kind == "one_stop" else agency.processing_unit
            store.add_history(conn, dossier_id, target, step, handler, unit, note)
            store.touch(portal, conn, dossier_id)
            issued = None
            return store.load(portal, conn, dossier_id, origin)
    finally:
        if issued is not None:  # the move did not happen: drop the unused result
            (portal.folders.results / issued.file_name).unlink(missing_ok=True)


def _apply(
    portal: Portal,
    conn: Any,
    row: Any,
    proc: dict[str, Any],
    action: str,
    target: int,
    note: str | None,
    component_codes: list[str] | None,
    issued: Any,
) -> str | None:
    dossier_id = row["id"]
    now = clock.now()
    if action == "receive":
        day = clock.compact_date(now)
        number = portal.db.next_counter(conn, f"receipt:{day}")
        receipt_no = f"BN-{day}-{number:05d}"
        due = clock.add_working_days(now, int(proc.get("processing_days", 10)))
        conn.execute(
            "UPDATE dossiers SET status=?, received_at=?, receipt_no=?, due_at=? WHERE id=?",
            (target, now, receipt_no, due, dossier_id),
        )
        return note or f"Số biên nhận {receipt_no}; ngày hẹn trả {clock.rfc3339(due)}."
    if action == "request_supplement":
        known = {c["code"] for c in proc["components"]}
        codes = list(dict.fromkeys(component_codes or []))
        if not codes or any(code not in known for code in codes):
            raise PortalError(
                422,
                "invalid_field",
                "Cần danh sách thành phần hồ sơ (component_codes) của thủ tục.",
                {"field": "component_codes"},
            )
        request = {
            "id": str(uuid.uuid4()),
            "requested_at": clock.rfc3339(now),
            "due_at": clock.rfc3339(clock.add_working_days(now, 5)),
            "note": note or "Đề nghị bổ sung thành phần hồ sơ theo danh sách.",
            "component_codes": codes,
        }
        conn.execute(
            "UPDATE dossiers SET status=?, supplement_request=?, "
            "supplements_asked=supplements_asked+1 WHERE id=?",
            (target, json.dumps(request, ensure_ascii=False), dossier_id),
        )
        return request["note"]
    if action == "request_payment" and int(row["fees_due"]) <= 0:
        raise PortalError(
            409, "invalid_transition", "Hồ sơ không còn khoản phí, lệ phí nào phải nộp."
        )
    if action == "finish":
        conn.execute(
            "INSERT INTO results (id, dossier_id, name, content_type, size, sha256, path) "
            "VALUES (?, ?, ?, 'application/pdf', ?, ?, ?)",
            (issued.id, dossier_id, issued.name, issued.size, issued.sha256, issued.file_name),
        )
    conn.execute("UPDATE dossiers SET status=? WHERE id=?", (target, dossier_id))
    return note


def choose_action(portal: Portal, row: Any, seed: int) -> tuple[str, list[str] | None]:
    """What the simulated officer does next with a dossier (same seed, same choice)."""
    status = int(row["status"])
    if status == 1:
        return "receive", None
    if status == 2:
        return "process", None
    if status == 9:
        return "return_result", None
    rng = random.Random(f"{seed}:{row['seq']}:{row['supplements_asked']}")
    if int(row["fees_due"]) > 0:
        return "request_payment", None
    proc = portal.catalogue.get(row["procedure_code"])
    if proc and proc["components"] and row["supplements_asked"] == 0 and rng.random() < 0.3:
        component = rng.choice(proc["components"])
        return "request_supplement", [component["code"]]
    return "finish", None


class Officer:
    """Moves every submitted dossier one step every ``pace`` seconds (0: never)."""

    def __init__(self, portal: Portal, pace: float, seed: int) -> None:
        self.portal = portal
        self.pace = pace
        self.seed = seed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.pace <= 0 or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sandbox-officer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.pace):
            try:
                self.tick()
            except Exception:  # keep the office open; the next tick tries again
                log.exception("simulated officer failed")

    def tick(self) -> int:
        """One round over the dossiers waiting for the office; the number moved."""
        with self.portal.db.tx() as conn:
            rows = conn.execute(
                "SELECT * FROM dossiers WHERE status IN (1, 2, 4, 9) ORDER BY seq"
            ).fetchall()
        moved = 0
        for row in rows:
            if self._stop.is_set():
                break
            action, codes = choose_action(self.portal, row, self.seed)
            try:
                act(self.portal, row["id"], action, component_codes=codes)
                moved += 1
            except PortalError:
                continue  # the dossier moved meanwhile (withdrawn, paid...)
        return moved
