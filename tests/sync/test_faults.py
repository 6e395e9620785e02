"""A batch sent through a fault-injecting proxy lands on the portal exactly once.

The real sandbox portal on loopback, the real client and sync engine, and between them
:class:`tests.support.fault_proxy.FaultProxy` resetting connections mid-body (both ways),
stalling past the client's timeouts (before and after the server committed), answering
500/503/429 with Retry-After itself, and losing answers after the server committed,
on every kind of call: create, HEAD, PATCH, submit. No HTTP mock anywhere.
"""

from __future__ import annotations

import time

import pytest

from desktop_app.core.dossier import State
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.session import RetryPolicy, Timeouts
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.sync import SyncEngine
from tests.support.dossiers import ready_dossier
from tests.support.fault_proxy import ALL_FAULTS, Fault, FaultProxy, Rule, Schedule
from tests.sync.exactly_once import assert_exactly_once

DOSSIERS = 20
FILE_SIZE = 1_500_000  # two files per dossier (1.014937: TP1 signed, TP2 PDF): ~3 MB each
CHUNK = 256 * 1024
PROCEDURE = "1.014937"

FAST = RetryPolicy(attempts=4, base=0.02, cap=0.25, retry_after_cap=2.0)
SHORT = Timeouts(connect=2.0, read=2.0, submit=6.0, upload_chunk=2.0)

CREATE = r"/dossiers$"
SUBMIT = r"/submit$"
UPLOAD = r"/uploads/"


def _rules() -> list[Rule]:
    """Faults that must happen at least once each, where they hurt most; the seeded
    schedule adds more of every kind anywhere."""
    return [
        Rule(Fault.LOSE_RESPONSE, "POST", CREATE, times=3, skip=1),
        Rule(Fault.RESET_RESPONSE, "POST", CREATE, times=2, skip=6),
        Rule(Fault.RESET_REQUEST, "POST", CREATE, times=1, skip=9),
        Rule(Fault.LOSE_RESPONSE, "POST", SUBMIT, times=3),
        Rule(Fault.STALL_COMMITTED, "POST", SUBMIT, times=1, skip=5),
        Rule(Fault.RESET_RESPONSE, "POST", SUBMIT, times=1, skip=8),
        Rule(Fault.RESET_REQUEST, "PATCH", UPLOAD, times=4, skip=3),
        Rule(Fault.LOSE_RESPONSE, "PATCH", UPLOAD, times=4, skip=11),
        Rule(Fault.STALL_COMMITTED, "PATCH", UPLOAD, times=1, skip=30),
        Rule(Fault.STALL, "PATCH", UPLOAD, times=1, skip=40),
        Rule(Fault.ERROR_429, "PATCH", UPLOAD, times=2, skip=50),
        Rule(Fault.ERROR_503, "HEAD", UPLOAD, times=2, skip=4),
        Rule(Fault.ERROR_500, "POST", SUBMIT, times=1, skip=12),
    ]


@pytest.mark.slow
def test_a_batch_through_every_fault_lands_exactly_once(
    store, client, pki, tmp_path, portal, account
):
    ids = [
        ready_dossier(
            store,
            pki.signer.pkcs12_path,
            pki.signer.pkcs12_password,
            tmp_path,
            procedure_code=PROCEDURE,
            size=FILE_SIZE,
        ).id
        for _ in range(DOSSIERS)
    ]
    repo = DossierRepository(store)
    total_bytes = sum(f.size for i in ids for f in repo.get(i).active_files())
    assert total_bytes > DOSSIERS * 2_900_000

    schedule = Schedule(seed=2026, rate=0.07, kinds=ALL_FAULTS, spare=r"/auth/")
    with FaultProxy(portal.url, rules=_rules(), schedule=schedule, seed=5, stall_max=20) as proxy:
        proxied = PortalClient(proxy.url, tokens=client.tokens, policy=FAST, timeouts=SHORT)
        engine = SyncEngine(store, proxied, parallel=3, chunk_size=CHUNK)
        started = time.monotonic()
        rounds = 0
        while rounds < 30:
            rounds += 1
            batch = engine.send_outbox(only_due=False)
            assert batch.stopped_by is None, batch.stopped_by.as_record()
            assert batch.refused == 0, [r.error.as_record() for r in batch.results if r.error]
            if all(repo.get(i).state == State.SUBMITTED for i in ids):
                break
        elapsed = time.monotonic() - started

    # Every fault kind really happened, and the dangerous ones after the server committed.
    summary = proxy.summary()
    for fault in ALL_FAULTS:
        assert summary.get(fault.value, 0) >= 1, (fault, summary)
    assert proxy.count(Fault.LOSE_RESPONSE, method="POST", path=CREATE, committed=True) >= 1
    assert proxy.count(Fault.LOSE_RESPONSE, method="POST", path=SUBMIT, committed=True) >= 1
    assert proxy.count(Fault.LOSE_RESPONSE, method="PATCH", committed=True) >= 1
    assert proxy.count(None) >= 30, summary
    # The lost answers were recovered with the committed keys: the portal replayed them.
    assert any(e.replayed and e.fault is Fault.NONE for e in proxy.exchanges)

    assert_exactly_once(store, ids, account.api, account.headers(), portal.config.data_dir)

    # Resuming after a fault sends at most the chunk in flight again.
    patches = [e for e in proxy.exchanges if e.method == "PATCH"]
    resent = sum(e.request_bytes for e in patches) - total_bytes
    faulted = sum(1 for e in patches if e.fault is not Fault.NONE)
    assert 0 <= resent <= faulted * CHUNK, (resent, faulted)
    assert rounds <= 8, rounds  # 2 here; more only under heavy load (legit answers > 2 s)
    print(f"\nfaults {summary}, rounds {rounds}, {elapsed:.1f}s, resent {resent} bytes")


def test_an_upload_rides_out_dropped_chunks_and_429_within_one_attempt(
    store, client, pki, tmp_path, portal, account
):
    """A lost PATCH answer, a PATCH cut mid-body, a stalled PATCH and two 429s with
    Retry-After do not fail the dossier: the uploader waits as told, asks HEAD and goes on,
    so the dossier is sent in one pass (no ``send_failed`` round, no waiting for the next
    batch)."""
    dossier = ready_dossier(
        store,
        pki.signer.pkcs12_path,
        pki.signer.pkcs12_password,
        tmp_path,
        procedure_code=PROCEDURE,
        size=FILE_SIZE,
    )
    rules = [
        Rule(Fault.LOSE_RESPONSE, "PATCH", UPLOAD, times=1, skip=1),
        Rule(Fault.RESET_REQUEST, "PATCH", UPLOAD, times=1, skip=2),
        Rule(Fault.STALL, "PATCH", UPLOAD, times=1, skip=3),
        Rule(Fault.ERROR_429, "PATCH", UPLOAD, times=2, skip=4),
    ]
    with FaultProxy(portal.url, rules=rules, retry_after=1.0) as proxy:
        proxied = PortalClient(proxy.url, tokens=client.tokens, policy=FAST, timeouts=SHORT)
        engine = SyncEngine(store, proxied, parallel=1, chunk_size=CHUNK)
        started = time.monotonic()
        batch = engine.send_outbox(only_due=False)
        elapsed = time.monotonic() - started
    assert [r.outcome.value for r in batch.results] == ["sent"], batch.results
    assert sum(rule.fired for rule in rules) == 5
    # Retry-After: 1 was honoured twice (our own backoff alone is at most 0.25 s).
    assert elapsed >= 2.0
    states = [
        r["to_state"]
        for r in store.db.query(
            "SELECT to_state FROM events WHERE dossier_id = ? AND kind = 'state'", [dossier.id]
        )
    ]
    assert "send_failed" not in states, states
    assert_exactly_once(store, [dossier.id], account.api, account.headers(), portal.config.data_dir)


def test_a_damaged_or_missing_local_file_is_named_not_sent_twice_and_the_batch_goes_on(
    store, client, pki, tmp_path, portal
):
    """A blob damaged on this PC is sent once, the portal finds its hash wrong, and the
    dossier is refused as "damaged here" (not sent a second time as if the network had
    damaged it); a missing blob refuses its dossier; the other dossier still goes."""
    damaged, missing, good = (
        ready_dossier(
            store,
            pki.signer.pkcs12_path,
            pki.signer.pkcs12_password,
            tmp_path,
            procedure_code=PROCEDURE,
            size=400_000,
        )
        for _ in range(3)
    )
    repo = DossierRepository(store)
    broken = store.blobs.path(damaged.active_files()[-1].blob_sha256)
    data = bytearray(broken.read_bytes())
    data[len(data) // 2] ^= 0xFF
    broken.chmod(0o600)
    broken.write_bytes(bytes(data))
    store.blobs.path(missing.active_files()[-1].blob_sha256).unlink()

    with FaultProxy(portal.url) as proxy:
        proxied = PortalClient(proxy.url, tokens=client.tokens, policy=FAST, timeouts=SHORT)
        batch = SyncEngine(store, proxied, parallel=1, chunk_size=CHUNK).send_outbox()
    outcomes = {r.dossier_id: (r.outcome.value, r.error and r.error.code) for r in batch.results}
    assert outcomes == {
        damaged.id: ("refused", "blob_corrupt"),
        missing.id: ("refused", "blob_missing"),
        good.id: ("sent", None),
    }
    for dossier_id, words in ((damaged.id, "đã bị hỏng"), (missing.id, "Không tìm thấy")):
        refused = repo.get(dossier_id)
        assert refused.state == State.REJECTED
        assert words in refused.last_error["vi"] and "Attach" in refused.last_error["en"]
    assert repo.get(good.id).state == State.SUBMITTED
    # Each byte of the damaged dossier went once: nothing re-sent for a local fault.
    damaged_urls = {f.upload_url for f in repo.get(damaged.id).active_files()}
    sent = sum(
        e.request_bytes
        for e in proxy.exchanges
        if e.method == "PATCH" and any(e.path == url for url in damaged_urls)
    )
    assert sent == sum(f.size for f in damaged.active_files())


def test_a_create_whose_answers_are_all_lost_is_replayed_with_its_committed_key_next_time(
    store, client, pki, tmp_path, portal, account
):
    """Every try of the create is answered by the portal and every answer lost, until the
    client gives up for this batch (``send_failed``). The next batch sends the create again
    under the key committed before the first try: the portal replays its first answer
    instead of taking a second request for the same dossier."""
    dossier = ready_dossier(
        store,
        pki.signer.pkcs12_path,
        pki.signer.pkcs12_password,
        tmp_path,
        procedure_code=PROCEDURE,
        size=300_000,
    )
    rules = [Rule(Fault.LOSE_RESPONSE, "POST", CREATE, times=FAST.attempts)]
    with FaultProxy(portal.url, rules=rules) as proxy:
        proxied = PortalClient(proxy.url, tokens=client.tokens, policy=FAST, timeouts=SHORT)
        engine = SyncEngine(store, proxied, parallel=1, chunk_size=CHUNK)
        first = engine.send_outbox(only_due=False)
        assert [r.outcome.value for r in first.results] == ["waiting"]
        assert DossierRepository(store).get(dossier.id).state == State.SEND_FAILED
        second = engine.send_outbox(only_due=False)
    assert [r.outcome.value for r in second.results] == ["sent"]
    creates = [e for e in proxy.exchanges if e.method == "POST" and e.path.endswith("/dossiers")]
    assert [e.fault for e in creates] == [Fault.LOSE_RESPONSE] * FAST.attempts + [Fault.NONE]
    assert all(e.upstream_status == 201 for e in creates)
    assert [e.replayed for e in creates] == [False] + [True] * FAST.attempts
    assert_exactly_once(store, [dossier.id], account.api, account.headers(), portal.config.data_dir)
