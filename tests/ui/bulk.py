"""A profile with many dossiers (10,000 by default), written straight into SQLite in one
transaction: drafts, ready ones, dossiers sent and followed at every portal status, some
refused, some with a payment that failed or expired. Nothing in it needs the portal (no
queued dossier, no pending payment, no result to download), so a sync beside it only
touches what the test sends.

    python -m tests.ui.bulk PROFILE [COUNT]
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.clock import VIETNAM
from desktop_app.core.dossier import PORTAL_STATUS_LABELS
from desktop_app.core.store import Store
from tests.core.test_catalog import AGENCY, FIELDS, procedure

PROCEDURES = [
    ("1.014111", "Thủ tục thi tuyển công chức"),
    ("1.014113", "Thủ tục xét tuyển công chức"),
    ("1.005384", "Thủ tục khen thưởng Bằng khen của Chủ tịch UBND tỉnh"),
    ("2.001234", "Thủ tục thành lập hội cấp tỉnh"),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam", "Phúc", "Yến"]


def fill_profile(profile: Path, count: int = 10_000, seed: int = 7) -> int:
    """Add ``count`` dossiers to the profile (creating it); returns how many it holds."""
    rng = random.Random(seed)
    store = Store.open(profile)
    try:
        cache = CatalogCache(store)
        cache.save_agencies([AGENCY])
        cache.save_fields(FIELDS)
        cache.save_procedures([procedure(code, name) for code, name in PROCEDURES])
        start = datetime(2026, 1, 5, 8, 0, tzinfo=VIETNAM)
        dossiers, events, payments = [], [], []
        for n in range(count):
            dossier_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            code, _ = rng.choice(PROCEDURES)
            created = start + timedelta(minutes=47 * n + rng.randint(0, 40))
            updated = created + timedelta(hours=rng.randint(0, 400))
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            applicant = {"full_name": name, "id_number": f"0621{n:08d}", "kind": "citizen",
                         "phone": "0912345678", "email": "", "address": "Kon Tum",
                         "date_of_birth": None}  # fmt: skip
            roll = rng.random()
            state, status, portal_id, portal_code, fees = "draft", None, None, None, None
            receipt = last_error = None
            if roll < 0.25:
                state = "ready"
            elif roll < 0.30:
                state = "rejected"
                last_error = json.dumps(
                    {"code": "incomplete_dossier", "key": "portal.incomplete_dossier",
                     "vi": "Hồ sơ chưa đủ: thiếu chữ ký số", "en": "Incomplete: no signature"},
                    ensure_ascii=False,
                )  # fmt: skip
            elif roll >= 0.45:
                state = "submitted"
                status = rng.choice([1, 2, 4, 4, 5, 6, 9, 10, 10, 3, 8])
                portal_id = f"bulk-{n}"
                portal_code = f"000.00.20.H34-{created:%y%m%d}-{n % 100000:05d}"
                fees = 500_000 if status in (1, 2, 6) else 0
                receipt = f"BN-{n:06d}" if status >= 2 else None
            label = PORTAL_STATUS_LABELS[status][0] if status is not None else None
            dossiers.append(
                (dossier_id, code, 1, state, json.dumps(applicant, ensure_ascii=False),
                 f"Hồ sơ số {n}", "{}", portal_id, portal_code, status, label, receipt,
                 fees, last_error, created.isoformat(),
                 updated.isoformat(), created.isoformat() if portal_id else None)
            )  # fmt: skip
            events.append(
                (dossier_id, created.isoformat(), "clerk", "created", None, "draft")
            )  # fmt: skip
            if status in (1, 2, 6) and rng.random() < 0.3:
                payments.append(
                    (f"BULK{n:06d}", dossier_id, 500_000, rng.choice(["failed", "expired"]),
                     updated.isoformat(), updated.isoformat())
                )  # fmt: skip
        with store.write() as db:
            db.conn.executemany(
                "INSERT INTO dossiers (id, procedure_code, procedure_version, state, applicant,"
                " summary, delivery, portal_id, portal_code, portal_status, portal_status_label,"
                " receipt_no, fees_due_vnd, last_error, created_at, updated_at, first_sent_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                dossiers,
            )
            db.conn.executemany(
                "INSERT INTO events (dossier_id, at, actor, kind, from_state, to_state)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                events,
            )
            db.conn.executemany(
                "INSERT INTO payments (reference, dossier_id, amount_vnd, status, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                payments,
            )
        return store.db.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    finally:
        store.close()


if __name__ == "__main__":
    total = fill_profile(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(f"{total} dossiers in {sys.argv[1]}")
