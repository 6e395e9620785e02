"""POST /dossiers and idempotency: drafts, replays, conflicts, in-flight duplicates."""

from __future__ import annotations

import json
import threading
import uuid

import requests

from sandbox_portal import dossiers as dossiers_module
from tests.sandbox.conftest import (
    PLAIN_PROCEDURE,
    SIGNED_PROCEDURE,
    dossier_body,
    error_code,
    file_entry,
    key,
    make_pdf,
    new_client,
)


def test_create_returns_a_draft_with_its_uploads(client):
    pdf = make_pdf()
    body = dossier_body([file_entry(pdf)])
    response = client.post("/dossiers", body, idem=key())
    assert response.status_code == 201
    dossier = response.json()
    assert dossier["status"] == 0 and dossier["status_label"] == "Chưa nộp"
    assert dossier["code"] is None and dossier["client_id"] == body["client_id"]
    assert dossier["receipt_no"] is None and dossier["payment"] is None
    assert dossier["fees_due_vnd"] == 0 and dossier["updated_at"].endswith("+07:00")
    [upload] = dossier["uploads"]
    assert upload["upload_url"] == f"/api/v1/uploads/{upload['file_id']}"
    assert (upload["size"], upload["offset"], upload["component_code"]) == (len(pdf), 0, "TP1")


def test_same_key_same_json_replays_even_after_changes(client):
    pdf = make_pdf()
    body = dossier_body([file_entry(pdf)])
    idem = key()
    first = client.post("/dossiers", body, idem=idem)
    client.upload(first.json()["uploads"][0], pdf[:100] + pdf[100:], chunk=50)
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=3, ensure_ascii=False)
    replay = client.http.post(
        client.api + "/dossiers",
        data=reordered.encode(),
        headers={"Idempotency-Key": idem, "Content-Type": "application/json"},
    )
    assert replay.status_code == 201
    assert replay.json() == first.json()
    assert replay.json()["uploads"][0]["offset"] == 0  # the stored answer, not today's
    assert client.get(f"/dossiers/{first.json()['id']}").json()["uploads"][0]["offset"] == len(pdf)


def test_same_key_other_body_or_path_conflicts(client):
    pdf = make_pdf()
    body = dossier_body([file_entry(pdf)])
    idem = key()
    created = client.post("/dossiers", body, idem=idem).json()
    other = client.post("/dossiers", {**body, "summary": "khác"}, idem=idem)
    assert other.status_code == 409 and error_code(other) == "idempotency_conflict"
    path = client.post(f"/dossiers/{created['id']}/submit", idem=idem)
    assert path.status_code == 409 and error_code(path) == "idempotency_conflict"


def test_keys_belong_to_their_account(portal, client):
    other = new_client(portal)
    pdf = make_pdf()
    idem = key()
    mine = client.post("/dossiers", dossier_body([file_entry(pdf)], client_id="c-1"), idem=idem)
    theirs = other.post("/dossiers", dossier_body([file_entry(pdf)], client_id="c-1"), idem=idem)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]


def test_key_required_and_must_be_a_uuid(client):
    body = dossier_body([])
    for headers in ({}, {"Idempotency-Key": "khong-phai-uuid"}):
        response = client.http.post(client.api + "/dossiers", json=body, headers=headers)
        assert response.status_code == 400 and error_code(response) == "idempotency_key_required"
    dossier = client.post("/dossiers", body, idem=key()).json()
    paths = [
        f"/dossiers/{dossier['id']}/submit",
        f"/dossiers/{dossier['id']}/withdraw",
        f"/dossiers/{dossier['id']}/supplements",
        f"/dossiers/{dossier['id']}/supplements/x/submit",
        f"/dossiers/{dossier['id']}/payments",
    ]
    for path in paths:
        response = client.post(path, {})
        assert response.status_code == 400, path
        assert error_code(response) == "idempotency_key_required"
    no_token = requests.post(
        client.api + "/dossiers", json=body, headers={"Idempotency-Key": key()}
    )
    assert no_token.status_code == 401 and error_code(no_token) == "invalid_token"


def test_in_flight_duplicate_is_refused(portal, client):
    idem = key()
    body = dossier_body([])
    # A first request still running under this key (as the server records it).
    from sandbox_portal.idempotency import body_fingerprint

    portal.portal.idempotency.claim(
        _account_id(portal, client),
        idem,
        "POST",
        "/api/v1/dossiers",
        body_fingerprint(json.dumps(body).encode()),
    )
    response = client.post("/dossiers", body, idem=idem)
    assert response.status_code == 409 and error_code(response) == "idempotency_in_progress"


def _account_id(portal, client) -> int:
    with portal.portal.db.tx() as conn:
        return conn.execute(
            "SELECT id FROM accounts WHERE username=?", (client.account.username,)
        ).fetchone()[0]


def test_identical_requests_at_the_same_time_make_one_dossier(client):
    body = dossier_body([file_entry(make_pdf())])
    idem = key()
    barrier = threading.Barrier(8)
    results = []

    def send():
        barrier.wait()
        results.append(client.post("/dossiers", body, idem=idem))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in results)
    assert set(statuses) <= {201, 409}
    assert 201 in statuses
    for response in results:
        if response.status_code == 409:
            assert error_code(response) == "idempotency_in_progress"
    ids = {r.json()["id"] for r in results if r.status_code == 201}
    assert len(ids) == 1
    listed = client.get("/dossiers").json()["items"]
    assert [d["client_id"] for d in listed].count(body["client_id"]) == 1


def test_a_5xx_is_not_stored_so_a_retry_runs_again(client, monkeypatch):
    pdf = make_pdf()
    dossier = client.create([pdf], PLAIN_PROCEDURE)
    client.upload(dossier["uploads"][0], pdf)
    calls = []
    original = dossiers_module.completeness_problems

    def broken(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("ổ đĩa gặp sự cố")
        return original(*args, **kwargs)

    monkeypatch.setattr(dossiers_module, "completeness_problems", broken)
    idem = key()
    failed = client.post(f"/dossiers/{dossier['id']}/submit", idem=idem)
    assert failed.status_code == 500 and error_code(failed) == "internal_error"
    retried = client.post(f"/dossiers/{dossier['id']}/submit", idem=idem)
    assert retried.status_code == 200 and retried.json()["status"] == 1
    assert len(calls) == 2


def test_draft_is_repaired_by_client_id_and_keeps_unchanged_uploads(client):
    keep, old, new = make_pdf("giữ"), make_pdf("cũ"), make_pdf("mới")
    body = dossier_body([file_entry(keep, "TP2", "bang.pdf"), file_entry(old)], "1.014113")
    first = client.post("/dossiers", body, idem=key()).json()
    kept = next(u for u in first["uploads"] if u["component_code"] == "TP2")
    client.upload(kept, keep)
    body["files"] = [file_entry(keep, "TP2", "bang-doi-ten.pdf"), file_entry(new)]
    repaired = client.post("/dossiers", body, idem=key())
    assert repaired.status_code == 200
    dossier = repaired.json()
    assert dossier["id"] == first["id"] and dossier["status"] == 0
    again = next(u for u in dossier["uploads"] if u["component_code"] == "TP2")
    assert again["file_id"] == kept["file_id"] and again["offset"] == len(keep)
    assert again["file_name"] == "bang-doi-ten.pdf"
    replaced = next(u for u in dossier["uploads"] if u["component_code"] == "TP1")
    assert replaced["offset"] == 0 and replaced["size"] == len(new)
    assert len(dossier["uploads"]) == 2


def test_submitted_client_id_is_dossier_exists(client):
    pdf = make_pdf()
    submitted = client.submitted(pdf, PLAIN_PROCEDURE)
    body = dossier_body([file_entry(pdf)], PLAIN_PROCEDURE, client_id=submitted["client_id"])
    again = client.post("/dossiers", body, idem=key())
    assert again.status_code == 409 and error_code(again) == "dossier_exists"
    assert again.json()["error"]["details"]["dossier"]["id"] == submitted["id"]
    assert again.json()["error"]["details"]["dossier"]["code"] == submitted["code"]


def test_invalid_dossier_lists_problems(client):
    pdf = make_pdf()

    def problems(body):
        response = client.post("/dossiers", body, idem=key())
        assert response.status_code == 422, response.text
        assert error_code(response) == "invalid_dossier"
        return {p["code"] for p in response.json()["error"]["details"]["problems"]}

    assert problems(dossier_body([], "9.999999")) == {"unknown_procedure"}
    assert "procedure_retired" in problems(dossier_body([file_entry(pdf)], "SBX-NV-10"))
    big = {**file_entry(pdf), "size": 20971521}
    assert problems(dossier_body([big])) == {"file_too_large"}
    word = file_entry(pdf, content_type="application/msword")
    assert problems(dossier_body([word])) == {"wrong_content_type"}
    assert problems(dossier_body([file_entry(pdf), file_entry(make_pdf())])) == {"too_many_files"}
    assert problems(dossier_body([file_entry(pdf, "TP9")])) == {"unknown_component"}
    body = dossier_body([file_entry(pdf)])
    del body["applicant"]["full_name"]
    missing = client.post("/dossiers", body, idem=key())
    assert missing.status_code == 422 and error_code(missing) == "invalid_dossier"
    fields = [p["field"] for p in missing.json()["error"]["details"]["problems"]]
    assert "applicant.full_name" in fields
    pickup = dossier_body([file_entry(pdf)], "1.014113")
    pickup["delivery"]["home_pickup"] = True
    pickup["delivery"]["pickup_address"] = "Thôn 1"
    assert problems(pickup) == {"delivery_not_offered"}


def test_each_account_sees_only_its_own_dossiers(portal, client):
    other = new_client(portal)
    pdf = make_pdf()
    mine = client.create([pdf])
    hidden = other.get(f"/dossiers/{mine['id']}")
    assert hidden.status_code == 404 and error_code(hidden) == "not_found"
    assert other.get("/dossiers").json()["items"] == []
    for path in (f"/dossiers/{mine['id']}/submit", f"/dossiers/{mine['id']}/payments"):
        response = other.post(path, {}, idem=key())
        assert response.status_code == 404 and error_code(response) == "not_found"
    withdraw = other.post(f"/dossiers/{mine['id']}/withdraw", {"reason": "x"}, idem=key())
    assert withdraw.status_code == 404
    upload_url = portal.url + mine["uploads"][0]["upload_url"]
    assert other.http.head(upload_url).status_code == 404
    assert client.http.head(upload_url).status_code == 200
    unknown = client.get(f"/dossiers/{uuid.uuid4()}")
    assert unknown.status_code == 404
    assert SIGNED_PROCEDURE  # the dossier above needs a signature: still hidden from others
