"""Write ``fixtures/schema_v<N>.sql``: a database made by schema version N, with data.

Run it once when a release adds a schema step (``python -m tests.store.make_fixture``), and
commit the file: the migration tests then upgrade that old database on every run, like
Electrum's ``test_storage_upgrade`` fixtures.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from desktop_app.core.dossier import Applicant, Delivery, State
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.migrations import LATEST_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def build(profile: Path) -> Store:
    store = Store.open(profile)
    repo = DossierRepository(store)
    with store.write() as db:
        db["agencies"].insert({"code": "000.00.20.H34", "name": "Sở Nội vụ"})
        db["fields"].insert(
            {"code": "CCVC", "name": "Công chức, viên chức", "agency_code": "000.00.20.H34"}
        )
        db["procedures"].insert(
            {
                "code": "1.014111",
                "name": "Thi tuyển công chức",
                "agency_code": "000.00.20.H34",
                "field_code": "CCVC",
                "level": 4,
                "processing_days": 30,
                "version": 3,
                "search_text": "thi tuyen cong chuc",
            }
        )
        db["components"].insert(
            {
                "procedure_code": "1.014111",
                "code": "TP1",
                "position": 1,
                "name": "Phiếu đăng ký dự tuyển",
                "required": 1,
                "signature_required": 1,
                "accepts": '["application/pdf"]',
            }
        )
        db["fees"].insert(
            {
                "procedure_code": "1.014111",
                "code": "LP1",
                "name": "Phí dự tuyển",
                "kind": "phi",
                "amount_vnd": 500000,
            }
        )
    draft = repo.create(
        "1.014111",
        3,
        applicant=Applicant(full_name="Nguyễn Văn A"),
        summary="Đăng ký dự tuyển",
        delivery=Delivery(home_return=True, return_address="Kon Tum"),
    )
    tmp = profile / "phieu.pdf"
    tmp.write_bytes(b"%PDF-1.7\n% fixture\n")
    repo.attach(draft.id, "TP1", tmp)
    sent = repo.create("1.014111", 3, applicant=Applicant(full_name="Trần Thị B"))
    for state in (State.READY, State.QUEUED, State.SENDING, State.SUBMITTED):
        repo.transition(sent.id, state, actor="fixture")
    repo.update_portal(
        sent.id,
        {
            "portal_id": "P1",
            "portal_code": "000.00.20.H34-261124-00001",
            "portal_status": 2,
            "fees_due_vnd": 500000,
        },
    )
    with store.write() as db:
        db.execute(
            "INSERT INTO outbox (dossier_id, step, idempotency_key, created_at, updated_at)"
            " VALUES (?, 'create', '5b2f9a55-1111-4222-8333-944455556666', 'x', 'x')",
            (sent.id,),
        )
        db.execute(
            "INSERT INTO payments (reference, dossier_id, amount_vnd, status, created_at,"
            " updated_at) VALUES ('REF1', ?, 500000, 'pending', 'x', 'x')",
            (sent.id,),
        )
    return store


def main() -> int:
    FIXTURES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = build(Path(tmp))
        store.close()
        conn = sqlite3.connect(Path(tmp) / "dossier-desk.sqlite3")
        dump = "\n".join(conn.iterdump())
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.close()
    assert version == LATEST_VERSION
    target = FIXTURES / f"schema_v{version}.sql"
    target.write_text(f"PRAGMA user_version = {version};\n{dump}\n", encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
