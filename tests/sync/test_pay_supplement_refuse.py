"""Payments, supplement answers and refusals, end to end against the sandbox portal."""

from __future__ import annotations

import pytest
import requests

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import State
from desktop_app.core.messages import UserError
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import events_of
from desktop_app.core.sync import Outcome, SyncEngine
from tests.support.dossiers import ready_dossier, signed_pdf
from tests.support.sandbox import officer


def _gateway(portal, reference: str, outcome: str) -> dict:
    response = requests.post(
        f"{portal.url}/api/v1/sandbox/payments/{reference}", json={"outcome": outcome}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def submitted(store, client, pki, tmp_path):
    dossier = ready_dossier(store, pki.signer.pkcs12_path, pki.signer.pkcs12_password, tmp_path)
    engine = SyncEngine(store, client)
    assert engine.send_outbox().sent == 1
    return engine, DossierRepository(store).get(dossier.id)


def test_pay_once_reuse_the_pending_link_then_see_paid_and_keep_the_receipt(
    store, portal, submitted
):
    engine, dossier = submitted
    first = engine.payments.pay(dossier.id)
    again = engine.payments.pay(dossier.id)
    assert first.reference == again.reference and first.status == "pending"
    assert first.amount_vnd == 500_000
    assert first.pay_url.startswith(portal.url + "/pay/")
    _gateway(portal, first.reference, "paid")
    engine.follow()
    paid = engine.payments.get(first.reference)
    assert paid.status == "paid" and paid.receipt_sha256
    assert store.blobs.read_bytes(paid.receipt_sha256).startswith(b"%PDF")
    assert DossierRepository(store).get(dossier.id).fees_due_vnd == 0
    with pytest.raises(UserError) as caught:
        engine.payments.pay(dossier.id)
    assert caught.value.code == "nothing_to_pay"
    kinds = [e.kind for e in events_of(store.db, dossier.id)]
    assert "receipt_received" in kinds


def test_a_failed_payment_is_followed_by_a_new_one_not_a_replay(store, portal, submitted):
    engine, dossier = submitted
    first = engine.payments.pay(dossier.id)
    _gateway(portal, first.reference, "failed")
    assert engine.payments.refresh(first.reference).status == "failed"
    second = engine.payments.pay(dossier.id)
    assert second.reference != first.reference and second.status == "pending"


def test_supplement_request_is_answered_with_a_signed_file(
    store, portal, client, pki, tmp_path, submitted
):
    engine, dossier = submitted
    officer(portal, dossier.portal_id, "receive")
    officer(
        portal,
        dossier.portal_id,
        "request_supplement",
        note="Bổ sung phiếu",
        component_codes=["TP1"],
    )
    engine.follow()
    request = engine.supplements.open_request(dossier.id)
    assert request is not None and request.component_codes == ["TP1"]
    assert DossierRepository(store).get(dossier.id).portal_status == 5
    catalog = CatalogCache(store)
    with pytest.raises(UserError) as caught:
        engine.supplements.queue(request.id, "Đã bổ sung", catalog)
    assert caught.value.message.key == "supplement.incomplete"
    wrong = DossierRepository(store).attach(
        dossier.id, "TP1", signed_pdf(tmp_path, pki.signer.pkcs12_path, pki.signer.pkcs12_password),
        original_name="nham-tep.pdf", supplement_id=request.id,
    )  # fmt: skip
    main_file = DossierRepository(store).get(dossier.id).active_files()[0]
    with pytest.raises(UserError):  # the dossier's own files stay locked
        engine.supplements.remove_file(request.id, main_file.id)
    engine.supplements.remove_file(request.id, wrong.id)
    assert engine.supplements.files(request) == []
    pdf = signed_pdf(tmp_path, pki.signer.pkcs12_path, pki.signer.pkcs12_password)
    from desktop_app.core.signatures import make_validator

    info = store.blobs.put_file(pdf)
    DossierRepository(store).attach_blob(
        dossier.id, "TP1", info, original_name="phieu-bo-sung.pdf",
        content_type="application/pdf", signed=True,
        signature_report=make_validator()(pdf), supplement_id=request.id,
    )  # fmt: skip
    engine.supplements.queue(request.id, "Đã bổ sung", catalog)
    summary = engine.run_once()
    assert summary.supplements_sent == 1 and summary.exit_status == 0
    assert engine.supplements.get(request.id).state == "sent"
    assert DossierRepository(store).get(dossier.id).portal_status == 4


def test_the_portal_refuses_one_dossier_and_the_batch_carries_on(store, client, pki, tmp_path):
    good = ready_dossier(store, pki.signer.pkcs12_path, pki.signer.pkcs12_password, tmp_path)
    bad = ready_dossier(store, pki.signer.pkcs12_path, pki.signer.pkcs12_password, tmp_path)
    # A file whose bytes the local check trusted but whose signature the portal refuses.
    repo = DossierRepository(store)
    f = repo.get(bad.id).active_files()[0]
    broken = store.blobs.put_bytes(store.blobs.read_bytes(f.blob_sha256)[:-600] + b"\n%%EOF\n")
    with store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, created_at) VALUES (?, ?, 'x')",
            (broken.sha256, broken.size),
        )
        db.execute(
            "UPDATE dossier_files SET blob_sha256 = ?, size = ? WHERE id = ?",
            (broken.sha256, broken.size, f.id),
        )
    engine = SyncEngine(store, client, parallel=1)
    batch = engine.send_outbox()
    outcomes = {r.dossier_id: r.outcome for r in batch.results}
    assert outcomes == {bad.id: Outcome.REFUSED, good.id: Outcome.SENT}
    refused = repo.get(bad.id)
    assert refused.state == State.REJECTED
    assert refused.last_error["code"] == "incomplete_dossier"
    assert "Hồ sơ chưa đủ" in refused.last_error["vi"]
    assert repo.get(good.id).state == State.SUBMITTED


def test_an_authentication_failure_stops_the_batch(store, client, pki, tmp_path):
    ids = [
        ready_dossier(store, pki.signer.pkcs12_path, pki.signer.pkcs12_password, tmp_path).id
        for _ in range(3)
    ]
    client.tokens.clear()
    engine = SyncEngine(store, client, parallel=1)
    batch = engine.send_outbox()
    assert batch.stopped_by is not None and batch.stopped_by.message.key == "portal.not_signed_in"
    assert len(batch.results) == 1 and batch.not_started == ids[1:]
    repo = DossierRepository(store)
    assert [repo.get(i).state for i in ids] == [State.SEND_FAILED, State.QUEUED, State.QUEUED]
