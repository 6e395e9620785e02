"""Submit, the change feed, withdraw, the officer's moves, supplements and results."""

from __future__ import annotations

import re

import requests

import signing
from sandbox_portal import officer as officer_module
from tests.sandbox.conftest import (
    PLAIN_PROCEDURE,
    SIGNED_PROCEDURE,
    chunk_headers,
    error_code,
    file_entry,
    key,
    make_pdf,
    running_sandbox,
)
from tests.support.sandbox import officer


def _problems(response):
    return [
        (p.get("component_code"), p["code"])
        for p in response.json()["error"]["details"]["problems"]
    ]


def test_submit_checks_components_and_signatures(client, pdfs):
    empty = client.create([], SIGNED_PROCEDURE)
    response = client.post(f"/dossiers/{empty['id']}/submit", idem=key())
    assert response.status_code == 422 and error_code(response) == "incomplete_dossier"
    assert _problems(response) == [("TP1", "component_missing")]
    half = client.create([pdfs.signed])
    client.http.patch(
        client.server.url + half["uploads"][0]["upload_url"],
        data=pdfs.signed[:9],
        headers=chunk_headers(pdfs.signed[:9], 0),
    )
    response = client.post(f"/dossiers/{half['id']}/submit", idem=key())
    assert _problems(response) == [("TP1", "upload_incomplete")]
    for data, problem in (
        (pdfs.unsigned, "signature_missing"),
        (pdfs.tampered, "signature_invalid"),
    ):
        dossier = client.create([data])
        client.upload(dossier["uploads"][0], data)
        response = client.post(f"/dossiers/{dossier['id']}/submit", idem=key())
        assert response.status_code == 422 and error_code(response) == "incomplete_dossier"
        assert _problems(response) == [("TP1", problem)]


def test_submit_gives_a_code_and_fees_then_is_replayed(client, pdfs):
    dossier = client.create([pdfs.signed])
    client.upload(dossier["uploads"][0], pdfs.signed)
    idem = key()
    response = client.post(f"/dossiers/{dossier['id']}/submit", idem=idem)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == 1 and body["status_label"] == "Mới đăng ký"
    assert re.fullmatch(r"000\.00\.20\.H34-\d{6}-\d{5}", body["code"])
    assert body["fees"] == [{"code": "LP1", "name": "Phí dự tuyển", "amount_vnd": 500000}]
    assert body["fees_due_vnd"] == 500000
    assert body["history"][-1]["status"] == 1 and body["history"][-1]["at"].endswith("+07:00")
    assert client.post(f"/dossiers/{dossier['id']}/submit", idem=idem).json() == body
    again = client.post(f"/dossiers/{dossier['id']}/submit", idem=key())
    assert again.status_code == 409 and error_code(again) == "invalid_transition"


def test_change_feed_pages_in_order_and_rejects_foreign_cursors(portal, client, pdfs):
    start = client.get("/dossiers")
    assert start.json() == {"items": [], "next_cursor": start.json()["next_cursor"]}
    cursor0 = start.json()["next_cursor"]
    data = make_pdf()
    first = client.create([data], PLAIN_PROCEDURE)
    second = client.create([data], PLAIN_PROCEDURE)
    page = client.get("/dossiers", params={"changed_since": cursor0, "limit": 1}).json()
    assert [d["id"] for d in page["items"]] == [first["id"]]
    page2 = client.get("/dossiers", params={"changed_since": page["next_cursor"]}).json()
    assert [d["id"] for d in page2["items"]] == [second["id"]]
    cursor = page2["next_cursor"]
    empty = client.get("/dossiers", params={"changed_since": cursor}).json()
    assert empty == {"items": [], "next_cursor": cursor}
    # an upload in progress is not a change; a completed one is
    url = client.server.url + first["uploads"][0]["upload_url"]
    client.http.patch(url, data=data[:100], headers=chunk_headers(data[:100], 0))
    assert client.get("/dossiers", params={"changed_since": cursor}).json()["items"] == []
    client.upload(first["uploads"][0], data)
    changed = client.get("/dossiers", params={"changed_since": cursor}).json()
    assert [d["id"] for d in changed["items"]] == [first["id"]]
    # a status change by the officer is one too, after the upload's change
    submitted = client.post(f"/dossiers/{first['id']}/submit", idem=key()).json()
    officer(portal, first["id"], "receive")
    feed = client.get("/dossiers", params={"changed_since": changed["next_cursor"]}).json()
    assert [d["id"] for d in feed["items"]] == [first["id"]]
    assert feed["items"][0]["status"] == 2 and submitted["status"] == 1
    for bad in ("khong-hop-le", cursor[:-2] + "AA", "MTIzLmFiYw"):
        response = client.get("/dossiers", params={"changed_since": bad})
        assert response.status_code == 400 and error_code(response) == "invalid_cursor"
    from tests.sandbox.conftest import new_client

    stranger = new_client(portal)
    response = stranger.get("/dossiers", params={"changed_since": cursor})
    assert response.status_code == 400 and error_code(response) == "invalid_cursor"
    for limit in (0, 501, "x"):
        assert client.get("/dossiers", params={"limit": limit}).status_code == 422
    assert len(client.get("/dossiers", params={"limit": 500}).json()["items"]) == 2


def test_withdraw_only_from_allowed_statuses(portal, client):
    data = make_pdf()
    draft = client.create([data], PLAIN_PROCEDURE)
    refused = client.post(f"/dossiers/{draft['id']}/withdraw", {"reason": "nhầm"}, idem=key())
    assert refused.status_code == 409 and error_code(refused) == "invalid_transition"
    submitted = client.submitted(data, PLAIN_PROCEDURE)
    officer(portal, submitted["id"], "receive")
    response = client.post(
        f"/dossiers/{submitted['id']}/withdraw", {"reason": "Nộp nhầm"}, idem=key()
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == 7 and body["history"][-1]["note"] == "Nộp nhầm"
    twice = client.post(f"/dossiers/{submitted['id']}/withdraw", {"reason": "lại"}, idem=key())
    assert twice.status_code == 409
    missing = client.post(f"/dossiers/{submitted['id']}/withdraw", {}, idem=key())
    assert missing.status_code == 422 and error_code(missing) == "invalid_field"


def test_officer_moves_and_refuses_other_moves(portal, client):
    submitted = client.submitted(make_pdf(), PLAIN_PROCEDURE)
    dossier_id = submitted["id"]
    url = f"{portal.api_url}/sandbox/officer/dossiers/{dossier_id}"
    bad = requests.post(url, json={"action": "finish"})
    assert bad.status_code == 409 and error_code(bad) == "invalid_transition"
    unknown = requests.post(url, json={"action": "nhảy cóc"})
    assert unknown.status_code == 422 and error_code(unknown) == "invalid_field"
    nobody = requests.post(
        f"{portal.api_url}/sandbox/officer/dossiers/khong-co", json={"action": "receive"}
    )
    assert nobody.status_code == 404
    received = officer(portal, dossier_id, "receive")
    assert received["status"] == 2 and received["receipt_no"]
    assert received["received_at"].endswith("+07:00") and received["due_at"].endswith("+07:00")
    assert received["due_at"] > received["received_at"]
    no_fee = requests.post(url, json={"action": "request_payment"})
    assert no_fee.status_code == 409
    assert officer(portal, dossier_id, "process")["status"] == 4
    finished = officer(portal, dossier_id, "finish")
    assert finished["status"] == 9
    [result] = finished["results"]
    download = client.http.get(portal.url + result["url"])
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"
    assert int(download.headers["content-length"]) == result["size"]
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(download.content).digest()).decode()
    assert download.headers["Digest"] == f"sha-256={digest}"
    assert hashlib.sha256(download.content).hexdigest() == result["sha256"]
    root = (
        signing.load_trust_roots([portal.agency_root_path])
        if hasattr(signing, "load_trust_roots")
        else ()
    )
    report = signing.validate_pdf(download.content, trust_roots=list(root))
    assert report.all_intact and report.signatures
    assert requests.get(portal.url + result["url"]).status_code == 401
    assert officer(portal, dossier_id, "return_result")["status"] == 10
    steps = [h["status"] for h in client.get(f"/dossiers/{dossier_id}").json()["history"]]
    assert steps == [1, 2, 4, 9, 10]
    assert set(officer_module.MOVES) == {
        "receive",
        "process",
        "request_supplement",
        "request_payment",
        "finish",
        "return_result",
        "reject",
        "stop",
    }
    other = client.submitted(make_pdf(), PLAIN_PROCEDURE)
    assert officer(portal, other["id"], "reject")["status"] == 3
    third = client.submitted(make_pdf(), PLAIN_PROCEDURE)
    officer(portal, third["id"], "receive")
    assert officer(portal, third["id"], "stop")["status"] == 8


def test_supplement_round_trip(portal, client, pdfs):
    dossier = client.submitted(pdfs.signed)
    officer(portal, dossier["id"], "receive")
    none = client.post(
        f"/dossiers/{dossier['id']}/supplements",
        {"request_id": "x", "note": None, "files": []},
        idem=key(),
    )
    assert none.status_code == 409 and error_code(none) == "invalid_transition"
    bad_codes = requests.post(
        f"{portal.api_url}/sandbox/officer/dossiers/{dossier['id']}",
        json={"action": "request_supplement", "component_codes": ["TP9"]},
    )
    assert bad_codes.status_code == 422
    asked = officer(
        portal, dossier["id"], "request_supplement", note="Thiếu chữ ký", component_codes=["TP1"]
    )
    request = asked["supplement_request"]
    assert asked["status"] == 5 and request["component_codes"] == ["TP1"]
    assert request["note"] == "Thiếu chữ ký" and request["due_at"].endswith("+07:00")
    wrong = client.post(
        f"/dossiers/{dossier['id']}/supplements",
        {"request_id": request["id"], "note": "x", "files": [file_entry(pdfs.signed, "TP9")]},
        idem=key(),
    )
    assert wrong.status_code == 422 and error_code(wrong) == "invalid_dossier"
    created = client.post(
        f"/dossiers/{dossier['id']}/supplements",
        {
            "request_id": request["id"],
            "note": "Bổ sung bản đã ký",
            "files": [file_entry(pdfs.unsigned)],
        },
        idem=key(),
    )
    assert created.status_code == 201
    supplement = created.json()
    submit_url = f"/dossiers/{dossier['id']}/supplements/{supplement['id']}/submit"
    early = client.post(submit_url, idem=key())
    assert early.status_code == 422 and error_code(early) == "incomplete_dossier"
    client.upload(supplement["uploads"][0], pdfs.unsigned)
    unsigned = client.post(submit_url, idem=key())
    assert _problems(unsigned) == [("TP1", "signature_missing")]
    second = client.post(
        f"/dossiers/{dossier['id']}/supplements",
        {
            "request_id": request["id"],
            "note": "Bản đã ký",
            "files": [file_entry(pdfs.signed_other)],
        },
        idem=key(),
    ).json()
    client.upload(second["uploads"][0], pdfs.signed_other)
    done = client.post(f"/dossiers/{dossier['id']}/supplements/{second['id']}/submit", idem=key())
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == 4 and body["supplement_request"] is None
    assert any(u["file_id"] == second["uploads"][0]["file_id"] for u in body["uploads"])
    late = client.post(submit_url, idem=key())
    assert late.status_code == 409
    unknown = client.post(f"/dossiers/{dossier['id']}/supplements/khong-co/submit", idem=key())
    assert unknown.status_code == 404


def test_simulated_officer_is_deterministic_under_a_seed(tmp_path, pdfs):
    from tests.sandbox.conftest import Client, register_account

    runs = []
    for run in range(2):
        with running_sandbox(tmp_path / f"run{run}", seed=42) as server:
            client = Client(server, register_account(server))
            ids = [client.submitted(make_pdf(), PLAIN_PROCEDURE)["id"] for _ in range(6)]
            trace = []
            for _ in range(6):
                server.officer_tick()
                trace.append(tuple(client.get(f"/dossiers/{i}").json()["status"] for i in ids))
            runs.append(trace)
    assert runs[0] == runs[1]
    assert runs[0][0] == (2,) * 6 and runs[0][1] == (4,) * 6
    assert 5 in {s for step in runs[0] for s in step} or runs[0][-1] == (10,) * 6


def test_officer_walks_dossiers_by_itself_at_its_pace(tmp_path, pdfs):
    from tests.sandbox.conftest import Client, register_account

    with running_sandbox(tmp_path / "paced", pace=0.2, seed=3) as server:
        client = Client(server, register_account(server))
        dossier = client.submitted(make_pdf(), PLAIN_PROCEDURE)
        import time

        deadline = time.monotonic() + 20
        seen = set()
        status = 1
        while time.monotonic() < deadline and status not in (10, 5):
            status = client.get(f"/dossiers/{dossier['id']}").json()["status"]
            seen.add(status)
            time.sleep(0.05)
        assert status in (10, 5) and {2, 4} <= seen


def test_restart_on_the_same_port_keeps_everything(tmp_path):
    from tests.sandbox.conftest import Client, register_account

    server_options = {"seed": 1}
    with running_sandbox(tmp_path / "p", **server_options) as server:
        client = Client(server, register_account(server))
        data = make_pdf()
        dossier = client.create([data], PLAIN_PROCEDURE)
        url = server.url + dossier["uploads"][0]["upload_url"]
        client.http.patch(url, data=data[:300], headers=chunk_headers(data[:300], 0))
        port = server.port
        server.stop()
        try:
            client.http.head(url, timeout=2)
            raise AssertionError("the port should be closed")
        except requests.ConnectionError:
            pass
        server.start()
        assert server.port == port
        assert client.http.head(url).headers["Upload-Offset"] == "300"
        client.upload(dossier["uploads"][0], data)
        assert client.post(f"/dossiers/{dossier['id']}/submit", idem=key()).status_code == 200
