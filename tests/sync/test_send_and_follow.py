"""A dossier's whole life against the sandbox portal: send, follow, pay, answer, collect."""

from __future__ import annotations

import requests

from desktop_app.core.dossier import State
from desktop_app.core.signatures import make_validator
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import events_of
from desktop_app.core.sync import Outcome, SyncEngine
from tests.support.dossiers import ready_dossier
from tests.support.sandbox import officer


def _portal_dossiers(account) -> list[dict]:
    items, cursor = [], None
    while True:
        params = {"limit": 500} | ({"changed_since": cursor} if cursor else {})
        page = requests.get(
            f"{account.api}/dossiers", params=params, headers=account.headers(), timeout=30
        ).json()
        if not page["items"]:
            return items
        items += page["items"]
        cursor = page["next_cursor"]


def test_a_queued_dossier_is_created_uploaded_and_submitted_once(
    store, client, pki, tmp_path, account
):
    dossier = ready_dossier(
        store, pki.signer.pkcs12_path, pki.signer.pkcs12_password, tmp_path, size=300_000
    )
    engine = SyncEngine(store, client)
    batch = engine.send_outbox()
    assert [r.outcome for r in batch.results] == [Outcome.SENT]
    sent = DossierRepository(store).get(dossier.id)
    assert sent.state == State.SUBMITTED
    assert sent.portal_status == 1 and sent.portal_code
    assert all(f.uploaded_bytes == f.size for f in sent.active_files())
    on_portal = _portal_dossiers(account)
    assert [d["client_id"] for d in on_portal] == [dossier.id]
    assert on_portal[0]["code"] == sent.portal_code
    # Sending again changes nothing.
    assert engine.send_outbox().results == []
    assert len(_portal_dossiers(account)) == 1


def test_follow_mirrors_the_officer_and_collects_a_validated_result(
    store, client, pki, tmp_path, portal
):
    dossier = ready_dossier(store, pki.signer.pkcs12_path, pki.signer.pkcs12_password, tmp_path)
    engine = SyncEngine(store, client, validate=make_validator())
    engine.send_outbox()
    portal_id = DossierRepository(store).get(dossier.id).portal_id
    for action in ("receive", "process", "finish"):
        officer(portal, portal_id, action, note=f"bước {action}")
    changed, results = engine.follow()
    assert changed == 1 and results == 1
    mirrored = DossierRepository(store).get(dossier.id)
    assert mirrored.portal_status == 9 and mirrored.receipt_no and mirrored.due_at
    history = [e for e in events_of(store.db, dossier.id) if e.kind == "portal_history"]
    assert [e.to_state for e in history][-3:] == ["2", "4", "9"]
    row = store.db.execute(
        "SELECT blob_sha256, validation FROM results WHERE dossier_id = ?", (dossier.id,)
    ).fetchone()
    assert row[0] and store.blobs.verify(row[0])
    assert '"all_intact": true' in row[1]
    # Nothing new the second time.
    assert engine.follow() == (0, 0)
