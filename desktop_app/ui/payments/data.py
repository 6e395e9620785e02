"""What the payments page shows, read on workers (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import Dossier
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync.events import EventHub
from desktop_app.core.sync.payments import PaymentRecord, Payments


@dataclass
class FeesView:
    dossier: Dossier
    procedure_name: str
    fees: list[dict[str, Any]]  # the procedure's fees, before any payment says otherwise
    payments: list[PaymentRecord]

    @property
    def latest(self) -> PaymentRecord | None:
        return self.payments[-1] if self.payments else None


def load_fees(store: Store, dossier_id: str) -> FeesView:
    dossier = DossierRepository(store).get(dossier_id)
    procedure = CatalogCache(store).get(dossier.procedure_code)
    fees = (
        [{"code": f.code, "name": f.name, "amount_vnd": f.amount_vnd} for f in procedure.fees]
        if procedure
        else []
    )
    payments = Payments(store, None, EventHub()).of(dossier_id)  # type: ignore[arg-type]
    return FeesView(
        dossier, procedure.name if procedure else dossier.procedure_code, fees, payments
    )


@dataclass(frozen=True)
class Transaction:
    """One payment of any dossier (Danh sách giao dịch)."""

    reference: str
    dossier_id: str
    portal_code: str | None
    applicant: str
    amount_vnd: int
    status: str
    created_at: str
    paid_at: str | None
    transaction_no: str | None
    channel: str | None
    receipt_sha256: str | None


def transactions(store: Store) -> list[Transaction]:
    rows = store.db.execute(
        "SELECT py.reference, py.dossier_id, d.portal_code,"
        " coalesce(json_extract(d.applicant, '$.full_name'), ''), py.amount_vnd, py.status,"
        " py.created_at, py.paid_at, py.transaction_no, py.channel, py.receipt_sha256"
        " FROM payments py JOIN dossiers d ON d.id = py.dossier_id"
        " ORDER BY py.created_at DESC, py.reference DESC"
    ).fetchall()
    return [Transaction(*row) for row in rows]
